"""Serving the app with uvicorn."""

from __future__ import annotations

import socket

import uvicorn

from parallax.corpus.store.session import Store
from parallax.corpus.stories.search import refresh_names
from parallax.errors import ListenError
from parallax.web.app import create_app
from parallax.web.limits import Limits
from parallax.web.runner import warm_up


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket listening on `host:port` (0: any free port); `ListenError` names the
    address."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP said explicitly: asyncio sets TCP_NODELAY on accepted connections only then,
    # and without it every response on a kept-alive connection waits 40 ms for a delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(2048)
    except OSError as err:
        sock.close()
        raise ListenError(f"cannot listen on {host}:{port} ({err.strerror})") from None
    return sock


def serve(
    host: str = "127.0.0.1", port: int = 8000, *, store: Store | None = None,
    limits: Limits | None = None,
) -> None:
    """Load the models and index the store's story names, then serve the web app on
    `host:port` until interrupted, its stories read from `store`."""
    sock = listening_socket(host, port)
    warm_up()
    if store is not None:
        refresh_names(store)  # else the first search of a large store would pay for it
    app = create_app(limits, warm=False, store=store)
    uvicorn.Server(uvicorn.Config(app, log_level="info", access_log=False)).run(sockets=[sock])
