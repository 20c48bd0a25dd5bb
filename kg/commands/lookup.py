"""Lookup commands: who-endorsed, endorsements-by, show, search, path, compare, sources, claims, single-source.

Thin printing over kg.lookups. Tables are for reading, JSON keeps everything (quotes included), CSV is flat.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from itertools import zip_longest

import click

from kg import lookups
from kg.commands.common import engine_option, format_option
from kg.engine import open_engine
from kg.graphdata import local_name
from kg.output import render


def _json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _files(evidence) -> str:
    """The file names of the sources, e.g. '000_9c4870c4c3406898.txt, 002_0f267a4a9a1e3df1.txt'."""
    return ", ".join(dict.fromkeys(e.file_name or local_name(e.source) for e in evidence))


def _cite(evidence) -> str:
    """Short source names, e.g. '[comparison, op-ed]'."""
    return "[" + ", ".join(dict.fromkeys(local_name(e.source) for e in evidence)) + "]"


def _title(text: str, fmt: str) -> None:
    if fmt == "table":
        click.echo(text)


def _endorsement_rows(endorsements, other: str) -> list[dict]:
    rows = []
    for item in endorsements:
        party = item.endorser if other == "endorser" else item.endorsed
        date = item.date or item.date_text
        if item.date and item.date_text:
            date = f"{item.date} ({item.date_text})"
        rows.append({other: party.label, f"{other}_iri": party.iri, "date": date, "sources": _files(item.evidence)})
    return rows


def _print_endorsements(actor, endorsements, other: str, fmt: str, heading: str) -> None:
    if fmt == "json":
        _json({"actor": asdict(actor), "endorsements": [asdict(e) for e in endorsements]})
        return
    rows = _endorsement_rows(endorsements, other)
    if fmt == "csv":
        click.echo(render(rows, [other, f"{other}_iri", "date", "sources"], "csv"))
        return
    _title(f"{heading} {actor.describe()}: {len(rows)}", fmt)
    if rows:
        click.echo(render(rows, [other, "date", "sources"], "table"))


@click.command("who-endorsed")
@click.argument("name")
@format_option()
@engine_option
def who_endorsed(name, fmt, engine):
    """Who endorsed NAME: each endorser with the date and the source files (quotes in --format json).

    NAME is any label or alias, in English or Spanish, with or without accents, or an IRI (kg:javier-milei).
    """
    actor, endorsements = lookups.who_endorsed(open_engine(engine), name)
    _print_endorsements(actor, endorsements, "endorser", fmt, "Endorsements of")


@click.command("endorsements-by")
@click.argument("name")
@format_option()
@engine_option
def endorsements_by(name, fmt, engine):
    """Whom NAME endorsed: each endorsed actor with the date and the source files."""
    actor, endorsements = lookups.endorsements_by(open_engine(engine), name)
    _print_endorsements(actor, endorsements, "endorsed", fmt, "Endorsements by")


def _fact_row(actor, fact) -> dict:
    """The fact in its own direction: the actor is its subject ("out") or its object ("in")."""
    this, other = actor.label, fact.other_label
    subject, obj = (this, other) if fact.direction == "out" else (other, this)
    details = "; ".join(f"{k}: {v}" for k, v in fact.qualifiers.items())
    return {"subject": subject, "relation": fact.relation, "object": obj, "details": details}


@click.command()
@click.argument("name")
@format_option()
@engine_option
def show(name, fmt, engine):
    """Everything about NAME: labels, types, offices, memberships, ticket, endorsements, stances, ties
    and claims, each with its sources."""
    profile = lookups.show(open_engine(engine), name)
    if fmt == "json":
        _json(asdict(profile))
        return
    actor = profile.actor
    if fmt == "csv":
        rows = [{"section": title, **_fact_row(actor, f), "sources": _files(f.evidence)}
                for title, facts in profile.sections.items() for f in facts]
        rows += [{"section": "claims", "subject": c.claimant, "relation": f"claims ({c.role})", "object": c.text,
                  "sources": _files(c.evidence)} for c in profile.claims]
        click.echo(render(rows, ["section", "subject", "relation", "object", "details", "sources"], "csv"))
        return
    click.echo(f"{actor.label}  ({actor.iri})")
    click.echo(f"  types: {', '.join(profile.types)}")
    for language, label in sorted(profile.labels.items()):
        click.echo(f"  label ({language or 'no language'}): {label}")
    if profile.aliases:
        click.echo(f"  also known as: {', '.join(profile.aliases)}")
    for title, facts in profile.sections.items():
        click.echo(f"\n{title.capitalize()}")
        table = [{**_fact_row(actor, f), "sources": _cite(f.evidence)} for f in facts]
        click.echo(render(table, ["subject", "relation", "object", "details", "sources"], "table"))
    if profile.claims:
        click.echo("\nClaims (opinions the sources report, not facts)")
        table = [{"role": c.role, "claimant": c.claimant, "claim": c.text, "sources": _cite(c.evidence)}
                 for c in profile.claims]
        click.echo(render(table, ["role", "claimant", "claim", "sources"], "table"))


@click.command()
@click.argument("text")
@click.option("--limit", type=click.IntRange(1), default=10, show_default=True, help="How many matches at most.")
@format_option()
@engine_option
def search(text, limit, fmt, engine):
    """Actors whose names match TEXT, best first: full names, aliases, parts of names, then likely typos."""
    matches = lookups.search(open_engine(engine), text, limit)
    rows = [{"actor": m.actor.label, "type": m.type, "iri": m.actor.iri, "score": m.score} for m in matches]
    if fmt == "json":
        _json([asdict(m) for m in matches])
        return
    if not rows and fmt == "table":
        click.echo(f"No actor matches {text!r}.")
        return
    click.echo(render(rows, ["actor", "type", "iri", "score"], fmt))


@click.command()
@click.argument("name_a")
@click.argument("name_b")
@click.option("--max-hops", type=click.IntRange(1, 20), default=8, show_default=True,
              help="Longest chain of facts to look for.")
@format_option()
@engine_option
def path(name_a, name_b, max_hops, fmt, engine):
    """The shortest chain of facts linking NAME_A to NAME_B, each step named and sourced.

    Facts are followed in either direction, through actors and through offices, elections and policies.
    """
    a, b, hops = lookups.path(open_engine(engine), name_a, name_b, max_hops)
    if fmt == "json":
        _json({"from": asdict(a), "to": asdict(b), "hops": [asdict(h) for h in hops]})
        return
    rows = [{"step": i, "subject": h.subject_label, "relation": h.relation, "object": h.object_label,
             "sources": _files(h.evidence), "statement": h.statement} for i, h in enumerate(hops, 1)]
    if fmt == "csv":
        click.echo(render(rows, ["step", "subject", "relation", "object", "sources", "statement"], "csv"))
        return
    click.echo(f"{a.label} to {b.label}: {len(hops)} fact{'s' if len(hops) != 1 else ''}")
    if rows:
        click.echo(render(rows, ["step", "subject", "relation", "object", "sources"], "table"))


def _stance_text(stance) -> str:
    return f"{stance.position} {stance.policy_label} {_cite(stance.evidence)}"


@click.command()
@click.argument("name_a")
@click.argument("name_b")
@click.option("--issue", help="Only this issue, e.g. economy, 'foreign affairs', seguridad.")
@format_option()
@engine_option
def compare(name_a, name_b, issue, fmt, engine):
    """NAME_A's and NAME_B's stances side by side, issue by issue, as the comparison source sets them out."""
    a, b, comparisons = lookups.compare(open_engine(engine), name_a, name_b, issue)
    if fmt == "json":
        _json({"actors": [asdict(a), asdict(b)], "issues": [asdict(c) for c in comparisons]})
        return
    if fmt == "csv":
        rows = [{"issue": c.issue_label, "actor": actor.label, "position": s.position, "policy": s.policy_label,
                 "proposal": s.proposal, "sources": _files(s.evidence)}
                for c in comparisons for actor in (a, b) for s in c.stances[actor.iri]]
        click.echo(render(rows, ["issue", "actor", "position", "policy", "proposal", "sources"], "csv"))
        return
    rows = []
    for c in comparisons:
        pairs = zip_longest(c.stances[a.iri], c.stances[b.iri])
        for i, (left, right) in enumerate(pairs):
            rows.append({"issue": c.issue_label if i == 0 else "", a.label: _stance_text(left) if left else "",
                         b.label: _stance_text(right) if right else ""})
    if not rows:
        click.echo(f"No stances recorded for {a.label} or {b.label}{' on ' + issue if issue else ''}.")
        return
    click.echo(render(rows, ["issue", a.label, b.label], "table"))


@click.command()
@format_option()
@engine_option
def sources(fmt, engine):
    """Each source document with how many facts it supports, how many only it supports, and its claims."""
    summaries = lookups.sources(open_engine(engine))
    if fmt == "json":
        _json([asdict(s) for s in summaries])
        return
    rows = [{"source": s.label, "file": s.file_name, "facts": s.facts, "single-source facts": s.single_source_facts,
             "claims": s.claims, "iri": s.source} for s in summaries]
    click.echo(render(rows, ["source", "file", "facts", "single-source facts", "claims", "iri"], fmt))


@click.command()
@click.option("--source", help="Only the claims of this source: its title, alias (comparison, open letter, "
                               "op-ed), file name or IRI.")
@format_option()
@engine_option
def claims(source, fmt, engine):
    """Claims the sources report: opinions and interpretations, kept apart from facts, with who makes them."""
    found = lookups.claims(open_engine(engine), source)
    if fmt == "json":
        _json([asdict(c) for c in found])
        return
    rows = [{"source": c.evidence.file_name, "claimant": c.claimant, "claim": c.text, "quote": c.evidence.quote}
            for c in found]
    click.echo(render(rows, ["source", "claimant", "claim"] + (["quote"] if fmt == "csv" else []), fmt))


@click.command("single-source")
@click.option("--source", help="Only the facts of this source: its title, alias, file name or IRI.")
@format_option()
@engine_option
def single_source(source, fmt, engine):
    """Facts that only one source supports, with that source and its quote (in csv and json)."""
    facts = lookups.single_source_facts(open_engine(engine), source)
    if fmt == "json":
        _json([asdict(f) for f in facts])
        return
    rows = [{"source": f.evidence.file_name, "kind": f.kind, "subject": f.subject, "relation": f.relation,
             "object": f.object, "quote": f.evidence.quote} for f in facts]
    columns = ["source", "kind", "subject", "relation", "object"] + (["quote"] if fmt == "csv" else [])
    click.echo(render(rows, columns, fmt))
