"""Views as a user sees them: Debian's headless chromium, every network request blocked.

The page's test hook, ``window.diplographView``, gives ``ready``, ``selected`` (a node id),
``data.nodes`` (``id``, ``type``, ``label``) and ``screenPosition(id)`` (``{x, y}`` in CSS pixels
of the page), so clicks land where a user would click.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from graph.views import write_view  # noqa: E402
from tests.browser.chromium import distinct_colours, open_offline  # noqa: E402
from tests.browser.graphs import HOSTILE_NAMES, hostile_graph, seed_graph, synthetic_graph  # noqa: E402

pytestmark = pytest.mark.browser

CASES = {
    "seed-full": (seed_graph, {}),
    "seed-people": (seed_graph, {"view": "people"}),
    "hostile-full": (hostile_graph, {}),
    "hostile-people": (hostile_graph, {"view": "people"}),
    "synthetic-600": (lambda: synthetic_graph(600), {}),
    "synthetic-1500-capped": (lambda: synthetic_graph(1500), {"max_nodes": 600}),
    "synthetic-12000": (lambda: synthetic_graph(12000), {}),
    "empty": (lambda: seed_graph().subgraph([]).copy(), {}),
}


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
        page = open_offline(browser, path, timeout_ms=120_000, **kwargs)
        pages.append(page)
        return page

    yield _open
    for page in pages:
        page.close()


def _at(page, node_id):
    """Return the page coordinates of a node's centre, from the test hook."""
    p = page.evaluate("id => window.diplographView.screenPosition(id)", node_id)
    return p["x"], p["y"]


def _visible(page):
    return sorted(page.evaluate("window.diplographView.visibleNodes()"))


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
def test_view_draws_every_node_and_edge_it_was_given(opened, written, case):
    result = written[case]
    page = opened(result.path).page
    counts = page.evaluate("""() => { const v = window.diplographView;
        return [v.graph.order, v.graph.size, v.data.nodes.length, v.visibleNodes().length,
                v.visibleEdges().length]; }""")
    assert counts == [result.nodes, result.edges, result.nodes, result.nodes, result.edges]
    summary = page.locator("#summary").text_content()
    assert f"showing {result.nodes:,} of {result.nodes:,} nodes" in summary


def test_view_hook_describes_nodes_and_positions_them_on_screen(opened, written):
    page = opened(written["seed-full"].path).page
    nodes = page.evaluate("window.diplographView.data.nodes.map(n => [n.id, n.type, n.label])")
    assert ["person:antony-blinken", "person", "Antony Blinken"] in nodes
    box = page.locator("#graph").bounding_box()
    for node_id, _, _ in nodes:
        x, y = _at(page, node_id)
        assert box["x"] <= x <= box["x"] + box["width"] and box["y"] <= y <= box["y"] + box["height"]


def test_view_shows_the_note_when_nodes_were_left_out(opened, written):
    result = written["synthetic-1500-capped"]
    page = opened(result.path).page
    assert result.omitted == 1500 - 600
    assert page.locator("#note").is_visible()
    assert page.locator("#note").text_content() == result.note
    assert f"{result.omitted:,} nodes left out" in page.locator("#summary").text_content()


def test_view_hides_the_note_when_nothing_was_left_out(opened, written):
    assert not opened(written["seed-full"].path).page.locator("#note").is_visible()


def test_view_of_an_empty_graph_says_what_happened(opened, written):
    page = opened(written["empty"].path).page
    assert page.locator("#empty").is_visible()
    assert "The graph is empty" in page.locator("#empty").text_content()
    assert "diplograph build" in page.locator("#note").text_content()


@pytest.mark.parametrize(
    "typed, node_id",
    [("Antony Blinken", "person:antony-blinken"),
     ("kamikawa", "person:yoko-kamikawa"),  # a document's headline also holds the name
     ("Secretary Blinken", "person:antony-blinken"),
     ("Foreign Minister Kamikawa", "person:yoko-kamikawa"),
     ("JPN", "country:JPN"),
     ("Taiwan Strait", "topic:taiwan-strait")],
)
def test_view_search_selects_the_name(opened, written, typed, node_id):
    page = opened(written["seed-full"].path).page
    page.fill("#search", typed)
    page.press("#search", "Enter")
    assert page.evaluate("window.diplographView.selected") == node_id
    label = page.evaluate(f"window.diplographView.data.nodes.find(n => n.id === {node_id!r}).label")
    assert page.locator("#details h3").text_content() == label


