"""`kg show`: everything the graph says about one actor, each fact with its sources."""

from __future__ import annotations

from dataclasses import asdict

import click

from kg.commands.common import cite, engine_option, file_names, format_option, print_json
from kg.lookups import show as profile
from kg.output.tables import render
from kg.store.engines import open_engine


def _fact_row(actor, fact) -> dict:
    """The fact in its own direction: the actor is its subject ("out") or its object ("in")."""
    this, other = actor.label, fact.other_label
    subject, obj = (this, other) if fact.direction == "out" else (other, this)
    details = "; ".join(f"{k}: {v}" for k, v in fact.qualifiers.items())
    return {"subject": subject, "relation": fact.relation, "object": obj, "details": details}


@click.command(short_help="Everything about an actor, each fact with its sources.")
@click.argument("name")
@format_option()
@engine_option
def show(name, fmt, engine):
    """Everything about NAME: labels, types, offices, memberships, ticket, endorsements, stances, ties
    and claims, each with its sources."""
    found = profile.show(open_engine(engine), name)
    if fmt == "json":
        print_json(asdict(found))
        return
    actor = found.actor
    if fmt == "csv":
        rows = [{"section": title, **_fact_row(actor, f), "sources": file_names(f.evidence)}
                for title, facts in found.sections.items() for f in facts]
        rows += [{"section": "claims", "subject": c.claimant, "relation": f"claims ({c.role})", "object": c.text,
                  "sources": file_names(c.evidence)} for c in found.claims]
        click.echo(render(rows, ["section", "subject", "relation", "object", "details", "sources"], "csv"))
        return
    click.echo(f"{actor.label}  ({actor.iri})")
    click.echo(f"  types: {', '.join(found.types)}")
    for language, label in sorted(found.labels.items()):
        click.echo(f"  label ({language or 'no language'}): {label}")
    if found.aliases:
        click.echo(f"  also known as: {', '.join(found.aliases)}")
    for title, facts in found.sections.items():
        click.echo(f"\n{title.capitalize()}")
        table = [{**_fact_row(actor, f), "sources": cite(f.evidence)} for f in facts]
        click.echo(render(table, ["subject", "relation", "object", "details", "sources"], "table"))
    if found.claims:
        click.echo("\nClaims (opinions the sources report, not facts)")
        table = [{"role": c.role, "claimant": c.claimant, "claim": c.text, "sources": cite(c.evidence)}
                 for c in found.claims]
        click.echo(render(table, ["role", "claimant", "claim", "sources"], "table"))
