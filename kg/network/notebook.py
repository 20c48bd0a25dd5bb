"""The network as a pyvis Network, for notebooks: the same actors, relationships and filters as `kg viz`.

    import kg
    net = kg.to_pyvis(focus="Bullrich", depth=1)   # a pyvis.network.Network
    net.show("bullrich.html")                       # or, in Jupyter: net.show("bullrich.html", notebook=True)

Nodes keep kg's shapes and colours by type, edges their colours by relationship. Tooltips are plain text
(vis-network shows a string tooltip with innerText, so a label such as "<img src=x>" stays text). The page
pyvis writes uses kg's own template (templates/pyvis.html): vis-network inlined from kg's vendored copy and a
Content-Security-Policy, so it fetches nothing, unlike pyvis's default template (Bootstrap from a CDN).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from kg.network.page import OTHER_TYPE_STYLE, TYPE_STYLES, build_page, relation_colours
from kg.network.visnetwork import vis_network_files
from kg.store.engines import as_engine

PACKAGE_DIR = Path(__file__).resolve().parent  # holds templates/ and vendor/, which the template includes
TEMPLATE = "templates/pyvis.html"
QUALIFIER_NAMES = (("date", "date"), ("dateText", "when"), ("start", "from"), ("end", "until"), ("role", "role"),
                   ("context", "context"), ("inferred", "inferred"))


def node_tooltip(node: dict) -> str:
    """An actor's tooltip as plain text: names, type, facts."""
    lines = [node["label"]]
    if node["label_es"] and node["label_es"] != node["label"]:
        lines.append(f"Spanish: {node['label_es']}")
    if node["aliases"]:
        lines.append("Also: " + ", ".join(node["aliases"]))
    lines.append(node["type_label"])
    lines += [f"{fact['relation']}: {fact['value']}" + (f" ({fact['date']})" if fact["date"] else "")
              for fact in node["facts"]]
    lines.append(node["id"])
    return "\n".join(lines)


def edge_tooltip(edge: dict, labels: dict[str, str]) -> str:
    """A relationship's tooltip as plain text: who, what, when, and each source with its quote."""
    lines = [f"{labels[edge['source']]} {edge['relation_label']} {labels[edge['target']]}", edge["kind"]]
    lines += [f"{name}: {edge['qualifiers'][key]}" for key, name in QUALIFIER_NAMES if edge["qualifiers"].get(key)]
    for evidence in edge["evidence"]:
        lines.append(f"{evidence['source_label']} ({evidence['file_name']}): “{evidence['quote']}”")
    lines.append(edge["statement"])
    return "\n".join(lines)


def to_pyvis(engine=None, focus: str | None = None, depth: int = 1, relations: Iterable[str] = (),
             sources: Iterable[str] = (), types: Iterable[str] = (), height: str = "750px", width: str = "100%",
             notebook: bool = False):
    """A pyvis Network of the actors and relationships that `kg viz` would draw with the same filters.

    engine: an engine or its name ("store", default, or "rdflib"); focus, depth, relations, sources, types:
    as `kg viz --focus/--depth/--relation/--source/--type` take them (names, labels, file names or IRIs).
    """
    from pyvis.network import Network  # heavy: only for notebooks

    vis_network_files()  # fails in one line if the vendored copy is missing or altered
    page = build_page(as_engine(engine), focus, depth, relations, sources, types)
    network = Network(height=height, width=width, directed=True, notebook=notebook, cdn_resources="in_line",
                      heading=page["caption"])
    network.set_template_dir(str(PACKAGE_DIR) + "/", TEMPLATE)
    network.template = network.templateEnv.get_template(TEMPLATE)
    for node in page["nodes"]:
        shape, colour = TYPE_STYLES.get(node["type"], OTHER_TYPE_STYLE)
        network.add_node(node["id"], label=node["label"], title=node_tooltip(node), shape=shape, color=colour,
                         size=node["size"], kind=node["type"])
    labels = {node["id"]: node["label"] for node in page["nodes"]}
    colours = relation_colours(edge["relation"] for edge in page["edges"])
    for edge in page["edges"]:
        network.add_edge(edge["source"], edge["target"], title=edge_tooltip(edge, labels), label=edge["relation_label"],
                         color=colours[edge["relation"]], arrows="to", relation=edge["relation"],
                         statement=edge["statement"])
    network.set_options(json.dumps({"physics": {"solver": "forceAtlas2Based",
                                                "stabilization": {"iterations": 300}},
                                    "layout": {"randomSeed": 20231119},
                                    "interaction": {"hover": True, "tooltipDelay": 150}}))
    return network
