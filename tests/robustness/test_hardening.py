"""Issue 17: what a probe of hostile input, faults and first use found, each case driven as a user drives it.

Every test reproduces one finding of the issue (numbered as there) and asserts the outcome: a
clear message naming the file and the fix, no traceback, the good documents built, nothing
already stored lost. The catalogue in tests/robustness/README.md lists each with its outcome.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path

import networkx as nx
import pytest
from robust_inputs import GOOD_1, GOOD_2, failures, run_cli

from graph.build import build_graph
from graph.export import read_graphml, write_graphml
from graph.safetext import BIDI_CONTROLS, FORMULA_STARTS

ESC_NAME = "report\x1b]0;PWNED\x07\x1b[2J.txt"
RLO = "\u202e"
TRIPS = """<?xml version="1.0" encoding="UTF-8"?>
<trips>
{}
</trips>
"""
TRIP = """    <trip role="secretary" who="albright-madeleine-korbel">
        <id>{n}</id>
        <role>secretary</role>
        <name>Madeleine Korbel Albright</name>
        <start-date>1999-02-{day:02d}</start-date>
        <end-date>1999-02-{day:02d}</end-date>
        <country id="jordan">Jordan</country>
        <locale>Amman</locale>
        <remarks>Met with King Abdullah II.</remarks>
    </trip>"""


def _no_traceback(run) -> None:
    assert "Traceback" not in run.stderr and "Traceback" not in run.stdout, run.stderr[-2000:]


def _documents(graph_file: Path) -> set[str]:
    g = read_graphml(graph_file)
    return {n for n, t in g.nodes(data="type") if t == "document"}


# --- 1, 4, 6, 7: one build over a corpus holding the hostile files ------------------------


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    """A folder with a good report, a file named with terminal escapes, a link out of the folder,
    a PDF, and its own output folder inside it; built twice with the default --out inside it."""
    root = tmp_path_factory.mktemp("hostile-build")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(GOOD_1, encoding="utf-8")
    (corpus / ESC_NAME).write_text("not json", encoding="utf-8")
    (corpus / ESC_NAME).rename(corpus / (ESC_NAME[:-4] + ".json"))
    secret = root / "secret.txt"
    secret.write_text("Foreign Minister Ana Ruiz of Peru met Foreign Minister Li Wen of China in Lima on 3 May 2024. "
                      "LEAK-SECRET\n", encoding="utf-8")
    os.symlink(secret, corpus / "passwd.txt")
    (corpus / "scan.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    out = corpus / "out"
    first = run_cli("build", str(corpus), "--out", str(out), "--quiet")
    second = run_cli("build", str(corpus), "--out", str(out), "--quiet")
    return {"root": root, "corpus": corpus, "out": out, "runs": (first, second)}


def test_build_prints_file_names_with_escapes_shown_not_run(hostile_build):
    """1. A file name holding ESC and OSC sequences cannot retitle or clear the terminal."""
    for run in hostile_build["runs"]:
        _no_traceback(run)
        assert "\x1b" not in run.stderr and "\x07" not in run.stderr and "\x1b" not in run.stdout
        assert "report\\x1b]0;PWNED\\x07\\x1b[2J.json: is not valid JSON" in run.stderr


def test_build_does_not_follow_a_link_out_of_the_folder(hostile_build):
    """4. A file link to a file outside the folder is reported, never read."""
    first, _ = hostile_build["runs"]
    reason = failures(first.stderr)[str(hostile_build["corpus"] / "passwd.txt")]
    assert "is a symbolic link to" in reason and "outside" in reason and "--follow-symlinks" in reason
    assert "LEAK-SECRET" not in (hostile_build["out"] / "records.jsonl").read_text(encoding="utf-8")


def test_extract_follows_links_out_of_the_folder_when_asked(hostile_build):
    run = run_cli("extract", str(hostile_build["corpus"] / "passwd.txt").rsplit("/", 1)[0], "--jsonl",
                  "--follow-symlinks")
    _no_traceback(run)
    assert any("LEAK-SECRET" in json.loads(line)["text"] for line in run.stdout.splitlines())


def test_build_never_reads_its_own_outputs(hostile_build):
    """6. --out inside the input folder: records.jsonl and graph.html are outputs, not reports."""
    for run in hostile_build["runs"]:
        assert run.returncode == 1  # the bad JSON, the link and the PDF fail; nothing else
        assert run.stdout.startswith("documents: 4 ("), run.stdout
        assert "out/" not in run.stderr
    assert len(_documents(hostile_build["out"] / "graph.graphml")) == 1


def test_build_reports_a_pdf_in_a_folder(hostile_build):
    """7. A .pdf is reported with what to do, not skipped silently."""
    first, _ = hostile_build["runs"]
    assert "convert it to text first" in failures(first.stderr)[str(hostile_build["corpus"] / "scan.pdf")]


def test_build_of_a_missing_path_changes_nothing(tmp_path):
    """7. A path that does not exist: exit 2, a clear error, and the last outputs untouched."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(GOOD_1, encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli("build", str(corpus), "--out", str(out), "--quiet", "--no-view").returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    run = run_cli("build", str(tmp_path / "corpsu"), "--out", str(out), "--quiet", "--no-view")
    _no_traceback(run)
    assert run.returncode == 2
    assert "does not exist" in run.stderr and "corpsu" in run.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


