"""The web app of `parallax serve`: compare articles in the browser, and a JSON API."""

from parallax.web.app import create_app
from parallax.web.limits import Limits
from parallax.web.server import serve

__all__ = ["Limits", "create_app", "serve"]
