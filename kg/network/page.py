"""The interactive network page: actors and their relationships as one self-contained HTML file.

The nodes and edges come from kg.network.graphdata.network_data, or around one actor from kg.network.focus.
The page inlines vis-network (vendored, kg.network.visnetwork) and passes the graph as JSON in a <script type="application/json"> block with
every character that could end it escaped; the page's own script builds every label and tooltip as DOM
text, so no value from the graph is ever parsed as HTML. Nothing is fetched: the page sets a
Content-Security-Policy that forbids any request.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from kg.errors import NotFoundError
from kg.lookups.common import label_or_term
from kg.lookups.sources import resolve_sources
from kg.names.normalise import normalise
from kg.names.resolve import resolve
from kg.network import MAX_PAGE_ACTORS
from kg.network.focus import focus_data
from kg.network.graphdata import NetworkData, check_drawable, network_data, resolve_relations, resolve_types
from kg.network.visnetwork import vis_network_files
from kg.rdf.namespaces import local_name
from kg.sparql.catalogue import get_query, select_for

TEMPLATES = Path(__file__).resolve().parent / "templates"

# actor type (class local name) -> (vis-network shape, colour); shapes group the families, colours the types
TYPE_STYLES = {
    "Person": ("dot", "#f28e2b"),
    "Group": ("dot", "#edc948"),
    "PoliticalParty": ("diamond", "#79a6d9"),
    "Coalition": ("diamond", "#234a8a"),
    "TradeUnion": ("square", "#e15759"),
    "SocialMovement": ("square", "#ff9da7"),
    "ThinkTank": ("square", "#b07aa1"),
    "Publisher": ("square", "#9c755f"),
    "ArmedGroup": ("square", "#4d4d4d"),
    "Organization": ("square", "#bab0ac"),
    "GovernmentBody": ("hexagon", "#59a14f"),
    "InternationalBody": ("hexagon", "#76b7b2"),
    "Post": ("hexagon", "#c5b0d5"),
    "Country": ("triangle", "#8cd17d"),
    "Region": ("triangle", "#b6992d"),
    "City": ("triangle", "#86bcb6"),
    "Event": ("triangleDown", "#f1ce63"),
    "Initiative": ("triangleDown", "#a0cbe8"),
    "Document": ("star", "#d37295"),
    "SourceDocument": ("star", "#8f5b84"),
}
OTHER_TYPE_STYLE = ("dot", "#b0b0b0")

# relationship (predicate local name) -> colour, in families: greens support, reds opposition, blues belonging,
# cyans offices, orange leadership, purples candidacies, browns documents, greys places, slates contacts.
# A relationship not listed takes the next colour of OTHER_RELATION_COLOURS.
RELATION_COLOURS = {
    "endorses": "#2e7d32", "backed": "#43a047", "supports": "#7cb342", "defended": "#689f38",
    "friendlyWith": "#81c784", "alignedWith": "#00897b", "agreementWith": "#26a69a", "partnerIn": "#4db6ac",
    "currencySwapWith": "#009688", "lentTo": "#00796b",
    "opposes": "#c62828", "criticised": "#e53935", "attacked": "#b71c1c", "rivalOf": "#ef5350",
    "withheldEndorsement": "#9e9e9e", "left": "#ff7043",
    "memberOf": "#1565c0", "subOrganizationOf": "#1e88e5", "appliedToJoin": "#64b5f6", "alumniOf": "#5c6bc0",
    "studiedWith": "#7986cb",
    "holds": "#00838f", "postIn": "#4dd0e1", "servedUnder": "#0097a7", "appointed": "#006064",
    "headOf": "#ef6c00", "founded": "#f9a825",
    "runningMate": "#6a1b9a", "candidateOf": "#8e24aa", "resultIn": "#ab47bc",
    "signed": "#8d6e63", "authored": "#5d4037", "published": "#a1887f", "contributedTo": "#bcaaa4",
    "sponsored": "#795548",
    "country": "#bdbdbd", "location": "#9e9e9e", "areaServed": "#a8a8a8",
    "invited": "#546e7a", "spokeAt": "#78909c", "visited": "#90a4ae", "calledFor": "#607d8b",
    "interviewedBy": "#455a64", "negotiatedWith": "#37474f", "sentAdvisersTo": "#d81b60",
    "relationshipWith": "#8d8d8d", "spouse": "#ec407a",
}
OTHER_RELATION_COLOURS = ("#ad1457", "#0277bd", "#9e9d24", "#4527a0", "#00695c", "#bf360c", "#37474f",
                          "#827717", "#6d4c41", "#c2185b", "#0097a7", "#512da8")
DASHED_RELATIONS = {"withheldEndorsement"}


@dataclass
class Fact:
    """A fact about an actor that is not a relationship to another actor (an office, a candidacy, a value)."""

    statement: str
    relation: str  # the predicate's English label
    value: str  # the object's English label, or the literal
    date: str = ""
    start: str = ""
    end: str = ""


# --- Resolving the user's names -------------------------------------------------------------------------

def resolve_actor(engine, name: str) -> str:
    """The IRI of the actor called `name` (any label, alias or IRI), through the shared resolver."""
    return resolve(name, engine).iri


# --- The graph to draw ----------------------------------------------------------------------------------

def actor_facts(engine, actors: Iterable[str] | None = None) -> dict[str, list[Fact]]:
    """Each actor's facts that point at no other actor (offices, candidacies, stances, attributes): of every
    actor, or of `actors` only."""
    if actors is None:
        rows = engine.select(get_query("actor_attributes").text)
    else:
        rows = select_for(engine, "actor_attributes", "actor", actors)
    facts: dict[str, list[Fact]] = {}
    for row in rows:
        value = label_or_term(row, "object")
        relation = row["relation"].value if "relation" in row else local_name(row["predicate"].value)
        facts.setdefault(row["actor"].value, []).append(Fact(
            row["statement"].value, relation, value,
            *(row[k].value if k in row else "" for k in ("date", "start", "end"))))
    return facts


def degrees(data: NetworkData) -> dict[str, int]:
    """How many edges touch each node."""
    counts = dict.fromkeys(data.nodes, 0)
    for edge in data.edges:
        counts[edge.source] += 1
        counts[edge.target] += 1
    return counts


def relation_colours(relations: Iterable[str]) -> dict[str, str]:
    """A colour for each relationship: its own if it has one, else the next spare one in name order."""
    relations = sorted(set(relations))
    spare = iter(OTHER_RELATION_COLOURS * (1 + len(relations) // len(OTHER_RELATION_COLOURS)))
    return {r: RELATION_COLOURS.get(r) or next(spare) for r in relations}


def page_data(data: NetworkData, facts: dict[str, list[Fact]] | None = None, focus: str | None = None,
              caption: str = "") -> dict:
    """Everything the page draws, as JSON-ready data: nodes, edges, and the legend of types, relations, sources."""
    facts = facts or {}
    degree = degrees(data)
    nodes = []
    for iri in sorted(data.nodes):
        node = data.nodes[iri]
        nodes.append({
            "id": iri, "label": node.label, "label_es": node.label_es,
            "aliases": sorted(node.aliases, key=lambda a: (normalise(a), a)),
            "type": node.type, "type_label": node.type_label, "degree": degree[iri],
            "size": round(10 + 5 * math.sqrt(degree[iri]), 2),
            "facts": [asdict(f) for f in facts.get(iri, [])],
        })

    parallel: dict[tuple[str, str], int] = {}
    edges = []
    for index, edge in enumerate(data.edges):
        pair = tuple(sorted((edge.source, edge.target)))
        parallel[pair] = parallel.get(pair, -1) + 1
        edges.append({
            "id": f"e{index}", "statement": edge.statement, "kind": edge.kind,
            "source": edge.source, "target": edge.target,
            "relation": edge.relation, "relation_label": edge.relation_label,
            "qualifiers": dict(sorted(edge.qualifiers.items())),
            "evidence": [asdict(e) for e in edge.evidence],
            "sources": edge.source_ids,
            "parallel": parallel[pair],  # the nth edge between the same two actors is curved n steps apart
        })

    types = sorted({(n.type, n.type_label) for n in data.nodes.values()})
    colours = relation_colours(e.relation for e in data.edges)
    labels = {e.relation: e.relation_label for e in data.edges}
    sources = {}
    for edge in data.edges:
        for evidence in edge.evidence:
            sources.setdefault(evidence.source, {"id": evidence.source, "label": evidence.source_label,
                                                 "file_name": evidence.file_name, "count": 0})
            sources[evidence.source]["count"] += 1
    return {
        "caption": caption,
        "focus": focus,
        "nodes": nodes,
        "edges": edges,
        "types": [{"type": t, "label": label, "shape": TYPE_STYLES.get(t, OTHER_TYPE_STYLE)[0],
                   "colour": TYPE_STYLES.get(t, OTHER_TYPE_STYLE)[1],
                   "count": sum(1 for n in data.nodes.values() if n.type == t)} for t, label in types],
        "relations": [{"relation": r, "label": labels[r], "colour": colours[r], "dashed": r in DASHED_RELATIONS,
                       "count": sum(1 for e in data.edges if e.relation == r)}
                      for r in sorted(labels, key=lambda r: (normalise(labels[r]), r))],
        "sources": [sources[s] for s in sorted(sources)],
    }


def build_page(engine, focus: str | None = None, depth: int = 1, relations: Iterable[str] = (),
               sources: Iterable[str] = (), types: Iterable[str] = (),
               max_actors: int | None = MAX_PAGE_ACTORS) -> dict:
    """The page data for the whole graph, or for what the filters keep around `focus`.

    focus: an actor's name or IRI; depth: how many relationships away from it to draw (the neighbourhood is
    walked out from the actor, kg.network.focus, never cut from the whole network);
    relations, sources, types: as the CLI takes them (names, labels, file names or IRIs);
    max_actors: raise LimitError, before the actors' facts are read, if the page would draw more (None: no limit).
    """
    relations, types = resolve_relations(engine, relations), resolve_types(engine, types)
    sources = resolve_sources(engine, sources)
    caption = []
    centre = None
    if focus is not None:
        centre = resolve_actor(engine, focus)
        data = focus_data(engine, centre, depth, relations, sources, types)
        check_drawable(len(data.nodes), max_actors)
        facts = actor_facts(engine, data.nodes)
        caption.append(f"around {data.nodes[centre].label}, {depth} step{'s' * (depth != 1)}")
    else:
        data = network_data(engine, relations, sources, types, max_actors)
        facts = actor_facts(engine)
    if relations:
        caption.append("relationships: " + ", ".join(relations))
    if sources:
        caption.append("sources: " + ", ".join(local_name(s) for s in sources))
    if types:
        caption.append("types: " + ", ".join(types))
    if (relations or sources or types) and not data.edges:
        raise NotFoundError("no relationship matches the filters")
    return page_data(data, facts, centre, "; ".join(caption))


# --- The HTML -------------------------------------------------------------------------------------------

def json_for_script(value) -> str:
    """`value` as JSON that is safe inside <script type="application/json">: no character can end the block."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def _inline(text: str, tag: str) -> str:
    """Library code made safe to inline in a <script> or <style> element: nothing in it can close the element."""
    return re.sub(rf"</({tag})", r"<\\/\1", text, flags=re.IGNORECASE).replace("<!--", "<\\!--")


def render_html(page: dict) -> str:
    """The self-contained HTML page that draws `page` (from page_data or build_page)."""
    vis_js, vis_css = vis_network_files()
    template = (TEMPLATES / "graph.html").read_text(encoding="utf-8")
    parts = {
        "VIS_CSS": _inline(vis_css, "style"),
        "PAGE_CSS": _inline((TEMPLATES / "graph.css").read_text(encoding="utf-8"), "style"),
        "VIS_JS": _inline(vis_js, "script"),
        "PAGE_JS": _inline((TEMPLATES / "graph.js").read_text(encoding="utf-8"), "script"),
        "DATA": json_for_script(page),
    }
    # one pass, so that text inserted for one marker is never searched for another
    return re.sub(r"/\*KG:(\w+)\*/", lambda m: parts[m.group(1)], template)
