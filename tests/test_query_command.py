"""`kg query`: named queries, files and inline SPARQL; formats; parameters; refused and malformed queries."""

import json
from collections import Counter
from decimal import Decimal

import pyoxigraph as ox
import pytest
from rdflib import Dataset
from conftest import invoke

from kg.rdf.export import export
from kg.sparql.catalogue import named_queries

KG = "https://w3id.org/argentina2023/id/"
KGO = "https://w3id.org/argentina2023/ontology#"
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


def run(*args, expect=0):
    return invoke(["query", *args], expect=expect)


def test_list_shows_named_queries_with_summaries():
    result = run("--list")
    line = next(line for line in result.output.splitlines() if line.startswith("endorsements_received"))
    assert "actor" in line and "Who endorsed an actor" in line


def test_named_query_with_an_actor_name_as_parameter():
    result = run("endorsements_received", "--param", "actor=Milei", "--format", "csv")
    assert "Patricia Bullrich" in result.output and "Mauricio Macri" in result.output
    assert "Pedro Sánchez" not in result.output


@pytest.mark.parametrize("value", ["kg:sergio-massa", f"<{KG}sergio-massa>", "Sergio Massa"])
def test_parameter_as_iri_prefixed_name_or_actor_name(value):
    result = run("endorsements_received", "--param", f"actor={value}", "--format", "csv")
    assert f"{KG}pedro-sanchez" in result.output and f"{KG}patricia-bullrich" not in result.output


def test_named_query_parameter_must_be_declared():
    result = run("members", "--param", "org=PRO", expect=2)
    assert "no parameter 'org'; its parameters: organisation" in result.output


def test_named_query_parameter_name_must_resolve():
    result = run("members", "--param", "organisation=Bolsonaro", expect=1)
    assert "matches several actors" in result.output


def test_inline_query_json_is_w3c_results_format():
    result = run("-e", "SELECT ?who ?date WHERE { ?s a kgo:Endorsement ; rdf:subject ?who ; "
                       "rdf:object kg:javier-milei ; kgo:date ?date }", "--format", "json")
    data = json.loads(result.output)
    assert data["head"] == {"vars": ["who", "date"]}
    assert data["results"]["bindings"] == [{
        "who": {"type": "uri", "value": f"{KG}patricia-bullrich"},
        "date": {"type": "literal", "value": "2023-10-26", "datatype": "http://www.w3.org/2001/XMLSchema#date"},
    }]


def test_inline_query_literals_keep_their_language():
    result = run("-e", 'SELECT ?l WHERE { kg:union-por-la-patria rdfs:label ?l FILTER(LANG(?l) = "es") }',
                 "--format", "json")
    binding = json.loads(result.output)["results"]["bindings"][0]["l"]
    assert binding == {"type": "literal", "value": "Unión por la Patria", "xml:lang": "es"}


def test_ask_query():
    assert run("-e", "ASK { kg:lula kgo:endorses kg:sergio-massa }").output.strip() == "true"
    result = run("-e", "ASK { kg:lula kgo:endorses kg:javier-milei }", "--format", "json")
    assert json.loads(result.output) == {"head": {}, "boolean": False}


def test_construct_prints_turtle():
    result = run("-e", "CONSTRUCT { ?a kgo:endorses kg:javier-milei } "
                       "WHERE { ?a kgo:endorses kg:javier-milei }")
    assert result.exit_code == 0
    assert "@prefix kg: <https://w3id.org/argentina2023/id/> ." in result.output
    assert "kg:mauricio-macri kgo:endorses kg:javier-milei ." in result.output


def test_describe_prints_turtle():
    result = run("-e", "DESCRIBE kg:lula")
    triples = {q.triple for q in ox.parse(result.output.encode(), format=ox.RdfFormat.TURTLE)}
    lula = ox.NamedNode(KG + "lula")
    assert ox.Triple(lula, ox.NamedNode(KGO + "endorses"), ox.NamedNode(KG + "sergio-massa")) in triples
    assert ox.Triple(lula, RDFS_LABEL, ox.Literal("Luiz Inácio Lula da Silva", language="en")) in triples


