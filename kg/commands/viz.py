"""`kg viz`: the interactive network page."""

from __future__ import annotations

import webbrowser
from pathlib import Path

import click

from kg.commands.common import engine_option
from kg.network import MAX_PAGE_ACTORS


@click.command(short_help="Draw the network as one self-contained, offline HTML page.")
@click.option("-o", "--output", type=click.Path(path_type=Path, allow_dash=True), default="graph.html",
              show_default=True, help="The HTML file to write (replaced whole, never half-written, through a "
                                      "symbolic link to its target); '-' writes the page to standard output.")
@click.option("--focus", metavar="NAME", help="Draw only the actors around this one (any name, label or alias).")
@click.option("--depth", type=click.IntRange(min=0), default=None, metavar="N",
              help="With --focus: how many relationships away from the actor to draw.  [default: 1]")
@click.option("--relation", "relations", multiple=True, metavar="R",
              help="Keep only this relationship (e.g. endorses, memberOf, 'running mate'); repeatable.")
@click.option("--source", "sources", multiple=True, metavar="S",
              help="Keep only facts from this source: IRI, file name (000_...txt) or name "
                   "('op-ed', 'open letter', 'comparison'); repeatable.")
@click.option("--type", "types", multiple=True, metavar="T",
              help="Keep only actors of this type (e.g. Person, PoliticalParty, 'political party'); repeatable.")
@click.option("--max-actors", type=click.IntRange(min=1), default=MAX_PAGE_ACTORS, show_default=True,
              metavar="N",
              help="Stop (exit 3) rather than write a page of more actors than this, which no browser lays out.")
@click.option("--open", "open_page", is_flag=True, help="Open the page in the default web browser.")
@engine_option
def viz(output, focus, depth, relations, sources, types, max_actors, open_page, engine):
    """Write the network of actors and relationships as one self-contained HTML page.

    The page works offline from the file: it fetches nothing. Actors are coloured and shaped by type and
    sized by their number of relationships; edges are coloured by relationship. Hover an actor or an edge
    for its details, sources and evidence quotes; search any name; show or hide relationship types and
    sources; click an actor to highlight its neighbours.

    \b
    Examples:
      kg viz -o graph.html
      kg viz --focus Milei --depth 2 -o milei.html
      kg viz --source op-ed --relation endorses
    """
    from kg.network.page import build_page, render_html
    from kg.output.files import is_stdout, output_target, write_files
    from kg.store.engines import open_engine

    if depth is not None and focus is None:
        raise click.UsageError("--depth needs --focus")
    to_stdout = is_stdout(output)
    if to_stdout and open_page:
        raise click.UsageError("--open needs a file: give -o FILE, not -o -")
    if not to_stdout:
        output_target(output)  # refuse a folder or a device before the page is built
    page = build_page(open_engine(engine), focus, 1 if depth is None else depth, relations, sources, types,
                      max_actors)
    write_files({output: render_html(page).encode("utf-8")})
    actors, edges = len(page["nodes"]), len(page["edges"])
    click.echo(f"Wrote {'the page to standard output' if to_stdout else output}: {actors} "
               f"actor{'s' * (actors != 1)}, {edges} relationship{'s' * (edges != 1)}.", err=to_stdout)
    if open_page and not webbrowser.open(output.resolve().as_uri()):
        click.echo("No web browser found; open the file yourself.", err=True)
