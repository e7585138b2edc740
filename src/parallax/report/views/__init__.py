"""What every human-readable report shows, computed once from a Comparison."""
