"""``chronist serve``: the web interface and HTTP API over one store (:mod:`chronist.web`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from chronist.cli import DEFAULT_DB, DbOption, app, err
from chronist.errors import ChronistError


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    allow_ingest: Annotated[
        bool,
        typer.Option(
            "--allow-ingest",
            help="Open POST /api/articles (needs --token-file; read-only otherwise).",
        ),
    ] = False,
    token_file: Annotated[
        Path | None,
        typer.Option(help="A file holding the token POST /api/articles requires."),
    ] = None,
) -> None:
    """Serve search, articles, events, actors, stories and the API (read-only by default)."""
    try:
        import uvicorn

        from chronist.web import create_app
    except ImportError:
        err.print('error: the web interface needs: pip install "chronist[web]"', markup=False)
        raise typer.Exit(2) from None
    token = None
    if token_file is not None:
        try:
            token = token_file.read_text(encoding="utf-8").strip()
        except OSError as exc:
            err.print(f"error: {token_file}: {exc.strerror}", markup=False)
            raise typer.Exit(2) from None
    try:
        web = create_app(db, allow_ingest=allow_ingest, token=token)
    except ChronistError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None
    err.print(f"chronist: serving {web.state.backend.label} on http://{host}:{port}/", markup=False)
    uvicorn.run(web, host=host, port=port, log_level="warning")
