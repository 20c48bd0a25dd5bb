"""Linked Data: every IRI under https://w3id.org/argentina2023/id/ answers under the same path here.

`/id/javier-milei`, `/id/statement/...`, `/id/source/...`: a browser (Accept: text/html) gets a 303 See
Other to the resource's HTML page (`/actor/`, `/statement/`, `/source/`); an RDF client gets the triples
about the resource (named query `resource_description`) as Turtle, N-Triples, JSON-LD or RDF/XML.
A resource that no triple describes is a 404. The data does not change while the server runs, so the
last DESCRIBED_CACHE answers are kept, serialised, and sent again without a query.
"""

from __future__ import annotations

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from kg.errors import KgError, NotFoundError
from kg.rdf.namespaces import ID_NS, shorten
from kg.sparql.catalogue import get_query
from kg.sparql.results import graph_text
from kg.web.cache import app_cache
from kg.web.formats import GRAPH_FORMATS, HTML, negotiate
from kg.web.render import page_path, status_of
from kg.web.sparql import error_response, requested_format, run_query

DESCRIBED_CACHE = 256  # serialised descriptions kept (IRI and format), the least recently used dropped first


def resource_iri(path: str) -> ox.NamedNode:
    """The IRI that /id/`path` serves; NotFoundError when it is not a valid IRI."""
    try:
        return ox.NamedNode(ID_NS + path)
    except ValueError:
        raise NotFoundError(f"no resource <{shorten(ID_NS + path)}> in the graph") from None


async def describe(request: Request, iri: ox.NamedNode, fmt_name: str) -> str:
    """The triples about `iri` serialised as `fmt_name` ("html": none, only whether there are any);
    NotFoundError when there are none."""
    cache = app_cache(request, "described", DESCRIBED_CACHE)
    text = cache.get((iri.value, fmt_name))
    if text is None:
        result = await run_query(request, get_query("resource_description").text, {"resource": iri})
        if not result.triples:
            raise NotFoundError(f"no resource <{shorten(iri.value)}> in the graph")
        text = "" if fmt_name == "html" else graph_text(result.triples, fmt_name)
        cache.put((iri.value, fmt_name), text)
    return text


async def linked_data(request: Request) -> Response:
    """GET /id/{path}: a 303 to the HTML page for browsers, the resource's triples for RDF clients."""
    try:
        iri = resource_iri(request.path_params["path"])
        fmt = negotiate([*GRAPH_FORMATS, HTML], request.headers.get("accept"),
                        requested_format(list(request.query_params.multi_items())))
        text = await describe(request, iri, fmt.name)
        if fmt is HTML:
            page = page_path(iri.value)
            if page is None:
                raise NotFoundError(f"<{shorten(iri.value)}> has no HTML page; ask for text/turtle")
            return RedirectResponse(page, status_code=303, headers={"Vary": "Accept"})
        return Response(text, media_type=fmt.media_type, headers={"Vary": "Accept"})
    except KgError as error:
        return error_response(error, status_of(error))
