"""Quantities: numbers with their units and counted nouns, matched across articles."""
