"""`kg validate`: clean on the shipped data, and names the node and the rule on broken fixtures in KG_DATA."""

import json
import re

import pytest
from conftest import invoke

from kg.store.engines import open_engine
from kg.validation import rules as validation

# A well-formed endorsement, for fixtures that break one thing at a time.
ENDORSEMENT = """
st:fixture-{name} a kgo:Endorsement ;
    rdf:subject kg:mauricio-macri ; rdf:predicate kgo:endorses ; rdf:object kg:javier-milei ;
    prov:wasDerivedFrom src:comparison ;
    prov:qualifiedDerivation [ prov:entity src:comparison ; kgo:quote "{quote}" ] .
"""
MACRI_QUOTE = "Former President Mauricio Macri also endorsed Milei, despite a history of strife between the leaders."


def reported():
    """Run `kg validate --format json`; the exit code and the (node, rule) pairs it reports."""
    result = invoke(["validate", "--format", "json"], expect=(0, 1))
    rows = json.loads(result.stdout) if result.stdout.strip() else []
    return result.exit_code, {(row["node"], row["rule"]) for row in rows}


@pytest.fixture(scope="module")
def shipped():
    """The (node, rule) pairs reported on the shipped data: none, unless test_shipped_data_is_valid fails."""
    return {(v.node, v.rule) for v in validation.validate().violations}


@pytest.fixture
def found(shipped):
    """A function running `kg validate` that returns the exit code and the pairs a fixture adds."""
    def run():
        code, pairs = reported()
        return code, pairs - shipped

    return run


def test_shipped_data_is_valid():
    result = invoke(["validate"])
    assert result.output.startswith("0 violations in "), result.output


def test_violations_are_printed_one_per_line_with_node_rule_and_message(kg_data):
    kg_data("st:fixture-bare a kgo:Endorsement ; rdf:subject kg:mauricio-macri ; rdf:predicate kgo:endorses ; "
            "rdf:object kg:javier-milei .\n")
    result = invoke(["validate"], expect=1)
    assert ("st:fixture-bare  kgsh:HasSource  needs at least one source: prov:wasDerivedFrom a kgo:SourceDocument"
            in result.output.splitlines())
    assert "violations in" in result.output.splitlines()[-1]


def test_statement_without_source_is_reported(found, kg_data):
    kg_data("st:fixture-unsourced a kgo:Endorsement ;\n"
            "    rdf:subject kg:lula ; rdf:predicate kgo:endorses ; rdf:object kg:sergio-massa .\n")
    code, pairs = found()
    assert code == 1
    assert ("st:fixture-unsourced", "kgsh:HasSource") in pairs
    assert ("st:fixture-unsourced", "kgsh:HasDerivation") in pairs


def test_endorsement_without_endorser_is_reported(found, kg_data):
    kg_data(ENDORSEMENT.format(name="no-endorser", quote=MACRI_QUOTE).replace("rdf:subject kg:mauricio-macri ;", ""))
    code, pairs = found()
    assert code == 1
    assert ("st:fixture-no-endorser", "kgsh:Endorsement-endorser") in pairs


def test_endorsement_of_a_non_actor_is_reported(found, kg_data):
    kg_data(ENDORSEMENT.format(name="of-a-post", quote=MACRI_QUOTE).replace("kg:javier-milei", "kgo:Endorsement"))
    code, pairs = found()
    assert ("st:fixture-of-a-post", "kgsh:Endorsement-endorsee") in pairs


def test_quote_not_in_its_source_is_reported(kg_data, seeds_dir, monkeypatch):
    monkeypatch.setenv("KG_SEEDS", str(seeds_dir))
    kg_data(ENDORSEMENT.format(name="misquoted", quote="Macri endorsed Milei with enthusiasm."))
    result = invoke(["validate"], expect=1)
    assert ('st:fixture-misquoted  quote_in_source  quote from src:comparison is not in 000_9c4870c4c3406898.txt: '
            '"Macri endorsed Milei with enthusiasm."') in result.output.splitlines()


