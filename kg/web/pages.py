"""The web app's HTML pages: home and search, actors, facts and claims, sources, compare, path and query.

Each page parses its input, calls the same library functions as the CLI (kg.lookups, kg.names.resolve,
kg.network.page, kg.sparql.catalogue) and renders their data with the autoescaped templates of
kg/web/templates. `ROUTES` is what kg.web.app mounts; pages work without JavaScript, except the query
page's editor and the actor's network drawing (without JavaScript the query form goes to /query/results:
the query page with the results as a table made by the server). Every page but the query pages (a nonce
per response) is made once per address, then sent from memory (kg.web.cache): the data do not change.
"""

from __future__ import annotations

import secrets

from markupsafe import Markup
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from kg.errors import InputError, KgError, NotFoundError
from kg.lookups.common import select, value_of
from kg.lookups.compare import compare as compare_stances
from kg.lookups.path import path as shortest_path
from kg.lookups.search import search
from kg.lookups.show import show
from kg.lookups.sources import claims, single_source_facts, source_facts, source_metadata, sources
from kg.lookups.statement import statement as statement_record
from kg.names.resolve import resolve
from kg.network.page import json_for_script, vis_network_files
from kg.rdf.namespaces import PREFIXES, shorten
from kg.sparql.catalogue import get_query, named_queries
from kg.sparql.safety import check_query
from kg.web.cache import cached_page
from kg.web.network import network_frame
from kg.web.query_results import result_table
from kg.web.render import (PAGES, STATIC, engine_of, html_page, iri_of, linker_of, page_path, render,
                           status_of)
from kg.web.sparql import query_of, run_query

# The headline questions' named queries, in the order the home page lists them.
HEADLINE_QUERIES = ["tickets", "first_round_results", "runoff_results", "signatories_by_country"]
MAX_INPUT = 500  # characters of a name in a form; longer text is refused, not cut


def _param(request: Request, name: str) -> str:
    value = request.query_params.get(name, "").strip()
    if len(value) > MAX_INPUT:
        raise InputError(f"{name} is longer than {MAX_INPUT} characters: {shorten(value)!r}")
    return value


def _candidates(engine, query: str, label: str) -> list[dict]:
    """The candidates the named query lists (variables ?candidate and `label`), once each, in its order."""
    unique = {row["candidate"].value: value_of(row, label) for row in select(engine, query)}
    return [{"iri": iri, "label": name} for iri, name in unique.items()]


@cached_page
@html_page
def home(request: Request):
    """The search box, the headline questions as links, and the graph's counts."""
    engine = engine_of(request)
    text, problem, matches = _param(request, "q"), "", []
    if text:
        try:
            return RedirectResponse(page_path(resolve(text, engine).iri), status_code=303)
        except NotFoundError as error:
            problem, matches = str(error), search(engine, text)
    counts = {k: int(v.value) for k, v in select(engine, "graph_counts")[0].items()}
    queries = named_queries()
    return render(request, "home.html", q=text, problem=problem, matches=matches, counts=counts,
                  sources=sources(engine), candidates=_candidates(engine, "runoff_candidates", "label"),
                  headline=[queries[name] for name in HEADLINE_QUERIES if name in queries])


@cached_page
@html_page
def actor(request: Request):
    """Everything about one actor, as `kg show` groups it, with its network and chains to the candidates."""
    engine = engine_of(request)
    profile = show(engine, iri_of("/actor/", request.path_params["local"]))
    candidates = _candidates(engine, "first_round_results", "candidateLabel")
    others = [c for c in candidates if c["iri"] != profile.actor.iri]
    return render(request, "actor.html", profile=profile, others=others)


@cached_page
def actor_network(request: Request):
    """The `kg viz` page around one actor, drawn inside the actor page's frame."""
    try:
        return network_frame(engine_of(request), iri_of("/actor/", request.path_params["local"]))
    except KgError as error:
        return Response(f"Error: {error}", status_code=status_of(error), media_type="text/plain")


