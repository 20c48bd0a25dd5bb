"""Endorsement commands: who-endorsed and endorsements-by.

Thin printing over the library (kg.lookups). Tables are for
reading, JSON keeps everything (quotes included), CSV is flat.
"""

from __future__ import annotations

from dataclasses import asdict

import click

from kg.commands.common import engine_option, file_names, format_option, print_json
from kg.lookups import endorsements as endorsement_lookups
from kg.output.tables import render
from kg.store.engines import open_engine


def _endorsement_rows(endorsements, other: str) -> list[dict]:
    rows = []
    for item in endorsements:
        party = item.endorser if other == "endorser" else item.endorsed
        date = item.date or item.date_text
        if item.date and item.date_text:
            date = f"{item.date} ({item.date_text})"
        rows.append({other: party.label, f"{other}_iri": party.iri, "date": date,
                     "sources": file_names(item.evidence)})
    return rows


def _print_endorsements(actor, endorsements, other: str, fmt: str, heading: str) -> None:
    if fmt == "json":
        print_json({"actor": asdict(actor), "endorsements": [asdict(e) for e in endorsements]})
        return
    rows = _endorsement_rows(endorsements, other)
    if fmt == "csv":
        click.echo(render(rows, [other, f"{other}_iri", "date", "sources"], "csv"))
        return
    click.echo(f"{heading} {actor.describe()}: {len(rows)}")
    if rows:
        click.echo(render(rows, [other, "date", "sources"], "table"))


@click.command("who-endorsed", short_help="Who endorsed an actor, with dates and sources.")
@click.argument("name")
@format_option()
@engine_option
def who_endorsed(name, fmt, engine):
    """Who endorsed NAME: each endorser with the date and the source files (quotes in --format json).

    NAME is any label or alias, in English or Spanish, with or without accents, or an IRI (kg:javier-milei).
    """
    actor, found = endorsement_lookups.who_endorsed(open_engine(engine), name)
    _print_endorsements(actor, found, "endorser", fmt, "Endorsements of")


@click.command("endorsements-by", short_help="Whom an actor endorsed, with dates and sources.")
@click.argument("name")
@format_option()
@engine_option
def endorsements_by(name, fmt, engine):
    """Whom NAME endorsed: each endorsed actor with the date and the source files."""
    actor, found = endorsement_lookups.endorsements_by(open_engine(engine), name)
    _print_endorsements(actor, found, "endorsed", fmt, "Endorsements by")
