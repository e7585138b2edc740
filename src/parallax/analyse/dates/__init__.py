"""Dates: date expressions resolved against the publication date, and a timeline."""
