"""The web app of `parallax serve`: compare articles in the browser, and a JSON API.

`parallax.web.app.create_app` builds the app; `parallax.web.server.serve` serves it.
"""
