"""Loading the dataset: shipped files, named graphs, KG_DATA, and malformed input."""

import pytest
from rdflib import URIRef

import kg
from kg.errors import InputError

KG = "https://w3id.org/argentina2023/id/"
KGO = "https://w3id.org/argentina2023/ontology#"


def test_dataset_has_one_named_graph_per_shipped_file():
    ds = kg.load_dataset()
    names = {str(g.identifier) for g in ds.graphs()}
    assert "https://w3id.org/argentina2023/graph/endorsements" in names
    assert "https://w3id.org/argentina2023/graph/kg" in names


def test_default_graph_is_the_union_of_named_graphs():
    ds = kg.load_dataset()
    rows = list(ds.query("SELECT ?who WHERE { ?who kgo:endorses kg:javier-milei }",
                         initNs={"kg": KG, "kgo": KGO}))
    assert URIRef(KG + "patricia-bullrich") in {r.who for r in rows}


def test_kg_data_files_are_added(tmp_path, monkeypatch):
    extra = tmp_path / "extra.ttl"
    extra.write_text(f"<{KG}someone> <{KGO}endorses> <{KG}javier-milei> .\n")
    monkeypatch.setenv("KG_DATA", str(extra))
    ds = kg.load_dataset()
    assert (URIRef(KG + "someone"), URIRef(KGO + "endorses"), URIRef(KG + "javier-milei")) in ds


def test_malformed_turtle_names_file_and_line(tmp_path, monkeypatch):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:d ex:e \"unterminated .\n")
    monkeypatch.setenv("KG_DATA", str(bad))
    with pytest.raises(InputError, match=r"bad\.ttl:3: malformed"):
        kg.load_dataset()


def test_plain_string_literals_match_in_sparql():
    # rdflib tells "a" from "a"^^xsd:string; the loader must keep plain strings plain so that queries match.
    ds = kg.load_dataset()
    rows = list(ds.query('SELECT ?d WHERE { ?d kgo:quote "Bullrich endorsed Milei four days after the election." }',
                         initNs={"kgo": KGO}))
    assert len(rows) == 1
