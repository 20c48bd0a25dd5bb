"""SHACL compiled to SPARQL (kg.validation.shacl) against pySHACL, the oracle: on the shipped data, and on a
small broken fixture for each component and target kind of ontology/shapes.ttl, where each test also
asserts the violation expected (so that it fails if both validators found nothing)."""

import pyoxigraph as ox
import pyshacl
import pytest
from rdflib import Graph, URIRef

from kg.errors import InputError
from kg.rdf.dataset import to_oxigraph, to_rdflib
from kg.rdf.inputs import resource_dir, shapes_file
from kg.rdf.namespaces import PREFIXES
from kg.rdf.parsing import read_quads
from kg.store.engines import open_engine
from kg.validation.report import SH, SHAPES_NS
from kg.validation.shacl import ShaclResult, compile_checks, shacl_results

SHAPES = list(read_quads(shapes_file()))
ONTOLOGY = [quad for name in ("kg.ttl", "vocabularies.ttl") for quad in read_quads(resource_dir("ontology") / name)]
HEADER = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in {**PREFIXES, "kgsh": SHAPES_NS, "sh": SH}.items())
KG, KGO, ST, SRC = (PREFIXES[p] for p in ("kg", "kgo", "st", "src"))

# Two actors, a source document and an endorsement that conform to every shape.
VALID = """
kg:ana a foaf:Person ; rdfs:label "Ana Pérez"@en, "Ana Pérez"@es .
kg:bruno a foaf:Person ; rdfs:label "Bruno Díaz"@en .
kg:genre-x skos:inScheme kg:genres .
kg:stance-x skos:inScheme kg:source-stances .
src:a a kgo:SourceDocument ; rdfs:label "A"@en ; kgo:fileName "a.txt" ; kgo:genre kg:genre-x ;
    kgo:stance kg:stance-x ; dct:issued "2023-11-02"^^xsd:date .
st:e a kgo:Endorsement ; rdf:subject kg:ana ; rdf:predicate kgo:endorses ; rdf:object kg:bruno ;
    prov:wasDerivedFrom src:a ; prov:qualifiedDerivation [ prov:entity src:a ; kgo:quote "Ana endorsed Bruno." ] .
"""


def shape(local):
    return ox.NamedNode(SHAPES_NS + local)


def message(local):
    """The sh:message of shapes.ttl's shape kgsh:`local`."""
    [quad] = [q for q in SHAPES if q.subject == shape(local) and q.predicate.value == SH + "message"]
    return quad.object.value


def union_graph(quads):
    """The triples of all named graphs as one rdflib Graph (pySHACL would validate a Dataset's graphs one by one)."""
    graph = Graph()
    for quad in quads:
        graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return graph


def pyshacl_results(store, shapes):
    """pySHACL's results on the union of the store's graphs, as ShaclResults (message None for a shape
    without sh:message), distinct and sorted: the report's sh:result, not the sh:detail results that pySHACL
    nests under a failing sh:node (typed sh:ValidationResult too). A value is given as the store's term that
    it was read from (rdflib rewrites some lexical forms, such as "5"^^xsd:boolean as "false")."""
    shapes_graph = union_graph(shapes)
    quads = list(store.quads_for_pattern(None, None, None, None))
    read_from = {(to_rdflib(quad.subject), to_rdflib(quad.object)): quad.object for quad in quads}
    _, report, _ = pyshacl.validate(union_graph(quads), shacl_graph=shapes_graph, inference="none")
    found = set()
    for result in report.objects(None, URIRef(SH + "result")):
        source = report.value(result, URIRef(SH + "sourceShape"))
        focus, value = (report.value(result, URIRef(SH + p)) for p in ("focusNode", "value"))
        has_message = shapes_graph.value(source, URIRef(SH + "message")) is not None
        found.add(ShaclResult(to_oxigraph(focus), to_oxigraph(source),
                              str(report.value(result, URIRef(SH + "resultMessage"))) if has_message else None,
                              None if value is None else read_from.get((focus, value), to_oxigraph(value))))
    return sorted(found, key=ShaclResult.sort_key)


def store_of(*graphs):
    """A store of the ontology plus each Turtle body (with kg's prefixes) in a named graph of its own."""
    store = ox.Store()
    store.bulk_extend(ONTOLOGY)
    for number, body in enumerate(graphs):
        store.load(HEADER + body, ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(f"https://example.org/g{number}"))
    return store


def validated(*graphs, shapes=SHAPES):
    """The compiled results on the graphs, after asserting that they are pySHACL's."""
    store = store_of(*graphs)
    results = shacl_results(store, shapes)
    assert results == pyshacl_results(store, shapes)
    return results


