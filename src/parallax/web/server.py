"""Serving the app with uvicorn."""

from __future__ import annotations

import socket

import uvicorn

from parallax.web.app import create_app
from parallax.web.limits import Limits
from parallax.web.runner import warm_up


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket listening on `host:port`; OSError names the address when that fails."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        return socket.create_server((host, port), family=family)
    except OSError as err:
        raise OSError(err.errno, f"cannot listen on {host}:{port} ({err.strerror})") from None


def serve(host: str = "127.0.0.1", port: int = 8000, limits: Limits | None = None) -> None:
    """Load the models, then serve the web app on `host:port` until interrupted."""
    sock = listening_socket(host, port)
    warm_up()
    config = uvicorn.Config(create_app(limits, warm=False), log_level="info", access_log=False)
    uvicorn.Server(config).run(sockets=[sock])