def test_build_of_an_empty_folder_says_no_reports_found(tmp_path):
    """7. An empty folder: 'No reports found', non-zero, no outputs written."""
    (tmp_path / "empty").mkdir()
    run = run_cli("build", str(tmp_path / "empty"), "--out", str(tmp_path / "out"), "--quiet")
    _no_traceback(run)
    assert run.returncode == 1
    assert "No reports found under" in run.stderr and "Nothing was written" in run.stderr
    assert not (tmp_path / "out" / "graph.graphml").exists()


def test_build_library_refuses_a_missing_path_before_writing(tmp_path):
    from graph.corpus import build_corpus
    from graph.errors import MissingInput

    with pytest.raises(MissingInput, match="No such file or folder: .*nowhere"):
        build_corpus([tmp_path / "nowhere"], tmp_path / "out", view=False)
    assert not (tmp_path / "out").exists()


# --- 5: a broken Office of the Historian file keeps its documents -------------------------


def test_broken_historian_file_fails_and_keeps_its_documents(tmp_path):
    """5. A syntax error early in a Historian XML file: reported, and its documents stay."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(GOOD_2, encoding="utf-8")
    trips = corpus / "trips.xml"
    trips.write_text(TRIPS.format("\n".join(TRIP.format(n=9000 + d, day=d) for d in range(1, 8))), encoding="utf-8")
    out = tmp_path / "out"
    first = run_cli("build", str(corpus), "--out", str(out), "--quiet", "--no-view")
    assert first.returncode == 0, first.stderr
    documents = _documents(out / "graph.graphml")
    assert len(documents) == 8

    trips.write_text(trips.read_text(encoding="utf-8").replace("<id>9001</id>", "<id>9001</idd>"), encoding="utf-8")
    second = run_cli("build", str(corpus), "--out", str(out), "--quiet", "--no-view")
    _no_traceback(second)
    assert second.returncode == 1
    reason = failures(second.stderr)[str(trips)]
    assert "is an Office of the Historian file that is not well-formed XML" in reason and "line" in reason
    assert "removed 0" in second.stdout and "kept from the last build: 7 document(s)" in second.stdout
    assert _documents(out / "graph.graphml") == documents

    third = run_cli("build", str(corpus), "--out", str(out), "--quiet", "--no-view")  # still broken: still kept
    assert _documents(out / "graph.graphml") == documents and third.returncode == 1
    trips.unlink()  # the user removes it: now its documents go
    fourth = run_cli("build", str(corpus), "--out", str(out), "--quiet", "--no-view")
    assert fourth.returncode == 0 and "removed 7" in fourth.stdout
    assert len(_documents(out / "graph.graphml")) == 1


# --- 12, 13: a damaged store, an output folder under a file --------------------------------


def test_damaged_store_says_what_to_do_and_rebuild_recovers(tmp_path):
    """12. Corrupted pages: a clear error naming the store and --rebuild; --rebuild moves it aside."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(GOOD_1, encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli("build", str(corpus), "--out", str(out), "--quiet", "--no-view").returncode == 0
    store = out / "store.sqlite"
    with open(store, "r+b") as fh:
        fh.seek(4096 * 2)
        fh.write(b"\xde\xad\xbe\xef" * 1024)
    damaged = store.read_bytes()
    run = run_cli("build", str(corpus), "--out", str(out), "--quiet", "--no-view")
    _no_traceback(run)
    assert run.returncode == 1
    assert f"{store} is not a usable diplograph store (" in run.stderr
    assert "--rebuild" in run.stderr
    again = run_cli("build", str(corpus), "--out", str(out), "--quiet", "--no-view", "--rebuild")
    _no_traceback(again)
    assert again.returncode == 0, again.stderr
    aside = [p for p in out.iterdir() if p.name.startswith("store.sqlite.damaged-") and not p.name.endswith(("-wal", "-shm"))]
    assert len(aside) == 1 and aside[0].read_bytes() == damaged
    assert "damaged store moved aside to: " + str(aside[0]) in again.stdout
    assert "meetings: 1" in again.stdout


