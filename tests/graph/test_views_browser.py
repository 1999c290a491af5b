"""Views as a user sees them: Debian's headless chromium, every network request blocked."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from graph.views import write_view  # noqa: E402
from tests.browser.chromium import distinct_colours, launch, open_offline  # noqa: E402
from tests.browser.graphs import HOSTILE_NAMES, hostile_graph, seed_graph, synthetic_graph  # noqa: E402

pytestmark = pytest.mark.browser

CASES = {
    "seed-full": (seed_graph, {}),
    "seed-people": (seed_graph, {"view": "people"}),
    "hostile-full": (hostile_graph, {}),
    "hostile-people": (hostile_graph, {"view": "people"}),
    "synthetic-600": (lambda: synthetic_graph(600), {}),
    "synthetic-1500-capped": (lambda: synthetic_graph(1500), {"max_nodes": 600}),
}


@pytest.fixture(scope="session")
def browser():
    """One headless chromium for the whole session."""
    pw, chromium = launch()
    yield chromium
    chromium.close()
    pw.stop()


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """Every case of CASES written once: name -> ViewResult."""
    folder = tmp_path_factory.mktemp("views")
    return {name: write_view(make(), folder / f"{name}.html", **kwargs)
            for name, (make, kwargs) in CASES.items()}


@pytest.fixture()
def opened(browser):
    """Open pages offline and close them after the test."""
    pages = []

    def _open(path, **kwargs):
        page = open_offline(browser, path, **kwargs)
        pages.append(page)
        return page

    yield _open
    for page in pages:
        page.close()


def _node_dom_position(page, node_id):
    """Return the viewport coordinates of a node's centre."""
    box = page.locator("#graph canvas").bounding_box()
    x, y = page.evaluate(
        """id => { const v = window.diplographView.network;
                   const p = v.canvasToDOM(v.getPositions([id])[id]); return [p.x, p.y]; }""",
        node_id)
    return box["x"] + x, box["y"] + y


def test_harness_catches_a_network_request(opened, tmp_path):
    page = tmp_path / "leaky.html"
    page.write_text('<img src="http://example.com/x.png"><script>window.diplographView='
                    '{ready:true}</script>', encoding="utf-8")
    assert opened(page).blocked == ["http://example.com/x.png"]


@pytest.mark.parametrize("case", sorted(CASES))
def test_view_loads_offline_without_errors(opened, written, case):
    page = opened(written[case].path)
    assert page.blocked == []
    assert page.errors == []


@pytest.mark.parametrize("case", sorted(CASES))
def test_view_draws_expected_nodes_and_edges(opened, written, case):
    result = written[case]
    page = opened(result.path).page
    counts = page.evaluate("""() => { const v = window.diplographView;
        return [v.nodes.length, v.edges.length, v.network.body.nodeIndices.length,
                v.network.body.edgeIndices.length, v.data.nodes.length]; }""")
    assert counts == [result.nodes, result.edges, result.nodes, result.edges, result.nodes]
    assert result.nodes > 0


def test_view_shows_the_note_when_nodes_were_left_out(opened, written):
    result = written["synthetic-1500-capped"]
    page = opened(result.path).page
    assert result.omitted == 1500 - 600
    assert page.locator("#note").is_visible()
    assert page.locator("#note").text_content() == result.note


def test_view_hides_the_note_when_nothing_was_left_out(opened, written):
    assert not opened(written["seed-full"].path).page.locator("#note").is_visible()


@pytest.mark.parametrize(
    "typed, node_id",
    [("Antony Blinken", "person:antony-blinken"),
     ("kamikawa", "person:yoko-kamikawa"),
     ("Taiwan Strait", "topic:taiwan-strait")],
)
def test_view_search_selects_the_name(opened, written, typed, node_id):
    page = opened(written["seed-full"].path).page
    page.fill("#search", typed)
    page.press("#search", "Enter")
    assert page.evaluate("window.diplographView.network.getSelectedNodes()") == [node_id]
    label = page.evaluate(f"window.diplographView.data.nodes.find(n => n.id === {node_id!r}).label")
    assert page.locator("#details h3").text_content() == label


def test_view_search_for_an_unknown_name_says_so(opened, written):
    page = opened(written["seed-full"].path).page
    assert page.evaluate("window.diplographView.select('Nobody Atall')") is None
    assert "Nobody Atall" in page.locator("#search-status").text_content()


def test_view_side_panel_shows_evidence_with_its_source(opened, written):
    page = opened(written["seed-full"].path).page
    page.evaluate("window.diplographView.select('Kamikawa - Blinken, Washington')")
    quote = page.locator("#details blockquote").first
    assert quote.text_content().startswith("Foreign Minister Yoko Kamikawa met")
    assert quote.locator("cite").text_content() == "2024-01-12, corpora/seed/000.txt"


def test_view_click_highlights_neighbours(opened, written):
    page = opened(written["seed-full"].path).page
    page.mouse.click(*_node_dom_position(page, "person:antony-blinken"))
    assert page.evaluate("window.diplographView.selected") == "person:antony-blinken"
    colours = page.evaluate("""() => Object.fromEntries(window.diplographView.nodes.get()
        .map(n => [n.id, n.color.background]))""")
    assert colours["meeting:2024-01-12-washington"] == "#f59e0b"
    assert colours["country:USA"] == "#22c55e"
    assert colours["person:fumio-kishida"] == colours["topic:ukraine"] == "#e5e7eb"


def test_view_legend_toggles_a_node_type(opened, written):
    page = opened(written["seed-full"].path).page
    page.click('#legend input[data-type="topic"]')
    hidden = page.evaluate("""() => window.diplographView.nodes.get()
        .filter(n => n.hidden).map(n => n.id).sort()""")
    assert hidden == ["topic:north-korea", "topic:taiwan-strait", "topic:ukraine"]
    page.click('#legend input[data-type="topic"]')
    assert page.evaluate("window.diplographView.nodes.get().filter(n => n.hidden).length") == 0


@pytest.mark.parametrize("case", ["hostile-full", "hostile-people"])
@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_view_hostile_names_run_nothing_and_show_literally(opened, written, case, name):
    page = opened(written[case].path).page
    node_id = page.evaluate("name => window.diplographView.select(name)", name)
    assert node_id is not None
    page.wait_for_timeout(200)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("#details h3").text_content() == name
    assert page.locator("#details img").count() == 0
    # hover the node so that vis-network shows its tooltip
    page.evaluate("window.diplographView.network.moveTo({scale: 1.0})")
    page.evaluate(f"window.diplographView.network.focus({node_id!r}, {{scale: 1.0}})")
    page.mouse.move(*_node_dom_position(page, node_id))
    page.mouse.move(*(c + 1 for c in _node_dom_position(page, node_id)))
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5000)
    assert tooltip.text_content().startswith(name)
    assert tooltip.locator("img, script").count() == 0
    page.wait_for_timeout(200)
    assert page.evaluate("typeof window.__pwned") == "undefined"


@pytest.mark.parametrize("case", ["seed-full", "synthetic-600"])
def test_view_canvas_is_not_blank(opened, written, case):
    page = opened(written[case].path).page
    assert distinct_colours(page.locator("#graph canvas").screenshot()) > 50


def test_view_is_still_once_drawn(opened, written):
    page = opened(written["synthetic-1500-capped"].path).page
    before = page.evaluate("window.diplographView.network.getPositions()")
    page.wait_for_timeout(500)
    after = page.evaluate("window.diplographView.network.getPositions()")
    assert before == after
    assert page.evaluate("window.diplographView.network.physics.options.enabled") is False