def result(focus, local, value=None):
    return ShaclResult(focus, shape(local), message(local), value)


def test_shipped_data_gives_pyshacls_results():
    store = open_engine("store").store
    results = shacl_results(store, SHAPES)
    assert results == pyshacl_results(store, SHAPES)
    assert results == []


def test_the_valid_fixture_conforms():
    assert validated(VALID) == []


def test_one_query_per_constraint():
    checks = compile_checks(SHAPES)
    assert len(checks) == len({(c.shape.node, c.component, c.query) for c in checks})
    assert {c.component for c in checks if c.shape.node == shape("Candidacy-voteShare")} == {
        "maxCount", "datatype", "minInclusive", "maxInclusive"}


def test_min_count_missing_subject():
    body = VALID.replace("rdf:subject kg:ana ; ", "")
    assert validated(body) == [result(ox.NamedNode(ST + "e"), "Endorsement-endorser"),
                               result(ox.NamedNode(ST + "e"), "Statement-subject")]


def test_a_triple_in_two_graphs_counts_once():
    assert validated(VALID, "st:e rdf:subject kg:ana .") == []


def test_max_count_two_subjects():
    assert validated(VALID, "st:e rdf:subject kg:bruno .") == [result(ox.NamedNode(ST + "e"), "Statement-subject")]


def test_subclass_of_subclass_is_targeted_and_is_of_the_class():
    """kgo:PoliticalParty is a subclass of org:FormalOrganization, of org:Organization, of kgo:Actor."""
    body = VALID.replace("kg:bruno a foaf:Person", "kg:bruno a kgo:PoliticalParty")
    assert validated(body) == []  # sh:class kgo:Actor accepts the party as endorsee
    party = ox.NamedNode(KG + "lla")
    assert validated(VALID, 'kg:lla a kgo:PoliticalParty ; rdfs:label "LLA"@es .') == [
        result(party, "Actor-englishLabel")]


def test_class_of_a_non_actor_and_of_a_literal():
    body = VALID.replace("rdf:object kg:bruno", 'rdf:object kg:nobody')
    assert validated(body) == [result(ox.NamedNode(ST + "e"), "Endorsement-endorsee", ox.NamedNode(KG + "nobody"))]


def test_node_kind_and_class_of_a_literal_subject():
    endorsement, ana = ox.NamedNode(ST + "e"), ox.Literal("Ana")
    assert validated(VALID.replace("rdf:subject kg:ana", 'rdf:subject "Ana"')) == [
        result(endorsement, "Endorsement-endorser", ana), result(endorsement, "Statement-subject", ana)]


def test_in_refuses_another_predicate():
    body = VALID.replace("rdf:predicate kgo:endorses", "rdf:predicate kgo:likes")
    assert validated(body) == [result(ox.NamedNode(ST + "e"), "Endorsement-predicate", ox.NamedNode(KGO + "likes"))]


def test_ill_typed_literals_are_not_of_their_datatype():
    ana = ox.NamedNode(KG + "ana")
    abc = ox.Literal("abc", datatype=ox.NamedNode(PREFIXES["xsd"] + "integer"))
    assert validated(VALID, 'kg:ana kgo:memberCount "abc"^^xsd:integer .') == [result(ana, "MemberCount", abc)]
    half = ox.Literal("2.5", datatype=ox.NamedNode(PREFIXES["xsd"] + "integer"))
    assert validated(VALID, 'kg:ana kgo:memberCount "2.5"^^xsd:integer .') == [result(ana, "MemberCount", half)]


def test_a_decimal_that_python_reads_is_of_its_datatype():
    """rdflib reads "1e3"^^xsd:decimal with Python's Decimal, so pySHACL accepts it: so does the compiler."""
    assert validated(VALID, 'st:e kgo:marginPoints "1e3"^^xsd:decimal .') == []


def test_min_and_max_inclusive():
    endorsement = ox.NamedNode(ST + "e")
    candidacy = VALID.replace("a kgo:Endorsement", "a kgo:Endorsement, kgo:Candidacy")
    results = validated(candidacy, 'st:e kgo:rank 0 ; kgo:voteShare 150.0 .')
    assert result(endorsement, "Candidacy-rank", ox.Literal("0", datatype=ox.NamedNode(PREFIXES["xsd"] + "integer"))) in results
    assert result(endorsement, "Candidacy-voteShare",
                  ox.Literal("150", datatype=ox.NamedNode(PREFIXES["xsd"] + "decimal"))) in results


