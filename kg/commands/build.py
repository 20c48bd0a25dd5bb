"""`kg build`: build the embedded store ahead of the first lookup."""

from __future__ import annotations

import click

from kg.store.cache import build_store

# Inputs from this size get a progress bar.
PROGRESS_BYTES = 16 * 2**20


@click.command()
@click.option("--force", is_flag=True, help="Rebuild everything, even if the store is up to date.")
def build(force):
    """Build the embedded store from the shipped data plus the files in KG_DATA.

    Lookups build the store on first use and whenever an input file changes; this command does it ahead
    of time, with a progress bar for large inputs. When only KG_DATA files changed, were added or removed,
    just their graphs are reloaded (a changed TriG or N-Quads file rebuilds everything), and a damaged store
    is rebuilt. The store lives in KG_CACHE (default: kg/ in the user's
    cache folder, ~/.cache/kg). A build interrupted at any point leaves the previous store in use.
    """
    with _ProgressBar() as bar:
        info = build_store(force=force, progress=bar.update)
    if info.changed is not None:
        click.echo(f"Rebuilt the store incrementally: {info.changed} changed KG_DATA file(s) reloaded, "
                   f"{info.triples:,} triples from {info.files} files in {info.seconds:.2f} s.")
    elif info.built:
        click.echo(f"Built the store: {info.triples:,} triples from {info.files} files in {info.seconds:.2f} s "
                   f"({info.rate:,.0f} triples/s; bulk load {info.load_seconds:.2f} s, "
                   f"{info.triples / max(info.load_seconds, 1e-9):,.0f} triples/s, then the name index).")
    else:
        click.echo(f"The store is up to date: {info.triples:,} triples from {info.files} files "
                   "(use --force to rebuild).")
    click.echo(f"Store: {info.path}")


class _ProgressBar:
    """A click progress bar on stderr over bytes loaded, shown only for large inputs."""

    def __init__(self):
        self.bar = None
        self.shown = 0

    def update(self, done: int, total: int) -> None:
        if self.bar is None and total >= PROGRESS_BYTES:
            self.bar = click.progressbar(length=total, label="Loading", file=click.get_text_stream("stderr"),
                                         show_eta=True, show_percent=True)
            self.bar.__enter__()
        if self.bar is not None:
            self.bar.update(done - self.shown)
            self.shown = done

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.__exit__(*exc)
