"""The facts corrected by the second fact check (issue 14), asserted by name.

Sources cited in full, partisan characterisations kept as claims, who actually acts, merged facts split,
quotes that carry their whole fact, and political movements kept apart from the 2023 coalition.
"""

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

import kg
from kg.names.resolve import resolve
from kg.rdf.store_view import StoreView
from kg.store.engines import open_engine
from kg.validation.quotes import squash_whitespace as normalise

KG = "https://w3id.org/argentina2023/id/"
ST = KG + "statement/"
SRC = KG + "source/"
KGO = "https://w3id.org/argentina2023/ontology#"
ORG_MEMBER_OF = URIRef("http://www.w3.org/ns/org#memberOf")
SCHEMA_LOCATION = URIRef("https://schema.org/location")
COMPARISON, LETTER, OP_ED = (URIRef(SRC + s) for s in ("comparison", "open-letter", "op-ed"))
FILES = {COMPARISON: "000_9c4870c4c3406898.txt", LETTER: "001_a0d888796c0492e9.txt",
         OP_ED: "002_0f267a4a9a1e3df1.txt"}


def kg_(name):
    return URIRef(KG + name)


def st(name):
    return URIRef(ST + name)


def kgo(name):
    return URIRef(KGO + name)


@pytest.fixture(scope="module")
def graph():
    return StoreView(open_engine("store").store)


def sources(graph, node):
    return set(graph.objects(node, PROV.wasDerivedFrom))


def quotes(graph, node):
    """{source: {quote, ...}} of a statement or claim."""
    out = {}
    for derivation in graph.objects(node, PROV.qualifiedDerivation):
        out.setdefault(graph.value(derivation, PROV.entity), set()).add(str(graph.value(derivation, kgo("quote"))))
    return out


def all_quotes(graph, node):
    return " ".join(q for qs in quotes(graph, node).values() for q in qs)


def is_fact(graph, node):
    return (node, RDF.type, kgo("Claim")) not in graph and any(
        (kind, RDFS.subClassOf, kgo("Statement")) in graph for kind in graph.objects(node, RDF.type))


# 1. Facts stated by several sources cite all of them


@pytest.mark.parametrize("name", ["milei-runoff", "massa-runoff"])
def test_runoff_candidacies_cite_all_three_sources_with_a_quote_from_each(graph, name):
    node = st(name)
    assert sources(graph, node) == {COMPARISON, LETTER, OP_ED}
    by_source = quotes(graph, node)
    assert set(by_source) == {COMPARISON, LETTER, OP_ED}
    assert "Argentina's 2023 Runoff: Comparing Massa and Milei" in by_source[COMPARISON]
    assert ("On 19 November, Argentina will host the second round of its presidential election between Sergio "
            "Massa (Unión por la Patria) and Javier Milei (La Libertad Avanza).") in by_source[LETTER]


def test_first_round_candidacies_cite_every_source_that_states_them(graph):
    assert sources(graph, st("massa-first-round")) == {COMPARISON, OP_ED}
    assert sources(graph, st("milei-first-round")) == {COMPARISON, LETTER, OP_ED}


def test_the_juntas_killings_and_disappearances_cite_the_comparison_too(graph):
    node = st("junta-killings-and-disappearances")
    assert graph.value(node, RDF.subject) == kg_("argentine-military-junta")
    assert sources(graph, node) == {COMPARISON, LETTER}
    assert "killed and disappeared" in all_quotes(graph, node)
    assert "killings" not in str(graph.value(st("junta-description"), RDF.object))


# 2. A partisan source's characterisations are claims


NEW_CLAIMS = {
    "claim-stakes-could-not-be-higher": (LETTER, "The stakes of this presidential election could not be higher"),
    "claim-milei-anarcho-capitalism": (LETTER, "“anarcho-capitalism”"),
    "claim-milei-dismantle-the-state": (LETTER, "calling to dismantle the Argentine state"),
    "claim-argentina-is-suffering": (LETTER, "Argentina is suffering."),
    "claim-argentina-state-employment": (OP_ED, "1 out of every 4 people work for the state"),
    "claim-voted-to-slash-the-state": (OP_ED, "They voted to slash the state."),
    "claim-runoff-not-close": (OP_ED, "But the results were not even close."),
    "claim-argentina-mercosur-leader": (OP_ED, "a regional leader in the South American trade bloc Mercosur"),
    "claim-sanchez-socialist": (OP_ED, "Socialist Spanish Prime Minister Pedro Sanchez"),
    "claim-pinochet-strongman": (OP_ED, "1970s-era strongman Augusto Pinochet"),
    "claim-greater-buenos-aires-peronist-stronghold": (OP_ED, "once-Peronist stronghold"),
    "claim-villarruel-security-credentials": (OP_ED, "has a lengthy resume covering counterterrorism issues"),
}


