"""Network analysis on the real graph: centrality, communities, brokers and camps match the sources."""

import networkx as nx
import pytest

from kg.network.analysis import analyze, brokers, centrality, communities, undirected
from kg.network.camps import camps, runoff_candidates
from kg.network.projection import actor_graph
from kg.store.engines import open_engine

KG = "https://w3id.org/argentina2023/id/"
MILEI, MASSA = KG + "javier-milei", KG + "sergio-massa"


@pytest.fixture(scope="module")
def engine():
    return open_engine()


@pytest.fixture(scope="module")
def graph(engine):
    return actor_graph(engine)


@pytest.fixture(scope="module")
def groups(graph):
    return communities(graph)


@pytest.fixture(scope="module")
def camp(graph):
    """stance -> candidate label -> {actor label: reasons}"""
    found = {}
    for m in camps(graph, [MILEI, MASSA]):
        found.setdefault(m.stance, {}).setdefault(m.candidate_label, {})[m.label] = m.reasons
    return found


def community_of(groups, label):
    (number,) = [g.number for g in groups for m in g.members if m.label == label]
    return number


def test_runoff_candidates_are_milei_and_massa(engine):
    assert runoff_candidates(engine) == [MILEI, MASSA]


def test_milei_and_massa_are_the_most_linked_people(graph):
    people = [c.label for c in centrality(graph) if c.type == "Person"]
    assert people[:2] == ["Javier Milei", "Sergio Massa"]


def test_centrality_ranks_by_the_chosen_measure(graph):
    by_betweenness = centrality(graph, by="betweenness")
    assert by_betweenness[0].label == "Javier Milei"
    scores = [c.betweenness for c in by_betweenness]
    assert scores == sorted(scores, reverse=True)
    pagerank = [c.pagerank for c in centrality(graph, by="pagerank")]
    assert pagerank == sorted(pagerank, reverse=True) and abs(sum(pagerank) - 1) < 1e-3


def test_communities_separate_the_milei_and_massa_camps(groups):
    milei = community_of(groups, "Javier Milei")
    massa = community_of(groups, "Sergio Massa")
    assert milei != massa
    for ally in ("Patricia Bullrich", "Mauricio Macri", "Liberty Advances", "Together for Change", "PRO"):
        assert community_of(groups, ally) == milei, ally
    for ally in ("Andrés Manuel López Obrador", "Gustavo Petro", "Pedro Sánchez", "Union for the Homeland"):
        assert community_of(groups, ally) == massa, ally
    assert community_of(groups, "Luiz Inácio Lula da Silva") != milei


def test_no_supporter_of_one_candidate_sits_in_the_other_candidates_community(groups, camp):
    milei = community_of(groups, "Javier Milei")
    massa = community_of(groups, "Sergio Massa")
    assert {community_of(groups, label) for label in camp["for"]["Javier Milei"]}.isdisjoint({massa})
    assert {community_of(groups, label) for label in camp["for"]["Sergio Massa"]}.isdisjoint({milei})


def test_the_open_letter_signatories_form_their_own_community(groups):
    letter = community_of(groups, "Open letter against Javier Milei")
    for signatory in ("Sumar", "Podemos", "DiEM25", "Party of the European Left"):
        assert community_of(groups, signatory) == letter
    assert letter not in {community_of(groups, "Javier Milei"), community_of(groups, "Sergio Massa")}


def test_communities_are_named_after_their_most_linked_member(groups):
    names = {g.name for g in groups}
    assert {"Javier Milei", "Sergio Massa", "Open letter against Javier Milei"} <= names
    for group in groups:
        assert group.members[0].label == group.name


def test_camps_match_the_endorsements_the_sources_state(camp):
    assert {"Patricia Bullrich", "Mauricio Macri", "Leading figures in PRO", "Luis Petri"} <= set(camp["for"]["Javier Milei"])
    assert {"Luiz Inácio Lula da Silva", "Andrés Manuel López Obrador", "Pedro Sánchez", "Gustavo Petro",
            "19 of Argentina's 23 governors"} <= set(camp["for"]["Sergio Massa"])
    assert "endorses Javier Milei" in camp["for"]["Javier Milei"]["Patricia Bullrich"]


