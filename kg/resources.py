"""Where the shipped ontology, data and queries live, installed or in a checkout."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent

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


def compact_iri(iri: str) -> str:
    """The IRI in prefixed form when a known namespace holds it (kg:javier-milei), else as given."""
    for prefix, namespace in PREFIXES.items():
        local = iri[len(namespace):]
        if iri.startswith(namespace) and local and "/" not in local and "#" not in local:
            return f"{prefix}:{local}"
    return iri


def resource_dir(name: str) -> Path:
    """The folder `ontology`, `data` or `queries`: inside the installed package, else beside it."""
    for candidate in (_PACKAGE_DIR / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"kg's {name}/ folder is missing from {_PACKAGE_DIR}")


def shipped_files() -> list[Path]:
    """The ontology and data files that make up the shipped graph, in a fixed order."""
    files: list[Path] = []
    for name in ("ontology", "data"):
        files.extend(sorted(p for p in resource_dir(name).glob("*.ttl") if p.name != "shapes.ttl"))
    return files


def shapes_file() -> Path:
    """The SHACL shapes used by `kg validate`."""
    return resource_dir("ontology") / "shapes.ttl"


def extra_files() -> list[Path]:
    """The user's extra RDF files named in KG_DATA (paths separated by ':'), in the given order."""
    value = os.environ.get("KG_DATA", "")
    return [Path(p).expanduser() for p in value.split(os.pathsep) if p.strip()]


def input_files() -> list[Path]:
    """Every file of the dataset: the shipped ones, then KG_DATA's."""
    return shipped_files() + extra_files()


def graph_name(path: Path) -> str:
    """The named graph a file's triples go to: shipped files by stem, extra files by file: URI."""
    path = Path(path)
    resolved = path.resolve()
    for name in ("ontology", "data"):
        try:
            if resolved.parent == resource_dir(name).resolve():
                return GRAPH_NS + path.stem
        except FileNotFoundError:
            pass
    return resolved.as_uri()
