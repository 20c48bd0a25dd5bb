"""The web pages for tests: a Starlette app of kg.web.pages.ROUTES alone (for TestClient), and a live uvicorn
server on a free loopback port for the browser tests."""

from __future__ import annotations

import contextlib
import threading
import time

import uvicorn
from servers import HOST, free_port
from starlette.applications import Starlette

from kg.web.pages import ROUTES

START_TIMEOUT = 20.0  # seconds


def web_app() -> Starlette:
    """The HTML pages alone, without the server's endpoint, middleware or worker pool."""
    return Starlette(routes=ROUTES)


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
