"""Interactive HTML views of a meeting graph: one self-contained, offline page per view.

A view is a selection of the graph (the whole graph, the who-met-whom projection, an ego
network around one node, meetings filtered by country, topic, kind or dates), laid out in
Python ahead of time (``graph.view_layout``: a force layout, then a pass that removes
overlaps) and drawn with WebGL by sigma.js on a graphology graph, both vendored inside this
package (``graph/resources/vendor``) and inlined into the page: it loads nothing from the
network. The page filters by date, country, format, topic, node and edge type on its own, and
its search ranks people first. Every string that comes from a document reaches the page as JSON
(bidi controls removed) and is put into the DOM as text, never as markup.

This module does not build graphs (see ``graph.build``) and does not read GraphML files (the
``view`` command does that).
"""

from __future__ import annotations

import html
import json
import math
import os
import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable

import networkx as nx
import numpy as np

from extract.norm.fuzzy import closest as _closest
from graph.errors import UnknownCountry, UnknownNode, UnknownTopic, ViewOptionError
from graph.query import partial_date
from graph.view_layout import layout_positions

__all__ = [
    "AUTO_FULL_MAX_NODES",
    "DEFAULT_MAX_NODES",
    "NODE_STYLES",
    "ViewOptionError",
    "ViewResult",
    "ViewSelection",
    "display_inline",
    "in_notebook",
    "layout_positions",
    "select_view",
    "visible_text",
    "write_view",
]

#: Above this many nodes a view keeps the most important ones (people and meetings first).
DEFAULT_MAX_NODES = 30_000
#: ``view="auto"`` draws the full graph up to this many nodes, the who-met-whom view above.
AUTO_FULL_MAX_NODES = 5_000
VIEWS = ("full", "people", "auto")
KINDS = ("in_person", "call", "multilateral")
#: colour, border colour, vis-network shape and legend label of each node type.
NODE_STYLES: dict[str, dict[str, str]] = {
    "person": {"color": "#3b82f6", "border": "#1d4ed8", "shape": "dot", "label": "Person"},
    "meeting": {"color": "#f59e0b", "border": "#b45309", "shape": "diamond", "label": "Meeting"},
    "country": {"color": "#22c55e", "border": "#15803d", "shape": "square", "label": "Country"},
    "topic": {"color": "#a855f7", "border": "#7e22ce", "shape": "triangle", "label": "Topic"},
    "place": {"color": "#14b8a6", "border": "#0f766e", "shape": "triangleDown", "label": "Place"},
    "organization": {"color": "#ef4444", "border": "#b91c1c", "shape": "star",
                     "label": "Organization"},
    "document": {"color": "#9ca3af", "border": "#4b5563", "shape": "hexagon",
                 "label": "Document"},
    "other": {"color": "#cbd5e1", "border": "#64748b", "shape": "dot", "label": "Other"},
}
EDGE_STYLES: dict[str, tuple[str, str]] = {
    "met": ("#2563eb", "met (width: number of meetings)"),
    "participated_in": ("#93c5fd", "took part in"),
    "about": ("#d8b4fe", "was about"),
    "held_in": ("#5eead4", "was held in"),
    "represents": ("#86efac", "represents"),
    "reported_by": ("#d1d5db", "was reported by"),
    "mentions": ("#e5e7eb", "mentions"),
}
OTHER_EDGE_COLOR = "#cbd5e1"
#: Which node types a capped view keeps first (documents, reached by "mentions", go first).
KEEP_ORDER = ("person", "meeting", "country", "topic", "place", "organization", "document")
#: Search ranks candidates of equal match in this order of types.
SEARCH_ORDER = ("person", "country", "meeting", "topic", "place", "organization", "document")
MIN_RADIUS = 3.0
MAX_RADIUS = 12.0
MAX_EVIDENCE = 5
MAX_TOPICS = 12
LABEL_CHARS = 40
_VENDOR = ("resources", "vendor")
#: The vendored scripts and their versions (see graph/resources/vendor/VERSIONS.md).
VENDORED = {"SIGMA": ("sigma.min.js", "3.0.2"), "GRAPHOLOGY": ("graphology.umd.min.js", "0.26.0")}
_TEMPLATE = "view_template.html"
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_PLACEHOLDER = re.compile(r"@@(TITLE|SIGMA_JS|GRAPHOLOGY_JS|SIGMA_VERSION|GRAPHOLOGY_VERSION|DATA)@@")
#: Bidi embedding, override and isolate controls and the LRM/RLM marks: they can reorder
#: what a reader sees (a name shown backwards, a source that looks like another), so the page
#: never receives them.
_UNSEEN = re.compile("[\x00-\x08\x0b-\x1f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029]")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                 "\u2028": "\\u2028", "\u2029": "\\u2029"}


@dataclass(frozen=True)
class ViewSelection:
    """What a view shows, before it is laid out and written.

    ``graph`` is a new graph or a read-only view of one, never the caller's graph; ``omitted`` counts the nodes left out by ``max_nodes``; ``filters`` lists
    the filters applied, as text; ``note`` says what was left out and how to see it, or is empty.
    """

    graph: nx.Graph
    view: str
    omitted: int = 0
    filters: tuple[str, ...] = ()
    note: str = ""
    meeting_counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ViewResult:
    """The page written by `write_view`: its path, what it shows and what it left out.

    It stands for the path too (``open(result)``, ``Path(result)``, ``str(result)``), so
    callers that only want the file written can treat it as one.
    """

    path: Path
    nodes: int
    edges: int
    omitted: int
    note: str

    def __fspath__(self) -> str:
        return str(self.path)

    def __str__(self) -> str:
        return str(self.path)


