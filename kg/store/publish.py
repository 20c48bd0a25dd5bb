"""`kg publish`: the whole dataset onto a SPARQL server, with the SPARQL 1.1 Graph Store HTTP Protocol.

Each named graph of the embedded store (one per input file: ontology, data, each KG_DATA file) is sent as
N-Triples with PUT `STORE?graph=IRI`, which replaces that graph as a whole on the server (atomically per
graph on Oxigraph and Virtuoso). Last comes the manifest graph (kg.sparql.endpoint_engine.MANIFEST_GRAPH),
which lists the graphs (dcterms:hasPart) and a version (owl:versionInfo, a hash of the graphs' content)
that endpoint lookups use to know when their name index is stale. Graphs that an earlier publish listed
and this one does not are then deleted. Until the manifest is replaced, readers see the previous graph set.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass

import pyoxigraph as ox

from kg.errors import InputError
from kg.rdf.export import canonical_quads
from kg.sparql.endpoint_engine import MANIFEST_GRAPH
from kg.sparql.endpoint_spec import checked_url
from kg.sparql.http import new_client, read_body, refusal, send, server_name

PUBLISH_TIMEOUT = 300.0  # seconds per graph upload
DEADLOCK_RETRIES = 3  # a request that the server rolled back as a deadlock is sent again
DEADLOCK_BACKOFF = 1.0  # seconds before the first retry, doubled at each
_HAS_PART = ox.NamedNode("http://purl.org/dc/terms/hasPart")
_MODIFIED = ox.NamedNode("http://purl.org/dc/terms/modified")
_VERSION = ox.NamedNode("http://www.w3.org/2002/07/owl#versionInfo")
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_DATASET = ox.NamedNode("http://rdfs.org/ns/void#Dataset")
_DATETIME = ox.NamedNode("http://www.w3.org/2001/XMLSchema#dateTime")


@dataclass(frozen=True)
class GraphUpload:
    """One named graph to send: its IRI, its triples as an N-Triples document, how many."""

    graph: str
    body: bytes
    triples: int


def dataset_graphs() -> list[GraphUpload]:
    """Every named graph of the dataset, in IRI order, each as an N-Triples document: blank nodes labelled
    by RDFC-1.0 and lines sorted, so that the same data give the same bytes and the same version."""
    by_graph: dict[str, list[str]] = {}
    for quad in canonical_quads():
        by_graph.setdefault(quad.graph_name.value, []).append(f"{ox.Triple(quad.subject, quad.predicate, quad.object)} .\n")
    return [GraphUpload(graph, "".join(sorted(lines)).encode("utf-8"), len(lines)) for graph, lines in sorted(by_graph.items())]


def manifest(uploads: list[GraphUpload]) -> GraphUpload:
    """The manifest graph for `uploads`: its graphs and a version that changes with their content."""
    digest = hashlib.sha256()
    for upload in uploads:
        digest.update(upload.graph.encode() + b"\n" + hashlib.sha256(upload.body).digest())
    node = ox.NamedNode(MANIFEST_GRAPH)
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    triples = [ox.Triple(node, _TYPE, _DATASET), ox.Triple(node, _VERSION, ox.Literal(digest.hexdigest())),
               ox.Triple(node, _MODIFIED, ox.Literal(now, datatype=_DATETIME))]
    triples += [ox.Triple(node, _HAS_PART, ox.NamedNode(upload.graph)) for upload in uploads]
    return GraphUpload(MANIFEST_GRAPH, "".join(f"{t} .\n" for t in triples).encode("utf-8"), len(triples))


def publish(store_url: str, uploads: list[GraphUpload], on_graph: Callable[[GraphUpload], None] = lambda _: None,
            ) -> list[str]:
    """PUT every graph of `uploads`, then the manifest, to the Graph Store at `store_url`; delete the graphs
    that the previous manifest listed and this one does not. Returns the deleted graphs' IRIs."""
    url = checked_url(store_url)
    where = server_name(url).replace("the endpoint", "the graph store")
    with new_client() as client:
        previous = _listed_graphs(client, url, where)
        for upload in uploads:
            _request(client, "PUT", url, upload.graph, where, content=upload.body,
                     headers={"Content-Type": "application/n-triples"})
            on_graph(upload)
        _request(client, "PUT", url, MANIFEST_GRAPH, where, content=manifest(uploads).body,
                 headers={"Content-Type": "application/n-triples"})
        stale = sorted(previous - {upload.graph for upload in uploads} - {MANIFEST_GRAPH})
        for graph in stale:
            _request(client, "DELETE", url, graph, where, missing_ok=True)
    return stale


def _listed_graphs(client, url: str, where: str) -> set[str]:
    """The graphs that the manifest on the store lists (empty when there is none)."""
    body = _request(client, "GET", url, MANIFEST_GRAPH, where, missing_ok=True,
                    headers={"Accept": "application/n-triples"})
    if not body:
        return set()
    try:
        return {t.object.value for t in ox.parse(body, format=ox.RdfFormat.N_TRIPLES) if t.predicate == _HAS_PART}
    except SyntaxError:
        return set()


def _request(client, method: str, url: str, graph: str, where: str, missing_ok: bool = False, **request) -> bytes:
    deadline = time.monotonic() + PUBLISH_TIMEOUT
    for attempt in range(DEADLOCK_RETRIES + 1):
        for response in send(client, method, url, deadline, params={"graph": graph}, **request):
            body = read_body(response, deadline, f"the answer of {where}")
            if response.status_code == 404 and missing_ok:
                return b""
            wait = DEADLOCK_BACKOFF * 2 ** attempt
            if _deadlocked(response, body) and attempt < DEADLOCK_RETRIES and time.monotonic() + wait < deadline:
                break  # rolled back whole: the same request again replaces the graph as it would have
            if not 200 <= response.status_code < 300:
                error = refusal(response, body, where)
                raise InputError(f"{error} (while sending <{graph}>)" if method == "PUT" else str(error))
            return body
        time.sleep(wait)
    raise AssertionError("the last attempt returns or raises")


def _deadlocked(response, body: bytes) -> bool:
    """Whether the server rolled the request's transaction back as a deadlock: Virtuoso answers a PUT of a
    large graph now and then with HTTP 500, SQL state 40001 and error SR172 (seen with 118,000 triples)."""
    return response.status_code == 500 and (b"SR172" in body or b"Error 40001" in body)
