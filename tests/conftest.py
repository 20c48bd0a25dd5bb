"""Shared fixtures: the seeds folder beside the checkout, and a CLI runner."""

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
