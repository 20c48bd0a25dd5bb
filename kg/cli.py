"""The `kg` command line: a thin layer over the library.

Each command lives in a module of kg.commands and is imported only when it runs (or when help lists it),
so that a quick lookup never pays for pyvis or networkx.
"""

from __future__ import annotations

import gc
import importlib
import os
import sys

import click

from kg.errors import EXIT_BROKEN_PIPE, EXIT_INTERNAL, EXIT_INTERRUPTED, KgError

# command name -> "module:attribute" of its click command
COMMANDS = {
    "analyze": "kg.commands.analyze:analyze",
    "validate": "kg.commands.graph:validate",
    "export": "kg.commands.graph:export",
    "build": "kg.commands.build:build",
    "query": "kg.commands.query:query",
    "who-endorsed": "kg.commands.endorsements:who_endorsed",
    "endorsements-by": "kg.commands.endorsements:endorsements_by",
    "show": "kg.commands.show:show",
    "search": "kg.commands.search:search",
    "path": "kg.commands.explore:path",
    "compare": "kg.commands.explore:compare",
    "sources": "kg.commands.sources:sources",
    "claims": "kg.commands.sources:claims",
    "single-source": "kg.commands.sources:single_source",
    "viz": "kg.commands.viz:viz",
    "serve": "kg.commands.serve:serve",
    "ingest": "kg.commands.ingest:ingest",
    "publish": "kg.commands.publish:publish",
}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use, and whose errors are one line, not a traceback."""

    def list_commands(self, ctx):
        return sorted(COMMANDS)

    def get_command(self, ctx, name):
        target = COMMANDS.get(name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        return getattr(importlib.import_module(module_name), attribute)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KgError as error:
            click.echo(f"Error: {error}", err=True)
            ctx.exit(error.exit_code)
        except BrokenPipeError:
            _quiet_broken_pipe()
            ctx.exit(EXIT_BROKEN_PIPE)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            ctx.exit(EXIT_INTERRUPTED)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except Exception as error:  # a bug: one line for the user, the traceback only when asked for
            if _debug(ctx):
                import traceback  # 10 ms at start-up: only on this path

                traceback.print_exc()
            message = " ".join(str(error).split())[:200]
            click.echo(f"Error: internal error: {type(error).__name__}: {message}; please report it "
                       "(run with --debug or KG_DEBUG=1 for the traceback)", err=True)
            ctx.exit(EXIT_INTERNAL)


def _debug(ctx) -> bool:
    return bool(ctx.find_root().params.get("debug")) or os.environ.get("KG_DEBUG", "") not in ("", "0")


def _quiet_broken_pipe() -> None:
    """Standard output was closed early (`kg show Milei | head -1`): drop what is left, say nothing."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error (also KG_DEBUG=1).")
@click.version_option(package_name="kg")
def main(debug):
    """An open knowledge graph of Argentina's 2023 presidential election.

    Every fact comes from one of three source documents and carries its source and an evidence quote.
    Extra RDF files named in KG_DATA (paths separated by ':') are added to the graph for every command.
    """


def run() -> None:
    """The `kg` executable: main(), then an exit that skips the interpreter's last garbage collections, which
    walk every object kg created (7 ms of a 90 ms lookup). Nothing kg writes waits for them: files are closed
    by `with` blocks and stores by reference counting, both before this point."""
    try:
        main()
    finally:
        gc.freeze()
