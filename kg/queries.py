"""The library of named SPARQL queries in queries/*.rq.

Each file opens with comment headers: `#+ summary: ...` (one line, required) and `#+ param: name` for each
parameter the query expects bound (which it must also project, see kg.engine).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError, NotFoundError
from kg.resources import resource_dir


@dataclass(frozen=True)
class NamedQuery:
    name: str
    path: Path
    summary: str
    params: tuple[str, ...] = field(default=())

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")

    @property
    def is_check(self) -> bool:
        """Check queries must return no rows; `kg validate` runs them."""
        return self.name.startswith("check_")


def parse_headers(path: Path) -> NamedQuery:
    """A NamedQuery from a .rq file's `#+` header lines."""
    summary = ""
    params: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
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


XSD = "http://www.w3.org/2001/XMLSchema#"
INTEGER_TYPES = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
                                   "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong",
                                   "unsignedShort", "unsignedByte")}
FLOAT_TYPES = {XSD + t for t in ("decimal", "double", "float")}


def python_value(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> str | int | float | bool:
    """A query result term as plain Python: IRIs as strings, numbers and booleans as such, other literals as text."""
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    datatype = term.datatype.value
    try:
        if datatype in INTEGER_TYPES:
            return int(term.value)
        if datatype in FLOAT_TYPES:
            return float(term.value)
    except ValueError:
        return term.value
    if datatype == XSD + "boolean":
        return term.value in ("true", "1")
    return term.value


def run_query(name: str, engine=None, **params) -> list[dict]:
    """The rows of the named query `name` as dicts of plain Python values, one key per selected variable.

    Each keyword binds the query parameter of that name (its `#+ param:` lines) as `kg query --param` does
    (kg.resolve.parameter_term): an IRI, full or prefixed ("kg:javier-milei"), is itself, a number or
    true/false a typed literal, other text an actor's name ("Milei"); Python numbers and booleans, and RDF
    terms, bind as they are. A parameter left out matches everything. Values come back as by python_value,
    None where a variable is unbound.
    `engine` is an engine from kg.engine.open_engine or its name, "store" (default) or "rdflib".
    """
    from kg.engine import as_engine
    from kg.resolve import parameter_term

    query = get_query(name)
    unknown = sorted(set(params) - set(query.params))
    if unknown:
        known = ", ".join(query.params) or "none"
        raise InputError(f"named query {name!r} has no parameter {unknown[0]!r}; its parameters: {known}")
    engine = as_engine(engine)
    bindings = {}
    for key, value in params.items():
        if isinstance(value, (bool, int, float)):
            value = ox.Literal(value)
        bindings[key] = value if isinstance(value, (ox.NamedNode, ox.Literal)) else parameter_term(value, engine, True)
    result = engine.query(query.text, bindings)
    return [{v: python_value(row[v]) if v in row else None for v in result.variables} for row in result.rows]
