"""The README documents every command and option (as sqlite-utils checks its docs), every option has help
text, and the README's headline counts are what the graph holds today."""

import re
from pathlib import Path

import click
import pytest

from kg.cli import main
from kg.lookups.query import run_query

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def commands():
    with click.Context(main) as ctx:
        return [(name, main.get_command(ctx, name)) for name in main.list_commands(ctx)]


def options(command):
    return [(command.name, param) for param in command.params if isinstance(param, click.Option)]


EVERY_OPTION = [pair for _, command in commands() for pair in options(command)] + options(main)


@pytest.mark.parametrize("name, command", commands(), ids=[name for name, _ in commands()])
def test_every_command_is_in_the_readme_with_help(name, command):
    assert f"kg {name}" in README
    assert (command.help or "").strip(), f"kg {name} has no help text"
    assert (command.get_short_help_str() or "").strip()


@pytest.mark.parametrize("command, option", EVERY_OPTION,
                         ids=[f"{command}:{option.opts[-1]}" for command, option in EVERY_OPTION])
def test_every_option_is_in_the_readme_with_help(command, option):
    if option.name in ("help", "version"):
        return
    assert option.help and option.help.strip(), f"kg {command} {option.opts[-1]} has no help text"
    names = option.opts + option.secondary_opts
    assert any(re.search(rf"(?<![\w-]){re.escape(opt)}(?![\w-])", README) for opt in names), (
        f"kg {command} {'/'.join(option.opts)} is not in the README")


def test_the_headline_counts_are_what_the_graph_holds():
    [counts] = run_query("graph_counts", "store")
    headline = re.search(r"The graph holds (\d+) actors\s+\((\d+) of them people\), (\d+) facts and (\d+) "
                         r"claims, with (\d+) evidence quotes", README)
    assert headline, "the README has no 'The graph holds N actors (N of them people), ...' sentence"
    written = dict(zip(["actors", "people", "facts", "claims", "quotes"], map(int, headline.groups())))
    assert written == counts