@pytest.mark.parametrize("name", sorted(NEW_CLAIMS))
def test_each_new_claim_has_its_claimant_source_and_verbatim_quote(graph, seeds_dir, name):
    source, words = NEW_CLAIMS[name]
    node = st(name)
    assert (node, RDF.type, kgo("Claim")) in graph
    assert graph.value(node, kgo("claimant")) == source
    assert sources(graph, node) == {source}
    assert set(quotes(graph, node)) == {source}
    assert words in all_quotes(graph, node)
    text = normalise((seeds_dir / FILES[source]).read_text("utf-8"))
    assert all(normalise(q) in text for q in quotes(graph, node)[source])


def test_villarruel_claim_quotes_both_sentences(graph):
    text = all_quotes(graph, st("claim-villarruel-security-credentials"))
    assert "which I head" in text and "undertook a multitude of international events and trips" in text


@pytest.mark.parametrize("subject, predicate, value", [
    ("argentina", "description", "One in four people work for the state"),
    ("javier-milei", "ideology", "anarcho-capitalism"),
    ("pedro-sanchez", "ideology", "socialist"),
    ("augusto-pinochet", "description", "strongman"),
    ("victoria-villarruel", "description", "counterterrorism"),
    ("greater-buenos-aires", "description", "Peronist"),
    ("argentina-2023-runoff", "description", "not close"),
])
def test_characterisations_are_no_longer_asserted_as_facts(graph, subject, predicate, value):
    assert not [o for o in graph.objects(kg_(subject), kgo(predicate)) if value in str(o)]


@pytest.mark.parametrize("name", ["argentina-statistics", "milei-ideology-anarcho-capitalism", "sanchez-ideology",
                                  "pinochet-description", "villarruel-description-security"])
def test_the_former_statements_are_gone(graph, name):
    assert (st(name), None, None) not in graph


def test_shrinking_the_state_is_the_comparisons_words_only(graph):
    node = st("milei-shrink-the-state")
    assert sources(graph, node) == {COMPARISON}
    proposal = str(graph.value(node, kgo("proposal")))
    assert "dismantle" not in proposal and "anarcho" not in proposal


def test_mercosur_membership_carries_no_leader_role_and_says_it_is_read_from_the_label(graph):
    node = st("argentina-member-of-mercosur")
    assert graph.value(node, kgo("role")) is None
    assert "regional leader" in str(graph.value(node, kgo("inferred")))


def test_villarruels_study_with_the_authors_think_tank_says_so(graph):
    assert "The op-ed's author heads the Center." in str(graph.value(st("villarruel-studied-with-csfs"),
                                                                       kgo("context")))


# 3. Who actually acts


def test_pros_leading_figures_endorse_milei_not_the_party(graph):
    node = st("endorsement-pro-milei")
    assert graph.value(node, RDF.subject) == kg_("pro-leading-figures")
    assert (kg_("pro"), kgo("endorses"), kg_("javier-milei")) not in graph
    assert (kg_("pro-leading-figures"), kgo("endorses"), kg_("javier-milei")) in graph
    assert (kg_("pro-leading-figures"), RDF.type, kgo("Group")) in graph
    assert (kg_("pro-leading-figures"), ORG_MEMBER_OF, kg_("pro")) in graph
    assert quotes(graph, node) == {OP_ED: {
        "Leading figures in PRO took to the streets, social media, and the airwaves to rally around Milei"}}


def test_pros_leading_figures_called_out_radical_members_not_the_party(graph):
    node = st("pro-criticised-ucr")
    assert graph.value(node, RDF.subject) == kg_("pro-leading-figures")
    assert graph.value(node, RDF.object) == kg_("ucr-members-called-out")
    assert (kg_("pro"), kgo("criticised"), kg_("ucr")) not in graph
    assert (kg_("ucr-members-called-out"), ORG_MEMBER_OF, kg_("ucr")) in graph


# 4. Merged or stretched facts, split or flagged


def test_the_two_currency_swaps_are_two_statements_each_with_its_own_source(graph):
    op_ed, comparison = st("china-currency-swap"), st("china-currency-swap-loan")
    assert sources(graph, op_ed) == {OP_ED} and sources(graph, comparison) == {COMPARISON}
    assert str(graph.value(op_ed, kgo("amount"))) == "$6.5 billion, yuan-based"
    assert graph.value(comparison, kgo("amount")) is None
    for node in (op_ed, comparison):
        assert (graph.value(node, RDF.subject), graph.value(node, RDF.predicate), graph.value(node, RDF.object)) == (
            kg_("china"), kgo("currencySwapWith"), kg_("argentina"))


def test_massa_financing_a_loan_with_the_swap_is_its_own_edge(graph):
    node = st("massa-financed-loan-with-china-swap")
    assert (graph.value(node, RDF.subject), graph.value(node, RDF.predicate), graph.value(node, RDF.object)) == (
        kg_("sergio-massa"), kgo("financedWith"), kg_("china"))
    assert (kg_("sergio-massa"), kgo("financedWith"), kg_("china")) in graph
    assert any("financed a loan" in q for q in quotes(graph, node)[COMPARISON])
    assert any("China." in q for q in quotes(graph, node)[COMPARISON])


