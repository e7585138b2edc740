"""Helpers shared by several test packages (`from helpers.news import flood_story`).

`tests/` is on the import path through pytest's `pythonpath` setting (pyproject.toml), so
these import the same way whatever pytest's import mode.
"""
