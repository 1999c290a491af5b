"""The ``diplograph export`` command: a saved graph written in another format.

Kept apart from ``graph.cli_query`` because listing the formats imports ``graph.export`` (and
networkx), which a query answered from the cache does not need.
"""

from __future__ import annotations

import click

from graph.errors import GraphError
from graph.export import FORMATS

__all__ = ["export"]

#: Where ``diplograph build`` writes the graph.
DEFAULT_GRAPH = "out/graph.graphml"


@click.command("export")
@click.option("--graph", "graph_file", default=DEFAULT_GRAPH, show_default=True,
              type=click.Path(dir_okay=False), help="GraphML file written by 'diplograph build'.")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="graphml",
              show_default=True, help="Output format (csv and neo4j write a folder).")
@click.option("--out", "out", required=True, type=click.Path(),
              help="File to write (a folder for csv and neo4j).")
def export(graph_file: str, fmt: str, out: str) -> None:
    """Write a saved graph as GraphML, GEXF, node-link JSON, CSV or a Neo4j import set.

    Example:

    \b
        diplograph export --graph out/graph.graphml --format neo4j --out out/neo4j
    """
    try:
        path = _load(graph_file).export(fmt, out)
    except GraphError as err:
        raise click.ClickException(str(err)) from err
    click.echo(f"Wrote {path}")


def _load(graph_file: str):
    """The saved graph as a ``MeetingGraph``."""
    from graph.model import MeetingGraph

    return MeetingGraph.load(graph_file)
