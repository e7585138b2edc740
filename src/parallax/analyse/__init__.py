"""Analyse: what the compared articles say beyond shared claims (quotes and their speakers)."""

from parallax.analyse.quotes.extract import (
    extract_quotes,
    extract_scare_quotes,
    quotes_of,
    unmatched,
)

__all__ = ["extract_quotes", "extract_scare_quotes", "quotes_of", "unmatched"]
