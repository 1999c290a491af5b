"""Tests of graph/corpus.py: incremental builds on a record store, kill -9 recovery, the build lock.

Reports are a few short synthetic ones written to tmp_path; extraction uses the real model.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph.corpus import ConsoleProgress, build_corpus
from graph.store import RecordStore

REPO = Path(__file__).resolve().parents[1]
_GIVEN = ["Ana", "Li", "Marta", "Kofi", "Ivan", "Sara", "Tomas", "Aiko", "Omar", "Lena"]
_FAMILY = ["Ruiz", "Wen", "Silva", "Mensah", "Petrov", "Haddad", "Novak", "Sato", "Farouk", "Berg"]
_PLACES = [("Peru", "Lima"), ("Chile", "Santiago"), ("Ghana", "Accra"), ("Norway", "Oslo"), ("Japan", "Tokyo")]


def report(i: int, extra: str = "") -> str:
    """A short meeting report, different for every `i`."""
    a = f"{_GIVEN[i % 10]} {_FAMILY[(i * 3) % 10]}"
    b = f"{_GIVEN[(i + 5) % 10]} {_FAMILY[(i * 7 + 1) % 10]}"
    ca, city = _PLACES[i % 5]
    cb, _ = _PLACES[(i + 2) % 5]
    day = 1 + i % 27
    return (f"{ca} and {cb} ministers meet in {city}\nMay {day}, 2024\n\n"
            f"Foreign Minister {a} of {ca} met Foreign Minister {b} of {cb} in {city} on May {day}, 2024. "
            f"The two ministers discussed trade and regional security (report {i}).{extra}\n")


def write_corpus(folder: Path, numbers) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in numbers:
        (folder / f"r{i:03d}.txt").write_text(report(i), encoding="utf-8")
    return folder


def outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in ("records.jsonl", "graph.graphml")}


def sources(out: Path) -> list[str]:
    return [Path(json.loads(line)["source"]).name for line in (out / "records.jsonl").read_text().splitlines()]


def _add(folder: Path) -> None:
    (folder / "r009.txt").write_text(report(9), encoding="utf-8")


def _change(folder: Path) -> None:
    (folder / "r001.txt").write_text(report(1, extra=" They also discussed fisheries."), encoding="utf-8")


def _remove(folder: Path) -> None:
    (folder / "r002.txt").unlink()


def _touch(folder: Path) -> None:
    (folder / "r003.txt").write_text(report(3) + "\n\n", encoding="utf-8")  # same text after normalisation


@pytest.mark.parametrize(
    "edit, counts, names",
    [
        (_add, dict(extracted=1, new=1, changed=0, unchanged=5, removed=0), ["r000", "r001", "r002", "r003", "r004", "r009"]),
        (_change, dict(extracted=1, new=0, changed=1, unchanged=4, removed=0), ["r000", "r001", "r002", "r003", "r004"]),
        (_remove, dict(extracted=0, new=0, changed=0, unchanged=4, removed=1), ["r000", "r001", "r003", "r004"]),
        (_touch, dict(extracted=0, new=0, changed=0, unchanged=5, removed=0), ["r000", "r001", "r002", "r003", "r004"]),
    ],
    ids=["add", "change", "remove", "whitespace-only"],
)
def test_build_corpus_extracts_only_what_changed(tmp_path, edit, counts, names):
    corpus = write_corpus(tmp_path / "corpus", range(5))
    out = tmp_path / "out"
    first = build_corpus([corpus], out, view=False)
    assert (first.extracted, first.new) == (5, 5)
    edit(corpus)
    summary = build_corpus([corpus], out, view=False)
    got = {k: getattr(summary, k) for k in counts}
    assert got == counts
    assert sources(out) == [n + ".txt" for n in names]
    fresh = build_corpus([corpus], tmp_path / "fresh", view=False)
    assert outputs(out) == outputs(tmp_path / "fresh"), "the incremental build differs from a fresh one"
    assert fresh.extracted == len(names)


def test_build_corpus_changed_text_reaches_the_graph(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", range(3))
    out = tmp_path / "out"
    build_corpus([corpus], out, view=False)
    (corpus / "r001.txt").write_text(report(1).replace("Li Mensah", "Kofi Annan"), encoding="utf-8")
    build_corpus([corpus], out, view=False)
    names = {p["name"] for line in (out / "records.jsonl").read_text().splitlines()
             for m in json.loads(line)["meetings"] for p in m["participants"]}
    assert "Kofi Annan" in names and "Li Mensah" not in names


def test_build_corpus_rebuild_extracts_everything_again(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", range(3))
    build_corpus([corpus], tmp_path / "out", view=False)
    again = build_corpus([corpus], tmp_path / "out", view=False, rebuild=True)
    assert (again.extracted, again.reused) == (3, 0)


def test_build_corpus_shared_store_reuses_records_across_outputs(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", range(3))
    store = tmp_path / "shared.sqlite"
    build_corpus([corpus], tmp_path / "a", view=False, store=store)
    other = build_corpus([corpus], tmp_path / "b", view=False, store=store)
    assert (other.extracted, other.reused) == (0, 3)
    assert not (tmp_path / "b" / "store.sqlite").exists()


def test_build_corpus_reports_progress_phases(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", range(3))
    calls = []
    build_corpus([corpus], tmp_path / "out", view=False, progress=lambda *a: calls.append(a))
    assert ("reading", 3, None) in calls
    assert calls[calls.index(("extracting", 0, 3)) + 1:].count(("extracting", 3, 3)) >= 1
    assert calls[-1] == ("writing", 0, None)


def test_console_progress_draws_nothing_when_disabled(capsys):
    with ConsoleProgress(enabled=False) as bar:
        bar("extracting", 1, 2)
    assert capsys.readouterr() == ("", "")


def test_build_corpus_killed_mid_way_recovers(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", range(10))
    out = tmp_path / "out"
    build_corpus([corpus], out, view=False)
    before = outputs(out)
    write_corpus(corpus, range(10, 40))
    script = (f"from graph.corpus import build_corpus\n"
              f"build_corpus([{str(corpus)!r}], {str(out)!r}, view=False, batch_size=2)\n")
    proc = subprocess.Popen([sys.executable, "-c", script], cwd=REPO, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    try:
        while _stored(out / "store.sqlite") < 16:
            assert proc.poll() is None, "the build ended before it could be killed"
            assert time.monotonic() < deadline, "the build committed nothing in 120 s"
            time.sleep(0.01)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert outputs(out) == before, "a killed build changed the previous outputs"
    with RecordStore(out / "store.sqlite") as store:
        committed = store.record_count()
    assert 16 <= committed < 40
    resumed = build_corpus([corpus], out, view=False)
    assert resumed.extracted == 40 - committed
    assert (resumed.new, resumed.unchanged) == (30, 10)
    build_corpus([corpus], tmp_path / "fresh", view=False)
    assert outputs(out) == outputs(tmp_path / "fresh")


def _stored(path: Path) -> int:
    """Records committed in a store another process is writing (0 when it does not exist yet)."""
    if not path.exists():
        return 0
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)
        try:
            return db.execute("SELECT COUNT(*) FROM records").fetchone()[0]
        finally:
            db.close()
    except sqlite3.Error:
        return 0


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "diplograph_cli", "build", *args], cwd=REPO, capture_output=True,
                          text=True, timeout=300)


def test_cli_build_second_build_on_a_locked_store_fails_clearly(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", range(2))
    store = tmp_path / "store.sqlite"
    with RecordStore(store):
        result = _cli(str(corpus), "--out", str(tmp_path / "out"), "--store", str(store), "--quiet")
    assert result.returncode == 1
    assert f"another build is using {store} (pid {os.getpid()} " in result.stderr
    assert "wait for it or use --store to pick another file" in result.stderr
    assert not (tmp_path / "out" / "records.jsonl").exists()


def test_cli_build_incremental_and_workers_give_the_same_records(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", range(6))
    first = _cli(str(corpus), "--out", str(tmp_path / "one"), "--no-view", "--quiet")
    assert first.returncode == 0, first.stderr
    assert "documents: 6 (new 6, changed 0, unchanged 0, removed 0), failed: 0" in first.stdout
    _add(corpus)
    second = _cli(str(corpus), "--out", str(tmp_path / "one"), "--no-view", "--quiet")
    assert "extracted: 1, reused from the store: 6 (engine local, 1 worker)" in second.stdout
    two = _cli(str(corpus), "--out", str(tmp_path / "two"), "--no-view", "--quiet", "--workers", "2")
    assert "extracted: 7, reused from the store: 0 (engine local, 2 workers)" in two.stdout
    assert outputs(tmp_path / "one") == outputs(tmp_path / "two")
    assert "\x1b[" not in two.stderr  # no progress bar when stderr is not a terminal


def test_build_corpus_stores_ready_made_records(tmp_path):
    visits = REPO.parent / "shared" / "corpora" / "historyatstate" / "visits" / "data" / "1900.xml"
    first = build_corpus([visits], tmp_path / "out", view=False)
    again = build_corpus([visits], tmp_path / "out", view=False)
    assert (first.extracted, first.new) == (first.documents, first.documents) and first.documents >= 1
    assert (again.extracted, again.reused, again.unchanged) == (0, first.documents, first.documents)
    assert (tmp_path / "out" / "records.jsonl").read_text().count("\n") == first.documents
