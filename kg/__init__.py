"""kg: an open knowledge graph of Argentina's 2023 presidential election.

The Python API for notebooks::

    import kg
    ds = kg.load_dataset()          # rdflib.Dataset: ontology + data + KG_DATA files
    rows = kg.run_query("endorsements_received", actor="Milei")  # a named query's rows as dicts
    net = kg.to_pyvis(focus="Milei")  # a pyvis Network of the actors around Milei, for Jupyter

The README's "Network analysis and Python API" section walks through a whole session.
"""

from kg.version import __version__

__all__ = ["load_dataset", "run_query", "to_pyvis", "__version__"]


def __getattr__(name):
    # rdflib is imported lazily so that `import kg` stays cheap for the CLI's quick lookups.
    if name == "load_dataset":
        from kg.rdf.dataset import load_dataset

        return load_dataset
    if name == "run_query":
        from kg.lookups.query import run_query

        return run_query
    if name == "to_pyvis":
        from kg.network.notebook import to_pyvis

        return to_pyvis
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
