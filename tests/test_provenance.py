"""Provenance of the shipped data: every statement and claim has a source and a quote, every quote is in its source."""

import pytest

from kg.rdf.store_view import StoreView
from kg.store.engines import open_engine
from kg.validation.quotes import Quote, evidence_quotes, quote_violations

UNSOURCED = """
SELECT ?node WHERE {
  ?node a/rdfs:subClassOf* ?kind .
  VALUES ?kind { kgo:Statement kgo:Claim }
  FILTER NOT EXISTS { ?node prov:wasDerivedFrom ?source ; prov:qualifiedDerivation [ prov:entity ?source ; kgo:quote ?quote ] }
}
"""

SOURCES = """
SELECT ?source ?quote WHERE {
  st:endorsement-bullrich-milei prov:wasDerivedFrom ?source ;
      prov:qualifiedDerivation [ prov:entity ?source ; kgo:quote ?quote ] .
}
"""


@pytest.fixture(scope="module")
def graph():
    return StoreView(open_engine("store").store)


def test_every_statement_and_claim_has_a_quoted_source():
    assert open_engine().select(UNSOURCED) == []


def test_a_fact_stated_by_two_sources_carries_a_quote_from_each():
    rows = {(r["source"].value.rsplit("/", 1)[-1], r["quote"].value) for r in open_engine().select(SOURCES)}
    assert rows == {
        ("comparison", "Bullrich endorsed Milei four days after the election."),
        ("op-ed", "Bullrich wasn’t just making a statement of support for Milei"),
    }


def test_every_quote_occurs_in_its_source(graph, seeds_dir):
    quotes = list(evidence_quotes(graph))
    assert Quote("st:endorsement-bullrich-milei", "src:comparison", "000_9c4870c4c3406898.txt",
                 "Bullrich endorsed Milei four days after the election.") in quotes
    assert quote_violations(quotes, seeds_dir) == []


def test_quotes_come_from_each_of_the_three_sources(graph):
    assert {q.file_name for q in evidence_quotes(graph)} == {
        "000_9c4870c4c3406898.txt", "001_a0d888796c0492e9.txt", "002_0f267a4a9a1e3df1.txt"}


def test_a_quote_found_only_in_another_source_is_reported(seeds_dir):
    # The comparison's sentence, attributed to the op-ed: the quote must come from the source it cites.
    misattributed = Quote("st:fixture", "src:op-ed", "002_0f267a4a9a1e3df1.txt",
                          "Bullrich endorsed Milei four days after the election.")
    [violation] = quote_violations([misattributed], seeds_dir)
    assert (violation.node, violation.rule) == ("st:fixture", "quote_in_source")


def test_a_file_name_outside_the_seeds_folder_is_never_read(seeds_dir):
    outside = Quote("st:fixture", "src:fixture", "../seeds/000_9c4870c4c3406898.txt", "Bullrich")
    [violation] = quote_violations([outside], seeds_dir)
    assert violation.message.startswith("source text ../seeds/000_9c4870c4c3406898.txt is not in ")
