"""Real-shaped data at scale: the shipped graph replicated k times, as N-Quads.

Copy 0 is the shipped graph itself (every command loads it); this writes copies 1..k-1 for KG_DATA. In copy
j every IRI of the data namespace (actors, statements, elections, posts...) gets the suffix `-cJ`, every blank
node too, and every label and alias " (copy J)", so that each copy is a disjoint twin of the shipped graph
whose names stay unambiguous ("Javier Milei" is still one actor). The ontology, the vocabularies and the
source documents are shared (what their graphs describe keeps its IRI), so quotes still point at the real
source texts. Named graphs get the suffix too.
The same input and k always give the same bytes.

    kg export --format nquads > shipped.nq
    python bench/replicate.py shipped.nq 218 /tmp/kg-1m.nq     # about a million quads in all
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Iterator

from kg.rdf.namespaces import GRAPH_NS, ID_NS, PREFIXES

SHARED_GRAPHS = ("kg", "vocabularies", "sources")  # the ontology, SKOS schemes and source documents
NAME_PREDICATES = tuple(f"<{PREFIXES[p]}{n}>" for p, n in (("rdfs", "label"), ("skos", "altLabel"),
                                                            ("skos", "prefLabel"), ("skos", "hiddenLabel"),
                                                            ("foaf", "name"), ("schema", "name")))
_IRI = re.compile(r"<(" + re.escape(ID_NS) + r"[^>]*|" + re.escape(GRAPH_NS) + r"[^>]*)>")
_BLANK = re.compile(r"(?<![\w\"])_:([A-Za-z0-9_]+)")
_NAME = re.compile(r'^(\S+ (?:' + "|".join(map(re.escape, NAME_PREDICATES)) + r') ")((?:[^"\\]|\\.)*)(")')


def _graph_of(line: str) -> str:
    """The local name of a quad line's graph IRI ('' in the default graph)."""
    match = re.search(r"<" + re.escape(GRAPH_NS) + r"([^>]*)>\s*\.\s*$", line)
    return match.group(1) if match else ""


def shared_iris(lines: Iterable[str]) -> frozenset[str]:
    """The subjects of the shared graphs: terms every copy refers to under their own IRI."""
    return frozenset(line[1:line.index(">")] for line in lines
                     if line.startswith("<") and _graph_of(line) in SHARED_GRAPHS)


def replicated_lines(lines: Iterable[str], copy: int, shared: frozenset[str]) -> Iterator[str]:
    """The quad lines of copy number `copy` (>= 1) of `lines`, skipping the shared graphs."""
    suffix = f"-c{copy}"

    def rename(match: re.Match) -> str:
        iri = match.group(1)
        return match.group(0) if iri in shared else f"<{iri}{suffix}>"

    for line in lines:
        if not line.strip() or _graph_of(line) in SHARED_GRAPHS:
            continue
        line = _NAME.sub(lambda m: f"{m.group(1)}{m.group(2)} (copy {copy}){m.group(3)}", line)
        line = _BLANK.sub(lambda m: f"_:{m.group(1)}c{copy}", _IRI.sub(rename, line))
        yield line if line.endswith("\n") else line + "\n"


def write_replica(source_lines: list[str], copies: int, out) -> int:
    """Write copies 1..copies-1 of `source_lines` to `out`; returns the number of quads written."""
    count = 0
    shared = shared_iris(source_lines)
    for copy in range(1, copies):
        for line in replicated_lines(source_lines, copy, shared):
            out.write(line)
            count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", help="the shipped graph as N-Quads (kg export --format nquads)")
    parser.add_argument("copies", type=int, help="k: the shipped graph counts as copy 0, so k-1 are written")
    parser.add_argument("output", help="the N-Quads file to write")
    args = parser.parse_args(argv)
    with open(args.source, encoding="utf-8") as source:
        lines = source.readlines()
    with open(args.output, "w", encoding="utf-8") as out:
        count = write_replica(lines, args.copies, out)
    print(f"{count} quads in {args.copies - 1} copies written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
