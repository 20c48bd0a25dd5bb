"""`kg publish`: the dataset onto a SPARQL server's Graph Store, one named graph per input file."""

from __future__ import annotations

import sys

import click


@click.command()
@click.option("--store", "store_url", metavar="URL", envvar="KG_STORE", required=True,
              help="The server's SPARQL 1.1 Graph Store HTTP Protocol URL (also KG_STORE): Oxigraph "
                   "http://HOST:PORT/store, Virtuoso http://HOST:PORT/sparql-graph-crud-auth, Fuseki "
                   "http://HOST:PORT/DATASET/data. Credentials from KG_ENDPOINT_USER and KG_ENDPOINT_PASSWORD.")
@click.option("--dry-run", is_flag=True, help="List the graphs and their triple counts; send nothing.")
def publish(store_url, dry_run):
    """Upload the whole dataset (ontology, data and KG_DATA files) to a SPARQL server.

    Each named graph is replaced whole with PUT, then a manifest graph records the graphs and a version,
    so that `KG_ENDPOINT=QUERY-URL kg who-endorsed Milei` (or --endpoint) finds them; graphs that an
    earlier publish wrote and this one does not are deleted. Exits 2 when the server cannot be reached or
    refuses (a wrong password: HTTP 401).
    """
    from kg.sparql.endpoint_spec import checked_url
    from kg.store.publish import dataset_graphs, manifest, publish as send_graphs

    checked_url(store_url)
    uploads = dataset_graphs()
    if dry_run:
        for upload in [*uploads, manifest(uploads)]:
            click.echo(f"{upload.triples:>9,}  {upload.graph}")
        click.echo(f"{sum(u.triples for u in uploads):,} triples in {len(uploads)} graphs, and the manifest graph; "
                   "nothing sent (dry run)", err=True)
        return
    with click.progressbar(length=sum(len(u.body) for u in uploads), label="Publishing", file=sys.stderr,
                           show_eta=False) as bar:
        deleted = send_graphs(store_url, uploads, on_graph=lambda upload: bar.update(len(upload.body)))
    click.echo(f"Published {sum(u.triples for u in uploads):,} triples in {len(uploads)} graphs to {store_url}"
               + (f"; deleted {len(deleted)} graphs of an earlier publish" if deleted else ""), err=True)