def test_view_search_lists_candidates_people_first_with_their_type(opened, written):
    page = opened(written["seed-full"].path).page
    page.locator("#search").press_sequentially("Kamikawa")
    rows = page.locator("#candidates li")
    texts = [(rows.nth(i).locator("span").first.text_content(),
              rows.nth(i).locator(".type").text_content()) for i in range(rows.count())]
    assert texts[0] == ("Yoko Kamikawa", "Person")
    assert ("Kamikawa, Blinken Stress Role of Alliance", "Document") in texts
    assert texts.index(("Kamikawa - Blinken, Washington", "Meeting")) < texts.index(
        ("Kamikawa, Blinken Stress Role of Alliance", "Document"))
    rows.nth(1).click()
    assert page.evaluate("window.diplographView.selected") != "person:yoko-kamikawa"
    assert page.locator("#candidates li").count() == 0


def test_view_search_centres_on_the_choice(opened, written):
    page = opened(written["synthetic-600"].path).page
    node_id = page.evaluate("window.diplographView.select('Person 50')")
    assert node_id == "person:p50"
    box = page.locator("#graph").bounding_box()
    x, y = _at(page, node_id)
    assert abs(x - (box["x"] + box["width"] / 2)) < 2 and abs(y - (box["y"] + box["height"] / 2)) < 2


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


def test_view_click_selects_and_highlights_neighbours(opened, written):
    page = opened(written["seed-full"].path).page
    page.mouse.click(*_at(page, "person:antony-blinken"))
    assert page.evaluate("window.diplographView.selected") == "person:antony-blinken"
    colours = page.evaluate("""() => { const r = window.diplographView.renderer;
        return Object.fromEntries(window.diplographView.data.nodes.map(
            n => [n.id, r.getNodeDisplayData(n.id).color])); }""")
    assert colours["meeting:2024-01-12-washington"] == "#f59e0b"
    assert colours["country:USA"] == "#22c55e"
    assert colours["person:fumio-kishida"] == colours["topic:ukraine"] == "#e5e7eb"
    assert page.locator("#details h3").text_content() == "Antony Blinken"


@pytest.mark.parametrize("case", ["synthetic-600", "synthetic-1500-capped", "synthetic-12000"])
def test_view_click_on_a_node_centre_selects_that_node(opened, written, case):
    page = opened(written[case].path).page
    ids = [n["id"] for n in json.loads(page.evaluate("JSON.stringify(window.diplographView.data.nodes)"))]
    hits = 0
    for node_id in random.Random(5).sample(ids, 50):
        page.mouse.click(*_at(page, node_id))
        hits += page.evaluate("window.diplographView.selected") == node_id
        page.mouse.click(*_at(page, node_id))  # a second click on the same node changes nothing
    assert hits >= 48, f"{hits} of 50 clicks selected the node clicked"


def test_view_drawn_nodes_do_not_overlap_at_the_first_zoom(opened, written):
    page = opened(written["synthetic-600"].path).page
    overlaps = page.evaluate("""() => { const v = window.diplographView; const ids = v.data.nodes.map(n => n.id);
        const pts = ids.map(id => [v.screenPosition(id), v.nodeRadius(id)]); let bad = 0;
        for (let i = 0; i < pts.length; i++) for (let j = i + 1; j < pts.length; j++) {
          const a = pts[i], b = pts[j];
          if (Math.hypot(a[0].x - b[0].x, a[0].y - b[0].y) < a[1] + b[1] - 0.5) bad++; }
        return bad; }""")
    assert overlaps == 0


def test_view_legend_hides_a_node_type_and_refits(opened, written):
    page = opened(written["seed-full"].path).page
    before = _at(page, "person:antony-blinken")
    page.click('#legend input[data-type="topic"]')
    assert "topic:ukraine" not in _visible(page) and len(_visible(page)) == 8
    assert "meeting:2024-01-12-washington" in _visible(page)
    assert "showing 8 of 11 nodes and 8 of 11 edges" in page.locator("#summary").text_content()
    assert _at(page, "person:antony-blinken") != before  # the drawing was fitted again
    page.click('#legend input[data-type="topic"]')
    assert len(_visible(page)) == 11


