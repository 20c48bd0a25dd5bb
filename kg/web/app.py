"""The ASGI app of `kg serve`: the SPARQL endpoint, the Linked Data IRIs and the HTML pages.

`create_app(config)` returns a Starlette app. Its QueryPool (kg.sparql.limits) starts with the app and
stops with it; every query of the endpoint and of the Linked Data IRIs goes through its QueryRouter
(kg.sparql.routing: in process once seen to be cheap, else in the pool), within the deadline and row
limit of the config. Every response carries the security headers (a strict Content-Security-Policy:
nothing is loaded from elsewhere); CORS is off unless `config.cors` (then any origin, no credentials).
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import logging
import time
from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.routing import Route

from kg.store.engines import pool_opener  # also registers the engine names ("store", "rdflib", "memory")
from kg.rdf.namespaces import shorten
from kg.sparql.limits import Limits, QueryPool
from kg.sparql.routing import QueryRouter
from kg.web.linked_data import linked_data
from kg.web.render import SECURITY_HEADERS
from kg.web.sparql import error_response, sparql_endpoint

LOG = logging.getLogger("kg.serve")
PAGES_MODULE = "kg.web.pages"  # the HTML pages (branch webui); mounted when the module is installed
# kg.web.render's headers, as ASGI sends them: defaults for every response; a page that sets one of them
# itself (the query page's style nonce, the network frame's script hashes and SAMEORIGIN framing) keeps its own.
DEFAULT_HEADERS = [(name.lower().encode("latin-1"), value.encode("latin-1"))
                   for name, value in SECURITY_HEADERS.items()]


@dataclass(frozen=True)
class ServeConfig:
    """What `kg serve` was asked for; `engine` is an engine name or a function that opens one ("memory": the
    store, copied into memory when small enough, kg.store.engines.open_server_engine)."""

    host: str = "127.0.0.1"
    port: int = 8000
    timeout: float = 30.0
    max_rows: int | None = None
    cors: bool = False
    workers: int = 4
    engine: object = "memory"


class SecurityHeaders:
    """ASGI middleware: the security headers on every response, one log line per request, and a one-line
    500 for an unexpected exception."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started, status = time.monotonic(), {}

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                message["headers"] = headers + [h for h in DEFAULT_HEADERS if h[0] not in present]
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception as error:  # a bug: one line in the log and a one-line 500, never a traceback
            LOG.error("internal error: %s: %s", type(error).__name__, shorten(" ".join(str(error).split()), 200))
            if "code" not in status:
                response = error_response("internal error; the server log has the details", 500)
                await response(scope, receive, send_with_headers)
        finally:
            client = (scope.get("client") or ("-",))[0]
            target = scope["path"] + ("?" + scope["query_string"].decode("latin-1") if scope["query_string"] else "")
            LOG.info('%s "%s %s" %s %.1f ms', client, scope["method"], shorten(target),
                     status.get("code", "-"), (time.monotonic() - started) * 1000)


def page_routes() -> list:
    """The routes of the HTML pages, kg.web.pages.ROUTES, once that module is part of the package."""
    if importlib.util.find_spec(PAGES_MODULE) is None:
        return []
    return list(importlib.import_module(PAGES_MODULE).ROUTES)


def create_app(config: ServeConfig = ServeConfig()) -> Starlette:
    """The Starlette app of `kg serve` for `config`; its worker pool lives as long as the app runs."""
    limits = Limits(timeout=config.timeout, max_rows=config.max_rows)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        app.state.limits = limits
        app.state.pool = QueryPool(pool_opener(config.engine), workers=config.workers, limits=limits)
        app.state.router = QueryRouter(app.state.pool)
        app.state.engine = app.state.router.engine()  # the pages' engine too (kg.web.render.engine_of)
        try:
            yield
        finally:
            app.state.pool.close()

    routes = [Route("/sparql", sparql_endpoint, methods=["GET", "POST"]),
              Route("/id/{path:path}", linked_data, methods=["GET"]), *page_routes()]
    middleware = [Middleware(SecurityHeaders)]
    if config.cors:
        middleware.append(Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"],
                                     allow_headers=["Accept", "Content-Type"], allow_credentials=False))
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