def test_build_with_out_under_a_regular_file_says_so(tmp_path):
    """13. --out below a regular file: no NotADirectoryError, a message with the fix."""
    (tmp_path / "a.txt").write_text(GOOD_1, encoding="utf-8")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    run = run_cli("build", str(tmp_path / "a.txt"), "--out", str(tmp_path / "file" / "out"), "--quiet")
    _no_traceback(run)
    assert run.returncode == 1
    assert "as the output folder" in run.stderr and "Choose another --out folder" in run.stderr


# --- 2, 3: formulas and bidi controls in exports and query tables --------------------------


@pytest.fixture(scope="module")
def formula_graph(tmp_path_factory):
    """A saved graph whose document title, names and topic begin with spreadsheet formulas or hold RLO."""
    record = {
        "doc_id": "f1", "source": f"Headline {RLO}gnp.exe", "title": '=HYPERLINK("http://127.0.0.1:9/x","Click")',
        "published": "2024-05-03",
        "meetings": [{"kind": "in_person", "date": "2024-05-03", "location": {"city": "Lima", "country": "PER"},
                      "participants": [{"name": "Ana Ruiz", "title": "+Foreign Minister", "country": "PER"},
                                       {"name": "Li Wen", "title": "@SUM(A1)", "country": "CHN"}],
                      "topics": [{"label": "-2+3+cmd|' /C calc'!A0"}],
                      "evidence": [{"start": 0, "end": 10, "text": "\tevidence"}]}],
        "officials": [], "countries": [], "organizations": [], "warnings": [],
    }
    return write_graphml(build_graph([record]), tmp_path_factory.mktemp("formula") / "graph.graphml")


@pytest.mark.parametrize("fmt", ["csv", "neo4j"])
def test_export_cells_never_start_a_formula(formula_graph, tmp_path, fmt):
    """2. CSV and Neo4j cells: a leading =, +, -, @, tab or CR is neutralised with an apostrophe."""
    run = run_cli("export", "--graph", str(formula_graph), "--format", fmt, "--out", str(tmp_path / fmt))
    assert run.returncode == 0, run.stderr
    cells = [cell for f in sorted((tmp_path / fmt).glob("*.csv"))
             for row in csv.reader(open(f, encoding="utf-8", newline="")) for cell in row]
    assert "'=HYPERLINK(\"http://127.0.0.1:9/x\",\"Click\")" in cells
    assert "'@SUM(A1)" in cells and "'+Foreign Minister" in cells
    bad = [c for c in cells if c.startswith(FORMULA_STARTS)]
    assert bad == []


