"""Content negotiation: which serialisation of a query result or a resource a client asked for.

A client names it with the `format` (or `output`) parameter, as SPARQLWrapper and many endpoints do, or
with the Accept header (q-values honoured). SELECT and ASK results have four formats, graphs (CONSTRUCT,
DESCRIBE, Linked Data pages) four others; `json` and `xml` name the graph forms JSON-LD and RDF/XML for
graphs, as SPARQLWrapper expects.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.errors import InputError
from kg.rdf.namespaces import shorten


@dataclass(frozen=True)
class Format:
    name: str  # as in kg.sparql.results: json, xml, csv, tsv; turtle, ntriples, jsonld, rdfxml; html
    media_type: str  # sent as Content-Type
    accepted: tuple[str, ...]  # media types of Accept that choose it, the Content-Type first
    aliases: tuple[str, ...]  # values of the format parameter that choose it


def _format(name, types, aliases=()):
    text = types[0].startswith("text/") or types[0].endswith(("+xml", "+json", "/json", "/xml"))
    return Format(name, types[0] + ("; charset=utf-8" if text else ""), types, (name, *aliases))


RESULT_FORMATS = [  # the first is the default
    _format("json", ("application/sparql-results+json", "application/json")),
    _format("xml", ("application/sparql-results+xml", "application/xml", "text/xml")),
    _format("csv", ("text/csv",)),
    _format("tsv", ("text/tab-separated-values",)),
]
GRAPH_FORMATS = [
    _format("turtle", ("text/turtle", "application/x-turtle"), ("ttl", "n3")),
    _format("ntriples", ("application/n-triples", "text/plain"), ("nt", "n-triples")),
    _format("jsonld", ("application/ld+json", "application/json"), ("json-ld", "json")),
    _format("rdfxml", ("application/rdf+xml", "application/xml", "text/xml"), ("rdf", "rdf+xml", "xml")),
]
HTML = _format("html", ("text/html", "application/xhtml+xml"))


class NotAcceptable(InputError):
    """No offered format matches the request (HTTP 406)."""

    http_status = 406


def parse_accept(header: str) -> list[tuple[str, float]]:
    """The media ranges of an Accept header with their q-values, best first (stable for equal q)."""
    ranges = []
    for part in header.split(","):
        media, *params = [p.strip() for p in part.split(";")]
        if not media:
            continue
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    quality = 0.0
        ranges.append((media.lower(), quality))
    return sorted(ranges, key=lambda item: -item[1])


def negotiate(offered: list[Format], accept: str | None, requested: str | None) -> Format:
    """The format among `offered` (the first is the default) that the client asked for.

    `requested` (the format parameter) wins over `accept`. Raises NotAcceptable when nothing matches.
    """
    if requested:
        key = requested.strip().lower()
        for fmt in offered:
            if key in fmt.aliases or key in fmt.accepted:
                return fmt
        names = ", ".join(fmt.name for fmt in offered)
        raise NotAcceptable(f"unknown format {shorten(requested)!r} for this result; choose one of: {names}")
    if not accept or not accept.strip():
        return offered[0]
    for media, quality in parse_accept(accept):
        if quality <= 0:
            continue
        if media in ("*/*", "*"):
            return offered[0]
        for fmt in offered:
            if media in fmt.accepted or (media.endswith("/*") and fmt.accepted[0].startswith(media[:-1])):
                return fmt
    types = ", ".join(fmt.accepted[0] for fmt in offered)
    raise NotAcceptable(f"none of the accepted types ({shorten(accept)}) is offered here: {types}")