def test_quote_with_other_line_breaks_still_matches(found, kg_data, seeds_dir, monkeypatch):
    monkeypatch.setenv("KG_SEEDS", str(seeds_dir))
    kg_data(ENDORSEMENT.format(name="rewrapped", quote=MACRI_QUOTE.replace(" ", "\\n   ", 3)))
    code, pairs = found()
    assert not {pair for pair in pairs if pair[0] == "st:fixture-rewrapped"}


def test_quote_with_a_language_tag_is_reported(found, kg_data):
    kg_data(ENDORSEMENT.format(name="tagged", quote=MACRI_QUOTE).replace(f'"{MACRI_QUOTE}"', f'"{MACRI_QUOTE}"@en'))
    code, pairs = found()
    assert ("st:fixture-tagged", "kgsh:Derivation-quote") in pairs


def test_malformed_turtle_names_file_and_line_and_exits_2(kg_data):
    path = kg_data("@prefix kg: <https://w3id.org/argentina2023/id/> .\nkg:a kg:b kg:c .\nkg:d kg:e \"open .\n",
                   name="broken.ttl", prefixes=False)
    result = invoke(["validate"], expect=2)
    assert result.output.startswith(f"Error: {path}:3: malformed")
    assert len(result.output.strip().splitlines()) == 1


def test_claim_whose_triple_is_asserted_is_reported(found, kg_data):
    kg_data(f"""
st:fixture-claim a kgo:Claim ;
    kgo:claimant src:comparison ;
    rdf:subject kg:mauricio-macri ; rdf:predicate kgo:endorses ; rdf:object kg:javier-milei ;
    prov:wasDerivedFrom src:comparison ;
    prov:qualifiedDerivation [ prov:entity src:comparison ; kgo:quote "{MACRI_QUOTE}" ] .
""")
    code, pairs = found()
    assert code == 1
    assert pairs == {("st:fixture-claim", "check_claim_not_asserted")}


def test_statement_whose_triple_is_not_asserted_is_reported(found, kg_data):
    kg_data(ENDORSEMENT.format(name="unasserted", quote=MACRI_QUOTE).replace("kg:mauricio-macri", "kg:lula"))
    code, pairs = found()
    assert ("st:fixture-unasserted", "check_statement_asserted") in pairs


def test_fact_between_actors_without_statement_is_reported(found, kg_data):
    kg_data("kg:lula kgo:criticised kg:javier-milei .\n")
    code, pairs = found()
    assert code == 1
    assert pairs == {("kg:lula", "check_fact_has_statement")}


def test_names_and_provenance_of_actors_need_no_statement(found, kg_data):
    kg_data('kg:lula skos:altLabel "Lula da Silva"@pt ; prov:wasDerivedFrom src:op-ed ; '
            'rdfs:comment "President of Brazil."@en .\n')
    assert found()[1] == set()


def test_source_cited_without_quoted_derivation_is_reported(found, kg_data):
    kg_data(ENDORSEMENT.format(name="half-cited", quote=MACRI_QUOTE).replace(
        "prov:wasDerivedFrom src:comparison ;", "prov:wasDerivedFrom src:comparison, src:op-ed ;"))
    code, pairs = found()
    assert pairs == {("st:fixture-half-cited", "check_derivations")}


def test_undeclared_class_and_property_are_reported(found, kg_data):
    kg_data('kg:someone a foaf:Persn ; rdfs:label "Someone"@en .\n'
            "kg:someone kgo:endorsez kg:javier-milei .\n")
    code, pairs = found()
    assert ("foaf:Persn", "declared_terms") in pairs
    assert ("kgo:endorsez", "declared_terms") in pairs


def test_undeclared_datatype_is_reported_with_how_and_where_it_is_used(kg_data):
    kg_data('kg:someone a foaf:Person ; rdfs:label "Someone"@en ; kgo:memberCount "3"^^xsd:integr .\n')
    result = invoke(["validate"], expect=1)
    [line] = [line for line in result.output.splitlines() if line.startswith("xsd:integr ")]
    assert line.split()[:2] == ["xsd:integr", "declared_terms"]
    assert "datatype used (e.g. by kg:someone) but declared neither in the ontology" in line


