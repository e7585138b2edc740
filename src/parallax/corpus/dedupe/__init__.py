"""Near-duplicates: MinHash signatures and LSH bands kept in the store."""
