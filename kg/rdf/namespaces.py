"""The project's namespaces and prefixes, and IRIs written the short ways users write them."""

from __future__ import annotations

import pyoxigraph as ox

from kg.errors import InputError, shorten

NAMESPACE = "https://w3id.org/argentina2023/"
ONTOLOGY_NS = NAMESPACE + "ontology#"
ID_NS = NAMESPACE + "id/"
GRAPH_NS = NAMESPACE + "graph/"

PREFIXES = {
    "kg": ID_NS,
    "kgo": ONTOLOGY_NS,
    "st": ID_NS + "statement/",
    "src": ID_NS + "source/",
    "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "schema": "https://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dct": "http://purl.org/dc/terms/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

XSD = PREFIXES["xsd"]
XSD_STRING = XSD + "string"


def compact_iri(iri: str) -> str:
    """The IRI in prefixed form when a known namespace holds it (kg:javier-milei), else as given."""
    for prefix, namespace in PREFIXES.items():
        local = iri[len(namespace):]
        if iri.startswith(namespace) and local and "/" not in local and "#" not in local:
            return f"{prefix}:{local}"
    return iri


def local_name(iri: str) -> str:
    """The part of an IRI after its last '#' or '/'."""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def expand_iri(text: str) -> str | None:
    """The IRI that `text` writes (`<iri>`, an absolute http(s) IRI or prefix:name), else None.

    Raises InputError ("not a valid IRI") when the text is written as an IRI but is not a valid one.
    """
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        iri = text[1:-1]
    elif text.lower().startswith(("http://", "https://")) and not any(ch.isspace() for ch in text):
        iri = text
    else:
        prefix, colon, local = text.partition(":")
        if not (colon and prefix in PREFIXES and local and all(ch.isalnum() or ch in "_.-%" for ch in local)):
            return None
        iri = PREFIXES[prefix] + local
    return checked_iri(iri)


def checked_iri(iri: str) -> str:
    """`iri` itself if it is a valid absolute IRI; InputError otherwise."""
    try:
        ox.NamedNode(iri)
    except ValueError:
        raise InputError(f"not a valid IRI: <{shorten(iri)}>") from None
    return iri