def test_a_language_tagged_quote_on_a_blank_node_derivation():
    body = VALID.replace('kgo:quote "Ana endorsed Bruno."', 'kgo:quote "Ana endorsed Bruno."@en')
    [found] = validated(body)
    assert isinstance(found.focus, ox.BlankNode)
    assert (found.shape, found.message, found.value) == (
        shape("Derivation-quote"), message("Derivation-quote"), ox.Literal("Ana endorsed Bruno.", language="en"))


def test_pattern_on_a_file_name_with_a_folder():
    body = VALID.replace('kgo:fileName "a.txt"', 'kgo:fileName "seeds/a.txt"')
    assert validated(body) == [result(ox.NamedNode(SRC + "a"), "SourceDocument-fileName", ox.Literal("seeds/a.txt"))]


def test_lang_string_required():
    assert validated(VALID, 'st:e kgo:context "plain" .') == [
        result(ox.NamedNode(ST + "e"), "Context", ox.Literal("plain"))]


def test_or_on_values_fails_for_a_plain_date():
    """kgsh:Issued (targetSubjectsOf dct:issued): sh:or of three datatypes; the result names kgsh:Issued."""
    body = VALID.replace('"2023-11-02"^^xsd:date', '"2 November 2023"')
    assert validated(body) == [result(ox.NamedNode(SRC + "a"), "Issued", ox.Literal("2 November 2023"))]


def test_or_on_the_focus_fails_for_a_candidacy_in_a_party():
    candidacy = ox.NamedNode(ST + "c")
    body = VALID + """st:c a kgo:Candidacy ; rdf:subject kg:ana ; rdf:predicate kgo:candidateIn ; rdf:object kg:bruno ;
        prov:wasDerivedFrom src:a ; prov:qualifiedDerivation [ prov:entity src:a ; kgo:quote "Ana ran." ] ."""
    assert validated(body) == [result(candidacy, "Candidacy", candidacy)]
    assert validated(body, "kg:bruno a kgo:ElectionRound .") == []


CLAIM = """st:c a kgo:Claim ; kgo:claimant kg:ana ; prov:wasDerivedFrom src:a ;
    prov:qualifiedDerivation [ prov:entity src:a ; kgo:quote "Bruno is the best." ] ; """


@pytest.mark.parametrize("content, conforms", [
    ("", False), ("rdf:subject kg:bruno ; rdf:predicate kgo:endorses", False),
    ('kgo:claimText "Bruno is the best."@en', True),
    ("rdf:subject kg:bruno ; rdf:predicate kgo:endorses ; rdf:object kg:ana", True),
])
def test_or_of_a_property_shape_and_a_node_shape_with_property_shapes(content, conforms):
    """kgsh:ClaimContent: sh:or of [ sh:path kgo:claimText ; sh:minCount 1 ] and a shape of three
    sh:property shapes (rdf:subject, rdf:predicate, rdf:object)."""
    claim = ox.NamedNode(ST + "c")
    assert validated(VALID + CLAIM + content + " .") == ([] if conforms else [result(claim, "ClaimContent", claim)])


def test_node_fails_for_a_genre_outside_its_scheme():
    body = VALID.replace("kgo:genre kg:genre-x", "kgo:genre kg:genre-y")
    assert validated(body) == [result(ox.NamedNode(SRC + "a"), "SourceDocument-genre", ox.NamedNode(KG + "genre-y"))]


@pytest.mark.parametrize("labels", ['"Ana Pérez"@es', '"  "@en, "Ana"@es', '"Ana"'])
def test_qualified_english_label_missing(labels):
    body = VALID.replace('rdfs:label "Ana Pérez"@en, "Ana Pérez"@es', f"rdfs:label {labels}")
    assert result(ox.NamedNode(KG + "ana"), "Actor-englishLabel") in validated(body)


def test_unique_lang_two_english_labels():
    assert validated(VALID, 'kg:ana rdfs:label "Ana"@EN .') == [result(ox.NamedNode(KG + "ana"), "Actor-labels")]


def test_target_objects_of_and_min_count_on_a_derivation():
    derivation = ox.NamedNode(KG + "derivation")
    results = validated(VALID, "st:e prov:qualifiedDerivation kg:derivation .")
    assert results == [result(derivation, "Derivation-entity"), result(derivation, "Derivation-quote")]


def test_a_shape_without_message_and_a_blank_shape():
    shapes = list(ox.parse(HEADER + """kgsh:Named a sh:NodeShape ; sh:targetClass foaf:Person ;
        sh:property [ sh:path foaf:mbox ; sh:minCount 1 ] .""", ox.RdfFormat.TURTLE))
    results = validated(VALID, shapes=shapes)
    assert [(found.focus, found.message, found.value) for found in results] == [
        (ox.NamedNode(KG + "ana"), None, None), (ox.NamedNode(KG + "bruno"), None, None)]
    assert all(isinstance(found.shape, ox.BlankNode) for found in results)


