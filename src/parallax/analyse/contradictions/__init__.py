"""Contradictions: claims whose statements disagree (numbers, negation, antonyms, NLI)."""
