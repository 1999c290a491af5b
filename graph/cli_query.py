"""The ``diplograph query`` and ``diplograph export`` commands.

Each command reads a saved graph (``--graph``, what ``diplograph build`` wrote), calls one
function of ``graph.query`` or ``graph.export`` and prints a table, or JSON with ``--json``.
Text from documents is escaped, so a name containing rich markup such as "[bold]" prints as
it is. Library errors become ``click.ClickException`` with the closest names.

``who-met``, ``top``, ``person`` and ``countries`` read only the rows they need from the cache
beside the GraphML (``graph.row_graph``; an unknown country code loads the whole graph to list
the closest, ``graph.row_queries``); the other queries load the whole graph
(``MeetingGraph.load``). Heavy
modules (networkx, rich) are imported when a command needs them, so that a question asked from
the shell answers quickly.
"""

from __future__ import annotations

import functools
import json
from typing import TYPE_CHECKING, Callable

import click

from graph.errors import GraphError
from graph.safetext import show_controls
from graph.query import KINDS, find_person, most_connected, who_met

if TYPE_CHECKING:
    from rich.table import Table

    from graph.model import MeetingGraph

__all__ = ["query", "export"]

#: Where ``diplograph build`` writes the graph.
DEFAULT_GRAPH = "out/graph.graphml"


def _graph_options(func: Callable | None = None, *, from_rows: bool = False) -> Callable:
    """Add ``--graph``, ``--json``, ``--csv`` and ``--limit`` to a command; pass the loaded graph as ``mg``.

    The command returns ``{"data", "title", "columns", "rows", "empty"}``: `data` is printed
    as JSON, `rows` (text cells, one tuple per row) as a table or CSV. The graph comes from
    the cache ``diplograph build`` wrote beside the GraphML when it matches (see
    ``MeetingGraph.load``). With `from_rows`, the command is given a graph instead (the
    networkx graph, or a ``graph.row_graph.RowGraph`` reading the cache's rows on demand)
    and must use only what both offer (``graph.query.who_met``, ``find_person`` and
    ``most_connected`` do).
    """
    if func is None:
        return functools.partial(_graph_options, from_rows=from_rows)

    @click.option("--graph", "graph_file", default=DEFAULT_GRAPH, show_default=True,
                  type=click.Path(dir_okay=False),
                  help="GraphML file written by 'diplograph build' (answered from the graph.state cache beside it "
                       "when that matches).")
    @click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
    @click.option("--csv", "as_csv", is_flag=True, help="Print CSV (a header line, then one line per row).")
    @click.option("--limit", type=click.IntRange(min=1), default=None, metavar="N", help="Print at most N rows.")
    @functools.wraps(func)
    def wrapper(graph_file: str, as_json: bool, as_csv: bool, limit: int | None, **kwargs):
        if as_json and as_csv:
            raise click.UsageError("--json and --csv cannot be used together; pick one.")
        try:
            result = _answer(func, graph_file, from_rows, kwargs)
        except GraphError as err:
            raise click.ClickException(str(err)) from err
        data, rows = result["data"], result["rows"][:limit]
        if isinstance(data, list):
            data = data[:limit]
        if as_json:
            click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        elif as_csv:
            _print_csv(result["columns"], rows)
        elif not data:
            click.echo(result["empty"])
        else:
            _print(_table(result["title"], result["columns"], rows))

    return wrapper


def _answer(func: Callable, graph_file: str, from_rows: bool, kwargs: dict) -> dict:
    """Run a query command on the graph of `graph_file`: from the cache's rows when it can, else loaded whole."""
    if from_rows:
        from graph.row_graph import open_beside

        from graph.row_queries import NeedsWholeGraph

        cached = open_beside(graph_file)
        if cached is not None:
            with cached:
                try:
                    return func(cached, **kwargs)
                except NeedsWholeGraph:
                    pass  # an answer that needs every node (the closest names to a miss): the whole graph below
    from graph.model import MeetingGraph

    mg = MeetingGraph.load(graph_file)
    if mg.foreign:
        click.echo(f"Note: {show_controls(graph_file)}: {mg.foreign}.", err=True)
    return func(mg.nx if from_rows else mg, **kwargs)


