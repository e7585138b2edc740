"""Stories: stored articles grouped into stories (the clustering stage), read back and searched."""