def test_terms_declared_in_an_extra_file_are_accepted(found, kg_data):
    kg_data("kgo:Mentor a owl:Class ; rdfs:subClassOf foaf:Person ; rdfs:label \"mentor\"@en .\n"
            'kg:a-mentor a kgo:Mentor ; rdfs:label "A mentor"@en .\n')
    assert found()[1] == set()


def test_actor_without_english_label_is_reported(found, kg_data):
    kg_data('kg:fixture-person a foaf:Person ; rdfs:label "Alguien"@es .\n')
    code, pairs = found()
    assert pairs == {("kg:fixture-person", "kgsh:Actor-englishLabel")}


def test_policy_without_english_label_is_reported(found, kg_data):
    kg_data('kg:fixture-policy a kgo:Policy ; rdfs:label "Política"@es .\n')
    code, pairs = found()
    assert pairs == {("kg:fixture-policy", "check_english_labels")}


def test_candidacy_qualifiers_are_typed(found, kg_data):
    kg_data(ENDORSEMENT.format(name="candidacy", quote=MACRI_QUOTE)
            .replace("kgo:Endorsement", "kgo:Candidacy")
            .replace("kgo:endorses ; rdf:object kg:javier-milei", "kgo:candidateIn ; rdf:object kg:argentina-2023-runoff")
            + 'st:fixture-candidacy kgo:rank "first" ; kgo:voteShare 55 .\n'
            + "kg:mauricio-macri kgo:candidateIn kg:argentina-2023-runoff .\n")
    code, pairs = found()
    assert ("st:fixture-candidacy", "kgsh:Candidacy-rank") in pairs
    assert ("st:fixture-candidacy", "kgsh:Candidacy-voteShare") in pairs


def test_check_queries_give_the_same_violations_on_both_engines(kg_data):
    kg_data("kg:lula kgo:criticised kg:javier-milei .\n"
            + ENDORSEMENT.format(name="unasserted", quote=MACRI_QUOTE).replace("kg:mauricio-macri", "kg:lula"))
    store = validation.check_query_violations(open_engine("store"))
    assert len(store) == 2
    assert sorted(store) == sorted(validation.check_query_violations(open_engine("rdflib")))


def test_skipped_quote_check_is_said(monkeypatch):
    monkeypatch.setattr(validation, "seeds_dir", lambda: None)
    result = invoke(["validate"])
    assert "quotes not checked: no source texts" in result.output


def test_kg_seeds_naming_no_folder_exits_2(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_SEEDS", str(tmp_path / "missing"))
    result = invoke(["validate"], expect=2)
    assert result.output.startswith("Error: KG_SEEDS=")


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_machine_formats_keep_the_summary_off_stdout(kg_data, fmt):
    kg_data("kg:lula kgo:criticised kg:javier-milei .\n")
    result = invoke(["validate", "--format", fmt], expect=1)
    assert re.match(r"\d+ violations? in \d+ triples", result.stderr)
    assert "triples" not in result.stdout
    assert "check_fact_has_statement" in result.stdout


@pytest.mark.parametrize("fmt, empty", [("json", "[]\n"), ("csv", "node,rule,message\n")])
def test_clean_data_in_machine_formats_is_an_empty_list_or_a_header(fmt, empty):
    result = invoke(["validate", "--format", fmt])
    assert result.stdout == empty
    assert result.stderr.startswith("0 violations in ")


def test_an_empty_seeds_folder_checks_no_quote_and_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_SEEDS", str(tmp_path))
    result = invoke(["validate"], expect=1)
    lines = result.output.splitlines()
    assert f"src:op-ed  quote_in_source  source text 002_0f267a4a9a1e3df1.txt is not in {tmp_path}" in lines
    assert lines[-1].endswith(f"; quotes not checked: none of their source texts is in {tmp_path}")