def test_view_edge_types_can_be_hidden(opened, written):
    page = opened(written["seed-full"].path).page
    page.click('#edge-legend input[data-edge-type="mentions"]')
    page.click('#edge-legend input[data-edge-type="reported_by"]')
    edges = page.evaluate("""() => { const v = window.diplographView;
        return v.visibleEdges().map(e => v.graph.getEdgeAttribute(e, 'etype')); }""")
    assert len(edges) == 9 and not {"mentions", "reported_by"} & set(edges)
    assert "9 of 11 edges" in page.locator("#summary").text_content()


@pytest.mark.parametrize(
    "filters, says",
    [({"since": "2022", "until": "2022-06"}, "since 2022; until 2022-06"),
     ({"kind": "call"}, "format call"),
     ({"country": "C03"}, "country C03"),
     ({"topic": "Topic 4"}, "topic Topic 4")],
)
def test_view_filters_show_only_matching_meetings(opened, written, filters, says):
    page = opened(written["synthetic-600"].path).page
    summary = page.evaluate("f => window.diplographView.setFilters(f)", filters)
    assert says in summary
    data = json.loads(page.evaluate("JSON.stringify(window.diplographView.data)"))
    shown = set(_visible(page))
    rows = {n["id"]: data["meetings"][n["m"][0]] for n in data["nodes"] if n["type"] == "meeting"}

    def matches(row):
        date, kind, codes, topics = row
        return ((not filters.get("since") or date >= "2022-01-01")
                and (not filters.get("until") or date <= "2022-06-31")
                and (not filters.get("kind") or kind == filters["kind"])
                and (not filters.get("country") or filters["country"] in codes)
                and (not filters.get("topic") or data["topics"].index(filters["topic"]) in topics))
    expected = {m for m, row in rows.items() if matches(row)}
    assert expected and {m for m in rows if m in shown} == expected
    assert f"showing {len(shown):,} of 600 nodes" in summary
    page.click("#f-clear")
    assert len(_visible(page)) == 600


def test_view_filter_inputs_work_as_typed(opened, written):
    page = opened(written["synthetic-600"].path).page
    page.select_option("#f-kind", "multilateral")
    kinds = page.evaluate("""() => { const v = window.diplographView; const shown = new Set(v.visibleNodes());
        return [...new Set(v.data.nodes.filter(n => n.type === 'meeting' && shown.has(n.id))
                  .map(n => v.data.meetings[n.m[0]][1]))]; }""")
    assert kinds == ["multilateral"]
    page.fill("#f-since", "last week")
    page.press("#f-since", "Tab")
    assert "type a date like 2024" in page.locator("#summary").text_content()


@pytest.mark.parametrize("case", ["hostile-full", "hostile-people"])
@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_view_hostile_names_run_nothing_and_show_literally(opened, written, case, name):
    page = opened(written[case].path).page
    page.locator("#search").press_sequentially(name[:12])
    node_id = page.evaluate("name => window.diplographView.select(name)", name)
    assert node_id is not None
    page.mouse.move(*_at(page, node_id))  # hover: sigma draws the label on its canvas
    page.wait_for_timeout(200)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("#details h3").text_content() == name
    assert page.locator("#details img, #candidates img, #details script").count() == 0


@pytest.mark.parametrize("case", ["seed-full", "synthetic-600", "synthetic-12000"])
def test_view_canvas_is_not_blank(opened, written, case):
    page = opened(written[case].path).page
    page.wait_for_timeout(300)
    assert distinct_colours(page.locator("#graph").screenshot()) > 50


def test_view_large_page_pans_by_dragging(opened, written):
    page = opened(written["synthetic-12000"].path).page
    node_id = "person:p5"
    # let the first frames of a 12,000-node page settle: on a loaded machine a drag that starts while
    # the page still renders its first frame is not a drag the view has seen
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    page.wait_for_timeout(300)
    x, y = _at(page, node_id)
    box = page.locator("#graph").bounding_box()
    start = (box["x"] + 40, box["y"] + 40)
    page.mouse.move(*start)
    page.mouse.down()
    for i in range(1, 11):
        page.mouse.move(start[0] + 8 * i, start[1] + 5 * i)
    page.mouse.up()
    page.wait_for_function("() => !document.querySelector('#graph canvas').style.transform")
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    x2, y2 = _at(page, node_id)
    assert abs(x2 - x - 80) < 2 and abs(y2 - y - 50) < 2
    assert page.evaluate("window.diplographView.selected") is None
