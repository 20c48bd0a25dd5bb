"""Source commands: sources (what each document supports), claims, and facts only one source supports."""

from __future__ import annotations

from dataclasses import asdict

import click

from kg.commands.common import engine_option, format_option, print_json
from kg.lookups import sources as source_lookups
from kg.output.tables import render
from kg.store.engines import open_engine


@click.command(short_help="Facts and claims per source document.")
@format_option()
@engine_option
def sources(fmt, engine):
    """Each source document with how many facts it supports, how many only it supports, and its claims."""
    summaries = source_lookups.sources(open_engine(engine))
    if fmt == "json":
        print_json([asdict(s) for s in summaries])
        return
    rows = [{"source": s.label, "file": s.file_name, "facts": s.facts, "single-source facts": s.single_source_facts,
             "claims": s.claims, "iri": s.source} for s in summaries]
    click.echo(render(rows, ["source", "file", "facts", "single-source facts", "claims", "iri"], fmt))


def _print_quoted(items, rows: list[dict], columns: list[str], fmt: str) -> None:
    """The items as JSON, or the rows as a table or CSV; CSV adds the quote that would crowd a table."""
    if fmt == "json":
        print_json([asdict(item) for item in items])
    else:
        click.echo(render(rows, columns + (["quote"] if fmt == "csv" else []), fmt))


@click.command(short_help="Claims (opinions) the sources report.")
@click.option("--source", help="Only the claims of this source: its title, alias (comparison, open letter, "
                               "op-ed), file name or IRI.")
@format_option()
@engine_option
def claims(source, fmt, engine):
    """Claims the sources report: opinions and interpretations, kept apart from facts, with who makes them."""
    found = source_lookups.claims(open_engine(engine), source)
    rows = [{"source": c.evidence.file_name, "claimant": c.claimant, "claim": c.text, "quote": c.evidence.quote}
            for c in found]
    _print_quoted(found, rows, ["source", "claimant", "claim"], fmt)


@click.command("single-source", short_help="Facts that only one source supports.")
@click.option("--source", help="Only the facts of this source: its title, alias, file name or IRI.")
@format_option()
@engine_option
def single_source(source, fmt, engine):
    """Facts that only one source supports, with that source and its quote (in csv and json)."""
    facts = source_lookups.single_source_facts(open_engine(engine), source)
    rows = [{"source": f.evidence.file_name, "kind": f.kind, "subject": f.subject, "relation": f.relation,
             "object": f.object, "quote": f.evidence.quote} for f in facts]
    _print_quoted(facts, rows, ["source", "kind", "subject", "relation", "object"], fmt)
