"""The web interface and HTTP API: ``chronist serve``.

One ASGI app (FastAPI, with Jinja2 templates rendered on the server) over the query layer
(:class:`chronist.query.Chronicle`), the same on SQLite and PostgreSQL, read-only unless it is
started with ``--allow-ingest`` and a token. Pages: search with facets, an article with every
fact highlighted and its evidence one click away, events, actors, stories and an overview with
charts; the API under ``/api/`` takes the same filters. Nothing is loaded from the network: the
pages need no script (links, forms and CSS ``:target``), charts are SVG drawn on the server, and
``/docs`` renders the OpenAPI document as HTML on the server, where FastAPI's own docs page
would load Swagger UI from a CDN.

Modules: :mod:`~chronist.web.app` (the app, its errors and security headers),
:mod:`~chronist.web.params` (filters from query strings, bounded and validated),
:mod:`~chronist.web.pages` (HTML routes), :mod:`~chronist.web.api` (JSON routes),
:mod:`~chronist.web.render` (the highlighted body and the SVG charts).
"""

from chronist.web.app import create_app

__all__ = ["create_app"]
