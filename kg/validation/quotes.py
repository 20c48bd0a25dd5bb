"""Evidence quotes: every kgo:quote occurs verbatim (whitespace aside) in the text of its source."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import PROV

from kg.rdf.namespaces import ONTOLOGY_NS
from kg.validation.report import Violation, compact, node_name

KGO_QUOTE = URIRef(ONTOLOGY_NS + "quote")
KGO_FILE_NAME = URIRef(ONTOLOGY_NS + "fileName")


@dataclass(frozen=True)
class Quote:
    node: str  # the statement or claim, compact
    source: str  # the source document, compact
    file_name: str  # the source's kgo:fileName
    text: str  # the quote


def evidence_quotes(graph: Graph) -> Iterator[Quote]:
    """Every kgo:quote whose derivation names a source with a file name, in a fixed order."""
    for derivation, quote in sorted(graph.subject_objects(KGO_QUOTE)):
        source = graph.value(derivation, PROV.entity)
        file_name = graph.value(source, KGO_FILE_NAME) if source is not None else None
        if file_name is not None:  # else the shapes report the missing source or file name
            node, _ = node_name(graph, derivation)
            yield Quote(node, compact(source), str(file_name), str(quote))


def squash_whitespace(text: str) -> str:
    """Text with Unicode composed (NFC) and every run of whitespace made one space, for matching quotes."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def source_text_file(seeds: Path, file_name: str) -> Path | None:
    """The source text `file_name` in the folder `seeds`, or None when it is not there (or names another folder)."""
    path = seeds / file_name
    plain = Path(file_name).name == file_name  # never read outside the seeds folder
    return path if plain and path.is_file() else None


def quote_violations(quotes: list[Quote], seeds: Path) -> list[Violation]:
    """Quotes that do not occur verbatim, whitespace aside, in their source's text in `seeds`."""
    texts: dict[str, str | None] = {}
    violations = []
    for quote in quotes:
        if quote.file_name not in texts:
            path = source_text_file(seeds, quote.file_name)
            texts[quote.file_name] = squash_whitespace(path.read_text("utf-8", "replace")) if path else None
            if texts[quote.file_name] is None:
                violations.append(Violation(quote.source, "quote_in_source",
                                            f"source text {quote.file_name} is not in {seeds}"))
        text = texts[quote.file_name]
        if text is not None and squash_whitespace(quote.text) not in text:
            violations.append(Violation(quote.node, "quote_in_source",
                                        f"quote from {quote.source} is not in {quote.file_name}: \"{quote.text}\""))
    return violations
