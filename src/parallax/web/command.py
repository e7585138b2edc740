"""The `parallax serve` command, registered by `parallax.cli`."""

from __future__ import annotations

from typing import Annotated

import typer

from parallax.errors import ParallaxError

app = typer.Typer()


@app.command("serve")
def serve_command(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Start the web app: compare articles in the browser; JSON API under /api/."""
    typer.echo(f"Parallax on http://{host}:{port} (loading the models first; Ctrl-C stops)")
    from parallax.web.server import serve  # FastAPI and uvicorn load for this command only

    try:
        serve(host, port)
    except (ParallaxError, OSError) as err:
        typer.echo(f"error: {err.strerror if isinstance(err, OSError) else err}", err=True)
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        raise typer.Exit(130) from None
    except Exception as err:  # a bug: one line, as every parallax command reports one
        typer.echo(f"internal error: {type(err).__name__}: {err}", err=True)
        raise typer.Exit(1) from None
