"""The pages ``diplograph build`` writes for real corpora, opened in headless chromium offline.

The sample reports give a full view (a small graph); the Office of the Historian's corpus gives
the who-met-whom view of all its people (a large graph), with a note saying so.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.browser.chromium import open_offline  # noqa: E402

pytestmark = pytest.mark.browser

SAMPLE_NAMES = {
    "Blinken": "Antony Blinken", "Biden": "Joe Biden", "Kishida": "Fumio Kishida",
    "Xi Jinping": "Xi Jinping", "Lavrov": "Sergey Lavrov", "Putin": "Vladimir Putin",
    "President Biden": "Joe Biden", "Modi": "Narendra Modi", "MBS": "Mohammed bin Salman",
}
HISTORY_NAMES = {
    "Henry Kissinger": "Henry Kissinger", "Condoleezza Rice": "Condoleezza Rice",
    "Margaret Thatcher": "Margaret Thatcher", "Angela Merkel": "Angela Merkel",
    "Helmut Kohl": "Helmut Kohl", "Vladimir Putin": "Vladimir Putin", "Tony Blair": "Tony Blair",
    "Mubarak": "Hosni Mubarak", "Benjamin Netanyahu": "Benjamin Netanyahu", "Mahmoud Abbas": "Mahmoud Abbas",
    "Yitzhak Rabin": "Yitzhak Rabin", "Anwar Sadat": "Anwar Sadat", "Chirac": "Jacques Chirac",
    "Madeleine Albright": "Madeleine Albright", "John Kerry": "John Kerry",
    "Colin Powell": "Colin Powell", "Eisenhower": "Dwight D. Eisenhower",
    "President Obama": "Barack Obama", "Erdogan": "Recep Tayyip Erdoğan",
    "George Shultz": "George Shultz",
}


def _build(corpus: Path, out: Path) -> Path:
    proc = subprocess.run([sys.executable, "-m", "diplograph_cli", "build", str(corpus), "--out",
                           str(out), "--quiet"], cwd=ROOT, capture_output=True, text=True,
                          timeout=1800)
    assert proc.returncode == 0, proc.stderr
    return out / "graph.html"


@pytest.fixture(scope="module")
def sample_page(tmp_path_factory) -> Path:
    return _build(ROOT / "data" / "reports", tmp_path_factory.mktemp("samples"))


@pytest.fixture(scope="module")
def history_page(shared_corpora, tmp_path_factory) -> Path:
    return _build(shared_corpora / "historyatstate", tmp_path_factory.mktemp("history"))


@pytest.fixture()
def opened(browser):
    pages = []

    def _open(path):
        page = open_offline(browser, path, timeout_ms=120_000)
        pages.append(page)
        return page

    yield _open
    for page in pages:
        page.close()


def _search(page, typed: str) -> tuple[str, str] | None:
    page.fill("#search", typed)
    page.press("#search", "Enter")
    chosen = page.evaluate("""() => { const v = window.diplographView;
        const n = v.data.nodes.find(n => n.id === v.selected); return n ? [n.type, n.label] : null; }""")
    return tuple(chosen) if chosen else None


def _clicks(page, count: int, seed: int) -> int:
    ids = json.loads(page.evaluate("JSON.stringify(window.diplographView.data.nodes.map(n => n.id))"))
    hits = 0
    for node_id in random.Random(seed).sample(ids, count):
        p = page.evaluate("id => window.diplographView.screenPosition(id)", node_id)
        page.mouse.click(p["x"], p["y"])
        hits += page.evaluate("window.diplographView.selected") == node_id
    return hits


def test_samples_page_is_the_full_view_and_finds_people_by_name(opened, sample_page):
    page = opened(sample_page)
    assert page.blocked == [] and page.errors == []
    types = set(page.page.evaluate("window.diplographView.data.nodes.map(n => n.type)"))
    assert {"person", "meeting", "document"} <= types
    found = {typed: _search(page.page, typed) for typed in SAMPLE_NAMES}
    assert found == {typed: ("person", label) for typed, label in SAMPLE_NAMES.items()}


def test_samples_page_click_on_a_node_centre_selects_it(opened, sample_page):
    assert _clicks(opened(sample_page).page, 50, seed=11) >= 48


def test_history_page_is_who_met_whom_with_every_person_and_a_note(opened, history_page):
    import networkx as nx

    g = nx.read_graphml(history_page.with_name("graph.graphml"))
    people = {n for n, d in g.nodes(data=True) if d.get("type") == "person" and d.get("n_meetings")}
    page = opened(history_page)
    assert page.blocked == [] and page.errors == []
    shown = page.page.evaluate("window.diplographView.data.nodes.map(n => n.id)")
    assert len(shown) > 2000
    assert set(shown) <= people and len(shown) >= 0.95 * len(people)
    note = page.page.locator("#note").text_content()
    assert "who met whom" in note and "--country" in note


def test_history_page_finds_twenty_people_by_name(opened, history_page):
    page = opened(history_page).page
    found = {typed: _search(page, typed) for typed in HISTORY_NAMES}
    assert found == {typed: ("person", label) for typed, label in HISTORY_NAMES.items()}


def test_history_page_click_on_a_node_centre_selects_it(opened, history_page):
    assert _clicks(opened(history_page).page, 50, seed=3) >= 48
