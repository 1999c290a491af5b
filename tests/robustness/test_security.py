"""Security: document content is never executed or rendered, and nothing goes on the network.

- a graph whose names and topics are markup, rich console markup or terminal escapes is
  printed literally by ``diplograph query`` (the views engineer checks the HTML page in a
  browser; the record side is in test_bad_input.py);
- ``diplograph extract`` and ``diplograph build`` (with its HTML view) run with every
  network connection refused and a dead proxy: they succeed and try no connection;
- paths in JSON reports are never opened (also in test_bad_input.py, through the CLI).
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
from robust_inputs import GOOD_1, GOOD_2, HOSTILE_HTML, run_cli

from graph.build import build_graph
from graph.export import write_graphml

HOSTILE = {
    "rich": "[bold red]Ana Ruiz[/]",
    "script": "<script>alert(1)</script> Li",
    "img": '"><img src=x onerror=alert(2)>',
    "link": "[link=http://127.0.0.1:9/]Kofi[/link]",
}


@pytest.fixture(scope="module")
def hostile_graph_file(tmp_path_factory):
    names = list(HOSTILE.values())
    record = {
        "doc_id": "h1", "source": "<script>alert(3)</script>.txt", "title": "[blink]x[/blink]",
        "published": "2024-05-03",
        "meetings": [{"kind": "in_person", "date": "2024-05-03", "location": {"city": "[red]Lima[/]", "country": "PER"},
                      "participants": [{"name": n, "title": "Foreign Minister", "country": "PER"} for n in names],
                      "topics": [{"label": "[bold]trade[/bold] <b>x</b>"}],
                      "evidence": [{"start": 0, "end": 10, "text": "[red]evidence[/red]"}]}],
        "officials": [{"name": n, "title": "Foreign Minister", "country": "PER", "mentions": []} for n in names],
        "countries": [{"code": "PER", "name": "Peru"}], "organizations": [], "warnings": [],
    }
    g = build_graph([record])
    return write_graphml(g, tmp_path_factory.mktemp("hostile") / "graph.graphml")


@pytest.mark.parametrize("who", ["rich", "script", "img"])
def test_query_prints_hostile_names_literally(hostile_graph_file, who):
    run = run_cli("query", "who-met", HOSTILE[who], "--graph", str(hostile_graph_file))
    assert run.returncode == 0, run.stderr
    others = [v for k, v in HOSTILE.items() if k != who]
    for name in others:
        assert name in run.stdout.replace("\n", ""), name
    assert "\x1b[" not in run.stdout


def test_query_json_output_keeps_names_as_data(hostile_graph_file):
    run = run_cli("query", "who-met", HOSTILE["rich"], "--graph", str(hostile_graph_file), "--json")
    assert run.returncode == 0, run.stderr
    rows = json.loads(run.stdout)
    assert {r["name"] for r in rows} == {v for k, v in HOSTILE.items() if k != "rich"}


_NO_NETWORK = textwrap.dedent('''
    """Loaded at start-up (sitecustomize): refuse and log every network connection."""
    import os, socket

    _LOG = os.environ["H7_NET_LOG"]
    _real_connect = socket.socket.connect

    def _refuse(self, address, *args):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            with open(_LOG, "a") as fh:
                fh.write(f"{os.getpid()} connect {address!r}\\n")
            raise OSError(101, "network blocked by the robustness test")
        return _real_connect(self, address, *args)

    def _no_dns(*args, **kwargs):
        with open(_LOG, "a") as fh:
            fh.write(f"{os.getpid()} getaddrinfo {args[:2]!r}\\n")
        raise socket.gaierror(-2, "name resolution blocked by the robustness test")

    socket.socket.connect = _refuse
    socket.socket.connect_ex = _refuse
    socket.getaddrinfo = _no_dns
''')


def test_extract_and_build_make_no_network_request(tmp_path):
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(_NO_NETWORK)
    log = tmp_path / "network.log"
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a.txt").write_text(GOOD_1)
    (reports / "b.txt").write_text(GOOD_2)
    (reports / "c.html").write_text(HOSTILE_HTML)
    (reports / "d.json").write_text(json.dumps({"url": "http://127.0.0.1:9/story", "text": GOOD_1.replace("Lima", "Cusco")}))
    dead = "http://127.0.0.1:9"
    env = {"PYTHONPATH": str(hooks), "H7_NET_LOG": str(log), "HTTP_PROXY": dead, "HTTPS_PROXY": dead,
           "http_proxy": dead, "https_proxy": dead, "ALL_PROXY": dead, "NO_PROXY": ""}
    extract = run_cli("extract", str(reports), "--jsonl", env=env)
    build = run_cli("build", str(reports), "--out", str(tmp_path / "out"), "--quiet", env=env)
    assert extract.returncode == 0, extract.stderr
    assert build.returncode == 0, build.stderr
    assert len(extract.stdout.splitlines()) == 4
    assert (tmp_path / "out" / "graph.html").is_file()
    assert not log.exists(), log.read_text()


def test_the_network_guard_itself_catches_a_connection(tmp_path):
    """The guard used above does log and refuse a real attempt (so its silence means something)."""
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(_NO_NETWORK)
    log = tmp_path / "network.log"
    code = "import socket\ntry:\n    socket.socket().connect(('127.0.0.1', 9))\nexcept OSError as e:\n    print(e)"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={"PYTHONPATH": str(hooks), "H7_NET_LOG": str(log), "PATH": "/usr/bin:/bin"})
    assert "blocked by the robustness test" in run.stdout
    assert "connect ('127.0.0.1', 9)" in log.read_text()
