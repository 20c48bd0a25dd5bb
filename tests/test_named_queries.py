"""Every named query runs, returns the rows the sources imply, and gives the same rows on both engines."""

from collections import Counter
from decimal import Decimal

import pyoxigraph as ox
import pytest

from kg.sparql.catalogue import get_query, named_queries
from kg.sparql.ordering import sorted_by, term_key, without_plain_order
from kg.store.engines import open_engine

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib, once per quad

KG = "https://w3id.org/argentina2023/id/"
NUMERIC = {"decimal", "integer", "double", "float"}


@pytest.fixture(scope="module")
def store():
    return open_engine("store")


@pytest.fixture(scope="module")
def rdflib_engine():
    return open_engine("rdflib")


def rows_of(engine, name, **bindings):
    return engine.select(get_query(name).text, {k: ox.NamedNode(KG + v) for k, v in bindings.items()})


def column(rows, key):
    return {row[key].value for row in rows if key in row}


def test_endorsements_received_by_milei_and_massa(store):
    assert {"Patricia Bullrich", "Mauricio Macri"} <= column(
        rows_of(store, "endorsements_received", actor="javier-milei"), "endorserLabel")
    assert {"Luiz Inácio Lula da Silva", "Andrés Manuel López Obrador", "Pedro Sánchez", "Gustavo Petro",
            "19 of Argentina's 23 governors"} <= column(
        rows_of(store, "endorsements_received", actor="sergio-massa"), "endorserLabel")


def test_endorsements_received_carry_date_source_and_quote(store):
    rows = [r for r in rows_of(store, "endorsements_received", actor="javier-milei")
            if r["endorser"].value == KG + "patricia-bullrich"]
    assert {r["fileName"].value for r in rows} == {"000_9c4870c4c3406898.txt", "002_0f267a4a9a1e3df1.txt"}
    assert {r["date"].value for r in rows} == {"2023-10-26"}
    assert "Bullrich endorsed Milei four days after the election." in column(rows, "quote")


def test_endorsements_given_by_bullrich(store):
    assert column(rows_of(store, "endorsements_given", actor="patricia-bullrich"), "endorsedLabel") == {"Javier Milei"}


def test_tickets_pair_candidates_with_running_mates(store):
    pairs = {(r["candidateLabel"].value, r["runningMateLabel"].value) for r in rows_of(store, "tickets")}
    assert {("Javier Milei", "Victoria Villarruel"), ("Sergio Massa", "Agustín Rossi")} <= pairs


def test_members_of_liberty_advances(store):
    members = column(rows_of(store, "members", organisation="la-libertad-avanza"), "memberLabel")
    assert {"Libertarian Party", "Patricia Bullrich"} <= members


def test_offices_of_massa_in_order_of_time(store):
    rows = rows_of(store, "offices", person="sergio-massa")
    offices = list(dict.fromkeys(r["officeLabel"].value for r in rows))
    assert offices.index("Member of the Buenos Aires Province Assembly") < offices.index(
        "Minister of Economy of Argentina")
    economy = next(r for r in rows if r["officeLabel"].value == "Minister of Economy of Argentina")
    assert economy["start"].value == "2022-07"
    assert economy["appointedByLabel"].value == "Alberto Fernández"


def test_first_round_results(store):
    ranks = {(r["rank"].value, r["candidateLabel"].value) for r in rows_of(store, "first_round_results")}
    assert {("1", "Sergio Massa"), ("2", "Javier Milei"), ("3", "Patricia Bullrich")} <= ranks
    shares = {r["candidateLabel"].value: Decimal(r["voteShare"].value)
              for r in rows_of(store, "first_round_results") if "voteShare" in r}
    assert shares["Javier Milei"] == 30 and shares["Patricia Bullrich"] == 23


def test_runoff_results(store):
    rows = rows_of(store, "runoff_results")
    winner = {r["candidateLabel"].value for r in rows if r["rank"].value == "1"}
    assert winner == {"Javier Milei"}
    assert {Decimal(r["marginPoints"].value) for r in rows if "marginPoints" in r} == {12}