def test_the_lithium_triangle_is_a_region_argentina_is_part_of(graph):
    assert graph.value(st("argentina-in-lithium-triangle"), RDF.predicate) == kgo("partOf")
    assert (kg_("argentina"), kgo("partnerIn"), kg_("lithium-triangle")) not in graph
    assert (kg_("lithium-triangle"), RDF.type, kgo("Region")) in graph


@pytest.mark.parametrize("name, words", [
    ("rossi-presidential-bid", "ran for president earlier in 2023"),
    ("ticket-bullrich-petri", "round:"),
    ("cpac-mexico-country", "conference's name"),
    ("milei-called-national-march", "Milei’s campaign"),
])
def test_stretched_facts_are_flagged_with_their_reason(graph, name, words):
    assert words in str(graph.value(st(name), kgo("inferred")))


def test_foro_madrid_is_not_located_in_bogota_the_meeting_was(graph):
    assert (kg_("foro-madrid"), SCHEMA_LOCATION, kg_("bogota")) not in graph
    assert (st("foro-madrid-location"), None, None) not in graph
    assert graph.value(st("milei-spoke-at-foro-madrid"), kgo("via")) == kg_("bogota")


# 5. Every quote carries its whole fact


@pytest.mark.parametrize("name, words", [
    ("lla-description", ["Liberty Advances", "social media-savvy supporters"]),
    ("runoff-polls", ["polls showed a difference of 1 to 2 points"]),
    ("jair-bolsonaro-former-president", ["Brazil’s Jair Bolsonaro", "now-former president"]),
    ("pro-member-of-jxc", ["Leading figures in PRO", "their own political coalition", "Juntos por el Cambio"]),
    ("ucr-member-of-jxc", ["Radical Civic Union", "their own political coalition", "Juntos por el Cambio"]),
    ("libertarian-party-member-of-lla", ["six parties", "Libertarian party", "this party and these coalitions"]),
])
def test_quotes_carry_the_whole_fact(graph, name, words):
    text = all_quotes(graph, st(name))
    for word in words:
        assert word in text, word


def test_runoff_polls_no_longer_say_the_result_was_not_close(graph):
    assert "close" not in str(graph.value(st("runoff-polls"), RDF.object))


# 6. Movements are not coalitions


@pytest.mark.parametrize("name", ["peronism", "kirchnerism"])
def test_movements_are_actors_distinct_from_the_coalition(graph, name):
    assert (kg_(name), RDF.type, kgo("PoliticalMovement")) in graph
    assert (kgo("PoliticalMovement"), RDFS.subClassOf, URIRef("http://www.w3.org/ns/org#Organization")) in graph
    assert kg_(name) != kg_("union-por-la-patria")


def test_the_coalitions_aliases_designate_the_coalition_only(graph):
    aliases = {str(a) for a in graph.objects(kg_("union-por-la-patria"), SKOS.altLabel)}
    assert "Peronists" not in aliases and "peronismo" not in aliases
    assert "Peronist coalition" in aliases
    assert Literal("Peronists", lang="en") in set(graph.objects(kg_("peronism"), SKOS.altLabel))


@pytest.mark.parametrize("name, iri", [
    ("Peronists", "peronism"), ("peronismo", "peronism"), ("Kirchnerismo", "kirchnerism"),
    ("Peronist coalition", "union-por-la-patria"), ("Union for the Homeland", "union-por-la-patria"),
])
def test_names_resolve_to_the_movement_or_the_coalition(name, iri):
    assert resolve(name, open_engine("store")).iri == KG + iri


def test_movements_are_related_to_the_coalition_and_people_the_sources_relate_them_to(graph):
    assert (kg_("union-por-la-patria"), kgo("partOfMovement"), kg_("peronism")) in graph
    assert sources(graph, st("uxp-peronist-coalition")) == {COMPARISON}
    assert (kg_("kirchnerism"), kgo("partOfMovement"), kg_("peronism")) in graph
    assert graph.value(st("kirchnerism-part-of-peronism"), kgo("inferred")) is not None
    for person in ("nestor-kirchner", "cristina-fernandez-de-kirchner"):
        assert (kg_("kirchnerism"), kgo("namedAfter"), kg_(person)) in graph
    assert {kg_("kirchnerism"), kg_("peronism")} <= set(graph.objects(st("claim-kirchnerismo-failed"), kgo("about")))


def test_every_corrected_statement_is_a_fact_and_every_claim_is_not_asserted(graph):
    for name in ("milei-runoff", "endorsement-pro-milei", "china-currency-swap-loan", "uxp-peronist-coalition"):
        assert is_fact(graph, st(name)), name
    for name in NEW_CLAIMS:
        assert not is_fact(graph, st(name)), name


def test_the_readmes_headline_counts_are_todays():
    [row] = kg.run_query("graph_counts")
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    headline = " ".join(readme.split())
    assert (f"The graph holds {row['actors']} actors ({row['people']} of them people), {row['facts']} facts and "
            f"{row['claims']} claims, with {row['quotes']} evidence quotes") in headline
