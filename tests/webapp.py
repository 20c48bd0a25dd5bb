"""The web pages for tests: a Starlette app of kg.web.pages.ROUTES alone (for TestClient), helpers that read
its pages, and a live uvicorn server on a free loopback port for the browser tests."""

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


def get(client, url, status=200):
    response = client.get(url, follow_redirects=False)
    assert response.status_code == status, (url, response.status_code, response.text[:500])
    return response


def section(page: str, element_id: str) -> str:
    """The HTML of the <section> with that id."""
    start = page.index(f'<section id="{element_id}"')
    return page[start:page.index("</section>", start)]


def items(part: str, kind: str = "fact") -> list[str]:
    """The HTML of each <li class="fact"> (or "claim") in part of a page."""
    return part.split(f'<li class="{kind}">')[1:]


def the_item(part: str, *needles: str, kind: str = "fact") -> str:
    found = [item for item in items(part, kind) if all(n in item for n in needles)]
    assert len(found) == 1, (needles, len(found))
    return found[0]
