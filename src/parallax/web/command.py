"""The `parallax serve` command, registered by `parallax.cli`."""

from __future__ import annotations

from typing import Annotated

import typer

from parallax.cli_common import errors_as_lines
from parallax.cli_corpus import DbOption
from parallax.errors import ParallaxError

app = typer.Typer()


def _explain(err: Exception) -> str:
    return (err.strerror or str(err)) if isinstance(err, OSError) else str(err)


@app.command("serve")
def serve_command(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    db: DbOption = None,
) -> None:
    """Start the web app: compare articles and browse the stories of the corpus store in the
    browser; JSON API under /api/."""
    # FastAPI, uvicorn and SQLAlchemy load for this command only.
    from parallax.corpus.store import StoreError, open_store
    from parallax.web.server import serve

    with errors_as_lines(ParallaxError, StoreError, OSError, explain=_explain), \
            open_store(db) as store:
        typer.echo(f"Parallax on http://{host}:{port}, stories from {store.url}; loading the "
                   "models first (Ctrl-C stops)")
        serve(host, port, store=store)