def select_view(
    graph: nx.MultiDiGraph,
    *,
    view: str = "full",
    focus: str | None = None,
    radius: int = 2,
    country: str | None = None,
    topic: str | None = None,
    kind: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> ViewSelection:
    """Choose the nodes and edges a view shows, without touching `graph`.

    Parameters
    ----------
    graph : a meeting graph (typed nodes and edges, as built by ``graph.build``).
    view : ``"full"`` for every node type (``met`` edges are left out: the meetings show
        them), ``"people"`` for the who-met-whom projection (persons joined by one edge per
        pair, carrying the number of meetings, first and last dates and topics), or ``"auto"``:
        the full view up to ``AUTO_FULL_MAX_NODES`` nodes, else the people view, with a note.
    focus : a node id (or an exact label); show only what lies within `radius` steps of it.
    radius : number of steps around `focus`.
    country : keep meetings held in this country or with a participant from it (an alpha-3
        code or a country name in the graph).
    topic : keep meetings about this topic (a topic label; if no label is equal, labels
        containing it).
    kind : keep meetings of this kind: ``in_person``, ``call`` or ``multilateral``.
    since, until : keep meetings dated within these bounds (``YYYY``, ``YYYY-MM`` or
        ``YYYY-MM-DD``; inclusive). Undated meetings are dropped when either is given.
    max_nodes : above this many nodes keep people, then meetings, countries, topics, places,
        organisations and documents (most-connected first within a type), and explain in
        ``note``.

    Returns
    -------
    A `ViewSelection`: the graph to draw, the filters as text and the note.

    Raises
    ------
    ViewOptionError
        If `view`, `kind`, `since`, `until`, `radius` or `max_nodes` is not valid.
    UnknownNode, UnknownCountry, UnknownTopic
        If `focus`, `country` or `topic` matches nothing in the graph.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> for p in ("a", "b", "c"):
    ...     g.add_node(f"person:{p}", type="person", label=p.upper())
    >>> g.add_node("meeting:1", type="meeting", label="M1", date="2024-01-12", kind="call")
    >>> g.add_node("meeting:2", type="meeting", label="M2", date="2023-05-01", kind="call")
    >>> _ = g.add_edges_from([("person:a", "meeting:1"), ("person:b", "meeting:1"),
    ...                   ("person:a", "meeting:2"), ("person:c", "meeting:2")],
    ...                  type="participated_in")
    >>> sel = select_view(g, view="people", since="2024")
    >>> sorted(sel.graph.nodes), sel.filters
    (['person:a', 'person:b'], ('since 2024',))
    >>> sorted(select_view(g).graph.nodes)[:2]
    ['meeting:1', 'meeting:2']
    """
    if view not in VIEWS:
        raise ViewOptionError(f"Unknown view {view!r}. Use one of: {', '.join(VIEWS)}.")
    if kind is not None and kind not in KINDS:
        raise ViewOptionError(f"Unknown meeting kind {kind!r}. Use one of: {', '.join(KINDS)}.")
    if radius < 0:
        raise ViewOptionError(f"radius must be 0 or more, got {radius}.")
    if max_nodes < 1:
        raise ViewOptionError(f"max_nodes must be 1 or more, got {max_nodes}.")
    problem = _graph_problem(graph)
    if problem:
        return ViewSelection(nx.MultiDiGraph(), "people" if view == "people" else "full",
                             note=problem)
    auto_note = ""
    if view == "auto":
        view, auto_note = _auto_view(graph, focus)
    low = _date_bound(since, "since", end=False)
    high = _date_bound(until, "until", end=True)
    code = _resolve_country(graph, country) if country else None
    topic_ids = _resolve_topics(graph, topic) if topic else None

    filters = []
    if country:
        filters.append(f"country {code}")
    if topic:
        filters.append(f"topic {topic}")
    if kind:
        filters.append(f"kind {kind}")
    if since:
        filters.append(f"since {since}")
    if until:
        filters.append(f"until {until}")

    meetings = [n for n, d in graph.nodes(data=True) if d.get("type") == "meeting"]
    kept = [m for m in meetings
            if _meeting_matches(graph, m, code, topic_ids, kind, low, high)]
    if view == "people":
        shown = _people_graph(graph, kept, all_people=not filters)
    else:
        shown = _copy_without_met(graph, _hanging_off(graph, kept) if filters else graph.nodes)
    counts = _meeting_counts(shown, view)

    if focus is not None:
        focus_id = _resolve_focus(graph, focus)
        if focus_id not in shown:
            raise UnknownNode(f"{focus!r} is not in this view: none of its meetings match the "
                              f"filters ({', '.join(filters)}). Drop a filter or pick another "
                              "focus.", name=str(focus))
        shown = shown.subgraph(_ball(shown, focus_id, radius))
        steps = "step" if radius == 1 else "steps"
        filters.append(f"within {radius} {steps} of {graph.nodes[focus_id].get('label', focus_id)}")
    else:
        focus_id = None

    omitted = 0
    note = ""
    if shown.number_of_nodes() > max_nodes:
        total = shown.number_of_nodes()
        keep = _most_connected(shown, max_nodes, focus_id)
        dropped = Counter(shown.nodes[n].get("type", "other") for n in shown if n not in keep)
        omitted = total - len(keep)
        shown = shown.subgraph(keep)
        left = ", ".join(f"{c:,} {t}" for t, c in sorted(dropped.items(), key=lambda x: -x[1]))
        note = (f"Showing {len(keep):,} of {total:,} nodes (people and meetings first, then "
                f"countries, topics, places, organisations, documents); {omitted:,} left "
                f"out ({left}). To see them, narrow the view with a filter (country, topic, "
                "kind, since/until) or open an ego view around one name (--focus NAME "
                "--radius N), or raise max_nodes.")
    elif not shown.number_of_nodes():
        if filters:
            note = ("Nothing to show: no meeting matches the filters "
                    f"({', '.join(filters)}). Drop or change a filter.")
        else:
            note = _nothing_note(graph, view)
    note = " ".join(part for part in (auto_note, note) if part)
    return ViewSelection(shown, view, omitted, tuple(filters), note, counts)


def write_view(
    graph: nx.MultiDiGraph,
    path: str | os.PathLike,
    *,
    view: str = "full",
    focus: str | None = None,
    radius: int = 2,
    country: str | None = None,
    topic: str | None = None,
    kind: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    max_nodes: int = DEFAULT_MAX_NODES,
    title: str | None = None,
) -> ViewResult:
    """Write an interactive, self-contained HTML view of `graph` to `path`.

    The page has a legend that also toggles node types, a search box, tooltips, a side panel
    with the selected node's or edge's details and evidence sentences, neighbour highlighting
    on click, and filters by date, country, format, topic, node and edge type. It needs no
    network: sigma.js and graphology are inlined from the copies vendored in this package.
    The file is written to a temporary name and renamed, so a failed write leaves no half page.

    Parameters
    ----------
    graph : a meeting graph; it is not modified.
    path : the ``.html`` file to write; missing parent folders are created.
    view, focus, radius, country, topic, kind, since, until, max_nodes : see `select_view`.
    title : the page title; by default one is made from the view and its filters.

    Returns
    -------
    A `ViewResult` with the path, the numbers of nodes and edges drawn, the number of nodes
    left out by `max_nodes` and the note shown in the page about them (or ``""``).

    Raises
    ------
    ViewOptionError, UnknownNode, UnknownCountry, UnknownTopic
        As `select_view`.
    OSError
        If the file cannot be written.

    Examples
    --------
    >>> import tempfile
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("person:a", type="person", label="Ana <b>Ruiz</b>")
    >>> g.add_node("meeting:1", type="meeting", label="Call", kind="call", date="2024-01-12")
    >>> g.add_edge("person:a", "meeting:1", type="participated_in")
    0
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     result = write_view(g, Path(tmp) / "v.html")
    ...     page = result.path.read_text(encoding="utf-8")
    >>> (result.nodes, result.edges, result.omitted)
    (2, 1, 0)
    >>> "Ana <b>" in page, "Ana \\\\u003cb\\\\u003eRuiz" in page
    (False, True)
    """
    selection = select_view(graph, view=view, focus=focus, radius=radius, country=country,
                            topic=topic, kind=kind, since=since, until=until,
                            max_nodes=max_nodes)
    shown = selection.graph
    radii = _radii(shown, selection.meeting_counts)
    pos = layout_positions(shown, radii=radii)
    target = Path(path)
    from graph.export import atomic_output

    try:
        with atomic_output(target) as tmp:
            with open(tmp, "w", encoding="utf-8") as fh:
                nodes, edges = _write_page(fh, graph, selection, pos, radii, title)
    finally:
        _clean.cache_clear()  # it holds evidence sentences: tens of MB at 100,000 documents
    return ViewResult(target, nodes, edges, selection.omitted, selection.note)


def in_notebook() -> bool:
    """Tell whether the code runs in a notebook kernel (Jupyter, VS Code, Colab).

    Returns
    -------
    True inside an IPython kernel that can display HTML, False in a terminal or a script.

    Examples
    --------
    >>> in_notebook()
    False
    """
    ipython = sys.modules.get("IPython")
    if ipython is None:
        return False
    shell = ipython.get_ipython() if hasattr(ipython, "get_ipython") else None
    if shell is None:
        return False
    name = type(shell).__name__
    return name == "ZMQInteractiveShell" or "google.colab" in sys.modules or name == "Shell"


def display_inline(view: ViewResult | str | os.PathLike, *, height: int = 600) -> Path:
    """Show a written view inside a notebook cell, as a self-contained iframe.

    The page is passed in the iframe's ``srcdoc`` attribute (escaped for an attribute), so it
    displays in Jupyter, JupyterLab, VS Code and Colab without serving the file.

    Parameters
    ----------
    view : a `ViewResult` from `write_view`, or the path of a page it wrote.
    height : height of the frame in pixels.

    Returns
    -------
    The path of the page, so that a notebook cell shows it and scripts can reuse it.

    Raises
    ------
    FileNotFoundError
        If the page does not exist.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     page = Path(tmp) / "v.html"
    ...     _ = page.write_text("<p>hi</p>", encoding="utf-8")
    ...     display_inline(page) == page
    True
    """
    path = view.path if isinstance(view, ViewResult) else Path(view)
    if not path.is_file():
        raise FileNotFoundError(f"No view page at {str(path)!r}. Write one first with "
                                "write_view(graph, path) or 'diplograph view --out FILE.html'.")
    page = path.read_text(encoding="utf-8")
    frame = (f'<div><iframe srcdoc="{html.escape(page, quote=True)}" '
             f'style="width:100%;height:{int(height)}px;border:1px solid #e5e7eb" '
             'sandbox="allow-scripts"></iframe></div>')
    try:
        from IPython.display import HTML, display
    except ImportError:  # not in IPython: nothing to display into
        return path
    if in_notebook():
        display(HTML(frame))
    return path


# ---- selection helpers -------------------------------------------------------------------


def _graph_problem(graph) -> str:
    """Say why `graph` cannot be drawn as a meeting graph (empty or foreign), or return ``""``."""
    if not graph.number_of_nodes():
        return ("The graph is empty: it holds no documents, people or meetings. Build one from "
                "reports with 'diplograph build REPORTS --out out/' and view out/graph.graphml.")
    known = set(NODE_STYLES) - {"other"}
    if not any(d.get("type") in known for _, d in graph.nodes(data=True)):
        return (f"This graph was not written by diplograph: none of its "
                f"{graph.number_of_nodes():,} nodes has a 'type' attribute such as 'person' or "
                "'meeting'. Open it in Gephi or yEd, or build a meeting graph with 'diplograph "
                "build REPORTS --out out/'.")
    return ""


def _nothing_note(graph, view: str) -> str:
    """Explain an empty view of a meeting graph when no filter was given."""
    types = Counter(d.get("type") for _, d in graph.nodes(data=True))
    if not types.get("meeting"):
        return (f"No meetings: the graph holds {types.get('document', 0):,} documents but no "
                "meeting was found in them, so nobody is shown as having met anyone. Add "
                "reports of meetings and build again, or run 'diplograph view' without "
                "--people to see the documents and who they mention.")
    if view == "people":
        return ("Nobody to show: no meeting has two named participants. Run 'diplograph view' "
                "without --people to see the meetings.")
    return "Nothing to show."


def _auto_view(graph, focus) -> tuple[str, str]:
    """Choose the full view for small graphs (or an ego view), the people view otherwise."""
    total = graph.number_of_nodes()
    if focus is not None or total <= AUTO_FULL_MAX_NODES:
        return "full", ""
    meetings = sum(1 for _, t in graph.nodes(data="type") if t == "meeting")
    if not meetings:
        return "full", ""
    return "people", (f"The whole graph has {total:,} nodes ({meetings:,} meetings), so this "
                      "page shows who met whom: one node per person, one edge per pair with "
                      "their meetings. To see meetings, topics, places and documents, write a "
                      "full view of part of it: 'diplograph view --country CODE' (or --since, "
                      "--topic, --focus NAME).")



def _date_bound(value: str | date | None, name: str, *, end: bool) -> str | None:
    """Turn a since/until value into an inclusive ``YYYY-MM-DD`` bound, or None."""
    if value is None or value == "":
        return None
    text = value.isoformat() if isinstance(value, date) else str(value).strip()
    if not _DATE.match(text):
        raise ViewOptionError(f"{name} must be a date like 2024, 2024-01 or 2024-01-12, "
                              f"got {value!r}.")
    partial_date(text, name)  # a real month and day, not 2024-99 (issue 17)
    if len(text) == 4:
        return text + ("-12-31" if end else "-01-01")
    if len(text) == 7:
        return text + ("-31" if end else "-01")
    return text


def _resolve_country(graph: nx.MultiDiGraph, value: str) -> str:
    """Return the country code `value` names: a code or a country node's label."""
    wanted = value.strip().casefold()
    known: dict[str, str] = {}
    for _, d in graph.nodes(data=True):
        if d.get("type") == "country" and d.get("code"):
            known[str(d["code"]).casefold()] = str(d["code"])
            known[str(d.get("label", "")).casefold()] = str(d["code"])
    if wanted in known:
        return known[wanted]
    if any(str(d.get("country", "")).casefold() == wanted for _, d in graph.nodes(data=True)):
        return value.strip().upper()
    closest = _closest(value, sorted({k for k in known if k}), limit=3)
    raise UnknownCountry(f"No country {value!r} in the graph. Closest: "
                         f"{', '.join(repr(c) for c in closest) or 'none'}. Use an ISO 3166-1 "
                         "alpha-3 code such as 'JPN' or a country name.", name=value,
                         closest=closest)


def _resolve_topics(graph: nx.MultiDiGraph, value: str) -> set[str]:
    """Return the ids of topic nodes whose label is `value` (else contains it)."""
    wanted = value.strip().casefold()
    topics = {n: str(d.get("label", n)) for n, d in graph.nodes(data=True)
              if d.get("type") == "topic"}
    exact = {n for n, label in topics.items() if label.casefold() == wanted or n == value}
    if exact:
        return exact
    partial = {n for n, label in topics.items() if wanted and wanted in label.casefold()}
    if partial:
        return partial
    closest = _closest(value, sorted(set(topics.values())), limit=3)
    raise UnknownTopic(f"No topic {value!r} in the graph. Closest: "
                       f"{', '.join(repr(c) for c in closest) or 'none'}.", name=value,
                       closest=closest)


def _resolve_focus(graph: nx.MultiDiGraph, focus: str) -> str:
    """Return the node id `focus` names: an id, else a unique exact label."""
    if focus in graph:
        return focus
    wanted = str(focus).casefold()
    hits = [n for n, d in graph.nodes(data=True) if str(d.get("label", "")).casefold() == wanted]
    people = [n for n in hits if graph.nodes[n].get("type") == "person"]
    if len(people) == 1 or len(hits) == 1:
        return (people or hits)[0]
    labels = sorted({str(d.get("label", n)) for n, d in graph.nodes(data=True)})
    closest = _closest(str(focus), labels, limit=3)
    raise UnknownNode(f"No node with id or label {focus!r} in the graph. Closest: "
                      f"{', '.join(repr(c) for c in closest) or 'none'}. Pass a node id such as "
                      "'person:antony-blinken'.", name=str(focus), closest=closest)


def _meeting_matches(graph, m, code, topic_ids, kind, low, high) -> bool:
    """Tell whether meeting `m` passes every filter given."""
    d = graph.nodes[m]
    if kind and d.get("kind") != kind:
        return False
    when = str(d.get("date") or "")
    if (low or high) and not when:
        return False
    if (low and when < low) or (high and when[:10] > high):
        return False
    if topic_ids is not None:
        if not any(v in topic_ids for v in graph.successors(m)):
            return False
    if code:
        if str(d.get("country", "")).upper() != code.upper() and not any(
                _person_country(graph, p) == code.upper() for p in _participants(graph, m)):
            return False
    return True


def _participants(graph, m) -> list[str]:
    """Return the persons who took part in meeting `m`, sorted."""
    return sorted({p for p in graph.predecessors(m) if graph.nodes[p].get("type") == "person"})


def _person_country(graph, p) -> str:
    """Return the upper-case country code of person `p`, or ``""``."""
    return str(graph.nodes[p].get("country") or "").upper()


def _hanging_off(graph, meetings: Iterable[str]) -> set[str]:
    """Return the meetings, their neighbours, the participants' countries and what reports name."""
    keep: set[str] = set()
    for m in meetings:
        keep.add(m)
        keep.update(graph.predecessors(m))
        keep.update(graph.successors(m))
    for n in list(keep):
        kind = graph.nodes[n].get("type")
        for _, v, d in graph.out_edges(n, data=True):
            if kind == "person" and d.get("type") == "represents":
                keep.add(v)
            elif kind == "document" and graph.nodes[v].get("type") in ("country", "organization"):
                keep.add(v)
    return keep


def _people_graph(graph, meetings: list[str], *, all_people: bool) -> nx.Graph:
    """Return the who-met-whom projection of `meetings` as a new undirected graph."""
    g = nx.Graph()
    for m in sorted(meetings, key=lambda m: (str(graph.nodes[m].get("date") or ""), m)):
        people = _participants(graph, m)
        when = str(graph.nodes[m].get("date") or "")
        topics = [str(graph.nodes[t].get("label", t)) for t in graph.successors(m)
                  if graph.nodes[t].get("type") == "topic"]
        for p in people:
            g.add_node(p)
        for i, a in enumerate(people):
            for b in people[i + 1:]:
                if g.has_edge(a, b):
                    e = g[a][b]
                else:
                    g.add_edge(a, b, meetings=[], topics=Counter())
                    e = g[a][b]
                e["meetings"].append(m)
                e["topics"].update(topics)
                if when:
                    e["first"] = min(e.get("first", when), when)
                    e["last"] = max(e.get("last", when), when)
    if not meetings and all_people:
        for u, v, d in graph.edges(data=True):
            if d.get("type") == "met":
                g.add_edge(u, v, meetings=[], count=d.get("count", 1), first=d.get("first"),
                           last=d.get("last"), topics=Counter(_json_list(d.get("topics"))))
    for _, _, e in g.edges(data=True):
        e.setdefault("count", len(e["meetings"]))
    return g


def _meeting_counts(shown, view: str) -> dict[str, int]:
    """Count, for every node, the meetings it is linked to in `shown` (people: meetings held)."""
    counts: dict[str, int] = {}
    if view == "people":
        for n in shown:
            counts[n] = len({m for _, _, d in shown.edges(n, data=True) for m in d["meetings"]})
        return counts
    for n, d in shown.nodes(data=True):
        if d.get("type") == "meeting":
            counts[n] = sum(1 for p in shown.predecessors(n)
                            if shown.nodes[p].get("type") == "person")
        else:
            linked = [v for v in (*shown.predecessors(n), *shown.successors(n))
                      if shown.nodes[v].get("type") == "meeting"]
            counts[n] = len(set(linked)) if linked else 0
    return counts


def _copy_without_met(graph, keep: Iterable[str]) -> nx.MultiDiGraph:
    """Return a new graph of the `keep` nodes and the edges among them, ``met`` edges left out.

    Attribute dicts are copied, so nothing done to the result reaches the caller's graph, and
    a plain graph iterates much faster than a filtered subgraph view.
    """
    keep = set(keep)
    shown = nx.MultiDiGraph()
    shown.add_nodes_from((n, graph.nodes[n]) for n in graph.nodes if n in keep)
    shown.add_edges_from((u, v, k, d) for u, v, k, d in graph.edges(keys=True, data=True)
                         if u in keep and v in keep and d.get("type") != "met")
    return shown


def _ball(shown, start: str, radius: int) -> set[str]:
    """Return the nodes within `radius` steps of `start`, ignoring edge direction.

    A meeting is crossed within its step, so that one step from a person reaches the people
    they met (with the meetings, topics and places between them), as users mean by "radius 1".
    """
    seen = {start}
    frontier = [start]
    for _ in range(radius):
        nxt = []
        for n in frontier:
            for v in _around(shown, n):
                if v in seen:
                    continue
                seen.add(v)
                nxt.append(v)
                if shown.nodes[v].get("type") == "meeting" and shown.nodes[n].get("type") != "meeting":
                    for w in _around(shown, v):
                        if w not in seen:
                            seen.add(w)
                            nxt.append(w)
        frontier = nxt
    return seen


def _around(shown, n) -> Iterable:
    """Return the neighbours of `n` in either direction."""
    if shown.is_directed():
        return (*shown.predecessors(n), *shown.successors(n))
    return shown[n]


def _most_connected(shown, limit: int, focus: str | None) -> set[str]:
    """Return `limit` nodes by type (``KEEP_ORDER``), then degree (the focus always kept)."""
    order = {t: i for i, t in enumerate(KEEP_ORDER)}
    ranked = sorted(shown.degree(), key=lambda nd: (
        order.get(shown.nodes[nd[0]].get("type"), len(order)), -nd[1], str(nd[0])))
    keep = {focus} if focus is not None else set()
    for n, _ in ranked:
        if len(keep) >= limit:
            break
        keep.add(n)
    return keep


# ---- page helpers ----------------------------------------------------------------------------


def _radii(shown, counts: dict[str, int]) -> dict:
    """Return each node's radius in layout units: larger for nodes in more meetings."""
    return {n: round(min(MAX_RADIUS, MIN_RADIUS + 1.2 * math.sqrt(counts.get(n, 0))), 2)
            for n in shown}


def _write_page(fh, graph, selection: ViewSelection, pos, radii, title: str | None) -> tuple[int, int]:
    """Write the page to the open text file `fh`; return the numbers of nodes and edges drawn.

    The page's data (nodes, edges, legend, filters, notes, the meeting table) is written as it
    is made, one node or edge at a time, so that no whole copy of it (as objects, as JSON or as
    the page) is ever held: at 100,000 documents those copies cost more memory than the graph.
    The bytes are those of one ``json.dumps`` of the whole payload put into the template.
    """
    template = resources.files("graph").joinpath("resources", _TEMPLATE).read_text("utf-8")
    head = _page_head(graph, selection, title)
    parts = {"TITLE": html.escape(head["title"])}
    for key, (name, version) in VENDORED.items():
        parts[f"{key}_JS"] = _vendored_script(name)
        parts[f"{key}_VERSION"] = version
    last = 0
    for match in _PLACEHOLDER.finditer(template):
        fh.write(template[last:match.start()])
        if match.group(1) == "DATA":
            _write_data(fh, graph, selection, pos, radii, head)
        else:
            fh.write(parts[match.group(1)])
        last = match.end()
    fh.write(template[last:])
    return head["counts"]


def _page_head(graph, selection: ViewSelection, title: str | None) -> dict:
    """The page's title, summary and legends, counted from the selection before any node is written."""
    shown = selection.graph
    people_view = selection.view == "people"
    type_counts: Counter = Counter()
    for n in shown.nodes:
        ntype = graph.nodes[n].get("type")
        type_counts[ntype if ntype in NODE_STYLES else "other"] += 1
    if people_view:
        edge_types = Counter({"met": shown.number_of_edges()}) if shown.number_of_edges() else Counter()
    else:
        edge_types = Counter(str(d.get("type", "edge")) for _, _, d in shown.edges(data=True))
    nodes, edges = shown.number_of_nodes(), sum(edge_types.values())
    types = [{"type": t, "count": type_counts.get(t, 0), **style}
             for t, style in NODE_STYLES.items()]
    edge_legend = [{"type": t, "label": EDGE_STYLES.get(t, (OTHER_EDGE_COLOR, t))[1], "count": c,
                    "color": EDGE_STYLES.get(t, (OTHER_EDGE_COLOR, t))[0]}
                   for t, c in sorted(edge_types.items(), key=lambda x: -x[1])]
    what = "Who met whom" if people_view else "Meeting graph"
    filters = [_text(f) for f in selection.filters]
    page_title = _text(title) if title else what + (f" ({'; '.join(filters)})" if filters else "")
    summary = (f"{what}: {nodes:,} nodes, {edges:,} edges"
               + (f" | filters: {'; '.join(filters)}" if filters else " | no filters")
               + (f" | {selection.omitted:,} nodes left out" if selection.omitted else ""))
    return {"title": page_title, "summary": summary, "note": _text(selection.note), "what": what,
            "filters": filters, "omitted": selection.omitted, "types": types, "edgeTypes": edge_legend,
            "counts": (nodes, edges)}


def _write_data(fh, graph, selection: ViewSelection, pos, radii, head: dict) -> None:
    """Write the page's JSON data object, a node or an edge at a time (see `_write_page`)."""
    shown = selection.graph
    table = _MeetingTable(graph)
    people_view = selection.view == "people"
    put = _json_writer(fh)
    fh.write("{")
    for key in ("title", "summary", "note", "what", "filters", "omitted"):
        put(key)
        fh.write(":")
        put(head[key])
        fh.write(",")
    fh.write('"nodes":[')
    for i, n in enumerate(shown.nodes):
        d = graph.nodes[n]
        ntype = d.get("type") if d.get("type") in NODE_STYLES else "other"
        label = _text(d.get("label") or n)
        x, y = pos.get(n, (0.0, 0.0))
        info, topics, evidence = _node_details(graph, n, ntype, selection)
        if people_view:
            linked = sorted({m for _, _, e in shown.edges(n, data=True) for m in e["meetings"]})
        else:
            linked = _linked_meetings(shown, n)
        if i:
            fh.write(",")
        put({"id": str(n), "label": label, "short": _shorten(label), "type": ntype,
             "x": x, "y": y, "size": radii.get(n, MIN_RADIUS),
             "info": info, "topics": topics, "evidence": evidence,
             "terms": _search_terms(d, ntype, label), "m": [table.index(m) for m in linked]})
    fh.write('],"edges":[')
    if people_view:
        for i, (u, v, d) in enumerate(shown.edges(data=True)):
            edge = _met_edge(graph, i, u, v, d)
            edge["m"] = [table.index(m) for m in d["meetings"]]
            if i:
                fh.write(",")
            put(edge)
    else:
        dates = {n: str(d["date"]) for n, d in shown.nodes(data=True)
                 if d.get("type") == "meeting" and d.get("date")}
        for i, (u, v, d) in enumerate(shown.edges(data=True)):
            if i:
                fh.write(",")
            put(_typed_edge(i, u, v, str(d.get("type", "edge")), d, dates))
    fh.write('],"types":')
    put(head["types"])
    fh.write(',"edgeTypes":')
    put(head["edgeTypes"])
    fh.write(',"meetings":[')
    for i, row in enumerate(table.rows_out()):
        if i:
            fh.write(",")
        put(row)
    topics, countries = table.labels()
    fh.write('],"topics":')
    put(topics)
    fh.write(',"countries":')
    put(countries)
    fh.write("}")


def _json_writer(fh):
    """A function writing one value to `fh` as compact JSON, escaped for a ``<script>`` element."""
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    unsafe = _JSON_UNSAFE.sub

    def put(value) -> None:
        fh.write(unsafe(_json_escape, encode(value)))

    return put


def _json_escape(match: re.Match) -> str:
    """The JSON escape of a character a ``<script>`` element must not hold raw."""
    return _JSON_ESCAPES[match.group()]


class _MeetingTable:
    """The meetings a page can filter on: date, kind, countries and topics, by index."""

    def __init__(self, graph):
        self.graph = graph
        self.rows: list[tuple] = []
        self.ids: dict[str, int] = {}
        self.topics: dict[str, int] = {}
        self.codes: set[str] = set()

    def index(self, m) -> int:
        """Return the row of meeting `m`, adding it on first use."""
        row = self.ids.get(m)
        if row is not None:
            return row
        g = self.graph
        d = g.nodes[m]
        codes = {_person_country(g, p) for p in _participants(g, m)}
        codes.add(str(d.get("country") or "").upper())
        codes.discard("")
        topics = tuple(sorted({self.topics.setdefault(_text(g.nodes[t].get("label", t)), len(self.topics))
                               for t in g.successors(m) if g.nodes[t].get("type") == "topic"}))
        self.codes.update(codes)
        self.ids[m] = row = len(self.rows)
        self.rows.append((str(d.get("date") or ""), str(d.get("kind") or ""), tuple(sorted(codes)), topics))
        return row

    def rows_out(self):
        """Yield the page's meeting rows (date, kind, countries, topic numbers in label order)."""
        order = {label: i for i, label in enumerate(sorted(self.topics, key=str.casefold))}
        remap = {old: order[label] for label, old in self.topics.items()}
        for date_, kind, codes, topics in self.rows:
            yield [date_, kind, list(codes), sorted(remap[t] for t in topics)]

    def labels(self) -> tuple[list, list]:
        """Return the topic labels in page order and the countries (code, name) for the page."""
        names = {str(d["code"]).upper(): _text(d.get("label") or d["code"])
                 for _, d in self.graph.nodes(data=True)
                 if d.get("type") == "country" and d.get("code")}
        topics = sorted(self.topics, key=str.casefold)
        countries = sorted(([_text(c), names.get(c, _text(c))] for c in self.codes),
                           key=lambda c: c[1].casefold())
        return topics, countries


def _linked_meetings(shown, n) -> list:
    """Return the meetings a node of the full view stands for in the page's filters.

    A meeting stands for itself; a node next to meetings for those; any other node (a
    country, an organisation) for the meetings of its neighbours.
    """
    if shown.nodes[n].get("type") == "meeting":
        return [n]
    near = [v for v in _around(shown, n) if shown.nodes[v].get("type") == "meeting"]
    if near:
        return sorted(set(near))
    found = set()
    for v in _around(shown, n):
        found.update(w for w in _around(shown, v) if shown.nodes[w].get("type") == "meeting")
    return sorted(found)


def _search_terms(d, ntype: str, label: str) -> list[str]:
    """Return the strings the page's search matches a node by: label, aliases, titles, codes.

    A person is also found by title and family name ("President Biden", "Secretary Blinken"),
    and a name of three words or more by its first and last words ("Henry Kissinger") and its
    initials ("MBS").
    """
    terms = [label]
    if ntype == "person":
        names = [label] + [_text(a) for a in _json_list(d.get("aliases")) if isinstance(a, str)]
        title = _text(d.get("title") or "")
        for name in dict.fromkeys(names):
            if name != label:
                terms.append(name)
            words = name.split()
            if title and words:
                terms += [f"{title} {words[-1]}", f"{title.split()[0]} {words[-1]}"]
            if len(words) >= 3:
                terms.append(f"{words[0]} {words[-1]}")  # "Henry Kissinger" for "Henry A. Kissinger"
                terms.append("".join(w[0] for w in words).upper())
    elif ntype == "country":
        terms.append(_text(d.get("code") or ""))
    elif ntype == "document":
        terms += [_text(d.get(k)) for k in ("title", "source_id") if d.get(k)]
    elif ntype == "place":
        terms.append(_text(d.get("city") or ""))
    return [t for t in dict.fromkeys(terms) if t]


def _node_details(graph, n, ntype: str, selection: ViewSelection):
    """Return the side-panel facts, topics and evidence of node `n`."""
    d = graph.nodes[n]
    info: list[list[str]] = []
    for key, name in (("title", "Title"), ("country", "Country"), ("code", "Code"),
                      ("date", "Date"), ("kind", "Format"), ("city", "City"),
                      ("category", "Category"), ("published", "Published"),
                      ("source", "Source")):
        if d.get(key) not in (None, ""):
            value = _text(d[key])
            info.append([name, value.replace("_", " ") if key == "kind" else value])
    topics: list[str] = []
    evidence: list[dict] = []
    if ntype == "meeting":
        topics = sorted(_text(graph.nodes[t].get("label", t)) for t in graph.successors(n)
                        if graph.nodes[t].get("type") == "topic")
        info.append(["Participants", ", ".join(_text(graph.nodes[p].get("label", p))
                                               for p in _participants(graph, n))])
        evidence = _evidence(graph, [n])
    elif ntype == "person":
        meetings = sorted((m for m in graph.successors(n)
                           if graph.nodes[m].get("type") == "meeting"),
                          key=lambda m: str(graph.nodes[m].get("date") or ""), reverse=True)
        dates = sorted(str(graph.nodes[m].get("date")) for m in meetings
                       if graph.nodes[m].get("date"))
        info.append(["Meetings", str(len(meetings))])
        if dates:
            info.append(["First / last", f"{dates[0]} / {dates[-1]}"])
        counter = Counter(_text(graph.nodes[t].get("label", t)) for m in meetings
                          for t in graph.successors(m) if graph.nodes[t].get("type") == "topic")
        topics = [t for t, _ in counter.most_common(MAX_TOPICS)]
        evidence = _evidence(graph, meetings)
    elif ntype in ("topic", "place", "country", "organization", "document"):
        info.append(["Meetings shown", str(selection.meeting_counts.get(n, 0))])
    return info, topics, evidence


def _typed_edge(i: int, u, v, etype: str, d, dates: dict) -> dict:
    """Return the page data of one edge of the full view (its colour and verb are its type's)."""
    when = dates.get(u) or dates.get(v)
    info = [["Date", when]] if when else []
    for key in ("title", "count", "first", "last"):
        if d.get(key) not in (None, ""):
            info.append([key.capitalize(), _text(d[key])])
    edge = {"id": i, "from": str(u), "to": str(v), "type": etype}
    if info:
        edge["info"] = info
    return edge


def _met_edge(graph, i: int, u, v, d) -> dict:
    """Return the page data of one who-met-whom edge."""
    count = int(d.get("count") or len(d["meetings"]) or 1)
    first, last = d.get("first"), d.get("last")
    dates = f"{first} to {last}" if first and last and first != last else (first or "undated")
    a = _text(graph.nodes[u].get("label", u))
    b = _text(graph.nodes[v].get("label", v))
    topics = [_text(t) for t, _ in d["topics"].most_common(MAX_TOPICS)]
    noun = "meeting" if count == 1 else "meetings"
    info = [["Meetings", str(count)], ["Dates", _text(dates)]]
    return {"id": i, "from": str(u), "to": str(v), "type": "met", "kind": "met",
            "color": EDGE_STYLES["met"][0],
            "width": round(1.0 + 2.0 * math.log2(count), 1) if count > 1 else 1,
            "tip": f"{a} and {b}: {count} {noun}, {dates}", "info": info, "topics": topics,
            "evidence": _evidence(graph, list(reversed(d["meetings"])))}


def _evidence(graph, meetings: list[str]) -> list[dict]:
    """Return up to ``MAX_EVIDENCE`` evidence sentences (text, source) of `meetings`."""
    found: list[dict] = []
    for m in meetings:
        raw = graph.nodes[m].get("evidence")
        for item in _json_list(raw):
            if isinstance(item, dict):
                text, source = item.get("text", ""), _source(graph, item)
            else:
                text, source = item, ""
            when = graph.nodes[m].get("date")
            found.append({"text": _text(text), "source": _text(
                (f"{when}, " if when else "") + str(source or ""))})
            if len(found) >= MAX_EVIDENCE:
                return found
    return found


def _source(graph, item: dict) -> str:
    """Name the report an evidence item came from: its source, else its document's title."""
    if item.get("source"):
        return str(item["source"])
    doc_id = item.get("doc_id")
    if not doc_id:
        return ""
    doc = graph.nodes.get(f"document:{doc_id}") or {}
    return str(doc.get("title") or doc.get("source") or doc_id)


def _json_list(raw) -> list:
    """Decode a JSON-encoded list attribute; a plain string becomes a one-item list."""
    if raw in (None, ""):
        return []
    if isinstance(raw, list):
        return raw
    try:
        value = json.loads(raw)
    except (TypeError, ValueError):
        return [str(raw)]
    return value if isinstance(value, list) else [value]


@lru_cache(maxsize=1 << 16)
def _clean(text: str) -> str:
    """Remove control and bidi characters from `text` (cached: labels repeat)."""
    return _UNSEEN.sub("", text)


def visible_text(value) -> str:
    """Return `value` as text safe to show: no control characters and no bidi controls.

    Bidi embeddings, overrides, isolates and the LRM/RLM marks (U+202A-U+202E, U+2066-U+2069,
    U+200E, U+200F) are removed, so that a name or a source cannot be shown reordered.
    Escaping for HTML is left to the page, which only ever sets text.

    Examples
    --------
    >>> visible_text("Ana\\u202eziuR\\u202c\\x00")
    'AnaziuR'
    """
    return _clean(value if isinstance(value, str) else str(value))


_text = visible_text


def _shorten(label: str) -> str:
    """Return `label` cut to ``LABEL_CHARS`` characters for drawing on the canvas."""
    return label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1] + "\u2026"


def _vendored_script(name: str) -> str:
    """Return a vendored script, ready to inline: no source-map link, no early ``</script``."""
    text = resources.files("graph").joinpath(*_VENDOR, name).read_text("utf-8")
    text = re.sub(r"//# sourceMappingURL=\S*\s*$", "", text)
    return text.replace("</script", "<\\/script")
