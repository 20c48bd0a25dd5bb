"""Answers kept in memory: the data do not change while the server runs, so a page or a resource's
description made once is sent again as it is, without a query.

`app_cache` is an app's cache (kg.sparql.lru.LRUCache) of a given name, made on first use;
`cached_page` keeps a page's 200 answers by path and query string.
"""

from __future__ import annotations

import functools
from threading import Lock

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from kg.sparql.lru import LRUCache

CACHED_PAGES = 256  # rendered pages kept (path and query string), the least recently used dropped first
_app_caches_lock = Lock()


def app_cache(request: Request, name: str, size: int) -> LRUCache:
    """The app's cache called `name` (an attribute of app.state), made with `size` on first use."""
    state = request.app.state
    with _app_caches_lock:
        cache = getattr(state, name, None)
        if cache is None:
            cache = LRUCache(size)
            setattr(state, name, cache)
        return cache


def cached_page(handler):
    """The page `handler` (a function of the request), with its 200 answers kept by path and query string and
    sent again without running it; other answers (errors, redirects) are made each time. Not for a page that
    differs from one response to the next, such as the query page with its per-response nonce."""

    @functools.wraps(handler)
    async def endpoint(request: Request) -> Response:
        cache = app_cache(request, "pages", CACHED_PAGES)
        key = f"{request.url.path}?{request.url.query}"
        kept = cache.get(key)
        if kept is None:
            response = await run_in_threadpool(handler, request)
            if response.status_code != 200:
                return response
            kept = (response.body, {k: v for k, v in response.headers.items() if k != "content-length"})
            cache.put(key, kept)
        body, headers = kept
        return Response(body, headers=headers)

    return endpoint