def test_graphml_export_drops_bidi_controls(formula_graph):
    """3. Exports hold no bidi control: the file name reads as it is."""
    text = Path(formula_graph).read_text(encoding="utf-8")
    assert not any(ch in text for ch in BIDI_CONTROLS)
    assert "Headline gnp.exe" in text


def test_query_table_shows_bidi_and_escapes_visibly(tmp_path):
    """3. A graph from another tool with RLO in a name: the table shows it as an escape, not reversed text."""
    record = {"doc_id": "b1", "source": "b.txt", "title": "t", "published": "2024-05-03",
              "meetings": [{"kind": "in_person", "date": "2024-05-03", "location": {"city": "Lima", "country": "PER"},
                            "participants": [{"name": "Ana Ruiz", "title": "Foreign Minister", "country": "PER"},
                                             {"name": "Li Wen", "title": "Foreign Minister", "country": "CHN"}],
                            "topics": [{"label": "trade"}], "evidence": []}],
              "officials": [], "countries": [], "organizations": [], "warnings": []}
    g = build_graph([record])
    for _, d in g.nodes(data=True):
        if d.get("label") == "Li Wen":
            d["label"] = d["name"] = f"Li {RLO}gnp.exe"
    path = tmp_path / "g.graphml"
    nx.write_graphml(g, path)  # as another tool would: nothing stripped
    run = run_cli("query", "who-met", "Ana Ruiz", "--graph", str(path))
    assert run.returncode == 0, run.stderr
    assert RLO not in run.stdout
    assert "Li \\u202egnp.exe" in run.stdout


# --- 18: disk full ---------------------------------------------------------------------


def test_disk_full_during_a_build_is_said_once(tmp_path, monkeypatch):
    """18. The disk-full message names the output once, not 'Cannot write ...: Cannot write ...'."""
    import errno

    from graph import export
    from graph.corpus import build_corpus
    from graph.errors import GraphFileError

    (tmp_path / "a.txt").write_text(GOOD_1, encoding="utf-8")

    def full(g, path, **kwargs):
        Path(path).write_text("<graphml>")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(export, "_stream_graphml", full)  # the GraphML writer
    with pytest.raises(GraphFileError) as info:
        build_corpus([tmp_path / "a.txt"], tmp_path / "out", view=False)
    message = str(info.value)
    assert message.count("Cannot write") == 1 and message.count("No space left on device") == 1
    assert "graph.graphml" in message and ".tmp" not in message


# --- 8-11: decoding, controls, surrogates and nesting: read, not rejected nor crashed -------

WESTERN = "Foreign Minister José Álvarez of Spain met Foreign Minister François Dupont of France in Madrid on 3 May 2024."
DECODED = {  # file -> (participants, a warning that must be there or None)
    "mixed.txt": (["José Álvarez", "François Dupont"], "line(s) are not UTF-8 and were read as Windows-1252"),
    "nul.txt": (["Ana Ruiz", "Li Wen"], None),
    "escref.html": (["Ana Ruiz", "Li Wen"], None),
    "deep.html": (["Ana Ruiz", "Li Wen"], None),
    "surrogates.json": (["Ana Ruiz", "Li Wen"], "unpaired UTF-16 surrogate(s)"),
    "feed.jsonl:1": (["Ana Ruiz", "Li Wen"], None),
}