@click.group()
def query() -> None:
    """Ask a saved meeting graph who met whom, when and about what.

    Example:

    \b
        diplograph query who-met Blinken --graph out/graph.graphml
    """


@query.command("who-met")
@click.argument("name")
@_graph_options(from_rows=True)
def who_met_cmd(g, name: str) -> dict:
    """List the people NAME met, most meetings first, with dates and topics.

    Example:

    \b
        diplograph query who-met "Antony Blinken" --json
    """
    rows = who_met(g, name)
    return {"data": rows, "title": f"Who {g.nodes[find_person(g, name)]['label']} met",
            "columns": ("Counterpart", "Title", "Country", "Meetings", "First", "Last", "Topics"),
            "rows": [(r["name"], r["title"], r["country"], str(r["count"]), r["first"], r["last"],
                      ", ".join(r["topics"])) for r in rows],
            "empty": f"No meetings of {name} in the graph."}


@query.command("person")
@click.argument("name")
@_graph_options(from_rows=True)
def person_cmd(g, name: str) -> dict:
    """Show one person: node id, aliases, offices over time and why each name was joined.

    Example:

    \b
        diplograph query person Kenyatta --graph out/graph.graphml
    """
    from graph.person import person_info

    info = person_info(g, name)
    rows = [("id", info["id"]), ("name", info["name"]), ("country", info["country"]),
            ("meetings", f"{info['meetings']} ({info['first'] or '?'} to {info['last'] or '?'})"),
            ("aliases", "; ".join(info["aliases"]))]
    for office in info["offices"]:
        when = f"{office['first'] or '?'} to {office['last'] or '?'}"
        rows.append(("office", f"{office['title']}, {office['country'] or '?'}: {when}"))
    for entry in info["identity"]:
        years = "-".join(str(y) for y in entry.get("years", [])[:1] + entry.get("years", [])[1:]) or "undated"
        names = "; ".join(entry["names"])
        rows.append(("joined", f"{names} ({entry['country'] or '?'}, {years}, {entry['mentions']} "
                               f"mention(s)): {entry['reason']}"))
    return {"data": info, "title": f"{info['name']} ({info['id']})", "columns": ("Field", "Value"), "rows": rows,
            "empty": f"No person named {name}."}


@query.command("meetings")
@click.option("--between", nargs=2, default=None, metavar="A B",
              help="Two people or countries who both took part.")
@click.option("--person", default=None, help="A person who took part.")
@click.option("--country", default=None, help="A country (code or name) that took part.")
@click.option("--topic", default=None, help="A topic, or part of its label.")
@click.option("--kind", type=click.Choice(KINDS), default=None, help="The meeting format.")
@click.option("--since", default=None,
              help="First date: YYYY-MM-DD, or a month (YYYY-MM) or year (YYYY) from its start.")
@click.option("--until", default=None,
              help="Last date: YYYY-MM-DD, or a month (YYYY-MM) or year (YYYY) to its end.")
@_graph_options
def meetings_cmd(mg: MeetingGraph, **filters) -> dict:
    """List meetings, oldest first, filtered by people, country, topic, kind and dates.

    Example:

    \b
        diplograph query meetings --between Biden "Xi Jinping" --topic Taiwan --since 2022-01-01
    """
    rows = mg.meetings(**{k: v for k, v in filters.items() if v})
    return {"data": rows, "title": "Meetings", "columns": ("Date", "Kind", "Place", "Participants", "Topics", "Sources"),
            "rows": [(m["date"] or "undated", m["kind"], m["place"], ", ".join(p["name"] for p in m["participants"]),
                      ", ".join(m["topics"]), str(len(m["sources"]))) for m in rows],
            "empty": "No meeting matches these filters."}


