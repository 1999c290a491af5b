"""Tests of graph.views without a browser: selection, filters, notes, escaping, offline page."""

from __future__ import annotations

import copy
import json
import re
import sys
from pathlib import Path

import networkx as nx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from graph import views  # noqa: E402
from graph.errors import UnknownCountry, UnknownNode, UnknownTopic  # noqa: E402
from graph.view_layout import overlaps  # noqa: E402
from graph.views import (  # noqa: E402
    ViewOptionError,
    display_inline,
    in_notebook,
    layout_positions,
    select_view,
    write_view,
)
from tests.browser.graphs import HOSTILE_NAMES, hostile_graph, seed_graph, synthetic_graph  # noqa: E402

SEED_MEETING = "meeting:2024-01-12-washington"


def _add_meeting(g, mid, date, kind, city, country, people, topics):
    """Add a meeting with its participants and topics to `g` (persons must exist)."""
    g.add_node(mid, type="meeting", label=mid, date=date, kind=kind, city=city,
               country=country, evidence=json.dumps([{"text": f"{mid} happened.",
                                                      "source": f"{mid}.txt"}]))
    for p in people:
        g.add_edge(p, mid, type="participated_in")
    for t in topics:
        g.add_edge(mid, t, type="about")


@pytest.fixture()
def three_meetings():
    """The seed graph plus a Blinken-Wang Yi call and a G7 meeting in Tokyo in 2023."""
    g = seed_graph()
    g.add_node("country:CHN", type="country", label="China", code="CHN")
    g.add_node("country:GBR", type="country", label="United Kingdom", code="GBR")
    g.add_node("person:wang-yi", type="person", label="Wang Yi", title="Foreign Minister",
               country="CHN", n_meetings=1)
    g.add_node("person:james-cleverly", type="person", label="James Cleverly",
               title="Foreign Secretary", country="GBR", n_meetings=1)
    g.add_edge("person:wang-yi", "country:CHN", type="represents")
    g.add_edge("person:james-cleverly", "country:GBR", type="represents")
    _add_meeting(g, "meeting:call", "2024-01-26", "call", "", "", 
                 ["person:antony-blinken", "person:wang-yi"], ["topic:taiwan-strait"])
    _add_meeting(g, "meeting:g7", "2023-11-08", "multilateral", "Tokyo", "JPN",
                 ["person:antony-blinken", "person:yoko-kamikawa", "person:james-cleverly"],
                 ["topic:ukraine"])
    return g


def _meetings(selection):
    return sorted(n for n in selection.graph if n.startswith("meeting:"))


def _page_data(page: str) -> dict:
    block = re.search(r'<script type="application/json" id="view-data">(.*?)</script>', page, re.S)
    return json.loads(block.group(1))


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({}, ["meeting:2024-01-12-washington", "meeting:call", "meeting:g7"]),
        ({"country": "CHN"}, ["meeting:call"]),
        ({"country": "china"}, ["meeting:call"]),
        ({"country": "JPN"}, ["meeting:2024-01-12-washington", "meeting:g7"]),
        ({"topic": "Ukraine"}, ["meeting:2024-01-12-washington", "meeting:g7"]),
        ({"topic": "taiwan"}, ["meeting:2024-01-12-washington", "meeting:call"]),
        ({"kind": "call"}, ["meeting:call"]),
        ({"since": "2024"}, ["meeting:2024-01-12-washington", "meeting:call"]),
        ({"until": "2023-12"}, ["meeting:g7"]),
        ({"since": "2024-01-13", "until": "2024-01-31"}, ["meeting:call"]),
        ({"kind": "call", "country": "JPN"}, []),
    ],
)
def test_select_view_filters_meetings(three_meetings, filters, expected):
    assert _meetings(select_view(three_meetings, **filters)) == expected


def test_select_view_keeps_what_hangs_off_kept_meetings(three_meetings):
    shown = select_view(three_meetings, kind="call").graph
    assert sorted(shown) == ["country:CHN", "country:USA", "meeting:call",
                             "person:antony-blinken", "person:wang-yi", "topic:taiwan-strait"]


def test_select_view_full_view_leaves_met_edges_out(three_meetings):
    shown = select_view(three_meetings).graph
    assert "met" not in {d["type"] for _, _, d in shown.edges(data=True)}
    assert shown.number_of_nodes() == three_meetings.number_of_nodes()