@pytest.fixture(scope="module")
def decoding_run(tmp_path_factory):
    """One folder of hard-to-read but good reports, extracted and built once each."""
    root = tmp_path_factory.mktemp("decoding")
    folder = root / "reports"
    folder.mkdir()
    # most lines Latin-1 (so a whole-file guess would be Windows-1252 and the UTF-8 line mojibake)
    latin = "They discussed the Peña agreement, the café owners of Málaga and Ærø with Álvarez.\n"
    (folder / "mixed.txt").write_bytes(WESTERN.encode("utf-8") + b"\n" + latin.encode("latin-1") * 4)
    (folder / "nul.txt").write_bytes(GOOD_1.encode().replace(b"Peru", b"Pe\x00ru"))
    story = ("<p>{}</p><p>They discussed trade and fisheries at length during the talks in the capital city of "
             "Peru.</p>").format(GOOD_1.strip())
    (folder / "escref.html").write_text(f"<html><head><title>Talks</title></head><body><article><h1>Talks in Lima"
                                        f"</h1>{story}<p>Colour &#x1b;[31mred&#x1b;[0m and &#27;]0;T&#7;</p>"
                                        "</article></body></html>", encoding="utf-8")
    (folder / "deep.html").write_text("<html><body>" + "<div>" * 400 + f"<article>{story}</article>" + "</div>" * 400
                                      + "</body></html>", encoding="utf-8")
    (folder / "surrogates.json").write_text(
        '{"id": "s\\ud800", "title": "Talks \\ud83d", "text": "' + GOOD_1.strip() + ' \\udc00 They met."}',
        encoding="utf-8")
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (folder / "feed.jsonl").write_text(json.dumps({"text": GOOD_1}) + "\n" + "[" * 100_000 + "]" * 100_000 + "\n",
                                       encoding="utf-8")
    extract = run_cli("extract", str(folder), "--jsonl")
    build = run_cli("build", str(folder), "--out", str(root / "out"), "--quiet")
    records = {Path(r["source"]).name: r for r in map(json.loads, extract.stdout.splitlines())}
    return {"folder": folder, "out": root / "out", "extract": extract, "build": build, "records": records,
            "failures": {Path(k).name: v for k, v in failures(extract.stderr).items()}}


@pytest.mark.parametrize("name, expected", sorted(DECODED.items()))
def test_extract_reads_hard_files_right(decoding_run, name, expected):
    """8, 9, 10: mixed encodings, a stray NUL, control references, deep HTML and lone surrogates are read."""
    participants, warning = expected
    record = decoding_run["records"][name]
    assert [p["name"] for p in record["meetings"][0]["participants"]] == participants
    if warning:
        assert any(warning in w for w in record["warnings"]), record["warnings"]
    text = record["text"] + (record["title"] or "")
    assert "Ã" not in text and "\x1b" not in text and "[31m" not in text and "\x00" not in text
    assert not any("\ud800" <= ch <= "\udfff" for ch in text)


def test_extract_refuses_deep_json_alone(decoding_run):
    """11. Deeply nested JSON: one failure line each, the rest extracted, no traceback."""
    run = decoding_run["extract"]
    _no_traceback(run)
    assert "nested too deeply" in decoding_run["failures"]["deep.json"]
    assert "line 2 is JSON nested too deeply" in decoding_run["failures"]["feed.jsonl:2"]
    assert set(decoding_run["records"]) == set(DECODED)


def test_build_of_hard_files_writes_every_output(decoding_run):
    """10, 11: the build goes on past them; names are not mojibake."""
    run = decoding_run["build"]
    _no_traceback(run)
    assert run.returncode == 1 and "failed: 2" in run.stdout
    people = {d["label"] for _, d in read_graphml(decoding_run["out"] / "graph.graphml").nodes(data=True)
              if d.get("type") == "person"}
    assert {"José Álvarez", "François Dupont", "Ana Ruiz", "Li Wen"} <= people
    assert not any("Ã" in p for p in people)


def test_meeting_graph_with_lone_surrogates_views_and_exports(tmp_path):
    """13. Records holding lone surrogates (from a scraper) build, view, save and export."""
    from graph import MeetingGraph

    record = {"doc_id": "s1", "source": "s\ud800.txt", "title": "Talks \ud83d", "published": "2024-05-03",
              "meetings": [{"kind": "in_person", "date": "2024-05-03", "location": {"city": "Lima", "country": "PER"},
                            "participants": [{"name": "Ana Ruiz\udc00", "title": "Foreign Minister", "country": "PER"},
                                             {"name": "Li Wen", "title": "Foreign Minister", "country": "CHN"}],
                            "topics": [{"label": "trade\ud800"}], "evidence": [{"start": 0, "end": 3, "text": "ev\ud800"}]}],
              "officials": [], "countries": [], "organizations": [], "warnings": []}
    g = MeetingGraph.from_records([record])
    page = Path(g.view(tmp_path / "v.html", inline=False))
    assert "\ufffd" in page.read_text(encoding="utf-8")
    back = MeetingGraph.load(g.save(tmp_path / "g.graphml"))
    assert [r["name"] for r in back.who_met("Li Wen")] == ["Ana Ruiz\ufffd"]
    g.export("csv", tmp_path / "csv")
    assert (tmp_path / "csv" / "nodes.csv").read_text(encoding="utf-8").count("\ufffd") >= 3