def test_primary_and_regional_results(store):
    assert column(rows_of(store, "primary_results"), "candidateLabel") == {"Javier Milei"}
    provinces = [r for r in rows_of(store, "regional_results") if r["unitType"].value == "provinces"]
    assert {(r["candidateLabel"].value, r["unitsWon"].value, r["unitsTotal"].value) for r in provinces} == {
        ("Javier Milei", "20", "23")}


def test_stances_side_by_side_cover_both_runoff_candidates(store):
    rows = rows_of(store, "stances_side_by_side")
    assert column(rows, "candidateLabel") == {"Javier Milei", "Sergio Massa"}
    economy = {(r["candidateLabel"].value, r["policyLabel"].value) for r in rows if r["issueLabel"].value == "economy"}
    assert ("Javier Milei", "Dollarization") in economy
    assert ("Sergio Massa", "Price and currency controls") in economy
    brics = {(r["candidateLabel"].value, r["position"].value) for r in rows
             if r["policyLabel"].value == "Argentina joining BRICS"}
    assert brics == {("Sergio Massa", "supports"), ("Javier Milei", "opposes")}


def test_signatories_by_country(store):
    rows = [r for r in rows_of(store, "signatories_by_country") if r["document"].value.endswith("open-letter")]
    assert len({r["signatory"].value for r in rows}) == 22
    spain = {r["signatoryLabel"].value for r in rows if r.get("countryLabel") and r["countryLabel"].value == "Spain"}
    assert {"Sumar", "Podemos", "United Left", "Workers' Commissions"} <= spain


def test_facts_and_claims_per_source(store):
    counts = {r["fileName"].value: r for r in rows_of(store, "facts_per_source")}
    assert set(counts) == {"000_9c4870c4c3406898.txt", "001_a0d888796c0492e9.txt", "002_0f267a4a9a1e3df1.txt"}
    for row in counts.values():
        assert int(row["facts"].value) >= int(row["singleSourceFacts"].value) > 0
    assert int(counts["001_a0d888796c0492e9.txt"]["claims"].value) > 0


def test_claims_per_source_name_claimants(store):
    rows = rows_of(store, "claims_per_source")
    texts = " ".join(column(rows, "claimText"))
    assert "electoral fraud" in texts
    assert "National Electoral Court" in column(rows, "claimantLabel")


def test_single_source_facts_have_one_source(store):
    rows = rows_of(store, "single_source_facts")
    macri = [r for r in rows if r["statement"].value.endswith("endorsement-macri-milei")]
    assert column(macri, "fileName") == {"000_9c4870c4c3406898.txt"}
    assert not [r for r in rows if r["statement"].value.endswith("endorsement-bullrich-milei")]


def test_foreign_ties(store):
    rows = rows_of(store, "foreign_ties")
    foreign = column(rows, "foreignLabel")
    assert {"China", "International Monetary Fund", "Jair Bolsonaro", "Vox"} <= foreign
    china = {r["relation"].value for r in rows if r["foreignLabel"].value == "China"}
    assert "currency swap with" in china


def test_timeline_is_in_date_order(store):
    rows = rows_of(store, "timeline")
    dates = [r["date"].value for r in rows]
    assert dates == sorted(dates)
    runoff = [r for r in rows if r["item"].value == KG + "argentina-2023-runoff"]
    assert {r["date"].value for r in runoff} == {"2023-11-19"}
    assert any(r["item"].value.endswith("endorsement-bullrich-milei") and r["date"].value == "2023-10-26"
               for r in rows)


def _comparable(rows):
    """Rows as a multiset; numbers by value (pyoxigraph writes 30.0 as 30, rdflib keeps 30.0)."""
    def value(term):
        datatype = getattr(term, "datatype", None)
        if datatype is not None and datatype.value.rsplit("#", 1)[-1] in NUMERIC:
            return str(Decimal(term.value).normalize())
        return str(term)
    return Counter(tuple(sorted((k, value(v)) for k, v in row.items())) for row in rows)