@pytest.mark.parametrize(
    "filters, pair, count",
    [
        ({}, ("person:antony-blinken", "person:yoko-kamikawa"), 2),
        ({"since": "2024"}, ("person:antony-blinken", "person:yoko-kamikawa"), 1),
        ({}, ("person:antony-blinken", "person:wang-yi"), 1),
        ({}, ("person:james-cleverly", "person:yoko-kamikawa"), 1),
    ],
)
def test_select_view_people_counts_meetings_per_pair(three_meetings, filters, pair, count):
    shown = select_view(three_meetings, view="people", **filters).graph
    assert shown[pair[0]][pair[1]]["count"] == count
    assert {three_meetings.nodes[n]["type"] for n in shown} == {"person"}


def test_select_view_people_leaves_out_people_without_meetings(three_meetings):
    assert "person:fumio-kishida" not in select_view(three_meetings, view="people").graph


@pytest.mark.parametrize(
    "view, focus, radius, expected",
    [
        ("people", "person:wang-yi", 1, ["person:antony-blinken", "person:wang-yi"]),
        ("people", "Wang Yi", 2, ["person:antony-blinken", "person:james-cleverly",
                                   "person:wang-yi", "person:yoko-kamikawa"]),
        # one step crosses a meeting: the call, and whom and what it was with
        ("full", "person:wang-yi", 1, ["country:CHN", "meeting:call", "person:antony-blinken", "person:wang-yi",
                                       "topic:taiwan-strait"]),
        ("full", "topic:ukraine", 0, ["topic:ukraine"]),
    ],
)
def test_select_view_focus_is_an_ego_view(three_meetings, view, focus, radius, expected):
    assert sorted(select_view(three_meetings, view=view, focus=focus, radius=radius).graph) == expected


@pytest.mark.parametrize(
    "kwargs, error, bad",
    [
        ({"view": "tree"}, ViewOptionError, "tree"),
        ({"kind": "visit"}, ViewOptionError, "visit"),
        ({"since": "last week"}, ViewOptionError, "last week"),
        ({"until": "2024/01/02"}, ViewOptionError, "2024/01/02"),
        ({"max_nodes": 0}, ViewOptionError, "0"),
        ({"radius": -1}, ViewOptionError, "-1"),
        ({"country": "Atlantis"}, UnknownCountry, "Atlantis"),
        ({"topic": "Mars landing"}, UnknownTopic, "Mars landing"),
        ({"focus": "Antony Blinkn"}, UnknownNode, "Antony Blinkn"),
    ],
)
def test_select_view_rejects_bad_options_naming_the_value(three_meetings, kwargs, error, bad):
    with pytest.raises(error) as info:
        select_view(three_meetings, **kwargs)
    assert bad in str(info.value)


def test_select_view_unknown_focus_offers_closest_names(three_meetings):
    with pytest.raises(UnknownNode) as info:
        select_view(three_meetings, focus="Antony Blinkn")
    assert "Antony Blinken" in info.value.closest


def test_select_view_focus_outside_filters_says_what_to_do(three_meetings):
    with pytest.raises(UnknownNode, match="Drop a filter"):
        select_view(three_meetings, focus="person:wang-yi", kind="multilateral")


@pytest.mark.parametrize("view, max_nodes", [("full", 50), ("people", 50), ("full", 150)])
def test_write_view_above_max_nodes_keeps_people_and_meetings_first_with_a_note(tmp_path, view,
                                                                                 max_nodes):
    g = synthetic_graph(400)
    result = write_view(g, tmp_path / "v.html", view=view, max_nodes=max_nodes)
    data = _page_data(result.path.read_text(encoding="utf-8"))
    assert result.nodes == len(data["nodes"]) == max_nodes
    assert result.omitted > 0 and f"{result.omitted:,} left out" in result.note
    assert "--focus" in result.note and "filter" in result.note
    assert data["note"] == result.note
    full = select_view(g, view=view, max_nodes=10**6).graph
    rank = {t: i for i, t in enumerate(views.KEEP_ORDER)}
    key = {n: (rank[full.nodes[n].get("type", "person")] if view == "full" else 0, -d)
           for n, d in full.degree()}
    shown = {n["id"] for n in data["nodes"]}
    assert max(key[n] for n in shown) <= min(key[n] for n in full if n not in shown)
    # meetings are never dropped in favour of documents
    if view == "full":
        types = {n["type"] for n in data["nodes"]}
        assert "document" not in types and ("meeting" in types or max_nodes <= 80)


