"""The library of named SPARQL queries in queries/*.rq.

Each file opens with comment headers: `#+ summary: ...` (one line, required) and `#+ param: name` for each
parameter the query expects bound (which it must also project, see kg.sparql.oxigraph_engine).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import NotFoundError
from kg.rdf.inputs import resource_dir


@dataclass(frozen=True)
class NamedQuery:
    name: str
    path: Path
    summary: str
    params: tuple[str, ...] = field(default=())

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8-sig")

    @property
    def is_check(self) -> bool:
        """Check queries must return no rows; `kg validate` runs them."""
        return self.name.startswith("check_")


def parse_headers(path: Path) -> NamedQuery:
    """A NamedQuery from a .rq file's `#+` header lines."""
    summary = ""
    params: list[str] = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        if not line.startswith("#"):
            break
        key, _, value = line.lstrip("#+ ").partition(":")
        if line.startswith("#+") and key.strip() == "summary":
            summary = value.strip()
        elif line.startswith("#+") and key.strip() == "param":
            params.append(value.strip())
    return NamedQuery(path.stem, path, summary, tuple(params))


def named_queries() -> dict[str, NamedQuery]:
    """Every named query, by name, in name order."""
    return {p.stem: parse_headers(p) for p in sorted(resource_dir("queries").glob("*.rq"))}


def get_query(name: str) -> NamedQuery:
    """The named query `name`; NotFoundError lists the names when there is none."""
    path = resource_dir("queries") / f"{name}.rq"
    if name.isidentifier() and path.is_file():  # one file read, not the whole folder
        return parse_headers(path)
    queries = named_queries()
    if name not in queries:
        raise NotFoundError(f"no named query {name!r}; known: {', '.join(q for q in queries if not q.startswith('check_'))}")
    return queries[name]