@query.command("path")
@click.argument("a")
@click.argument("b")
@_graph_options
def path_cmd(mg: MeetingGraph, a: str, b: str) -> dict:
    """Show the shortest chain of meetings linking person A to person B.

    Example:

    \b
        diplograph query path Kishida Lavrov
    """
    hops = mg.connection(a, b)
    if not hops and mg.find_person(a) == mg.find_person(b):
        raise GraphError(f"{a!r} and {b!r} are the same person ({mg.nx.nodes[mg.find_person(a)]['label']}); "
                         "give two different people.")
    rows = []
    for i, h in enumerate(hops, 1):
        ev = h["meeting"]["evidence"]
        rows.append((str(i), h["from_name"], h["to_name"], h["meeting"]["date"] or "undated",
                     h["meeting"]["kind"], _short(ev[0]["text"]) if ev else ""))
    return {"data": hops, "title": f"From {a} to {b}",
            "columns": ("Step", "From", "To", "Date", "Kind", "Evidence"), "rows": rows,
            "empty": f"No chain of meetings links {a} and {b} in the graph."}


@query.command("countries")
@click.argument("code")
@_graph_options(from_rows=True)
def countries_cmd(g, code: str) -> dict:
    """List the countries whose officials met officials of CODE.

    Example:

    \b
        diplograph query countries JPN
    """
    from graph.query import counterpart_countries
    from graph.row_queries import country_code

    from graph.row_graph import RowGraph

    rows = counterpart_countries(g, country_code(g, code) if isinstance(g, RowGraph) else code)
    return {"data": rows, "title": f"Counterparts of {code}", "columns": ("Country", "Name", "Meetings", "First", "Last"),
            "rows": [(r["country"], r["name"], str(r["count"]), r["first"], r["last"]) for r in rows],
            "empty": f"No meetings of {code} with another country."}


@query.command("top")
@click.option("-n", "n", default=10, show_default=True, type=click.IntRange(min=1),
              help="How many people to list.")
@_graph_options(from_rows=True)
def top_cmd(g, n: int) -> dict:
    """List the most connected people (most distinct counterparts).

    Example:

    \b
        diplograph query top -n 20
    """
    rows = most_connected(g, n)
    return {"data": rows, "title": "Most connected",
            "columns": ("Rank", "Name", "Title", "Country", "Counterparts", "Meetings"),
            "rows": [(str(i), r["name"], r["title"], r["country"], str(r["counterparts"]), str(r["meetings"]))
                     for i, r in enumerate(rows, 1)],
            "empty": "The graph holds no people."}


def __getattr__(name: str):
    """``export`` lives in ``graph.cli_export`` (it needs networkx to list formats); kept importable from here."""
    if name == "export":
        from graph.cli_export import export

        return export
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def escape(text: str) -> str:
    """Document text as a table cell: rich markup, control and bidi characters shown literally."""
    from rich.markup import escape as markup_escape

    return markup_escape(show_controls(text))


def _table(title: str, columns: tuple[str, ...], rows: list) -> Table:
    """A rich table with the given title, columns and rows (document text escaped, never read as markup)."""
    from rich.table import Table

    table = Table(title=escape(title), show_lines=False)
    for c in columns:
        table.add_column(c, overflow="fold")
    for row in rows:
        table.add_row(*map(escape, row))
    return table


def _print_csv(columns: tuple[str, ...], rows: list) -> None:
    """Print a header line and the rows as CSV on stdout (control and bidi characters shown literally)."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([show_controls(cell) for cell in row] for row in rows)
    click.echo(buffer.getvalue(), nl=False)


def _print(table: Table) -> None:
    """Print a table to stdout (wide enough not to squeeze dates)."""
    from rich.console import Console

    Console(width=max(120, Console().width), highlight=False).print(table)


def _short(text: str, limit: int = 80) -> str:
    """Text cut to `limit` characters with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
