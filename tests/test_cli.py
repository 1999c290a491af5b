"""The command line as a user runs it: subprocesses on temporary folders, outputs parsed back."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "diplograph_cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=600)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    proc = run("build", "data/reports", "--out", str(out))
    return out, proc


def test_build_writes_records_graphml_and_html(built):
    out, proc = built
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in (out / "records.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(records) >= 30
    g = nx.read_graphml(out / "graph.graphml")
    types = {d.get("type") for _, d in g.nodes(data=True)}
    assert {"person", "meeting", "country", "topic", "document"} <= types
    html = (out / "graph.html").read_text(encoding="utf-8")
    assert "<html" in html.lower() and "https://" not in html.split("<body", 1)[0]
    for word in ("documents:", "failed:", "officials:", "meetings:", "countries:", "topics:"):
        assert word in proc.stdout
    assert str(out / "graph.graphml") in proc.stdout


def test_extract_seed_prints_one_valid_record(shared_corpora):
    from extract import validate_record

    proc = run("extract", str(shared_corpora / "seed" / "000_6af67b908cffe359.txt"), "--jsonl")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert validate_record(record) == []
    [m] = record["meetings"]
    assert sorted(p["name"] for p in m["participants"]) == ["Antony Blinken", "Yoko Kamikawa"]


def test_extract_bad_inputs_fail_alone_with_exit_status_1(tmp_path):
    (tmp_path / "good.txt").write_text("Chinese Foreign Minister Wang Yi met Russian Foreign Minister Sergey Lavrov "
                                       "in Beijing on 9 April 2024.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (tmp_path / "latin1.txt").write_bytes("Le ministre fran\xe7ais a rencontr\xe9 son homologue.".encode("latin-1"))
    proc = run("extract", str(tmp_path), str(tmp_path / "missing.txt"), "--jsonl")
    assert proc.returncode == 1
    errors = proc.stderr.splitlines()
    assert any("empty.txt" in e and "empty" in e for e in errors)
    assert any("image.txt" in e and "PNG" in e for e in errors)
    assert any("missing.txt" in e and "no such file" in e for e in errors)
    records = {Path(json.loads(line)["source"]).name: json.loads(line) for line in proc.stdout.splitlines()}
    assert set(records) == {"good.txt", "latin1.txt"}
    assert records["latin1.txt"]["encoding"] not in (None, "utf-8")
    assert len(records["good.txt"]["meetings"]) == 1


def test_evaluate_prints_table_and_json(built):
    out, _ = built
    proc = run("evaluate", "data/gold", "--pred", str(out / "records.jsonl"))
    assert proc.returncode == 0, proc.stderr
    assert "participant_pairs" in proc.stdout and "accuracy" in proc.stdout
    proc = run("evaluate", "data/gold", "--pred", str(out / "records.jsonl"), "--json")
    data = json.loads(proc.stdout)
    assert data["documents"] >= 30 and data["participant_pairs"]["f1"] > 0.8


def test_evaluate_needs_predictions(tmp_path):
    proc = run("evaluate", "data/gold")
    assert proc.returncode == 2 and "--pred" in proc.stderr


def test_failed_build_keeps_previous_outputs(built, tmp_path):
    out = tmp_path / "out"
    proc = run("build", "data/reports", "--out", str(out), "--no-view")
    assert proc.returncode == 0, proc.stderr
    before = (out / "graph.graphml").read_bytes()
    proc = run("build", "data/reports", "--out", str(out), "--no-view", "--rebuild", "--model", "no_such_model")
    assert proc.returncode != 0 and "no_such_model" in proc.stderr and "pip install" in proc.stderr
    assert (out / "graph.graphml").read_bytes() == before


def test_every_command_has_help_with_an_example():
    import click

    from diplograph_cli import cli

    def walk(group, prefix=""):  # through list_commands: the top-level group imports its commands when asked
        for name in group.list_commands(None):
            cmd = group.get_command(None, name)
            yield f"{prefix}{name}", cmd
            if isinstance(cmd, click.Group):
                yield from walk(cmd, f"{prefix}{name} ")

    for name, cmd in walk(cli):
        assert cmd.help and "diplograph" in cmd.help, f"'{name}' has no help with an example"


def test_extract_with_the_users_own_actor_dictionary(tmp_path):
    (tmp_path / "actors.csv").write_text("name,aliases,country,title,from,to\n"
                                         "Ana Ruiz Calderón,Ana Ruiz,PER,Foreign Minister,2023-01-01,\n",
                                         encoding="utf-8")
    (tmp_path / "r.txt").write_text("Ana Ruiz met Foreign Minister Li Wen in Lima on 3 May 2024.", encoding="utf-8")
    plain = json.loads(run("extract", str(tmp_path / "r.txt"), "--no-text").stdout)
    assert "Ana Ruiz" not in [o["name"] for o in plain["officials"]]
    proc = run("extract", str(tmp_path / "r.txt"), "--no-text", "--actors", str(tmp_path / "actors.csv"))
    rec = json.loads(proc.stdout)
    assert ("Ana Ruiz", "Foreign Minister", "PER") in [(o["name"], o["title"], o["country"]) for o in rec["officials"]]
    assert len(rec["meetings"]) == 1


def test_build_with_the_users_own_actor_dictionary(tmp_path):
    (tmp_path / "actors.csv").write_text("name,aliases,country,title,from,to\n"
                                         "Ana Ruiz Calderón,Ana Ruiz,PER,Foreign Minister,2023-01-01,\n",
                                         encoding="utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "r.txt").write_text("Ana Ruiz met Foreign Minister Li Wen in Lima on 3 May 2024.",
                                           encoding="utf-8")
    out = tmp_path / "out"
    proc = run("build", str(tmp_path / "in"), "--out", str(out), "--no-view", "-q")
    assert proc.returncode == 0, proc.stderr
    assert "meetings: 0" in proc.stdout
    proc = run("build", str(tmp_path / "in"), "--out", str(out), "--no-view", "-q",
               "--actors", str(tmp_path / "actors.csv"))
    assert proc.returncode == 0, proc.stderr
    assert "meetings: 1" in proc.stdout and "extracted: 1" in proc.stdout  # a new table means a new extraction
