"""The bad-input catalogue, driven as a user drives the tool.

One folder holds every bad input plus good reports (see ``conftest.write_catalogue``);
``diplograph extract FOLDER --jsonl`` and ``diplograph build FOLDER --out DIR`` run over it
once each as subprocesses, and each test checks one file's outcome: a record (with the
encoding it was decoded from), or one clear stderr line naming the file, while every
other document is processed. Exit status is 1 because some documents fail; a run where
none fails exits 0.
"""

from __future__ import annotations

import json
import unicodedata

import pytest
from robust_inputs import BIG_LIMIT, GOOD_1, MARKUP_TEXT, MARKUP_TITLE, failures, run_cli, runs_as_root

from extract.record import validate_record
from graph.export import read_graphml

FAILED = {
    "empty.txt": "is empty or whitespace only",
    "blank.txt": "is empty or whitespace only",
    "scan.txt": "is a PNG image, not a text report",
    "bundle.txt": "is a ZIP archive (unpack it first), not a text report",
    "huge.txt": "bytes is over the limit of 20,000,000; raise it with --max-bytes",
    "feed.jsonl:2": "line 2 is not valid JSON",
    "self.txt": "is a symbolic link loop; remove the link or point it at a report",
    "dangling.txt": "is a broken symbolic link (its target",
    "pipe.txt": "is not a regular file (a device, pipe or socket); reports must be files",
}
# file -> (encoding, participants of the first meeting or None for no meeting, a warning that must be there)
EXTRACTED = {
    "good1.txt": ("utf-8", ["Ana Ruiz", "Li Wen"], None),
    "good2.txt": ("utf-8", ["Marta Silva", "Kofi Mensah"], None),
    "bad_utf8.txt": ("utf-8", ["José Álvarez", "François Dupont"], "2 byte(s) are not valid UTF-8 and were replaced"),
    "utf16.txt": ("utf-16", ["José Álvarez", "François Dupont"], None),
    "latin1.txt": ("cp1252", ["José Álvarez", "François Dupont"], None),
    "cp1252.txt": ("cp1252", ["José Álvarez", "François Dupont"], None),
    "one_line.txt": ("utf-8", ["Ana Ruiz", "Li Wen"], "only the first 20,000 were read"),
    "hostile.html": ("utf-8", ["Ana Ruiz", "Li Wen"], None),
    "japanese.txt": ("utf-8", None, "the text does not look like English"),
    "arabic.txt": ("utf-8", None, "the text does not look like English"),
    "russian.txt": ("utf-8", None, "the text does not look like English"),
    "controls.txt": ("utf-8", ["Ana Ruiz", "Li Wen"], None),
    "markup.json": ("utf-8", ["Ana Ruiz", "Li Wen"], None),
    "feed.jsonl:1": ("utf-8", ["Ana Ruiz", "Li Wen"], None),
    "feed.jsonl:3": ("utf-8", ["Marta Silva", "Kofi Mensah"], None),
    "copy_a.txt": ("utf-8", ["Ana Ruiz", "Li Wen"], None),
    "copy_b.txt": ("utf-8", ["Ana Ruiz", "Li Wen"], None),
    "paths.json": ("utf-8", ["Ana Ruiz", "Li Wen"], None),
}


@pytest.mark.parametrize("name, reason", sorted(FAILED.items()))
def test_extract_bad_file_fails_alone_with_its_name(catalogue, name, reason):
    assert reason in catalogue["failures"][name]
    assert name not in catalogue["records"]


@pytest.mark.parametrize("name, expected", sorted(EXTRACTED.items()))
def test_extract_decodable_file_gives_a_record(catalogue, name, expected):
    encoding, participants, warning = expected
    record = catalogue["records"][name]
    assert record["encoding"] == encoding
    got = [p["name"] for p in record["meetings"][0]["participants"]] if record["meetings"] else None
    assert got == participants
    if warning:
        assert any(warning in w for w in record["warnings"]), record["warnings"]
    assert validate_record(record) == []


def test_extract_reports_every_file_once_and_exits_1(catalogue):
    run = catalogue["extract"]
    assert run.returncode == 1
    locked = {"locked.txt"} if runs_as_root() else set()
    assert set(catalogue["records"]) == set(EXTRACTED) | locked
    expected_failures = set(FAILED) | (set() if runs_as_root() else {"locked.txt"})
    assert set(catalogue["failures"]) == expected_failures
    assert f"diplograph: {len(expected_failures)} document(s) failed; the others were extracted" in run.stderr
    assert "Traceback" not in run.stderr


def test_extract_skips_files_that_are_not_reports_silently(catalogue):
    """A .png among the reports and symlinked folders (loops) are neither read nor reported."""
    seen = set(catalogue["records"]) | set(catalogue["failures"])
    assert not {"chart.png", "loop", "up"} & seen
    assert not any("/loop/" in r["source"] or "/up/" in r["source"] for r in catalogue["records"].values())


def test_extract_unreadable_file_as_root_is_read_else_reported(catalogue):
    """chmod 000 stops everyone but root; CI runs as root, where the file is simply read."""
    if runs_as_root():
        assert "Arequipa" in catalogue["records"]["locked.txt"]["text"]
    else:
        assert catalogue["failures"]["locked.txt"] == "permission denied; check the file's read permissions"


@pytest.mark.parametrize("name, words", [
    ("latin1.txt", ["Peña", "Málaga", "Ærø", "café"]),
    ("cp1252.txt", ["Peña", "\u201cWe agreed on a \u20ac5 billion fund,\u201d"]),
    ("utf16.txt", ["Peña", "Sevilla"]),
    ("bad_utf8.txt", ["Peña", "2024. \ufffd\ufffd They"]),
])
def test_extract_accents_quotes_and_euro_survive_decoding(catalogue, name, words):
    text = catalogue["records"][name]["text"]
    for word in words:
        assert word in text


