"""The HTML report: one self-contained page with the articles side by side."""
