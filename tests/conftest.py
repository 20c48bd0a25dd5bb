"""Shared fixtures: the seeds folder beside the checkout, and a CLI runner."""

from pathlib import Path

import pytest
from click.testing import CliRunner

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def seeds_dir():
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the checkout")
    return SEEDS


HOSTILE_TTL = """\
@prefix kg:   <https://w3id.org/argentina2023/id/> .
@prefix kgo:  <https://w3id.org/argentina2023/ontology#> .
@prefix st:   <https://w3id.org/argentina2023/id/statement/> .
@prefix src:  <https://w3id.org/argentina2023/id/source/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdf:  <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

kg:hostile a foaf:Person ;
    rdfs:label "<img src=x onerror=alert(1)>"@en, "</script><script>alert(2)</script>"@es ;
    skos:altLabel "<!-- \\u2028 & &amp; -->"@en ;
    prov:wasDerivedFrom src:op-ed .

st:hostile-endorses-milei a kgo:Endorsement ;
    rdf:subject kg:hostile ; rdf:predicate kgo:endorses ; rdf:object kg:javier-milei ;
    kgo:context "<b onmouseover=alert(3)>bold</b>"@en ;
    prov:wasDerivedFrom src:op-ed ;
    prov:qualifiedDerivation [ prov:entity src:op-ed ; kgo:quote "<img src=y onerror=alert(4)>" ] .
kg:hostile kgo:endorses kg:javier-milei .
"""
HOSTILE_LABEL = "<img src=x onerror=alert(1)>"
HOSTILE_IRI = "https://w3id.org/argentina2023/id/hostile"


@pytest.fixture
def hostile_actor(tmp_path, monkeypatch):
    """Extra data (through KG_DATA) with an actor whose names are HTML and script, endorsing Milei."""
    path = tmp_path / "hostile.ttl"
    path.write_text(HOSTILE_TTL, encoding="utf-8")
    monkeypatch.setenv("KG_DATA", str(path))
    return HOSTILE_IRI
