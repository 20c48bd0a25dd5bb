"""What every HTML page of the web app shares: the Jinja2 templates (autoescaped), the security headers, the
engine, links from IRIs to pages, and one-line error pages for names that designate nothing.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from kg.errors import InputError, KgError, LimitError, NotFoundError, RowLimitError
from kg.lookups.common import select
from kg.lookups.sources import sources
from kg.rdf.namespaces import ID_NS, PREFIXES, compact_iri, shorten
from kg.store.engines import open_engine

HERE = Path(__file__).resolve().parent
TEMPLATES, STATIC = HERE / "templates", HERE / "static"

# Only the server's own scripts, styles, images and frames; no inline script, nothing fetched elsewhere.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "frame-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
# Every response's headers (kg.web.app adds them to those that lack one); a page may set its own policy.
SECURITY_HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
                    "Referrer-Policy": "no-referrer", "Cross-Origin-Opener-Policy": "same-origin",
                    "X-Frame-Options": "DENY"}
# The HTTP status of each kind of user-facing error, the first that matches; an error class may carry its own
# `http_status` (kg.web.formats.NotAcceptable: 406, kg.web.sparql.BodyTooLarge: 413).
STATUS = ((RowLimitError, 400), (LimitError, 503), (NotFoundError, 404), (InputError, 400))

# IRI namespace -> the page that shows resources in it; actors only when they are actors (see Linker).
PAGES = [(PREFIXES["st"], "/statement/"), (PREFIXES["src"], "/source/"), (ID_NS, "/actor/")]

LOCAL_NAME = re.compile(r"[\w.~-]+")

_engine_lock = threading.Lock()


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["short"] = compact_iri
    env.filters["anchor"] = anchor
    return env


def anchor(title: str) -> str:
    """An element id for a section title: "endorsements received" -> "endorsements-received"."""
    return "-".join(title.lower().split())


def engine_of(request: Request):
    """The app's engine (`app.state.engine` when the app sets one), opened once on first use otherwise."""
    state = request.app.state
    with _engine_lock:
        if getattr(state, "engine", None) is None:
            state.engine = open_engine("store")
        return state.engine


def page_path(iri: str) -> str | None:
    """The path of the page that shows `iri` (`/actor/javier-milei`, `/source/op-ed`), None outside the graph."""
    for namespace, prefix in PAGES:
        local = iri[len(namespace):]
        if iri.startswith(namespace) and local and "/" not in local:
            return prefix + quote(local, safe="")
    return None


def iri_of(prefix: str, local: str) -> str:
    """The IRI that the page `prefix` + `local` shows (the inverse of page_path); NotFoundError for a local
    name that no IRI of the graph has (only letters, digits and `-._~` occur in them)."""
    if not LOCAL_NAME.fullmatch(local):
        raise NotFoundError(f"no page {prefix}{shorten(local)}: an address names an IRI's local name, "
                            "such as /actor/javier-milei")
    namespace = next(ns for ns, page in PAGES if page == prefix)
    return namespace + local


class Linker:
    """Links from IRIs to their pages; kg: resources get an actor page only when they are actors.

    `titles` names each source document, for evidence that gives only the source's IRI.
    """

    def __init__(self, engine):
        self.engine = engine
        self.actors = {row["actor"].value for row in select(engine, "network_nodes")}
        self.titles = {summary.source: summary.label for summary in sources(engine)}

    def __call__(self, iri: str) -> str | None:
        if not iri:
            return None
        path = page_path(iri)
        if path and path.startswith("/actor/") and iri not in self.actors:
            return None
        return path


def linker_of(request: Request) -> Linker:
    """The Linker of the app's engine, made once per engine (the store does not change under it)."""
    engine = engine_of(request)
    state = request.app.state
    with _engine_lock:
        if getattr(state, "linker", None) is None or state.linker.engine is not engine:
            state.linker = Linker(engine)
        return state.linker


def render(request: Request, template: str, status: int = 200, style_nonce: str = "", **context) -> HTMLResponse:
    """The page `template` filled with `context` (every value escaped), with the security headers.

    `style_nonce` allows the <style> elements that carry it (the query editor's, which CodeMirror makes).
    """
    if "link" not in context:
        context["link"] = linker_of(request)
    html = environment().get_template(template).render(request_path=request.url.path, **context)
    policy = CSP.replace("style-src 'self'", f"style-src 'self' 'nonce-{style_nonce}'") if style_nonce else CSP
    return HTMLResponse(html, status_code=status, headers={**SECURITY_HEADERS, "Content-Security-Policy": policy})


def status_of(error: KgError) -> int:
    """The HTTP status of a user-facing error: its class's `http_status`, else 400 for a refusal or a result
    over the row limit, 503 for a deadline, 404 for a name that designates nothing, 500 for the rest."""
    own = getattr(error, "http_status", None)
    return own or next((code for kind, code in STATUS if isinstance(error, kind)), 500)


def error_page(request: Request, error: KgError) -> HTMLResponse:
    """The one-line message of a user-facing error, with the status that fits it (404, 400 or 503)."""
    status = status_of(error)
    return render(request, "error.html", status=status, message=str(error), link=None)


def html_page(handler):
    """A page handler whose user-facing errors (unknown names, bad input, limits) become error pages."""

    def endpoint(request: Request):
        try:
            return handler(request)
        except KgError as error:
            return error_page(request, error)

    endpoint.__name__ = handler.__name__
    endpoint.__doc__ = handler.__doc__
    return endpoint
