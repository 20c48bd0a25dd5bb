"""kg: an open knowledge graph of Argentina's 2023 presidential election.

The Python API for notebooks::

    import kg
    ds = kg.load_dataset()          # rdflib.Dataset: ontology + data + KG_DATA files
"""

__version__ = "0.1.0"

__all__ = ["load_dataset", "__version__"]


def __getattr__(name):
    # rdflib is imported lazily so that `import kg` stays cheap for the CLI's quick lookups.
    if name == "load_dataset":
        from kg.dataset import load_dataset

        return load_dataset
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
