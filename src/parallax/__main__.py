"""`python -m parallax`: the same command line as `parallax`."""

from parallax.cli import run

if __name__ == "__main__":
    run()
