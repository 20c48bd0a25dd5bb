"""The web pages for tests: a Starlette app of kg.web.pages.ROUTES, a test-only /sparql route, and a live
uvicorn server on a free loopback port for the browser tests.

The /sparql route here stands in for the server core's endpoint (kg.web.app, built on another branch) so
that the query page's JavaScript can be tested: it refuses what kg.sparql.safety refuses and answers in
the SPARQL 1.1 Query Results JSON format. It is never part of kg.
"""

from __future__ import annotations

import contextlib
import threading
import time
from urllib.parse import parse_qs

import uvicorn
from servers import HOST, free_port
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.routing import Route

from kg.errors import KgError
from kg.sparql.results import results_json
from kg.sparql.safety import check_query
from kg.web.pages import ROUTES
from kg.web.render import engine_of

START_TIMEOUT = 20.0  # seconds


async def sparql(request: Request):
    form = parse_qs((await request.body()).decode("utf-8"))
    text = form.get("query", [""])[0] or request.query_params.get("query", "")
    try:
        check_query(text)
        result = engine_of(request).query(text)
    except KgError as error:
        return PlainTextResponse(f"Error: {error}", status_code=400)
    return JSONResponse(results_json(result), media_type="application/sparql-results+json")


def web_app(with_sparql: bool = False) -> Starlette:
    """The pages alone, or with the stand-in /sparql endpoint."""
    routes = [Route("/sparql", sparql, methods=["GET", "POST"])] if with_sparql else []
    return Starlette(routes=routes + ROUTES)


@contextlib.contextmanager
def live_server(app: Starlette):
    """`app` served by uvicorn in a thread on 127.0.0.1; yields its base URL and stops it afterwards."""
    server = uvicorn.Server(uvicorn.Config(app, host=HOST, port=free_port(), log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    started = time.monotonic()
    while not server.started:
        if not thread.is_alive() or time.monotonic() - started > START_TIMEOUT:
            raise RuntimeError("the test web server did not start")
        time.sleep(0.05)
    try:
        yield f"http://{HOST}:{server.config.port}"
    finally:
        server.should_exit = True
        thread.join(10)
