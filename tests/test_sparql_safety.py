"""Refusing SPARQL that could reach the network, read files or change data, before anything runs."""

import pytest

from kg.errors import InputError
from kg.sparql.safety import check_query, tokenize

REFUSED = {
    "service": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "service silent": "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "service lower case": "select * where { service <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "service after a dot": "SELECT * WHERE { ?s ?p ?o.SERVICE <http://127.0.0.1:9/s> { ?a ?b ?c } }",
    "service after a literal": "SELECT * WHERE { ?s ?p true.SERVICE <http://127.0.0.1:9/s> { ?a ?b ?c } }",
    "service as a unicode escape": "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/s> { ?s ?p ?o } }",
    "service over a variable": "SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } }",
    "from": "SELECT * FROM <http://127.0.0.1:9/data.ttl> WHERE { ?s ?p ?o }",
    "from named": "SELECT * FROM NAMED <http://127.0.0.1:9/data.ttl> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "from a file": "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
    "load": "LOAD <http://127.0.0.1:9/data.ttl>",
    "insert": "INSERT DATA { <http://a> <http://b> <http://c> }",
    "delete": "DELETE WHERE { ?s ?p ?o }",
    "drop": "DROP ALL",
}


@pytest.mark.parametrize("sparql", REFUSED.values(), ids=REFUSED.keys())
def test_remote_reaching_and_update_queries_are_refused(sparql):
    with pytest.raises(InputError, match="refused"):
        check_query(sparql)


def test_refusal_names_the_keyword_and_its_position():
    with pytest.raises(InputError, match=r"SERVICE is refused \(line 2, column 3\)"):
        check_query("SELECT * WHERE {\n  SERVICE <http://127.0.0.1:9/s> { ?s ?p ?o } }")


ALLOWED = {
    "keyword in a string": 'SELECT * WHERE { ?s ?p "SERVICE LOAD FROM" }',
    "keyword in a long string": "SELECT * WHERE { ?s ?p '''it's a SERVICE\nFROM me''' }",
    "keyword in an IRI": "SELECT * WHERE { ?s <http://example.org/load> <http://example.org/SERVICE> }",
    "keyword as a prefixed name": "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:service ex:from }",
    "keyword in a comment": "SELECT * WHERE { ?s ?p ?o } # no SERVICE, FROM or LOAD here",
    "keyword as a variable": "SELECT ?service ?from WHERE { ?service ?load ?from }",
    "graph clause": "SELECT * WHERE { GRAPH <https://w3id.org/argentina2023/graph/people> { ?s ?p ?o } }",
    "comparison with <": "SELECT * WHERE { ?s ?p ?o FILTER(?o < 3 && ?o > 1) }",
}


@pytest.mark.parametrize("sparql", ALLOWED.values(), ids=ALLOWED.keys())
def test_keywords_inside_strings_iris_names_and_comments_are_allowed(sparql):
    check_query(sparql)


def test_tokens_carry_line_and_column():
    tokens = list(tokenize('SELECT ?x\nWHERE { ?x ?p "a # b" } # c'))
    assert [t.text for t in tokens] == ["SELECT", "?x", "WHERE", "{", "?x", "?p", '"a # b"', "}"]
    assert (tokens[2].line, tokens[2].column) == (2, 1)


@pytest.mark.parametrize("engine_name", ["store", "rdflib"])
def test_engines_refuse_service_even_through_the_python_api(engine_name):
    from kg.store.engines import open_engine

    engine = open_engine(engine_name)
    with pytest.raises(InputError, match="SERVICE"):
        engine.query("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
