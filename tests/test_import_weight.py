"""Quick lookups stay light: they never import rdflib, pyvis, networkx, pyshacl, httpx (the endpoint
engine's), urllib.request (xml.sax's), nor, but for `kg query` and its query pool, multiprocessing,
subprocess and traceback (else imported only to print one), nor shutil (with bz2 and lzma: 10 ms; a
terminal's width and a build's clean-up need it), hashlib (OpenSSL, 4 ms: a build's signature), csv or html
(XML results)."""

import json
import subprocess
import sys

import pytest
from conftest import invoke

HEAVY = ["rdflib", "pyvis", "networkx", "pyshacl", "httpx", "urllib.request"]
# the query pool's (multiprocessing imports traceback too)
POOL = ["multiprocessing", "subprocess", "traceback", "shutil", "bz2", "lzma", "hashlib"]
# what only other output formats, or a terminal, need
FORMATS = ["csv", "html"]

PROGRAM = """
import json, sys
from kg.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
finally:
    print(json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)), file=sys.stderr)
"""


@pytest.fixture(scope="module", autouse=True)
def built_store():
    """The store built first: a lookup's imports are measured on a built store (a build imports more)."""
    invoke(["build"])


@pytest.mark.parametrize("args", [
    ["who-endorsed", "Milei"],
    ["endorsements-by", "Bullrich"],
    ["show", "Massa"],
    ["search", "Fernández"],
    ["path", "Villarruel", "Lula"],
    ["compare", "Milei", "Massa"],
    ["sources"],
    ["query", "tickets"],
    ["query", "-e", "SELECT * WHERE { ?s ?p ?o } LIMIT 1"],
])
def test_lookups_import_no_heavy_library(args):
    heavy = HEAVY + FORMATS if args[0] == "query" else HEAVY + FORMATS + POOL
    done = subprocess.run([sys.executable, "-c", PROGRAM.format(heavy=heavy), *args],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stderr.strip().splitlines()[-1]) == []


LOOKUP_MODULES = ["kg.lookups.compare", "kg.lookups.endorsements", "kg.lookups.path", "kg.lookups.search",
                  "kg.lookups.show", "kg.lookups.sources", "kg.lookups.statement"]


@pytest.mark.parametrize("args, needed", [
    (["who-endorsed", "Milei"], ["kg.lookups.endorsements"]),
    (["show", "Massa"], ["kg.lookups.show"]),
    (["search", "Fernández"], ["kg.lookups.search"]),
])
def test_a_lookup_imports_only_its_own_lookup_module(args, needed):
    """Each lookup module costs about a millisecond to import (its dataclasses): a command loads its own."""
    done = subprocess.run([sys.executable, "-c", PROGRAM.format(heavy=LOOKUP_MODULES), *args],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stderr.strip().splitlines()[-1]) == needed
