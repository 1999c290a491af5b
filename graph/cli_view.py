"""The ``diplograph view`` command: write an interactive, offline HTML view of a saved graph.

It reads the GraphML file ``diplograph build`` wrote, resolves ``--focus`` to a person (any
spelling the graph knows) or another node, and calls ``graph.views.write_view``. Library
errors become ``click.ClickException`` messages that say what to do.
"""

from __future__ import annotations

import click

from graph.errors import AmbiguousName, GraphError, UnknownName
from graph.views import DEFAULT_MAX_NODES, KINDS, write_view

__all__ = ["view"]

#: Where ``diplograph build`` writes the graph.
DEFAULT_GRAPH = "out/graph.graphml"
DEFAULT_OUT = "out/view.html"


@click.command()
@click.option("--graph", "graph_file", default=DEFAULT_GRAPH, show_default=True,
              type=click.Path(dir_okay=False), help="GraphML file written by 'diplograph build'.")
@click.option("--out", "out", default=DEFAULT_OUT, show_default=True,
              type=click.Path(dir_okay=False), help="HTML file to write.")
@click.option("--people", is_flag=True, help="Show who met whom: people only, one edge per pair.")
@click.option("--focus", metavar="NAME", help="Show only what lies around this person (or node id).")
@click.option("--radius", default=2, show_default=True, type=click.IntRange(min=0),
              help="Steps around --focus.")
@click.option("--country", metavar="CODE", help="Only meetings in or with this country (JPN, Japan).")
@click.option("--topic", help="Only meetings about this topic.")
@click.option("--kind", type=click.Choice(KINDS), help="Only meetings of this format.")
@click.option("--since", metavar="DATE", help="Only meetings on or after this date (2024-01-12).")
@click.option("--until", metavar="DATE", help="Only meetings on or before this date.")
@click.option("--max-nodes", default=DEFAULT_MAX_NODES, show_default=True,
              type=click.IntRange(min=1),
              help="Above this, keep people and meetings first (most-connected first).")
@click.option("--title", help="Page title (default: made from the view and its filters).")
def view(graph_file, out, people, focus, radius, country, topic, kind, since, until, max_nodes,
         title):
    """Write an interactive HTML view of a meeting graph that works offline.

    Example:

    \b
        diplograph view --graph out/graph.graphml --out out/blinken.html --focus Blinken --radius 2
    """
    try:
        g = _read(graph_file)
        result = write_view(g, out, view="people" if people else "full",
                            focus=_focus_id(g, focus) if focus else None, radius=radius,
                            country=country, topic=topic, kind=kind, since=since, until=until,
                            max_nodes=max_nodes, title=title)
    except GraphError as err:
        raise click.ClickException(str(err)) from err
    except OSError as err:
        raise click.ClickException(f"Could not write {out!r}: {err.strerror or err}. "
                                   "Pick another --out path.") from err
    click.echo(f"Wrote {result.path}: {result.nodes:,} nodes, {result.edges:,} edges.")
    if result.note:
        click.echo(f"Note: {result.note}")


def _read(graph_file: str):
    """Read a saved graph with the graph package's reader."""
    from graph.export import read_graphml

    return read_graphml(graph_file)


def _focus_id(g, name: str) -> str:
    """Resolve `name` to a person id; fall back to a node id or exact label (topics, places)."""
    from graph.query import find_person

    try:
        return find_person(g, name)
    except AmbiguousName:
        raise
    except UnknownName:
        wanted = name.casefold()
        if name in g or any(str(label).casefold() == wanted for _, label in g.nodes(data="label")):
            return name
        raise
