"""The `parallax serve` command, registered by `parallax.cli.main`."""

from __future__ import annotations

from typing import Annotated

import typer

from parallax.cli.corpus_options import DbOption, corpus_errors_as_lines

app = typer.Typer()


@app.command("serve")
def serve_command(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    db: DbOption = None,
) -> None:
    """Start the web app: compare articles and browse the stories of the corpus store in the
    browser; JSON API under /api/."""
    # FastAPI, uvicorn and SQLAlchemy load for this command only.
    from parallax.corpus.store.session import open_store
    from parallax.web.server import serve

    with corpus_errors_as_lines(), open_store(db) as store:
        typer.echo(f"Parallax on http://{host}:{port}, stories from {store.url}; loading the "
                   "models first (Ctrl-C stops)")
        serve(host, port, store=store)
