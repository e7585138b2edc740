"""Serving the app with uvicorn."""

from __future__ import annotations

import uvicorn

from parallax.web.app import create_app
from parallax.web.limits import Limits


def serve(host: str = "127.0.0.1", port: int = 8000, limits: Limits | None = None) -> None:
    """Serve the web app on `host:port` until interrupted; models load before it answers."""
    uvicorn.run(create_app(limits), host=host, port=port, log_level="info", access_log=False)
