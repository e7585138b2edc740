"""Tests of the framing analysers."""
