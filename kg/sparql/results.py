"""Query results: what every engine returns (QueryResult), in standard forms (SPARQL 1.1 Query Results
JSON, XML, CSV and TSV; Turtle, N-Triples, JSON-LD and RDF/XML for graphs) and as display rows that show
labels instead of IRIs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import NamedTuple, Union

import pyoxigraph as ox

from kg.rdf.namespaces import PREFIXES, XSD_STRING, compact_iri

Term = Union[ox.NamedNode, ox.BlankNode, ox.Literal]
Row = dict[str, Term]


class QueryResult(NamedTuple):
    """A query's answer: `rows` (with `variables`) for SELECT, `boolean` for ASK, `triples` for graphs."""

    kind: str  # "select", "ask" or "graph"
    variables: list[str]
    rows: list[Row]
    boolean: bool | None = None
    triples: list[ox.Triple] | None = None


class Solutions(NamedTuple):
    """A query's answer as the engine produces it: `rows` (SELECT) and `triples` (graphs) are read once,
    lazily, so that a caller can stop at a row limit or stream them (kg.sparql.limits)."""

    kind: str  # "select", "ask" or "graph"
    variables: list[str]
    rows: Iterator[Row] = iter(())
    boolean: bool | None = None
    triples: Iterator[ox.Triple] = iter(())

    def collect(self) -> QueryResult:
        """The whole answer in memory."""
        if self.kind == "graph":
            return QueryResult("graph", [], [], triples=list(self.triples))
        return QueryResult(self.kind, self.variables, list(self.rows), boolean=self.boolean)


def term_json(term: Term) -> dict:
    """One RDF term as in the SPARQL 1.1 Query Results JSON Format (section 3.2.2)."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": term_json(term.subject),
                                            "predicate": term_json(term.predicate),
                                            "object": term_json(term.object)}}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        out["datatype"] = term.datatype.value
    return out


def results_json(result: QueryResult) -> dict:
    """A SELECT or ASK result in the SPARQL 1.1 Query Results JSON Format."""
    if result.kind == "ask":
        return {"head": {}, "boolean": bool(result.boolean)}
    return {
        "head": {"vars": list(result.variables)},
        "results": {"bindings": [{k: term_json(v) for k, v in row.items()} for row in result.rows]},
    }


def term_text(term: Term) -> str:
    """A term in N-Triples syntax (SPARQL 1.2 `<<( s p o )>>` for a triple term), as TSV results write it."""
    if isinstance(term, ox.Triple):
        return f"<<( {term_text(term.subject)} {term_text(term.predicate)} {term_text(term.object)} )>>"
    return str(term)


def tsv_header(variables: list[str]) -> str:
    """The header line of the SPARQL 1.1 TSV results format: `?var` names, tab separated, LF ended."""
    return "\t".join(f"?{v}" for v in variables) + "\n"


def tsv_lines(variables: list[str], rows: list[Row]) -> str:
    """Rows in the SPARQL 1.1 TSV results format: terms in N-Triples syntax (whose escapes keep tabs and
    line breaks out of the values), empty where unbound, one LF-ended line per row."""
    return "".join("\t".join(term_text(row[v]) if v in row else "" for v in variables) + "\n" for row in rows)


def results_tsv(result: QueryResult) -> str:
    """A SELECT result in the SPARQL 1.1 TSV results format."""
    return tsv_header(result.variables) + tsv_lines(result.variables, result.rows)


def _csv_field(text: str) -> str:
    # RFC 4180, as the SPARQL 1.1 CSV format requires: quote a field holding a quote, comma or line break
    if any(ch in text for ch in '",\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_value(term: Term) -> str:
    """A term as the SPARQL 1.1 CSV format writes it: IRIs and literals by value, blank nodes as `_:label`."""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Triple):
        return term_text(term)
    return term.value


def csv_header(variables: list[str]) -> str:
    """The header line of the SPARQL 1.1 CSV results format: variable names without `?`, CRLF ended."""
    return ",".join(_csv_field(v) for v in variables) + "\r\n"


def csv_lines(variables: list[str], rows: list[Row]) -> str:
    """Rows in the SPARQL 1.1 CSV results format: one CRLF-ended line per row, empty fields where unbound."""
    return "".join(",".join(_csv_field(csv_value(row[v])) if v in row else "" for v in variables) + "\r\n"
                   for row in rows)


def results_csv(result: QueryResult) -> str:
    """A SELECT result in the SPARQL 1.1 CSV results format."""
    return csv_header(result.variables) + csv_lines(result.variables, result.rows)


SPARQL_RESULTS_NS = "http://www.w3.org/2005/sparql-results#"


def _term_xml(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{_xml_text(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{_xml_text(term.value)}</bnode>"
    if isinstance(term, ox.Triple):
        parts = zip(("subject", "predicate", "object"), (term.subject, term.predicate, term.object))
        return "<triple>" + "".join(f"<{n}>{_term_xml(t)}</{n}>" for n, t in parts) + "</triple>"
    if term.language:
        return f"<literal xml:lang={_xml_attribute(term.language)}>{_xml_text(term.value)}</literal>"
    if term.datatype.value != XSD_STRING:
        return f"<literal datatype={_xml_attribute(term.datatype.value)}>{_xml_text(term.value)}</literal>"
    return f"<literal>{_xml_text(term.value)}</literal>"


def _xml_text(text: str) -> str:
    """XML character data: &, < and > escaped (html's escape: xml.sax.saxutils would import urllib.request,
    30 ms on every lookup; html itself is imported only here, for XML results)."""
    from html import escape

    return escape(text, quote=False)


def _xml_attribute(text: str) -> str:
    """An XML attribute value in double quotes, its quotes and markup escaped."""
    from html import escape

    return '"' + escape(text, quote=True) + '"'


def results_xml(result: QueryResult) -> str:
    """A SELECT or ASK result in the SPARQL Query Results XML Format (second edition)."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sparql xmlns="{SPARQL_RESULTS_NS}">']
    if result.kind == "ask":
        out += ["<head/>", f"<boolean>{'true' if result.boolean else 'false'}</boolean>", "</sparql>"]
        return "\n".join(out) + "\n"
    out.append("<head>" + "".join(f"<variable name={_xml_attribute(v)}/>" for v in result.variables) + "</head>")
    out.append("<results>")
    for row in result.rows:
        bindings = "".join(f"<binding name={_xml_attribute(k)}>{_term_xml(v)}</binding>" for k, v in row.items())
        out.append(f"<result>{bindings}</result>")
    out += ["</results>", "</sparql>"]
    return "\n".join(out) + "\n"


