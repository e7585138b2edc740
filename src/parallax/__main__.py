"""`python -m parallax`: the same command line as `parallax`."""

from parallax.cli.main import run

if __name__ == "__main__":
    run()
