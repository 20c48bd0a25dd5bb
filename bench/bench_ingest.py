"""How well `kg ingest` proposes the curated graph's facts from the three source documents.

Runs the ingester on each text in the seeds folder (as it is: nothing stripped) and scores its candidates
against the facts (statement nodes, not claims) of the same relations that cite that document: precision
and recall per relation, by (subject, predicate, object), both sides linked to the graph's IRIs. A candidate
with an unlinked or ambiguous side, or matching a claim rather than a fact, counts against precision.
"Denials as endorsements" counts proposed endorsements whose pair the graph records as a withheld one.

    .venv/bin/python bench/bench_ingest.py            # the table, as in the README
    .venv/bin/python bench/bench_ingest.py --misses   # also the misses and wrong proposals, for tuning

Note that the gazetteer holds every actor the graph took from these documents, so linking is easier than
on a fresh article; the relation patterns were tuned on them, so the figures are training figures.
"""

from __future__ import annotations

import argparse
import sys
import time

from kg.ingest.gazetteer import Gazetteer
from kg.ingest.pipeline import propose
from kg.rdf.inputs import seeds_dir
from kg.rdf.namespaces import compact_iri
from kg.store.engines import open_engine

RELATIONS = {  # the row of the table -> the predicates it scores
    "endorses": ("kgo:endorses",),
    "withheld endorsement": ("kgo:withheldEndorsement",),
    "running mate": ("kgo:runningMate",),
    "member of": ("org:memberOf",),
    "holds office": ("org:holds",),
    "opposes / criticised": ("kgo:opposes", "kgo:criticised"),
    "head of / founded": ("org:headOf", "kgo:founded"),
    "invited": ("kgo:invited",),
    "signed": ("kgo:signed",),
    "candidate in / of": ("kgo:candidateIn", "kgo:candidateOf"),
}
GOLD = """
SELECT ?file ?subject ?predicate ?object ?claim WHERE {
  ?statement rdf:subject ?subject ; rdf:predicate ?predicate ; rdf:object ?object ; prov:wasDerivedFrom ?source .
  ?source kgo:fileName ?file .
  FILTER(isIRI(?object))
  BIND(EXISTS { ?statement a kgo:Claim } AS ?claim)
}"""


def relation_of(predicate: str) -> str | None:
    return next((name for name, predicates in RELATIONS.items() if predicate in predicates), None)


def gold_facts(engine) -> tuple[set, set]:
    facts, claims = set(), set()
    for row in engine.select(GOLD):
        key = (row["file"].value, *(compact_iri(row[k].value) for k in ("subject", "predicate", "object")))
        (claims if row["claim"].value == "true" else facts).add(key)
    return facts, claims


def score(show_misses: bool) -> int:
    seeds = seeds_dir()
    if seeds is None:
        print("no seeds folder (set KG_SEEDS)", file=sys.stderr)
        return 2
    engine = open_engine()
    gazetteer = Gazetteer.from_engine(engine)
    facts, claims = gold_facts(engine)
    proposed, wrong, started = set(), [], time.perf_counter()
    for path in sorted(seeds.glob("*.txt")):
        for candidate in propose(path.read_text("utf-8"), gazetteer).candidates:
            key = (path.name, compact_iri(candidate.subject.iri) or "?" + candidate.subject.text,
                   candidate.predicate, compact_iri(candidate.object.iri) or "?" + candidate.object.text)
            if relation_of(candidate.predicate) and key not in proposed:
                proposed.add(key)
                if key not in facts:
                    wrong.append((key, candidate.rule, candidate.sentence.text))
    elapsed = time.perf_counter() - started
    withheld = {(f, s, o) for f, s, p, o in facts if p == "kgo:withheldEndorsement"}
    denials = sorted(k for k in proposed if k[2] == "kgo:endorses" and (k[0], k[1], k[3]) in withheld)
    _table(facts, proposed)
    print(f"\nDenials proposed as endorsements: {len(denials)}; proposals matching a claim rather than a fact: "
          f"{len({k for k in proposed if k in claims})}; {len(proposed)} proposals from 3 documents in {elapsed:.2f} s")
    if show_misses:
        print("\nWrong proposals:")
        for key, rule, sentence in sorted(wrong):
            print(" ", *key, rule, "|", sentence[:120])
        print("\nMissed:")
        for key in sorted(k for k in facts if relation_of(k[2]) and k not in proposed):
            print(" ", *key)
    return 0


def _table(facts: set, proposed: set) -> None:
    print("| relation | facts | proposed | right | precision | recall |")
    print("|---|---:|---:|---:|---:|---:|")
    totals = [0, 0, 0]
    for name in RELATIONS:
        gold = {k for k in facts if relation_of(k[2]) == name}
        mine = {k for k in proposed if relation_of(k[2]) == name}
        right = len(gold & mine)
        totals = [totals[0] + len(gold), totals[1] + len(mine), totals[2] + right]
        print(f"| {name} | {len(gold)} | {len(mine)} | {right} | {_ratio(right, len(mine))} | {_ratio(right, len(gold))} |")
    print(f"| **all** | {totals[0]} | {totals[1]} | {totals[2]} | {_ratio(totals[2], totals[1])} | "
          f"{_ratio(totals[2], totals[0])} |")


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.2f}" if whole else "–"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the misses and the wrong proposals")
    sys.exit(score(parser.parse_args().misses))
