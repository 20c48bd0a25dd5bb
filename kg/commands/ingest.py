"""`kg ingest`: an article into candidate facts for review, and a reviewed file into Turtle."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kg.errors import InputError

TABLE_COLUMNS = ["id", "predicate", "subject", "subject_iri", "object", "object_iri", "negated", "confidence",
                 "date", "quote"]
JSON_FIELDS = ["id", "subject", "subject_iri", "subject_type", "predicate", "object", "object_iri", "object_type",
               "quote", "start", "end", "rule", "confidence", "negated", "role", "current", "date", "date_inferred",
               "choices"]


@click.command()
@click.argument("article", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--apply", "review", type=click.Path(path_type=Path, dir_okay=False),
              help="Turn the accepted rows of this review file into Turtle (needs -o FILE.ttl).")
@click.option("--title", help="The article's title (default: an HTML page's <title>).")
@click.option("--publisher", help="Who published it (a new kgo:Publisher).")
@click.option("--author", help="Who wrote it (a new person).")
@click.option("--date", help="When it was published: YYYY-MM-DD, YYYY-MM or YYYY; facts without a date of "
                             "their own get it, flagged as inferred.")
@click.option("--url", help="Where it was published.")
@click.option("--lang", type=click.Choice(["en", "es"]), help="Its language (default: detected).")
@click.option("--stance", type=click.Choice(["neutral", "for", "against"]), default="neutral", show_default=True,
              help="Its stance (kg:stance-...).")
@click.option("--genre", type=click.Choice(["news", "news-analysis", "op-ed", "open-letter"]), default="news",
              show_default=True, help="Its genre (kg:genre-...).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "tsv"]), default="table", show_default=True,
              help="How to print the candidates.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write a review file (TSV, with the text snapshot and metadata beside it); with --apply, "
                   "the Turtle file.")
def ingest(article, review, title, publisher, author, date, url, lang, stance, genre, fmt, output):
    """Propose the facts an ARTICLE (UTF-8 text or HTML, English or Spanish) states, for a person to review.

    Mentions are linked to the graph's actors by their labels and aliases; people introduced with a role
    become new actors; endorsements (and withheld ones), running mates, memberships, leadership, offices,
    criticism and opposition, candidacies, signatures and invitations come from cue patterns, each with
    its sentence as the evidence quote. Denials never become endorsements.

    Edit the review file's `accept` column (yes or no), then `kg ingest --apply REVIEW -o new.ttl` and add
    new.ttl to KG_DATA.
    """
    from kg.store.engines import open_engine

    if review is not None:
        if output is None or article is not None:
            raise InputError("--apply REVIEW takes no ARTICLE and needs -o FILE.ttl")
        from kg.ingest.apply import apply_review

        written = apply_review(review, output, open_engine())
        click.echo(f"wrote {', '.join(str(p) for p in written)}", err=True)
        return
    if article is None:
        raise InputError("give an ARTICLE to ingest, or --apply REVIEW")
    from kg.ingest.apply import dated
    from kg.ingest.pipeline import ingest as run
    from kg.ingest.review import render_rows, write_review

    if date:
        dated(date)
    info, proposal, rows = run(article, open_engine(), title=title, publisher=publisher, author=author,
                               date=date, url=url, language=lang, stance=stance, genre=genre)
    if output is not None:
        written = write_review(output, info, proposal.text, rows)
        click.echo(f"{len(rows)} candidates; wrote {', '.join(str(p) for p in written)}", err=True)
        return
    if fmt == "json":
        records = [{k: _typed(k, row[k]) for k in JSON_FIELDS} for row in rows]
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    elif fmt == "tsv":
        click.echo(render_rows(rows), nl=False)
    else:
        from kg.output.tables import render_table

        click.echo(render_table(rows, TABLE_COLUMNS, max_width=60))


def _typed(key: str, value: str):
    if key in ("negated", "date_inferred"):
        return value == "yes"
    if key == "current":  # an office or membership called current, former, or neither
        return {"yes": True, "no": False}.get(value)
    if key == "confidence":
        return float(value)
    if key in ("start", "end"):
        return int(value)
    if key == "choices":
        return value.split()
    return value