# --- 13, 16: GraphML from other tools ---------------------------------------------------


@pytest.fixture(scope="module")
def edited_graphs(tmp_path_factory):
    """Our sample graph saved again by 'another tool' with a numeric date and a textual count, and a
    GraphML file diplograph never wrote."""
    from graph.synthetic import sample_records

    root = tmp_path_factory.mktemp("foreign")
    g = build_graph(sample_records())
    for _, d in g.nodes(data=True):
        if d.get("type") == "meeting":
            d["date"] = 20240112
    for *_, d in g.edges(data=True):
        if d.get("type") == "met":
            d["count"], d["first"] = "many", 2024
    nx.write_graphml(g, root / "edited.graphml")
    other = nx.MultiDiGraph()
    other.add_edge("a", "b", weight=1.0)
    nx.write_graphml(other, root / "gephi.graphml")
    return root


@pytest.mark.parametrize("args", [["who-met", "Blinken"], ["countries", "JPN"], ["top"],
                                  ["meetings", "--person", "Blinken"], ["path", "Kamikawa", "Lavrov"]])
def test_query_of_a_graph_saved_by_another_tool_answers(edited_graphs, args):
    """13. A numeric date or a non-numeric count no longer crashes the query commands."""
    run = run_cli("query", *args, "--graph", str(edited_graphs / "edited.graphml"))
    _no_traceback(run)
    assert run.returncode == 0, run.stderr
    assert "Note:" not in run.stderr


def test_load_converts_attribute_types_with_a_note(edited_graphs):
    from graph import MeetingGraph

    mg = MeetingGraph.load(edited_graphs / "edited.graphml")
    assert any("'count'" in w and "dropped" in w for w in mg.warnings)
    assert mg.foreign is None
    assert all(isinstance(d.get("date", ""), str) for _, d in mg.nx.nodes(data=True))


def test_query_of_a_graph_diplograph_did_not_write_says_so(edited_graphs):
    """16. A foreign GraphML loads, and the user is told why the queries find nothing."""
    run = run_cli("query", "top", "--graph", str(edited_graphs / "gephi.graphml"))
    _no_traceback(run)
    assert run.returncode == 0
    assert "gephi.graphml: it was not written by diplograph" in run.stderr
    assert "The graph holds no people." in run.stdout


# --- 15: names and dates given to queries ----------------------------------------------


@pytest.fixture(scope="module")
def sample_graph_file(tmp_path_factory):
    from graph.synthetic import sample_records

    return write_graphml(build_graph(sample_records()), tmp_path_factory.mktemp("names") / "graph.graphml")


@pytest.mark.parametrize("args, message", [
    (["who-met", ""], "The name is empty: give a person's name"),
    (["who-met", "   "], "The name is empty"),
    (["who-met", "Xyzzy"], "No person named 'Xyzzy' in the graph. No name in the graph is close to it."),
    (["who-met", "Blinkin"], "Closest names: 'Antony Blinken' (USA)."),
    (["path", "Blinken", "Antony Blinken"], "'Blinken' and 'Antony Blinken' are the same person (Antony Blinken)"),
    (["who-met", "x" * 100_000], "100,000 characters is far longer than a name"),
    (["meetings", "--since", "2024-99"], "since='2024-99' is not a date"),
    (["meetings", "--until", "2024-02-30"], "until='2024-02-30' is not a date"),
])
def test_query_names_and_dates_get_a_clear_answer(sample_graph_file, args, message):
    run = run_cli("query", *args, "--graph", str(sample_graph_file))
    _no_traceback(run)
    assert run.returncode == 1
    assert message in run.stderr
    assert len(run.stderr) < 600  # a huge name is not echoed in full
    assert "Closest names" not in run.stderr or "Blinkin" in args