# Parameterless queries are compared with rdflib reading `kg export` in test_query_command.py.
@pytest.mark.parametrize("name", [q.name for q in named_queries().values() if q.params])
def test_store_and_rdflib_give_the_same_rows_with_parameters_unbound(store, rdflib_engine, name):
    text = get_query(name).text
    assert _comparable(store.select(text)) == _comparable(rdflib_engine.select(text))


@pytest.mark.parametrize("name, param, value", [
    ("endorsements_received", "actor", "sergio-massa"),
    ("actor_facts", "actor", "javier-milei"),
    ("offices", "person", "sergio-massa"),
    ("statement_links", "node", "victoria-villarruel"),
])
def test_bound_parameters_give_the_same_rows_on_both_engines(store, rdflib_engine, name, param, value):
    text, bindings = get_query(name).text, {param: ox.NamedNode(KG + value)}
    rows = store.select(text, bindings)
    assert rows
    assert _comparable(rows) == _comparable(rdflib_engine.select(text, bindings))


def test_every_named_query_declares_a_summary_and_projects_its_parameters(store):
    for query in named_queries().values():
        assert query.summary, query.name
        head, _, pattern = query.text.partition("WHERE")
        for param in query.params:
            # a CONSTRUCT has no projection: pyoxigraph binds a parameter anywhere in its pattern
            assert f"?{param}" in (pattern if "CONSTRUCT" in head else head), (query.name, param)


PLAINLY_ORDERED = [q.name for q in named_queries().values() if not q.is_check and without_plain_order(q.text)[1]]


def test_the_lookups_sort_most_named_queries_themselves():
    assert {"actor_facts", "actor_fact_qualifiers", "claims_about", "endorsements_received"} <= set(PLAINLY_ORDERED)
    assert without_plain_order(get_query("offices").text)[1] == ()  # ORDER BY COALESCE(...): the store sorts


def _sparql_class(term):
    """Terms that SPARQL's `<` compares share a class; between classes of literals the order is the engine's."""
    if not isinstance(term, ox.Literal):
        return type(term).__name__
    return "number" if term_key(term)[1] == 0 else term.datatype.value


@pytest.mark.parametrize("name", PLAINLY_ORDERED)
def test_sorting_in_python_gives_the_stores_order(store, name):
    """Each pair of neighbouring rows in the store's ORDER BY is in Python's order too, unless they first differ
    in two literals SPARQL does not compare (pyoxigraph puts 6, 18, 19, "2018"^^gYear, 23: no total order)."""
    ordered = store.select(get_query(name).text)
    text, variables = without_plain_order(get_query(name).text)
    assert "ORDER BY" not in text.rsplit("}", 1)[-1]
    resorted = sorted_by(store.select(text), variables)
    assert ordered, name
    assert _comparable(resorted) == _comparable(ordered)
    for before, after in zip(ordered, ordered[1:]):
        pairs = [(before.get(v), after.get(v)) for v in variables if term_key(before.get(v)) != term_key(after.get(v))]
        if pairs and term_key(pairs[0][0]) > term_key(pairs[0][1]):
            assert _sparql_class(pairs[0][0]) != _sparql_class(pairs[0][1]), (name, pairs[0])


def test_python_order_puts_unbound_blank_iri_then_literals_numbers_by_value():
    terms = [ox.Literal("b"), ox.Literal("10", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
             ox.NamedNode("http://a"), None, ox.BlankNode("x"),
             ox.Literal("9", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")), ox.Literal("a", language="es")]
    rows = [{"x": t} if t is not None else {} for t in terms]
    assert [row.get("x") for row in sorted_by(rows, ["x"])] == [
        None, ox.BlankNode("x"), ox.NamedNode("http://a"), terms[5], terms[1], ox.Literal("a", language="es"), ox.Literal("b")]