def test_running_mates_and_coalitions_are_in_their_candidates_camp(camp):
    assert camp["for"]["Javier Milei"]["Victoria Villarruel"] == ["running mate of Javier Milei"]
    assert camp["for"]["Sergio Massa"]["Agustín Rossi"] == ["running mate of Sergio Massa"]
    assert camp["for"]["Javier Milei"]["Liberty Advances"] == ["Javier Milei's coalition"]
    assert camp["for"]["Sergio Massa"]["Union for the Homeland"] == ["Sergio Massa's coalition"]
    assert "member of Liberty Advances" in camp["for"]["Javier Milei"]["Libertarian Party"]


def test_open_letter_signatories_are_against_milei(camp):
    against = camp["against"]["Javier Milei"]
    for signatory in ("Sumar", "Podemos", "Landless Workers' Movement", "French Communist Party"):
        assert "signed Open letter against Javier Milei, which opposes Javier Milei" in against[signatory]
    assert "opposes Javier Milei" in against["Open letter against Javier Milei"]
    assert "Sergio Massa" not in camp.get("against", {})  # nothing in the sources opposes Massa by name


def test_withheld_endorsement_is_not_support(camp):
    assert set(camp["withheld"]["Javier Milei"]) == {"Together for Change leaders who did not endorse Milei",
                                                     "Radical Civic Union"}
    assert "Radical Civic Union" not in camp["for"]["Javier Milei"]


def test_camp_members_cite_their_statements_and_sources(graph):
    (sumar,) = [m for m in camps(graph, [MILEI]) if m.label == "Sumar"]
    assert KG + "statement/signed-sumar" in sumar.statements
    assert KG + "statement/open-letter-opposes-milei" in sumar.statements
    assert "001_a0d888796c0492e9.txt" in sumar.sources


def test_brokers_include_the_actors_that_link_blocs(graph, groups):
    ranked = brokers(graph, groups)
    found = {b.label: b for b in ranked}
    assert [b.label for b in ranked][:3] == ["Javier Milei", "Open letter against Javier Milei", "Sergio Massa"]
    milei, massa = community_of(groups, "Javier Milei"), community_of(groups, "Sergio Massa")
    # the open letter ties its signatories to Milei, whom it opposes
    letter = found["Open letter against Javier Milei"]
    assert letter.articulation_point
    assert {community_of(groups, "Sumar"), milei} <= set(letter.communities)
    # Villarruel links Milei's camp to the U.S. defence programmes and security scholars the op-ed names
    villarruel = found["Victoria Villarruel"]
    assert villarruel.articulation_point
    assert {milei, community_of(groups, "William J. Perry Center for Hemispheric Defense Studies")} <= set(
        villarruel.communities)
    # Greater Buenos Aires, where both candidates won municipalities, lies between their communities
    assert {milei, massa} <= set(found["Greater Buenos Aires"].communities)
    # Bullrich, in both Together for Change and Liberty Advances, is a cut point of the network
    assert found["Patricia Bullrich"].articulation_point
    bullrich = set(undirected(graph)[KG + "patricia-bullrich"])
    assert {KG + "juntos-por-el-cambio", KG + "la-libertad-avanza"} <= bullrich


def test_articulation_points_are_those_of_the_undirected_graph(graph, groups):
    cut = set(nx.articulation_points(undirected(graph)))
    assert {b.actor for b in brokers(graph, groups) if b.articulation_point} == cut


def test_analysis_is_the_same_on_every_run(graph):
    again = actor_graph(open_engine())
    assert analyze(again, [MILEI, MASSA]).to_dict() == analyze(graph, [MILEI, MASSA]).to_dict()


def test_top_limits_centrality_and_brokers(graph):
    result = analyze(graph, [MILEI, MASSA], top=3)
    assert len(result.centrality) == 3 and len(result.brokers) == 3
    assert result.camps and result.communities


def test_a_filtered_graph_keeps_only_those_relations(engine):
    graph = actor_graph(engine, relations=["endorses"])
    result = analyze(graph, [MILEI, MASSA])
    assert {m.stance for m in result.camps} == {"for"}
    assert {g.name for g in result.communities} == {"Javier Milei", "Sergio Massa"}