def test_view_refuses_an_impossible_month(sample_graph_file, tmp_path):
    run = run_cli("view", "--graph", str(sample_graph_file), "--since", "2024-99", "--out", str(tmp_path / "v.html"))
    _no_traceback(run)
    assert run.returncode == 1 and "since='2024-99' is not a date" in run.stderr
    assert not (tmp_path / "v.html").exists()


def test_query_help_examples_name_people_of_the_sample_graph(tmp_path):
    """15. Every person an example in 'diplograph query ... --help' names is in the sample reports' graph."""
    import re

    from graph import MeetingGraph
    from graph.corpus import build_corpus

    build_corpus([Path(__file__).resolve().parents[2] / "data" / "reports"], tmp_path, view=False)
    mg = MeetingGraph.load(tmp_path / "graph.graphml")
    for command in ("who-met", "meetings", "path"):
        help_text = run_cli("query", command, "--help").stdout
        example = [line.strip() for line in help_text.splitlines() if line.strip().startswith("diplograph query")]
        assert example, help_text
        run_args = [a.strip('"') for a in re.findall(r'"[^"]+"|\S+', example[0])[1:]]
        run = run_cli(*run_args, "--graph", str(tmp_path / "graph.graphml"))
        assert run.returncode == 0 and "No person named" not in run.stderr, (example, run.stderr)
        assert "No " not in run.stdout[:40], (example, run.stdout[:200])


# --- 14: every graph warning can be read; a killed build's temporary files go ---------------


