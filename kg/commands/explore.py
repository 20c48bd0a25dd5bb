"""Exploring commands: path (how two actors are linked) and compare (their stances)."""

from __future__ import annotations

from dataclasses import asdict
from itertools import zip_longest

import click

from kg.commands.common import cite, engine_option, file_names, format_option, print_json
from kg.lookups import compare as stances
from kg.lookups import path as paths
from kg.output.tables import render
from kg.store.engines import open_engine


@click.command(short_help="The shortest chain of facts between two actors.")
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
    a, b, hops = paths.path(open_engine(engine), name_a, name_b, max_hops)
    if fmt == "json":
        print_json({"from": asdict(a), "to": asdict(b), "hops": [asdict(h) for h in hops]})
        return
    rows = [{"step": i, "subject": h.subject_label, "relation": h.relation, "object": h.object_label,
             "sources": file_names(h.evidence), "statement": h.statement} for i, h in enumerate(hops, 1)]
    if fmt == "csv":
        click.echo(render(rows, ["step", "subject", "relation", "object", "sources", "statement"], "csv"))
        return
    click.echo(f"{a.label} to {b.label}: {len(hops)} fact{'s' if len(hops) != 1 else ''}")
    if rows:
        click.echo(render(rows, ["step", "subject", "relation", "object", "sources"], "table"))


def _stance_text(stance) -> str:
    return f"{stance.position} {stance.policy_label} {cite(stance.evidence)}"


@click.command(short_help="Two actors' stances side by side, issue by issue.")
@click.argument("name_a")
@click.argument("name_b")
@click.option("--issue", help="Only this issue, e.g. economy, 'foreign affairs', seguridad.")
@format_option()
@engine_option
def compare(name_a, name_b, issue, fmt, engine):
    """NAME_A's and NAME_B's stances side by side, issue by issue, as the comparison source sets them out."""
    a, b, comparisons = stances.compare(open_engine(engine), name_a, name_b, issue)
    if fmt == "json":
        print_json({"actors": [asdict(a), asdict(b)], "issues": [asdict(c) for c in comparisons]})
        return
    if fmt == "csv":
        rows = [{"issue": c.issue_label, "actor": actor.label, "position": s.position, "policy": s.policy_label,
                 "proposal": s.proposal, "sources": file_names(s.evidence)}
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
