"""Shared fixtures: the seeds folder beside the checkout, a CLI runner, and a private store cache."""

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


@pytest.fixture
def runner():
    return CliRunner()


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
