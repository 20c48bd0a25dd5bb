"""Shared fixtures: the seeds folder beside the checkout, a CLI runner and `invoke`, extra RDF files through
KG_DATA, and a private store cache."""

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import EXIT_INTERNAL
from kg.rdf.namespaces import PREFIXES
from servers import oxigraph_server, virtuoso_server

SEEDS = Path(os.environ.get("KG_SEEDS") or Path(__file__).resolve().parents[1].parent / "shared" / "seeds")


@pytest.fixture
def runner():
    return CliRunner()


def invoke(args, expect=0, input=None, env=None, runner=None):
    """Run `kg ARGS` under click's CliRunner and fail the test unless it exited cleanly with `expect`.

    Under CliRunner a crash never reaches `result.output`: it is `result.exception`. Any exception but a
    clean SystemExit fails the test, and so does the internal-error exit (70) that the CLI's guard gives a
    bug. `expect` is an exit code or a tuple of the allowed ones. Returns the click Result.
    """
    result = (runner or CliRunner()).invoke(main, [str(a) for a in args], input=input, env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"kg {' '.join(map(str, args))} raised {result.exception!r}") from result.exception
    allowed = expect if isinstance(expect, tuple) else (expect,)
    assert result.exit_code != EXIT_INTERNAL, f"kg {' '.join(map(str, args))}: internal error: {result.output}"
    assert result.exit_code in allowed, (f"kg {' '.join(map(str, args))} exited {result.exit_code}, expected "
                                         f"{expect}: {result.output}")
    return result


@pytest.fixture
def seeds_dir():
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the checkout")
    return SEEDS


@pytest.fixture(autouse=True, scope="session")
def private_store_cache(tmp_path_factory):
    """Every test builds its stores in a temporary cache, never in the user's ~/.cache/kg."""
    previous = os.environ.get("KG_CACHE")
    os.environ["KG_CACHE"] = str(tmp_path_factory.mktemp("kg-cache"))
    yield
    if previous is None:
        os.environ.pop("KG_CACHE", None)
    else:
        os.environ["KG_CACHE"] = previous


@pytest.fixture
def kg_data(tmp_path, monkeypatch):
    """A function that writes RDF to a file in tmp_path and adds the file to KG_DATA.

    Turtle bodies get the project's @prefix lines unless `prefixes=False`.
    """
    files = []

    def add(body, name="extra.ttl", prefixes=True):
        path = tmp_path / name
        header = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items()) if prefixes else ""
        path.write_text(header + body, encoding="utf-8")
        files.append(str(path))
        monkeypatch.setenv("KG_DATA", os.pathsep.join(files))
        return path

    return add


HOSTILE_TTL = """\
kg:hostile a foaf:Person ;
    rdfs:label "<img src=x onerror=alert(1)>"@en, "</script><script>alert(2)</script>"@es ;
    skos:altLabel "<!-- \\u2028 & &amp; -->"@en ;
    prov:wasDerivedFrom src:op-ed .

st:hostile-endorses-milei a kgo:Endorsement ;
    rdf:subject kg:hostile ; rdf:predicate kgo:endorses ; rdf:object kg:javier-milei ;
    kgo:context "<b onmouseover=alert(3)>bold</b>"@en ;
    prov:wasDerivedFrom src:op-ed ;
    prov:qualifiedDerivation [ prov:entity src:op-ed ; kgo:quote "<img src=y onerror=alert(4)>" ] .
kg:hostile kgo:endorses kg:javier-milei .
"""
HOSTILE_LABEL = "<img src=x onerror=alert(1)>"
HOSTILE_IRI = "https://w3id.org/argentina2023/id/hostile"


@pytest.fixture
def hostile_actor(kg_data):
    """Extra data (through KG_DATA) with an actor whose names are HTML and script, endorsing Milei."""
    kg_data(HOSTILE_TTL, "hostile.ttl")
    return HOSTILE_IRI


# Real SPARQL servers, one per test module that asks (tests/servers.py; skipped where not installed).
@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as server:
        yield server


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    with virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server