def test_extract_html_keeps_no_script_style_or_handler_text(catalogue):
    record = catalogue["records"]["hostile.html"]
    dumped = json.dumps(record)
    assert "LEAK" not in dumped
    assert "<" not in record["text"]
    assert record["title"] == "Ministers meet in Lima"


def test_extract_control_characters_and_terminal_escapes_are_removed(catalogue):
    record = catalogue["records"]["controls.txt"]
    assert not [ch for ch in record["text"] if unicodedata.category(ch) == "Cc" and ch != "\n"]
    assert "LEAK-TITLE" not in record["text"] and "[31m" not in record["text"]
    assert "\x1b" not in catalogue["extract"].stdout


def test_extract_markup_stays_plain_text_in_the_record(catalogue):
    record = catalogue["records"]["markup.json"]
    assert record["title"] == MARKUP_TITLE
    assert record["text"].endswith(MARKUP_TEXT)
    line = next(x for x in catalogue["extract"].stdout.splitlines() if '"source_id": "markup"' in x)
    assert '<script>alert(1)</script>' in line and "&lt;" not in line  # JSON, not escaped HTML


def test_extract_same_report_twice_gives_two_records_with_one_doc_id(catalogue):
    a, b = catalogue["records"]["copy_a.txt"], catalogue["records"]["copy_b.txt"]
    assert a["doc_id"] == b["doc_id"] and a["source"] != b["source"]


def test_extract_paths_inside_json_are_never_opened(catalogue):
    record = catalogue["records"]["paths.json"]
    dumped = json.dumps(record)
    assert "root:" not in dumped and "LEAK-SECRET" not in dumped
    assert record["source"] == str(catalogue["folder"] / "paths.json")
    assert record["text"] == GOOD_1.replace("Lima", "Piura").strip()


def test_build_reports_the_same_failures_and_builds_the_rest(catalogue):
    run = catalogue["build"]
    assert run.returncode == 1
    got = {k.rsplit("/", 1)[-1]: v for k, v in failures(run.stderr).items()}
    assert got == catalogue["failures"]
    assert "Traceback" not in run.stderr
    records = [json.loads(x) for x in (catalogue["root"] / "out" / "records.jsonl").read_text().splitlines()]
    assert sorted(r["source"].rsplit("/", 1)[-1] for r in records) == sorted(catalogue["records"])


def test_build_graph_has_one_document_node_per_doc_id(catalogue):
    """The two copies are both in records.jsonl; the graph keeps one document node (the first source)."""
    out = catalogue["root"] / "out"
    g = read_graphml(out / "graph.graphml")
    documents = {n: d for n, d in g.nodes(data=True) if d.get("type") == "document"}
    doc_ids = {r["doc_id"] for r in catalogue["records"].values()}
    assert set(documents) == {f"document:{i}" for i in doc_ids}
    copy = documents[f"document:{catalogue['records']['copy_a.txt']['doc_id']}"]
    assert copy["source"].endswith("copy_a.txt")


def test_build_writes_nothing_outside_its_folders(catalogue):
    """A report whose id is '../../../escaped' names no file anywhere."""
    root = catalogue["root"]
    assert not list(root.parent.rglob("*escaped*"))
    assert sorted(p.name for p in (root / "out").iterdir() if not p.name.startswith("store.sqlite")) == [
        "actors.cache", "graph.graphml", "graph.html", "graph.state", "records.jsonl", "warnings.txt"]  # copy_b.txt: a warning


def test_extract_raised_limit_reads_a_25_mb_file_cut_to_max_chars(tmp_path):
    big = tmp_path / "big25.txt"
    block = GOOD_1.encode() * 1000
    with open(big, "wb") as fh:
        for _ in range(25_000_000 // len(block) + 1):
            fh.write(block)
    (tmp_path / "japanese.txt").write_text("上川陽子外務大臣はワシントンでブリンケン国務長官と会談した。\n")
    run = run_cli("extract", str(tmp_path), "--jsonl", "--max-bytes", str(BIG_LIMIT), "--max-chars", "5000")
    assert run.returncode == 0, run.stderr  # warnings only: nothing failed
    records = {r["source_id"]: r for r in map(json.loads, run.stdout.splitlines())}
    assert set(records) == {"big25", "japanese"}
    assert len(records["big25"]["text"]) <= 5000
    assert any("only the first" in w and "--max-chars" in w for w in records["big25"]["warnings"])


def test_extract_timeout_skips_a_slow_document_and_keeps_the_rest(tmp_path):
    """A 290,000-character report takes minutes to extract; with --timeout 8 it is reported, not waited for.

    (8 s, not 1: on a loaded machine the quick report alone can take over a second.)"""
    sentences = [f"Foreign Minister {a} met Foreign Minister {b} in Lima on {1 + i % 27} May 2024 and they "
                 f"discussed trade, security and fisheries."
                 for i, (a, b) in enumerate([("Ana Ruiz", "Li Wen"), ("Marta Silva", "Kofi Mensah")] * 1500)]
    (tmp_path / "slow.txt").write_text(" ".join(sentences)[:290_000])
    (tmp_path / "quick.txt").write_text(GOOD_1)
    run = run_cli("extract", str(tmp_path), "--jsonl", "--timeout", "8", timeout=300)
    assert run.returncode == 1
    assert failures(run.stderr) == {str(tmp_path / "slow.txt"): "took longer than 8 s to extract and was skipped; "
                                    "raise the limit with --timeout SECONDS (0: no limit)"}
    assert [json.loads(x)["source_id"] for x in run.stdout.splitlines()] == ["quick"]