def test_table_shows_labels_unless_iris_asked():
    query = "SELECT ?who WHERE { ?who kgo:endorses kg:sergio-massa } ORDER BY ?who"
    assert "Luiz Inácio Lula da Silva" in run("-e", query).output
    with_iris = run("-e", query, "--iris").output
    assert "kg:lula" in with_iris and "Luiz Inácio" not in with_iris


def test_tsv_uses_ntriples_terms():
    result = run("-e", "SELECT ?l WHERE { kg:lula rdfs:label ?l } ORDER BY ?l", "--format", "tsv")
    assert result.output.splitlines() == ["?l", '"Luiz Inácio Lula da Silva"@en', '"Luiz Inácio Lula da Silva"@es']


def test_query_from_a_file(tmp_path):
    path = tmp_path / "mine.rq"
    path.write_text("SELECT ?mate WHERE { kg:javier-milei kgo:runningMate ?mate }\n")
    result = run(str(path), "--format", "csv")
    assert result.output.splitlines() == ["mate", f"{KG}victoria-villarruel"]


def test_missing_query_file(tmp_path):
    result = run(str(tmp_path / "absent.rq"), expect=2)
    assert "cannot read the query file" in result.output


def test_unknown_named_query_lists_names():
    result = run("no_such_query", expect=1)
    assert "no named query 'no_such_query'; known:" in result.output and "tickets" in result.output


def test_malformed_sparql_reports_line_and_column():
    result = run("-e", "SELECT ?s\nWHERE { ?s ?p }", expect=2)
    assert result.output.startswith("Error: malformed SPARQL") and "2:" in result.output


def test_malformed_sparql_on_rdflib_reports_line_and_column():
    result = run("-e", "SELECT ?s\nWHERE { ?s ?p }", "--engine", "rdflib", expect=2)
    assert "malformed SPARQL: line 2" in result.output


@pytest.mark.parametrize("sparql", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * FROM <http://127.0.0.1:9/data.ttl> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <http://127.0.0.1:9/data.ttl> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "LOAD <http://127.0.0.1:9/data.ttl>",
])
@pytest.mark.parametrize("engine", ["store", "rdflib"])
def test_remote_reaching_queries_are_refused_before_running(monkeypatch, sparql, engine):
    def no_engine(name):
        raise AssertionError("the engine was opened for a refused query")

    monkeypatch.setattr("kg.commands.query.open_engine", no_engine)
    result = run("-e", sparql, "--engine", engine, expect=2)
    assert "is refused" in result.output


def test_refused_query_file(tmp_path):
    path = tmp_path / "remote.rq"
    path.write_text("# fetches a remote graph\nSELECT * WHERE { SERVICE <http://127.0.0.1:9/s> { ?s ?p ?o } }\n")
    result = run(str(path), expect=2)
    assert "SERVICE is refused (line 2, column 18)" in result.output


def _values(bindings):
    """Bindings as a multiset; numbers by value, and xsd:string the same as no datatype (RDF 1.1)."""
    def value(term):
        datatype = term.get("datatype", "")
        if datatype.rsplit("#", 1)[-1] in {"decimal", "integer", "double"}:
            return term["type"], str(Decimal(term["value"]).normalize())
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            datatype = ""
        return term["type"], term["value"], term.get("xml:lang"), datatype
    return Counter(tuple(sorted((k, value(v)) for k, v in b.items())) for b in bindings)


@pytest.fixture(scope="module")
def exported_dataset():
    """The graph as `kg export --format nquads` writes it, read back by rdflib: an independent engine."""
    dataset = Dataset(default_union=True)
    dataset.parse(data=export("nquads"), format="nquads")
    return dataset


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.parametrize("name", [q.name for q in named_queries().values() if not q.params and not q.is_check])
def test_kg_query_json_matches_rdflib_on_the_export(exported_dataset, name):
    ours = json.loads(run(name, "--format", "json").output)
    theirs = json.loads(exported_dataset.query(named_queries()[name].text).serialize(format="json"))
    assert ours["head"] == theirs["head"]
    assert _values(ours["results"]["bindings"]) == _values(theirs["results"]["bindings"])
