"""The `parallax` command line: the only part of the package that talks to the terminal."""