def test_build_writes_every_graph_warning_to_a_file_and_clears_stale_temporaries(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(6):  # the same report under six names: five duplicate-document warnings
        (corpus / f"copy{i}.txt").write_text(GOOD_1, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    stale = [out / ".graph.graphml.k1ll3d.tmp", out / ".records.jsonl.k1ll3d.tmp", out / "..graph.graphml.a.tmp.b.tmp"]
    for p in stale:
        p.write_text("half-written")
    mine = out / ".notes.tmp"
    mine.write_text("a user's file")
    run = run_cli("build", str(corpus), "--out", str(out), "--quiet", "--no-view")
    _no_traceback(run)
    assert run.returncode == 0, run.stderr
    listed = (out / "warnings.txt").read_text(encoding="utf-8").splitlines()
    assert len(listed) >= 4 and all("duplicate document" in w for w in listed)
    assert f"graph warnings: {len(listed)} (" in run.stdout
    assert f"and {len(listed) - 3} more, all in {out / 'warnings.txt'})" in run.stdout
    assert [p for p in stale if p.exists()] == [] and mine.exists()
    for i in range(1, 6):  # fixed: the next build removes the old warnings file
        (corpus / f"copy{i}.txt").unlink()
    again = run_cli("build", str(corpus), "--out", str(out), "--quiet", "--no-view")
    assert again.returncode == 0 and "graph warnings" not in again.stdout
    assert not (out / "warnings.txt").exists()


# --- other bad inputs probed the same way ---------------------------------------------------


def test_build_reads_files_whose_names_are_not_utf8_or_hold_a_newline(tmp_path):
    """A file name with a byte that is not UTF-8 crashed the store write; a newline split the failure line."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(GOOD_2, encoding="utf-8")
    with open(os.path.join(os.fsencode(corpus), b"bad\xffname.txt"), "wb") as fh:
        fh.write(GOOD_1.encode())
    (corpus / "two\nlines.json").write_text("{broken", encoding="utf-8")
    out = tmp_path / "out"
    run = run_cli("build", str(corpus), "--out", str(out), "--quiet", "--no-view")
    _no_traceback(run)
    assert run.returncode == 1
    assert "two\\nlines.json: is not valid JSON" in run.stderr and len(run.stderr.splitlines()) == 1
    sources = {json.loads(line)["source"] for line in (out / "records.jsonl").read_text(encoding="utf-8").splitlines()}
    assert str(corpus / "bad\ufffdname.txt") in sources and len(sources) == 2


@pytest.mark.parametrize("args", [["export", "--format", "graphml", "--out", "{file}/g.graphml"],
                                  ["export", "--format", "csv", "--out", "{file}/csv"]])
def test_export_under_a_regular_file_says_a_file_is_in_the_way(sample_graph_file, tmp_path, args):
    (tmp_path / "file").write_text("x")
    run = run_cli(*[a.format(file=tmp_path / "file") for a in args], "--graph", str(sample_graph_file))
    _no_traceback(run)
    assert run.returncode == 1
    assert "A file is in the way of one of its folders" in run.stderr and run.stderr.count("Cannot write") == 1


def test_build_with_a_store_that_is_not_sqlite_says_what_to_do(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD_1, encoding="utf-8")
    (tmp_path / "notes.sqlite").write_text("my notes, not a database\n")
    run = run_cli("build", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"), "--store",
                  str(tmp_path / "notes.sqlite"), "--quiet", "--no-view")
    _no_traceback(run)
    assert run.returncode == 1 and "is not a usable diplograph store" in run.stderr and "--store" in run.stderr
    assert (tmp_path / "notes.sqlite").read_text() == "my notes, not a database\n"


def test_extract_drops_bidi_overrides_and_escapes_from_titles_and_text(tmp_path):
    """3. U+202E in a report's title or text never reaches a record (views, tables and exports read records)."""
    (tmp_path / "rlo.json").write_text(json.dumps({
        "title": f"Headline {RLO}gnp.exe\x1b]0;T\x07", "text": GOOD_1.replace("trade", f"trade {RLO}fdp.exe")}),
        encoding="utf-8")
    run = run_cli("extract", str(tmp_path / "rlo.json"), "--jsonl")
    assert run.returncode == 0, run.stderr
    record = json.loads(run.stdout)
    assert record["title"] == "Headline gnp.exe"
    assert "trade fdp.exe" in record["text"]
    assert not any(ch in json.dumps(record, ensure_ascii=False) for ch in BIDI_CONTROLS | {"\x1b", "\x07"})


def test_a_link_read_once_with_follow_symlinks_is_not_kept_without_it(tmp_path):
    """4, 5. A refused file (a link out of the folder) keeps nothing: only failed files keep their documents."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(GOOD_2, encoding="utf-8")
    (tmp_path / "outside.txt").write_text(GOOD_1, encoding="utf-8")
    os.symlink(tmp_path / "outside.txt", corpus / "link.txt")
    out = tmp_path / "out"
    first = run_cli("build", str(corpus), "--out", str(out), "--quiet", "--no-view", "--follow-symlinks")
    assert first.returncode == 0 and len(_documents(out / "graph.graphml")) == 2
    second = run_cli("build", str(corpus), "--out", str(out), "--quiet", "--no-view")
    assert second.returncode == 1 and "removed 1" in second.stdout and "kept" not in second.stdout
    assert len(_documents(out / "graph.graphml")) == 1


def test_store_damaged_during_a_build_says_to_rebuild(tmp_path, monkeypatch):
    """12. Damage the open check cannot see (pages broken while the build runs): a message, no traceback."""
    import sqlite3

    from click.testing import CliRunner

    import diplograph_cli
    from graph.store import RecordStore

    (tmp_path / "a.txt").write_text(GOOD_1, encoding="utf-8")

    def broken(self, *args, **kwargs):
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(RecordStore, "iter_members", broken)  # the graph step reads the corpus through it
    result = CliRunner().invoke(diplograph_cli.cli, ["build", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"),
                                                     "--quiet", "--no-view"])
    assert result.exit_code == 1 and result.exc_info[0] is SystemExit
    assert "The record store is damaged (database disk image is malformed). Run the build again with --rebuild" \
        in result.output
