"""Lookup commands: who-endorsed, endorsements-by and search, and the printing helpers the lookup commands share.

Thin printing over the library (kg.lookups). Tables are for
reading, JSON keeps everything (quotes included), CSV is flat.
"""

from __future__ import annotations

import json
from dataclasses import asdict

import click

from kg.commands.common import engine_option, format_option
from kg.lookups import endorsements as endorsement_lookups
from kg.lookups import search as search_lookup
from kg.output.tables import render
from kg.rdf.namespaces import local_name
from kg.store.engines import open_engine


def print_json(data) -> None:
    """Data (dataclasses already made dicts) as indented JSON, non-ASCII kept."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def file_names(evidence) -> str:
    """The file names of the sources, e.g. '000_9c4870c4c3406898.txt, 002_0f267a4a9a1e3df1.txt'."""
    return ", ".join(dict.fromkeys(e.file_name or local_name(e.source) for e in evidence))


def cite(evidence) -> str:
    """Short source names, e.g. '[comparison, op-ed]'."""
    return "[" + ", ".join(dict.fromkeys(local_name(e.source) for e in evidence)) + "]"




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


@click.command(short_help="Find actors by name, best match first.")
@click.argument("text")
@click.option("--limit", type=click.IntRange(1), default=10, show_default=True, help="How many matches at most.")
@format_option()
@engine_option
def search(text, limit, fmt, engine):
    """Actors whose names match TEXT, best first: full names, aliases, parts of names, then likely typos."""
    matches = search_lookup.search(open_engine(engine), text, limit)
    rows = [{"actor": m.actor.label, "type": m.type, "iri": m.actor.iri, "score": m.score} for m in matches]
    if fmt == "json":
        print_json([asdict(m) for m in matches])
        return
    if not rows and fmt == "table":
        click.echo(f"No actor matches {text!r}.")
        return
    click.echo(render(rows, ["actor", "type", "iri", "score"], fmt))
