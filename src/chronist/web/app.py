"""The ASGI app: one store, the page and API routes, errors and security headers.

- The store is opened once per worker thread (a SQLite connection belongs to its thread) and
  only read, unless ``allow_ingest`` is set: then ``POST /api/articles`` takes an article with
  ``Authorization: Bearer <token>`` and stores it (the token is required and compared in
  constant time).
- Errors: a filter the query layer cannot use answers 400 with its message (never FastAPI's
  422 dump), a missing page 404, and anything unexpected 500 with one sentence, never a
  traceback. ``/api/`` answers JSON, pages answer HTML.
- Headers on every answer: a Content-Security-Policy that allows nothing but this origin
  (no inline script, no frames, no plugins), ``X-Content-Type-Options: nosniff``, no referrer
  and no framing. No CORS headers are sent, so other sites' scripts cannot read the API.
"""

from __future__ import annotations

import hmac
import logging
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.exceptions import HTTPException

from chronist.errors import ChronistError
from chronist.events.ontology import PLOVER_TYPES, QUAD_NAMES
from chronist.query import Chronicle
from chronist.settings import Settings
from chronist.store import is_url, redact
from chronist.web.params import BadRequest
from chronist.web.render import bdi, safe_url

log = logging.getLogger("chronist.web")
HERE = Path(__file__).resolve().parent
#: Allows this origin's style sheet and nothing else to run or load.
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)


#: How many whole-store summaries the app keeps (see :meth:`Backend.cached`).
CACHE_SIZE = 64


class Backend:
    """The store behind the app: one :class:`Chronicle` per thread, opened on first use."""

    def __init__(self, db: str) -> None:
        if not is_url(db) and not Path(db).exists():
            raise ChronistError(f"no store at {db} (run `chronist ingest` first)")
        self.db = db
        self.label = redact(db)
        self._local = threading.local()
        self._all: list[Chronicle] = []
        self._lock = threading.Lock()
        self._cache: OrderedDict[tuple[Any, ...], tuple[tuple[Any, ...], Any]] = OrderedDict()
        self.chronicle()  # a store that cannot be opened fails now, not on the first request

    def chronicle(self) -> Chronicle:
        found = getattr(self._local, "chronicle", None)
        if found is None:
            found = Chronicle.open(self.db)
            found.strict_search = True  # a query the syntax rejects is a 400, never rewritten
            self._local.chronicle = found
            with self._lock:
                self._all.append(found)
        return found

    def cached(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        """``compute()``'s answer for ``key``, reused while the store holds the same articles
        and stories (a summary of the whole store, such as its outlets or its actors, is the
        same for every visitor until an ingest changes it). At most :data:`CACHE_SIZE` kept."""
        generation = tuple(
            self.chronicle().store.fetch(
                "SELECT (SELECT count(*) FROM articles), (SELECT max(seq) FROM articles),"
                " (SELECT count(*) FROM story_articles)"
            )[0]
        )
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None and hit[0] == generation:
                self._cache.move_to_end(key)
                return hit[1]
        value = compute()
        with self._lock:
            self._cache[key] = (generation, value)
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return value

    def close(self) -> None:
        with self._lock:
            for chronicle in self._all:
                try:
                    chronicle.close()
                except Exception:  # closing from another thread: SQLite may refuse
                    log.debug("could not close a store connection", exc_info=True)
            self._all.clear()


def templates() -> Environment:
    """The Jinja2 environment of the pages: autoescaped, with the filters they use."""
    env = Environment(
        loader=PackageLoader("chronist.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["bdi"] = bdi
    env.filters["safe_url"] = safe_url
    env.globals["QUAD_NAMES"] = QUAD_NAMES
    env.globals["TYPES"] = list(PLOVER_TYPES)
    return env


def create_app(
    db: str,
    *,
    allow_ingest: bool = False,
    token: str | None = None,
    settings: Settings | None = None,
) -> FastAPI:
    """The web app over the store at ``db`` (a path or URL). ``allow_ingest`` with a
    ``token`` opens ``POST /api/articles``; without a token it is refused."""
    if allow_ingest and not token:
        raise ChronistError("--allow-ingest needs a token (--token-file FILE)")
    backend = Backend(db)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        backend.close()

    app = FastAPI(
        lifespan=lifespan,
        title="chronist",
        summary="Articles, events, quotes, actors and stories of one chronist store.",
        version="1",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.backend = backend
    app.state.templates = templates()
    app.state.allow_ingest = allow_ingest
    app.state.token = token
    app.state.settings = settings or Settings()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    from chronist.web import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)

    @app.middleware("http")
    async def headers(request: Request, call_next: Any) -> Response:
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    def answer(request: Request, status: int, message: str) -> Response:
        if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
            return JSONResponse({"error": message, "status": status}, status_code=status)
        page = app.state.templates.get_template("error.html").render(
            status=status, message=message, db=backend.label
        )
        return HTMLResponse(page, status_code=status)

    @app.exception_handler(BadRequest)
    async def bad_request(request: Request, exc: BadRequest) -> Response:
        return answer(request, 400, str(exc))

    @app.exception_handler(ChronistError)
    async def chronist_error(request: Request, exc: ChronistError) -> Response:
        return answer(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg')}"
            for e in exc.errors()
        )
        return answer(request, 400, problems or "invalid request")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "request refused"
        if exc.status_code == 404 and message == "Not Found":
            message = "no such page"
        return answer(request, exc.status_code, message)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.error("error answering %s", request.url.path, exc_info=exc)
        return answer(request, 500, "the server could not answer this request")

    return app


def check_token(request: Request) -> None:
    """Refuse a write unless the app allows it and the request carries its token."""
    app = request.app
    if not app.state.allow_ingest:
        raise HTTPException(403, "this server is read-only (start it with --allow-ingest)")
    given = request.headers.get("authorization", "")
    expected = f"Bearer {app.state.token}"
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(401, "a valid token is needed (Authorization: Bearer <token>)")


__all__ = ["Backend", "check_token", "create_app", "templates"]