def test_min_counts_of_two_count_a_triple_in_two_graphs_once():
    shapes = list(ox.parse(HEADER + """kgsh:Two a sh:NodeShape ; sh:targetClass foaf:Person ;
        sh:property kgsh:Two-labels, kgsh:Two-es .
        kgsh:Two-labels sh:path rdfs:label ; sh:minCount 2 ; sh:message "two labels" .
        kgsh:Two-es sh:path rdfs:label ; sh:qualifiedValueShape [ sh:languageIn ( "es" ) ] ;
            sh:qualifiedMinCount 2 ; sh:message "two Spanish labels" .""", ox.RdfFormat.TURTLE))
    results = validated(VALID, 'kg:bruno rdfs:label "Bruno Díaz"@en .', shapes=shapes)
    ana, bruno = ox.NamedNode(KG + "ana"), ox.NamedNode(KG + "bruno")
    assert [(found.focus, found.shape, found.message) for found in results] == [
        (ana, shape("Two-es"), "two Spanish labels"), (bruno, shape("Two-es"), "two Spanish labels"),
        (bruno, shape("Two-labels"), "two labels")]


@pytest.mark.parametrize("construct, named", [
    ("sh:closed true", "sh:closed"),
    ("sh:property [ sh:path [ sh:inversePath rdf:type ] ; sh:minCount 1 ]", "complex paths"),
    ("sh:severity sh:Warning", "sh:severity sh:Warning"),
    ("sh:not [ sh:class kgo:Place ]", "sh:not"),
    ("a rdfs:Class", "implicit class targets"),
    ("sh:property [ sh:path kgo:rank ; sh:datatype xsd:double ]", "sh:datatype xsd:double"),
])
def test_an_unsupported_construct_is_refused(construct, named):
    shapes = list(ox.parse(HEADER + f"kgsh:Odd a sh:NodeShape ; sh:targetClass foaf:Person ; {construct} .",
                           ox.RdfFormat.TURTLE))
    with pytest.raises(InputError) as error:
        shacl_results(store_of(VALID), shapes)
    assert named in str(error.value) and "\n" not in str(error.value)
    assert "kgsh:Odd" in str(error.value) or "_:" in str(error.value)


LEXICAL_FORMS = ["5", " 5", "1_000", "1__0", "٣", "2.5", ".5", "1e3", "NaN", "-Infinity", "abc", "", "0x10",
                 "true", "TRUE", "1", "yes", "2023-11-19", "2023-11-19Z", "2023-02-30", "2023-1-5", "-2023-11-19"]


@pytest.mark.filterwarnings("ignore:Parsing weird boolean")
@pytest.mark.parametrize("datatype, passing", [
    ("integer", {"5", " 5", "1_000", "٣", "1"}),
    ("decimal", {"5", " 5", "1_000", "1__0", "٣", "2.5", ".5", "1e3", "NaN", "-Infinity", "1"}),
    ("boolean", {"true", "1"}),
    ("date", {"2023-11-19", "2023-11-19Z"}),
    ("gYear", set(LEXICAL_FORMS)),
])
def test_well_typed_as_rdflib_reads_lexical_forms(datatype, passing):
    """A literal is of its datatype when rdflib can read it (Python's int() and Decimal()); an xsd:gYear
    is matched by its datatype IRI alone."""
    xsd = ox.NamedNode(PREFIXES["xsd"] + datatype)
    shapes = list(ox.parse(HEADER + f"""kgsh:Typed a sh:PropertyShape ; sh:targetSubjectsOf kgo:typed ;
        sh:path kgo:typed ; sh:datatype xsd:{datatype} ; sh:message "typed" .""", ox.RdfFormat.TURTLE))
    store = ox.Store()
    store.extend(ox.Quad(ox.NamedNode(f"{KG}n{number}"), ox.NamedNode(KGO + "typed"), ox.Literal(form, datatype=xsd),
                         ox.NamedNode("https://example.org/g")) for number, form in enumerate(LEXICAL_FORMS))
    results = shacl_results(store, shapes)
    assert results == pyshacl_results(store, shapes)
    failing = {form for form in LEXICAL_FORMS if ox.Literal(form, datatype=xsd) in {r.value for r in results}}
    assert {found.value.value for found in results} == failing
    assert set(LEXICAL_FORMS) - failing == passing