def display_rows(result: QueryResult, label: Callable[[str], str] | None) -> list[dict]:
    """Rows for reading: IRIs shown by `label(iri)` if given, else in prefixed form; literals by value."""
    shown: dict[str, str] = {}

    def display(term):
        if isinstance(term, ox.NamedNode):
            if term.value not in shown:
                shown[term.value] = label(term.value) if label else compact_iri(term.value)
            return shown[term.value]
        if isinstance(term, ox.BlankNode):
            return f"_:{term.value}"
        if isinstance(term, ox.Triple):
            return " ".join(display(t) for t in (term.subject, term.predicate, term.object))
        return term.value

    return [{k: display(v) for k, v in row.items()} for row in result.rows]


def turtle(triples: list[ox.Triple]) -> str:
    """Triples as Turtle with the project's prefixes, in a fixed order (sorted triples, sorted prefixes)."""
    text = ox.serialize(sorted(triples, key=str), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES).decode()
    lines = text.splitlines()
    header = sorted(line for line in lines if line.startswith("@prefix"))
    body = [line for line in lines if not line.startswith("@prefix")]
    return "\n".join(header + body).rstrip("\n")


GRAPH_FORMATS = {"ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML}


def graph_text(triples: list[ox.Triple], fmt: str) -> str:
    """Triples in `fmt`: "turtle" (as by turtle()), "ntriples", "jsonld" or "rdfxml", sorted the same way."""
    if fmt == "turtle":
        return turtle(triples) + "\n"
    return ox.serialize(sorted(triples, key=str), format=GRAPH_FORMATS[fmt]).decode()
