"""The terminal summary, printed with Rich."""
