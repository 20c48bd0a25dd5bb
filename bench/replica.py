"""Data shaped like kg's own, for the scale benchmark: the shipped graph replicated to a given size.

The shipped data (not the ontology) is exported as canonical N-Quads (`kg export --format nquads`: blank
nodes far from the statements that use them) and written again as numbered copies 1, 2, ... one after the
other. In copy k every actor, statement, source and blank node is renamed (`.../id/javier-milei` becomes
`.../id/javier-milei-r<k>`, `_:c14n5` becomes `_:r<k>c14n5`) and every string literal gets " r<k>"
("Javier Milei r17", language tags kept), while classes, predicates, other vocabularies' IRIs, typed
literals and graph names stay. Quads that rename nothing are left out: the shipped data has them. With
the shipped data loaded beside it, copy 0 is the real graph, so `kg who-endorsed "Javier Milei"` finds the
real Milei among hundreds of look-alike names. The same size always gives the same bytes.
tests/test_check_scale.py replicates other N-Quads (the shipped data with broken facts) the same way
(`templates(text)`, `write_copies`).

    python bench/replica.py 1m /tmp/kg-replica-1m.nq      # sizes: 100k, 1m, 3m, or a number of quads
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from kg.rdf.export import export
from kg.rdf.inputs import resource_dir
from kg.rdf.namespaces import GRAPH_NS, ID_NS

SIZES = {"100k": 100_000, "1m": 1_000_000, "3m": 3_000_000}
# A literal, an IRI or a blank node label, in an N-Quads line.
_TERM = re.compile(r'"(?:[^"\\]|\\.)*"(?:@[A-Za-z0-9-]+|\^\^<[^>]*>)?|<[^>]*>|_:\S+')
_STRING = "^^<http://www.w3.org/2001/XMLSchema#string>"


def templates(text: str | None = None) -> list[str]:
    """The quads of the N-Quads `text` (default: the shipped data's, exported) but the ontology's, as
    str.format templates with {k} where copy k renames a term; quads that no copy renames are left out."""
    ontology = {f"<{GRAPH_NS}{p.stem}> ." for p in resource_dir("ontology").glob("*.ttl")}
    if text is None:
        extra = os.environ.pop("KG_DATA", None)  # the shipped data alone
        try:
            text = export("nquads").decode("utf-8")
        finally:
            if extra is not None:
                os.environ["KG_DATA"] = extra
    out = []
    for line in text.splitlines():
        if not line or any(line.endswith(graph) for graph in ontology):
            continue
        pieces, renamed, end = [], False, 0
        for match in _TERM.finditer(line):
            pieces.append(_braces(line[end:match.start()]))
            pieces.append(_renamed(match.group()) or _braces(match.group()))
            renamed = renamed or pieces[-1] != _braces(match.group())
            end = match.end()
        pieces.append(_braces(line[end:]))
        if renamed:
            out.append("".join(pieces))
    return out


def _renamed(term: str) -> str | None:
    """The template of one term of copy {k}, or None when copies keep it."""
    if term.startswith("_:"):
        return f"_:r{{k}}{term[2:]}"
    if term.startswith(f"<{ID_NS}"):
        return f"{_braces(term[:-1])}-r{{k}}>"
    if term.startswith('"'):
        close = term.rfind('"')
        suffix = term[close + 1:]
        if suffix == "" or suffix.startswith("@") or suffix == _STRING:
            return f"{_braces(term[:close])} r{{k}}\"{_braces(suffix)}"
    return None


def _braces(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def write_copies(lines: list[str], copies: range, out) -> None:
    """Write copies `copies` (numbers from 1) of the templates `lines` to the text file `out`."""
    for k in copies:
        out.write("\n".join(line.format(k=k) for line in lines))
        out.write("\n")


def generate(target: int, path: Path) -> int:
    """Write whole copies until at least `target` quads to `path` (aside, then renamed); return the count."""
    lines = templates()
    copies = -(-target // len(lines))
    path = Path(path)
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(partial, "w", encoding="utf-8") as out:
            write_copies(lines, range(1, copies + 1), out)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return copies * len(lines)


def dataset(size: str, workdir: Path) -> Path:
    """The N-Quads file of a named size (100k, 1m, 3m) in `workdir`, generated unless it is there."""
    path = Path(workdir) / f"replica-{size}.nq"
    if not path.exists():
        generate(SIZES[size], path)
    return path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("size", help="100k, 1m, 3m, or a number of quads")
    parser.add_argument("path", type=Path, help="output file (N-Quads)")
    args = parser.parse_args(argv)
    count = generate(SIZES.get(args.size.lower()) or int(args.size), args.path)
    print(f"{count} quads -> {args.path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
