"""Evidence quotes: every kgo:quote occurs verbatim (whitespace aside) in the text of its source."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

import pyoxigraph as ox
from rdflib import URIRef

from kg.rdf.dataset import to_rdflib
from kg.rdf.namespaces import ONTOLOGY_NS
from kg.rdf.store_view import StoreView
from kg.validation.report import Violation, compact, compact_text

KGO_QUOTE = URIRef(ONTOLOGY_NS + "quote")
KGO_FILE_NAME = URIRef(ONTOLOGY_NS + "fileName")


@dataclass(frozen=True)
class Quote:
    node: str  # the statement or claim, compact
    source: str  # the source document, compact
    file_name: str  # the source's kgo:fileName
    text: str  # the quote
    source_iri: str = field(default="", compare=False)  # the source's IRI, where text_folders finds its text


# A quote's derivation, its source with a file name, and what points to the derivation (which names a blank node)
QUOTES = """SELECT DISTINCT ?derivation ?quote ?source ?file ?owner ?link WHERE {
    ?derivation kgo:quote ?quote ; prov:entity ?source . ?source kgo:fileName ?file .
    OPTIONAL { ?owner ?link ?derivation } }"""


def evidence_quotes(graph: StoreView) -> list[Quote]:
    """Every kgo:quote whose derivation names a source with a file name (the first source, where a derivation
    wrongly names several: the shapes report it), in a fixed order. One query, read as pyoxigraph's terms:
    a million quads in seconds."""
    sources: dict[tuple, set] = {}
    owners: dict = {}
    for derivation, quote, source, file_name, owner, link in graph.solutions(QUOTES):
        sources.setdefault((derivation, quote.value), set()).add((source.value, file_name.value))
        if owner is not None:
            owners.setdefault(derivation, set()).add((owner.value, link.value, owner))
    quotes = []
    for (derivation, quote), found in sources.items():
        source, file_name = min(found)
        if isinstance(derivation, ox.BlankNode) and derivation in owners:
            derivation = min(owners[derivation])[2]  # a blank derivation is named by its statement
        quotes.append(Quote(compact(to_rdflib(derivation)), compact_text(source), file_name, quote, source))
    return sorted(quotes, key=lambda quote: (quote.node, quote.text, quote.source))


def text_folders(quads: Iterable[ox.Quad], seeds: Path | None) -> dict[str, Path]:
    """Where each source's text is, by the source's IRI: beside the KG_DATA file whose graph gives the
    source its kgo:fileName (an article that `kg ingest --apply` wrote), else in the seeds folder."""
    folders: dict[str, Path] = {}
    for quad in quads:
        if quad.predicate.value != str(KGO_FILE_NAME) or not isinstance(quad.graph_name, ox.NamedNode):
            continue
        source, name = quad.subject.value, quad.graph_name.value
        if name.startswith("file:"):
            folders[source] = Path(url2pathname(urlparse(name).path)).parent
        elif seeds is not None:
            folders.setdefault(source, seeds)
    return folders


def source_text_path(folders: dict[str, Path], source, file_name: str) -> Path | None:
    """The file holding a source's text: its plain file name in the source's folder; None where unknown."""
    folder = folders.get(str(source))
    if folder is None or Path(file_name).name != file_name:  # never read outside that folder
        return None
    return folder / file_name


def squash_whitespace(text: str) -> str:
    """Text with Unicode composed (NFC) and every run of whitespace made one space, for matching quotes."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def quote_violations(quotes: list[Quote], seeds: Path, folders: dict[str, Path] | None = None) -> list[Violation]:
    """Quotes that do not occur verbatim, whitespace aside, in their source's text (kg.validation.quotes.text_folders
    says where each source's text is; by default every text is in `seeds`)."""
    texts: dict[str, str | None] = {}
    violations = []
    for quote in quotes:
        key = quote.source_iri or quote.source
        if key not in texts:
            path = (source_text_path(folders, quote.source_iri, quote.file_name) if folders is not None
                    else seeds / quote.file_name if Path(quote.file_name).name == quote.file_name else None)
            texts[key] = squash_whitespace(path.read_text("utf-8", "replace")) if path and path.is_file() else None
            if texts[key] is None:
                where = path.parent if path else seeds
                violations.append(Violation(quote.source, "quote_in_source",
                                            f"source text {quote.file_name} is not in {where}"))
        text = texts[key]
        if text is not None and squash_whitespace(quote.text) not in text:
            violations.append(Violation(quote.node, "quote_in_source",
                                        f"quote from {quote.source} is not in {quote.file_name}: \"{quote.text}\""))
    return violations
