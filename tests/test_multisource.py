"""The multi-source check: a fact that another source states in one sentence must cite that source too."""

import pyoxigraph as ox
from rdflib import PROV, RDF, URIRef

from kg.rdf.namespaces import PREFIXES, expand_iri
from kg.rdf.sentences import split_sentences
from kg.rdf.store_view import StoreView
from kg.validation.multisource import ALLOWED, RULE, multi_source_violations
from kg.store.engines import open_engine
from kg.validation.report import compact

# Two sources and one endorsement that cites only the first; the second source's text is the fixture's choice.
FIXTURE = """
src:a a kgo:SourceDocument ; kgo:fileName "a.txt" .
src:b a kgo:SourceDocument ; kgo:fileName "b.txt" .
kg:ana a foaf:Person ; rdfs:label "Ana Pérez"@en ; skos:altLabel "Pérez"@es .
kg:bruno a foaf:Person ; rdfs:label "Bruno Díaz"@en ; skos:altLabel "Díaz"@es .
kgo:endorses rdfs:label "endorses"@en .
st:ana-bruno a kgo:Endorsement ;
    rdf:subject kg:ana ; rdf:predicate kgo:endorses ; rdf:object kg:bruno ;
    prov:wasDerivedFrom src:a ;
    prov:qualifiedDerivation [ prov:entity src:a ; kgo:quote "Ana Pérez endorsed Bruno Díaz." ] .
kgo:Endorsement rdfs:subClassOf kgo:Statement .
"""


def fixture(tmp_path, second_text, extra=""):
    store = ox.Store()
    header = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items())
    store.load(header + FIXTURE + extra, format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("https://w3id.org/argentina2023/graph/fixture"))
    graph = StoreView(store)
    (tmp_path / "a.txt").write_text("Ana Pérez endorsed Bruno Díaz.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(second_text, encoding="utf-8")
    return graph


def test_a_second_source_stating_the_fact_is_reported(tmp_path):
    graph = fixture(tmp_path, "The race was tight. Later, Perez also backed Diaz in the runoff.\n")
    [violation] = multi_source_violations(graph, tmp_path, allowed={})
    assert (violation.node, violation.rule) == ("st:ana-bruno", RULE)
    assert violation.message == 'src:b states it too but is not cited: "Later, Perez also backed Diaz in the runoff."'


def test_a_second_source_naming_both_without_the_relation_is_not_reported(tmp_path):
    graph = fixture(tmp_path, "Ana Pérez met Bruno Díaz. Bruno Díaz was endorsed by the press.\n")
    assert multi_source_violations(graph, tmp_path, allowed={}) == []


def test_a_reviewed_finding_is_spared(tmp_path):
    graph = fixture(tmp_path, "Pérez backed Díaz.\n")
    reviewed = {("kg:ana", "kgo:endorses", "kg:bruno", "src:b"): "not the same endorsement"}
    assert multi_source_violations(graph, tmp_path, allowed=reviewed) == []


def test_a_name_inside_a_longer_name_of_another_actor_is_not_a_mention(tmp_path):
    graph = fixture(tmp_path, "Carla Díaz endorsed Ana Pérez's rival.\n", 'kg:carla rdfs:label "Carla Díaz"@en .\n')
    assert multi_source_violations(graph, tmp_path, allowed={}) == []


def test_sentences_are_cut_after_closing_quotes():
    text = "He said: “I’m here.” After Sunday, all changed. Yes\nNext line"
    assert [s.text for s in split_sentences(text)] == [
        "He said: “I’m here.”", "After Sunday, all changed.", "Yes", "Next line"]


def test_shipped_data_has_no_unreviewed_finding(seeds_dir):
    assert multi_source_violations(StoreView(open_engine("store").store), seeds_dir) == []


def test_every_reviewed_finding_is_still_a_finding(seeds_dir):
    """Without the allow-list the check reports exactly the reviewed facts: a stale entry must go."""
    graph = StoreView(open_engine("store").store)
    findings = set()
    for violation in multi_source_violations(graph, seeds_dir, allowed={}):
        statement = URIRef(expand_iri(violation.node))
        fact = (graph.value(statement, RDF.subject), graph.value(statement, RDF.predicate),
                graph.value(statement, RDF.object))
        findings.add((*map(compact, fact), violation.message.split(" ", 1)[0]))
    assert findings == set(ALLOWED)


def test_the_runoff_candidacies_citing_only_the_op_ed_would_be_reported(seeds_dir):
    """The issue's own case: before the fix, st:milei-runoff and st:massa-runoff cited only the op-ed."""
    store = ox.Store()  # a copy in memory, to take the other sources out of
    store.bulk_extend(open_engine("store").store.quads_for_pattern(None, None, None, None))
    cited = ox.NamedNode(str(PROV.wasDerivedFrom))
    for name in ("milei-runoff", "massa-runoff"):
        for quad in list(store.quads_for_pattern(ox.NamedNode(PREFIXES["st"] + name), cited, None, None)):
            if quad.object != ox.NamedNode(PREFIXES["src"] + "op-ed"):
                store.remove(quad)
    graph = StoreView(store)
    reported = {(v.node, v.message.split(" ", 1)[0]) for v in multi_source_violations(graph, seeds_dir)}
    assert reported == {(f"st:{name}", f"src:{source}") for name in ("milei-runoff", "massa-runoff")
                        for source in ("comparison", "open-letter")}
