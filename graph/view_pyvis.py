"""A meeting graph as a ``pyvis.network.Network``, for users who customise their pages with pyvis.

`to_pyvis` fills the network's node and edge lists directly from a view's selection (pyvis's
``from_nx`` is quadratic and writes into the caller's graph), with diplograph's colours,
sizes, positions (physics off) and plain-text tooltips. The network it returns writes pages
that load nothing from the network: vis-network is inlined from the pyvis package and the
Bootstrap links pyvis adds are left out.

This module does not draw diplograph's own pages (see ``graph.views``).
"""

from __future__ import annotations

import re
from datetime import date

import networkx as nx
from pyvis.network import Network

from graph.view_layout import layout_positions
from graph.views import (
    DEFAULT_MAX_NODES,
    EDGE_STYLES,
    NODE_STYLES,
    OTHER_EDGE_COLOR,
    _radii,
    select_view,
    visible_text,
)

__all__ = ["OfflineNetwork", "to_pyvis"]

#: Layout units to pyvis pixels.
PIXELS_PER_UNIT = 3.0
_REMOTE = re.compile(r"""<(?:link|script)\b[^>]*\b(?:href|src)\s*=\s*["'](?:https?:)?//[^>]*>"""
                     r"""(?:\s*</script>)?""", re.I)


class OfflineNetwork(Network):
    """A pyvis ``Network`` whose pages inline vis-network and link nothing remote.

    Examples
    --------
    >>> net = OfflineNetwork()
    >>> net.add_node(1, label="Ana")
    >>> "cdn.jsdelivr" in net.generate_html(), "vis.Network" in net.generate_html()
    (False, True)
    """

    def __init__(self, *args, **kwargs):
        kwargs["cdn_resources"] = "in_line"
        super().__init__(*args, **kwargs)

    def generate_html(self, name="index.html", local=True, notebook=False):
        """Return pyvis's page without its CDN links (Bootstrap, tom-select)."""
        page = super().generate_html(name, local=local, notebook=notebook)
        return _REMOTE.sub("", page)


def to_pyvis(
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
    height: str = "750px",
    width: str = "100%",
):
    """Return a pyvis ``Network`` of a view of `graph`, laid out, styled and offline.

    Parameters
    ----------
    graph : a meeting graph; it is not modified.
    view, focus, radius, country, topic, kind, since, until, max_nodes : see
        ``graph.views.select_view``.
    height, width : the size of the network's canvas, as CSS lengths.

    Returns
    -------
    An `OfflineNetwork` (a ``pyvis.network.Network``): one node per node of the view, with
    ``label``, ``title`` (plain text), ``color``, ``size``, ``x`` and ``y`` (physics is off),
    ``group`` (the node type), and one edge per edge with its ``title`` and colour. Change it
    as with any pyvis network, then ``write_html`` or ``show``: the page needs no network.

    Raises
    ------
    ViewOptionError, UnknownNode, UnknownCountry, UnknownTopic
        As ``select_view``.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("person:a", type="person", label="Ana Ruiz")
    >>> g.add_node("meeting:1", type="meeting", label="Call", kind="call", date="2024-01-12")
    >>> g.add_edge("person:a", "meeting:1", type="participated_in")
    0
    >>> net = to_pyvis(g)
    >>> sorted(n["id"] for n in net.nodes), net.edges[0]["title"]
    (['meeting:1', 'person:a'], 'Ana Ruiz took part in Call')
    """
    selection = select_view(graph, view=view, focus=focus, radius=radius, country=country,
                            topic=topic, kind=kind, since=since, until=until,
                            max_nodes=max_nodes)
    shown = selection.graph
    radii = _radii(shown, selection.meeting_counts)
    pos = layout_positions(shown, radii=radii)
    net = OfflineNetwork(height=height, width=width, directed=False)
    net.toggle_physics(False)
    labels = {}
    for n in shown.nodes:
        d = graph.nodes[n]
        ntype = d.get("type") if d.get("type") in NODE_STYLES else "other"
        style = NODE_STYLES[ntype]
        label = _plain(d.get("label") or n)
        labels[n] = label
        facts = [f"{key}: {_plain(d[key])}" for key in ("title", "country", "date", "kind")
                 if d.get(key) not in (None, "")]
        x, y = pos.get(n, (0.0, 0.0))
        node = {"id": str(n), "label": label, "shape": "dot", "group": ntype,
                "color": {"background": style["color"], "border": style["border"]},
                "size": round(radii[n] * 1.5, 1), "x": x * PIXELS_PER_UNIT,
                "y": y * PIXELS_PER_UNIT, "title": "\n".join([label, style["label"], *facts]),
                "physics": False}
        net.nodes.append(node)
        net.node_ids.append(str(n))
        net.node_map[str(n)] = node
    for u, v, d in shown.edges(data=True):
        etype = "met" if selection.view == "people" else str(d.get("type", "edge"))
        color, verb = EDGE_STYLES.get(etype, (OTHER_EDGE_COLOR, etype))
        count = d.get("count") if selection.view == "people" else None
        title = (f"{labels[u]} and {labels[v]}: {count} meeting{'s' if count != 1 else ''}"
                 if count else f"{labels[u]} {verb} {labels[v]}")
        net.edges.append({"from": str(u), "to": str(v), "title": title, "color": color,
                          "width": 1 if not count or count < 2 else 1 + min(count, 10) / 2})
    return net


def _plain(value) -> str:
    """Return document text for a pyvis label or tooltip: visible, and never read as markup.

    pyvis shows a tooltip as HTML when it contains a link, so angle brackets become the
    look-alike single guillemets.
    """
    return visible_text(value).replace("<", "\u2039").replace(">", "\u203a")