@cached_page
@html_page
def statement(request: Request):
    """One fact or claim: what it states, its qualifiers, and each source with its quote."""
    record = statement_record(engine_of(request), iri_of("/statement/", request.path_params["local"]))
    return render(request, "statement.html", record=record)


@cached_page
@html_page
def source(request: Request):
    """One source document: metadata and stance, its facts, those only it supports, and its claims."""
    engine = engine_of(request)
    metadata = source_metadata(engine, iri_of("/source/", request.path_params["local"]))
    iri = metadata.source.iri
    summary = next(s for s in sources(engine) if s.source == iri)
    return render(request, "source.html", metadata=metadata, summary=summary, facts=source_facts(engine, iri),
                  single=single_source_facts(engine, iri), claims=claims(engine, iri))


@cached_page
@html_page
def compare(request: Request):
    """Two actors' stances side by side, issue by issue (`kg compare`)."""
    a, b, issue = _param(request, "a"), _param(request, "b"), _param(request, "issue")
    result = compare_stances(engine_of(request), a, b, issue or None) if a and b else None
    return render(request, "compare.html", a=a, b=b, issue=issue, result=result)


@cached_page
@html_page
def path(request: Request):
    """The shortest chain of facts between two actors (`kg path`)."""
    a, b = _param(request, "from"), _param(request, "to")
    result = shortest_path(engine_of(request), a, b) if a and b else None
    return render(request, "path.html", a=a, b=b, result=result)


def query_page(request: Request, text: str, chosen=None, status: int = 200, **results) -> Response:
    """The query page with `text` in the editor; `results` (table, problem) when the server ran it."""
    gallery = [q for q in named_queries().values() if not q.is_check]
    nonce, link = secrets.token_urlsafe(16), linker_of(request)
    config = {"pages": PAGES, "actors": sorted(link.actors), "style_nonce": nonce,
              "prefixes": sorted(PREFIXES.items(), key=lambda p: -len(p[1]))}
    return render(request, "query.html", status=status, style_nonce=nonce, link=link, chosen=chosen, text=text,
                  gallery=gallery, config=Markup(json_for_script(config)),
                  table=results.get("table"), problem=results.get("problem", ""))


@html_page
def query(request: Request):
    """The SPARQL editor, the gallery of named queries, and (in the browser) the results of /sparql."""
    name, text = _param(request, "name"), request.query_params.get("q", "")
    chosen = get_query(name) if name else None
    return query_page(request, text or (chosen.text if chosen else ""), chosen)


async def query_results(request: Request):
    """The query page with the results of its `query` as an HTML table, made by the server (for browsers
    without JavaScript): run like /sparql's, within the deadline and row limit."""
    text = ""
    try:
        text = query_of(list(request.query_params.multi_items())) or ""
        if not text.strip():
            raise InputError("no query: write one in the box and press Run")
        check_query(text)
        result = await run_query(request, text)
    except KgError as error:
        status = status_of(error)
        return await run_in_threadpool(query_page, request, text, None, status, problem=str(error))
    return await run_in_threadpool(query_page, request, text, table=result_table(result, linker_of(request)))


def vis_network(request: Request):
    """vis-network's script and style, served from the copy that the pyvis package bundles."""
    kind = request.path_params["kind"]
    if kind not in ("js", "css"):
        return Response("not found", status_code=404, media_type="text/plain")
    script, style = vis_network_files()
    if kind == "js":
        return Response(script, media_type="text/javascript")
    return Response(style, media_type="text/css")


ROUTES = [
    Route("/", home, name="home"),
    Route("/actor/{local}", actor, name="actor"),
    Route("/actor/{local}/network", actor_network, name="actor_network"),
    Route("/statement/{local}", statement, name="statement"),
    Route("/source/{local}", source, name="source"),
    Route("/compare", compare, name="compare"),
    Route("/path", path, name="path"),
    Route("/query", query, name="query"),
    Route("/query/results", query_results, name="query_results"),
    Route("/static/vis/vis-network.{kind:str}", vis_network, name="vis_network"),
    Mount("/static", StaticFiles(directory=STATIC), name="static"),
]