def test_write_view_focus_survives_max_nodes(tmp_path):
    g = synthetic_graph(400)
    result = write_view(g, tmp_path / "v.html", focus="person:p50", radius=3, max_nodes=10)
    assert "person:p50" in {n["id"] for n in _page_data(result.path.read_text())["nodes"]}


def test_write_view_without_overflow_has_no_note(tmp_path, three_meetings):
    result = write_view(three_meetings, tmp_path / "v.html")
    assert (result.omitted, result.note) == (0, "")
    assert (result.nodes, result.edges) == (17, 20)


def test_write_view_empty_selection_says_so(tmp_path, three_meetings):
    result = write_view(three_meetings, tmp_path / "v.html", kind="call", country="JPN")
    assert result.nodes == 0 and "no meeting matches" in result.note


@pytest.mark.parametrize("view", ["full", "people"])
def test_write_view_escapes_document_text(tmp_path, view):
    page = write_view(hostile_graph(), tmp_path / "v.html", view=view).path.read_text("utf-8")
    for name in HOSTILE_NAMES:
        assert name not in page
    body = page.split('id="view-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in body and ">" not in body and "&" not in body
    labels = {n["label"] for n in _page_data(page)["nodes"]}
    assert set(HOSTILE_NAMES) <= labels


def test_write_view_escapes_line_separators_and_title(tmp_path):
    g = seed_graph()
    g.nodes["person:antony-blinken"]["label"] = "Antony\u2028Blinken</script>"
    page = write_view(g, tmp_path / "v.html", title="<b>Mine</b>").path.read_text("utf-8")
    assert "\u2028" not in page and "Blinken</script>" not in page
    assert "<title>&lt;b&gt;Mine&lt;/b&gt;</title>" in page
    assert "Antony\u2028Blinken</script>" in {n["label"] for n in _page_data(page)["nodes"]}


def test_write_view_page_has_no_external_urls(tmp_path, three_meetings):
    page = write_view(three_meetings, tmp_path / "v.html").path.read_text("utf-8")
    assert not re.findall(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"<link\b|<script[^>]*\bsrc=", page, re.I)
    assert "new Sigma.Sigma(" in page and "graphology.MultiGraph" in page
    assert "sourceMappingURL" not in page


@pytest.mark.parametrize("view", ["full", "people"])
def test_write_view_does_not_mutate_callers_graph(tmp_path, three_meetings, view):
    before = copy.deepcopy(three_meetings)
    write_view(three_meetings, tmp_path / "v.html", view=view, focus="person:antony-blinken",
               max_nodes=5)
    assert nx.utils.graphs_equal(before, three_meetings)
    assert list(before.edges(keys=True, data=True)) == list(three_meetings.edges(keys=True, data=True))


def test_write_view_styles_nodes_and_edges(tmp_path, three_meetings):
    data = _page_data(write_view(three_meetings, tmp_path / "v.html").path.read_text())
    by_id = {n["id"]: n for n in data["nodes"]}
    assert by_id["person:antony-blinken"]["size"] > by_id["person:wang-yi"]["size"]
    assert {t["type"] for t in data["types"] if t["count"]} == {
        "person", "meeting", "country", "topic", "place", "document"}
    took_part = [e for e in data["edges"] if e["type"] == "participated_in"]
    assert len(took_part) == 7
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", dict(e["info"])["Date"]) for e in took_part)
    assert {t["type"]: t["label"] for t in data["edgeTypes"]}["participated_in"] == "took part in"
    assert "17 nodes, 20 edges" in data["summary"]


def test_write_view_people_edges_carry_counts_dates_and_evidence(tmp_path, three_meetings):
    data = _page_data(write_view(three_meetings, tmp_path / "v.html", view="people").path.read_text())
    edge = next(e for e in data["edges"]
                if {e["from"], e["to"]} == {"person:antony-blinken", "person:yoko-kamikawa"})
    assert edge["tip"] == "Antony Blinken and Yoko Kamikawa: 2 meetings, 2023-11-08 to 2024-01-12"
    assert edge["width"] > 1 and edge["evidence"][0]["text"].startswith("Foreign Minister")


def test_write_view_works_on_the_builders_graph(tmp_path, sample_graph):
    result = write_view(sample_graph, tmp_path / "v.html", view="people")
    assert result.nodes == sum(1 for _, d in sample_graph.nodes(data=True)
                               if d["type"] == "person" and d.get("n_meetings"))


def test_write_view_leaves_no_temporary_files(tmp_path, three_meetings):
    write_view(three_meetings, tmp_path / "v.html")
    write_view(three_meetings, tmp_path / "v.html", view="people")
    assert [p.name for p in tmp_path.iterdir()] == ["v.html"]


@pytest.mark.parametrize("n", [12, 700, 3000])
def test_layout_positions_is_deterministic_and_spread(n):
    g = nx.Graph(synthetic_graph(n))
    g.add_node("lonely")
    pos = layout_positions(g, seed=3)
    assert pos == layout_positions(g, seed=3)
    assert set(pos) == set(g)
    assert len(set(pos.values())) == len(pos)
    assert pos["lonely"][1] > max(y for node, (_, y) in pos.items() if g.degree(node))


@pytest.mark.parametrize("n", [40, 700, 3000])
def test_layout_positions_leaves_no_overlaps_with_node_sizes(n):
    g = nx.Graph(synthetic_graph(n))
    radii = {v: 3.0 + min(9.0, g.degree(v) / 2) for v in g}
    pos = layout_positions(g, radii=radii)
    assert overlaps(pos, radii) == 0
    # and not by flinging nodes apart: the drawing stays compact
    xs, ys = zip(*pos.values())
    area = (max(xs) - min(xs)) * (max(ys) - min(ys))
    assert area < 60 * sum(3.14159 * r * r for r in radii.values())


def test_overlaps_counts_pairs_closer_than_their_radii():
    assert overlaps({"a": (0, 0), "b": (5, 0), "c": (8, 0)}, {"a": 3, "b": 3, "c": 1}) == 2


def test_display_inline_shows_an_escaped_srcdoc_iframe(tmp_path, monkeypatch, three_meetings):
    result = write_view(hostile_graph(), tmp_path / "v.html")
    shown = []
    monkeypatch.setattr(views, "in_notebook", lambda: True)
    import IPython.display

    monkeypatch.setattr(IPython.display, "display", shown.append)
    assert display_inline(result, height=400) == result.path
    frame = shown[0].data
    assert frame.startswith('<div><iframe srcdoc="') and "height:400px" in frame
    inner = frame.split('srcdoc="', 1)[1].rsplit('" style=', 1)[0]
    assert '"' not in inner and "<" not in inner


def test_display_inline_missing_page_says_what_to_do(tmp_path):
    with pytest.raises(FileNotFoundError, match="write_view"):
        display_inline(tmp_path / "nothing.html")


def test_in_notebook_is_false_under_pytest():
    assert in_notebook() is False


BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"


@pytest.mark.parametrize("view", ["full", "people"])
def test_write_view_strips_bidi_controls_from_labels_panel_and_citations(tmp_path, view):
    g = seed_graph()
    g.nodes["person:antony-blinken"]["label"] = "Antony \u202eneknilB\u202c"
    g.nodes["person:antony-blinken"]["title"] = "Secretary\u2067 of State\u2069"
    evidence = [{"text": "Kamikawa met \u202dBlinken\u202c.", "source": "seed\u202e.txt\u200f"}]
    g.nodes[SEED_MEETING]["evidence"] = json.dumps(evidence)
    page = write_view(g, tmp_path / "v.html", view=view).path.read_text("utf-8")
    assert not any(ch in page.split('id="view-data">', 1)[1] for ch in BIDI)
    data = _page_data(page)
    blinken = next(n for n in data["nodes"] if n["id"] == "person:antony-blinken")
    assert blinken["label"] == "Antony neknilB"
    assert dict(blinken["info"])["Title"] == "Secretary of State"
    cited = blinken["evidence"][0]
    assert (cited["text"], cited["source"]) == ("Kamikawa met Blinken.", "2024-01-12, seed.txt")


def test_write_view_search_terms_hold_titles_aliases_and_initials(tmp_path):
    g = seed_graph()
    g.add_node("person:mbs", type="person", label="Mohammed bin Salman", title="Crown Prince",
               country="SAU", aliases=json.dumps(["Muhammad bin Salman"]))
    g.add_node("meeting:x", type="meeting", label="x", date="2024-02-02", kind="in_person")
    g.add_edge("person:mbs", "meeting:x", type="participated_in")
    g.add_edge("person:antony-blinken", "meeting:x", type="participated_in")
    data = _page_data(write_view(g, tmp_path / "v.html").path.read_text("utf-8"))
    terms = {n["id"]: n["terms"] for n in data["nodes"]}
    assert {"Secretary of State Blinken", "Secretary Blinken"} <= set(terms["person:antony-blinken"])
    assert {"MBS", "Muhammad bin Salman", "Crown Prince Salman"} <= set(terms["person:mbs"])
    assert "JPN" in terms["country:JPN"]


def test_write_view_gives_the_page_a_meeting_table_to_filter_on(tmp_path, three_meetings):
    data = _page_data(write_view(three_meetings, tmp_path / "v.html").path.read_text("utf-8"))
    rows = {tuple(data["meetings"][n["m"][0]][:2]): data["meetings"][n["m"][0]]
            for n in data["nodes"] if n["type"] == "meeting"}
    assert rows[("2024-01-26", "call")][2] == ["CHN", "USA"]
    assert [data["topics"][t] for t in rows[("2024-01-26", "call")][3]] == ["Taiwan Strait"]
    assert sorted(rows[("2023-11-08", "multilateral")][2]) == ["GBR", "JPN", "USA"]
    by_id = {n["id"]: n for n in data["nodes"]}
    # a country stands for its officials' meetings, a person for theirs
    assert len(by_id["country:CHN"]["m"]) == 1 and len(by_id["person:antony-blinken"]["m"]) == 3
    assert ["CHN", "China"] in data["countries"]


def test_write_view_people_edges_know_their_meetings(tmp_path, three_meetings):
    data = _page_data(write_view(three_meetings, tmp_path / "v.html", view="people").path.read_text())
    edge = next(e for e in data["edges"]
                if {e["from"], e["to"]} == {"person:antony-blinken", "person:yoko-kamikawa"})
    assert sorted(data["meetings"][m][0] for m in edge["m"]) == ["2023-11-08", "2024-01-12"]


def test_select_view_auto_is_full_for_small_graphs_and_people_for_large(three_meetings):
    assert select_view(three_meetings, view="auto").view == "full"
    big = synthetic_graph(views.AUTO_FULL_MAX_NODES + 500)
    chosen = select_view(big, view="auto")
    assert chosen.view == "people"
    assert "who met whom" in chosen.note and "--country" in chosen.note
    assert {big.nodes[n]["type"] for n in chosen.graph} == {"person"}


@pytest.mark.parametrize(
    "make, view, says",
    [
        (nx.MultiDiGraph, "full", "The graph is empty"),
        (lambda: nx.MultiDiGraph(nx.path_graph(4)), "full", "not written by diplograph"),
        (lambda: nx.MultiDiGraph(nx.path_graph(4)), "people", "not written by diplograph"),
    ],
)
def test_write_view_empty_or_foreign_graph_says_what_happened(tmp_path, make, view, says):
    result = write_view(make(), tmp_path / "v.html", view=view)
    assert result.nodes == 0 and says in result.note and "diplograph build" in result.note
    assert _page_data(result.path.read_text("utf-8"))["note"] == result.note


def test_write_view_graph_without_meetings_says_so_not_filters(tmp_path):
    g = nx.MultiDiGraph()
    g.add_node("document:a", type="document", label="A report")
    g.add_node("person:a", type="person", label="Ana Ruiz")
    g.add_edge("document:a", "person:a", type="mentions")
    result = write_view(g, tmp_path / "v.html", view="people")
    assert "no meeting was found" in result.note and "filters" not in result.note
    assert write_view(g, tmp_path / "w.html").nodes == 2


def test_vendored_scripts_ship_with_licences_and_versions():
    from importlib import resources

    vendor = resources.files("graph").joinpath("resources", "vendor")
    names = {p.name for p in vendor.iterdir()}
    assert {"sigma.min.js", "graphology.umd.min.js", "LICENSE-sigma.txt",
            "LICENSE-graphology.txt", "VERSIONS.md"} <= names
    notes = vendor.joinpath("VERSIONS.md").read_text("utf-8")
    for name, version in views.VENDORED.values():
        assert name in notes and version in notes
    pyproject = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text("utf-8")
    assert '"resources/vendor/*"' in pyproject
