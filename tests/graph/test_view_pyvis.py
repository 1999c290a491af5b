"""MeetingGraph.to_pyvis and graph.view_pyvis: a pyvis Network filled from our view, offline."""

from __future__ import annotations

import copy
import re
import sys
from pathlib import Path

import networkx as nx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from graph import MeetingGraph  # noqa: E402
from graph.synthetic import sample_records  # noqa: E402
from graph.view_pyvis import OfflineNetwork, to_pyvis  # noqa: E402
from graph.views import NODE_STYLES, select_view  # noqa: E402
from tests.browser.graphs import HOSTILE_NAMES, hostile_graph, seed_graph, synthetic_graph  # noqa: E402


@pytest.mark.parametrize("view", ["full", "people"])
def test_to_pyvis_holds_the_views_nodes_and_edges_with_our_style(view):
    g = seed_graph()
    before = copy.deepcopy(g)
    net = to_pyvis(g, view=view)
    shown = select_view(g, view=view).graph
    assert sorted(n["id"] for n in net.nodes) == sorted(shown.nodes)
    assert len(net.edges) == shown.number_of_edges()
    assert net.node_ids == [n["id"] for n in net.nodes]
    blinken = net.node_map["person:antony-blinken"]
    assert blinken["color"]["background"] == NODE_STYLES["person"]["color"]
    assert blinken["title"].startswith("Antony Blinken\nPerson\ntitle: Secretary of State")
    assert {"x", "y", "size"} <= set(blinken) and blinken["physics"] is False
    assert net.options.physics.enabled is False
    assert nx.utils.graphs_equal(before, g)
    assert all("size" not in d for _, d in g.nodes(data=True))


def test_to_pyvis_titles_are_never_markup():
    net = to_pyvis(hostile_graph())
    text = " ".join(n["title"] + n["label"] for n in net.nodes) + " ".join(e["title"] for e in net.edges)
    assert "<" not in text and ">" not in text
    assert any("img src=x" in n["label"] for n in net.nodes)


def test_meeting_graph_to_pyvis_resolves_a_forgiving_focus():
    net = MeetingGraph.from_records(sample_records()).to_pyvis(view="people", focus="blinken", radius=1)
    assert isinstance(net, OfflineNetwork) and "person:antony-blinken" in net.node_ids


def test_to_pyvis_page_links_nothing_remote(tmp_path):
    net = to_pyvis(synthetic_graph(300))
    net.write_html(str(tmp_path / "p.html"))
    page = (tmp_path / "p.html").read_text("utf-8")
    assert not re.findall(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert "vis.Network" in page and not (tmp_path / "lib").exists()


@pytest.mark.browser
def test_to_pyvis_page_draws_offline_in_chromium(tmp_path, browser):
    from tests.browser.chromium import open_offline

    net = to_pyvis(synthetic_graph(300), view="people")
    net.write_html(str(tmp_path / "p.html"))
    page = open_offline(browser, tmp_path / "p.html", wait_ready=False)
    try:
        page.page.wait_for_function(
            "() => typeof network !== 'undefined' && network.body.nodeIndices.length > 0",
            timeout=60_000)
        assert page.blocked == [] and page.errors == []
        assert page.page.evaluate("network.body.nodeIndices.length") == len(net.nodes)
    finally:
        page.close()
