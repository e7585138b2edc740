"""Quotes: quotations and reported speech, their speakers, matched across articles."""
