"""`kg analyze`: centrality, communities, brokers and camps of the actor network."""

from __future__ import annotations

import json

import click

from kg.commands.common import engine_option, format_option
from kg.network import SECTIONS


def _score(value: float) -> str:
    from kg.network.analysis import DIGITS

    return f"{value:.{DIGITS}f}"

# columns of each section; "actor" is the label, "iri" the actor's IRI (left out of tables)
COLUMNS = {
    "centrality": ("rank", "actor", "type", "degree", "betweenness", "pagerank", "iri"),
    "communities": ("community", "community_name", "actor", "type", "iri"),
    "brokers": ("rank", "actor", "type", "betweenness", "articulation_point", "communities", "iri"),
    "camps": ("candidate", "stance", "actor", "type", "reasons", "sources", "iri"),
}

TITLES = {
    "centrality": "Centrality: degree and betweenness on the undirected graph, PageRank on the directed graph",
    "communities": "Communities: Louvain on the undirected graph, fixed seed; most linked member first",
    "brokers": "Brokers: articulation points, and actors on shortest paths whose neighbours span communities",
    "camps": "Camps: for, against, or withholding support from each runoff candidate",
}


def section_rows(analysis, section: str) -> list[dict]:
    """The rows of one section of an Analysis, as flat dicts of the COLUMNS."""
    if section == "centrality":
        return [{"rank": i, "actor": c.label, "type": c.type, "degree": c.degree, "betweenness": _score(c.betweenness),
                 "pagerank": _score(c.pagerank), "iri": c.actor} for i, c in enumerate(analysis.centrality, start=1)]
    if section == "communities":
        return [{"community": g.number, "community_name": g.name, "actor": m.label, "type": m.type, "iri": m.actor}
                for g in analysis.communities for m in g.members]
    if section == "brokers":
        return [{"rank": i, "actor": b.label, "type": b.type, "betweenness": _score(b.betweenness),
                 "articulation_point": "yes" if b.articulation_point else "no",
                 "communities": ", ".join(map(str, b.communities)), "iri": b.actor}
                for i, b in enumerate(analysis.brokers, start=1)]
    return [{"candidate": m.candidate_label, "stance": m.stance, "actor": m.label, "type": m.type,
             "reasons": "; ".join(m.reasons), "sources": "; ".join(m.sources), "iri": m.actor}
            for m in analysis.camps]


def render_analysis(analysis, sections, fmt: str) -> str:
    """The chosen sections of `analysis` as text: titled tables, CSV blocks, or one JSON document."""
    from kg.output.tables import render

    if fmt == "json":
        data = analysis.to_dict()
        document = {"actors": data["actors"], "statements": data["statements"]}
        document.update({s: data[s] for s in sections})
        if analysis.notes:
            document["notes"] = analysis.notes
        return json.dumps(document, ensure_ascii=False, indent=2)
    blocks = []
    if fmt == "table":
        blocks.append("\n".join([f"Network: {analysis.actors} actors, {analysis.statements} statements",
                                 *(f"Note: {note}" for note in analysis.notes)]))
    for section in sections:
        rows = section_rows(analysis, section)
        if fmt == "csv":
            text = render(rows, COLUMNS[section], "csv")
            blocks.append(text if len(sections) == 1 else f"# {section}\n{text}")
        else:
            columns = [c for c in COLUMNS[section] if c != "iri"]
            table = render(rows, columns, "table") if rows else "(none)"
            blocks.append(f"{TITLES[section]}\n\n{table}")
    return "\n\n".join(blocks)


@click.command()
@click.option("--relation", "-r", "relations", multiple=True, metavar="R",
              help="Keep only statements with this relationship: local name (endorses, memberOf), English "
                   "label ('member of'), prefixed name or IRI. Repeatable.")
@click.option("--source", "-s", "sources", multiple=True, metavar="S",
              help="Keep only statements from this source: its title, an alias (op-ed), its file name or IRI. "
                   "Repeatable.")
@click.option("--section", "sections", multiple=True, type=click.Choice(SECTIONS),
              help="Compute and show only this section (repeatable); all four by default.")
@click.option("--top", type=click.IntRange(min=0), default=10, show_default=True,
              help="How many actors to list by centrality and as brokers; 0 lists all.")
@click.option("--by", type=click.Choice(("degree", "betweenness", "pagerank")), default="degree",
              show_default=True, help="The centrality measure that ranks actors.")
@format_option()
@engine_option
def analyze(relations, sources, sections, top, by, fmt, engine):
    """Who is central, which communities form, who brokers between them, and who is in each camp.

    Degree, betweenness and communities (Louvain, fixed seed) use the undirected network: two actors are
    linked when any statement joins them. PageRank follows the statements' direction. Brokers are
    articulation points and actors on shortest paths whose neighbours lie in several communities. Camps
    gather, for each runoff candidate, who endorses them, their running mate, their coalition and its
    members (for), who opposes them or their coalition, or signed a document that does (against), and who
    withheld an endorsement.

    Only the chosen sections are computed. Betweenness is exact per connected component up to 5,000
    actors; a larger component's is estimated from 300 source actors drawn with a fixed seed, and the
    output says so (a 'Note:' line, "notes" in JSON, standard error with csv).

    The output is deterministic. With --format csv each section is a table after a '# section' line;
    choose one --section for a single table.

    \b
    Examples:
      kg analyze
      kg analyze --relation endorses --relation memberOf --section communities
      kg analyze --source open-letter --format json
    """
    from kg.network.analysis import analyze as run_analysis
    from kg.network.camps import runoff_candidates
    from kg.network.projection import actor_graph
    from kg.store.engines import open_engine

    backend = open_engine(engine)
    chosen = [s for s in SECTIONS if s in sections] or list(SECTIONS)
    graph = actor_graph(backend, relations, sources, provenance="camps" in chosen)  # only camps cite sources
    candidates = runoff_candidates(backend) if "camps" in chosen else []
    analysis = run_analysis(graph, candidates, top=top or None, by=by, sections=chosen)
    click.echo(render_analysis(analysis, chosen, fmt))
    if fmt == "csv":
        for note in analysis.notes:
            click.echo(f"Note: {note}", err=True)
