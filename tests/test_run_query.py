"""kg.run_query: a named query's rows as plain Python dicts, parameters bound as `kg query --param` binds them."""

import pyoxigraph as ox
import pytest

import kg
from kg.errors import InputError, NotFoundError

KG = "https://w3id.org/argentina2023/id/"


def endorsers(rows):
    return {row["endorserLabel"] for row in rows}


def test_rows_are_dicts_of_plain_values():
    rows = kg.run_query("endorsements_received", actor="kg:sergio-massa")
    assert {"Luiz Inácio Lula da Silva", "Andrés Manuel López Obrador", "Pedro Sánchez"} <= endorsers(rows)
    assert all(isinstance(value, (str, type(None))) for row in rows for value in row.values())
    results = kg.run_query("runoff_results")
    assert {(r["candidateLabel"], r["rank"]) for r in results} >= {("Javier Milei", 1), ("Sergio Massa", 2)}


def test_unbound_variables_are_none():
    rows = kg.run_query("endorsements_received", actor=KG + "javier-milei")
    macri = next(r for r in rows if r["endorserLabel"] == "Mauricio Macri")
    assert macri["date"] is None
    bullrich = [r for r in rows if r["endorserLabel"] == "Patricia Bullrich"]
    assert {r["date"] for r in bullrich} == {"2023-10-26"}


def test_parameters_take_names_iris_and_terms():
    by_iri = kg.run_query("endorsements_received", actor=KG + "javier-milei")
    assert endorsers(by_iri) == {"Patricia Bullrich", "Mauricio Macri", "Leading figures in PRO", "Luis Petri"}
    assert kg.run_query("endorsements_received", actor="kg:javier-milei") == by_iri
    assert kg.run_query("endorsements_received", actor="Milei") == by_iri
    assert kg.run_query("endorsements_received", actor=ox.NamedNode(KG + "javier-milei")) == by_iri


def test_a_parameter_left_out_matches_everything():
    everyone = kg.run_query("endorsements_received")
    assert {r["actorLabel"] for r in everyone} == {"Javier Milei", "Sergio Massa"}


def test_engines_answer_alike():
    assert kg.run_query("endorsements_received", engine="rdflib", actor="Massa") == kg.run_query(
        "endorsements_received", actor="Massa")


def test_unknown_parameter_and_unknown_actor_are_errors():
    with pytest.raises(InputError, match="has no parameter 'candidate'; its parameters: actor"):
        kg.run_query("endorsements_received", candidate="Milei")
    with pytest.raises(NotFoundError, match="Zzyzx"):
        kg.run_query("endorsements_received", actor="Zzyzx")
