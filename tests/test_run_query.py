"""kg.run_query: a named query's rows as plain Python dicts, parameters bound as RDF terms."""

import pytest

import kg
from kg import queries
from kg.errors import InputError

KG = "https://w3id.org/argentina2023/id/"


def test_rows_are_dicts_of_plain_values():
    rows = kg.run_query("runoff_candidates")
    assert [(r["candidate"], r["label"]) for r in rows] == [(KG + "javier-milei", "Javier Milei"),
                                                             (KG + "sergio-massa", "Sergio Massa")]
    counts = {r["label"]: r["statements"] for r in kg.run_query("statement_predicates")}
    assert isinstance(counts["endorses"], int) and counts["endorses"] >= 9


def test_unbound_variables_are_none():
    rows = kg.run_query("network_edges")
    bullrich = next(r for r in rows if r["statement"] == KG + "statement/endorsement-bullrich-milei")
    assert bullrich["date"] == "2023-10-26"
    assert bullrich["role"] is None


def test_engines_answer_alike():
    assert kg.run_query("runoff_candidates", engine="rdflib") == kg.run_query("runoff_candidates")


@pytest.fixture
def endorsers_query(tmp_path, monkeypatch):
    (tmp_path / "endorsers.rq").write_text(
        "#+ summary: Who endorses a candidate.\n#+ param: candidate\n"
        "PREFIX kgo: <https://w3id.org/argentina2023/ontology#>\n"
        "SELECT ?candidate ?endorser WHERE { ?endorser kgo:endorses ?candidate } ORDER BY ?endorser\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(queries, "resource_dir", lambda name: tmp_path)
    return "endorsers"


def test_parameters_bind_iris_and_prefixed_names(endorsers_query):
    by_iri = kg.run_query(endorsers_query, candidate=KG + "sergio-massa")
    assert {KG + "lula", KG + "pedro-sanchez"} <= {r["endorser"] for r in by_iri}
    assert kg.run_query(endorsers_query, candidate="kg:sergio-massa") == by_iri
    assert kg.run_query(endorsers_query, candidate="Sergio Massa") == []  # a plain string is a literal


def test_missing_and_unknown_parameters_are_input_errors(endorsers_query):
    with pytest.raises(InputError, match="needs a value for: candidate"):
        kg.run_query(endorsers_query)
    with pytest.raises(InputError, match="has no parameter 'actor'; its parameters: candidate"):
        kg.run_query(endorsers_query, candidate="kg:sergio-massa", actor="kg:lula")
