"""MeetingGraph.view: writes the page, resolves a forgiving focus name, shows it inline in notebooks."""

from __future__ import annotations

from pathlib import Path

import graph.views as views
from graph import MeetingGraph
from graph.synthetic import sample_records


def test_view_returns_the_path_and_displays_inline_in_notebooks(tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(views, "display_inline", lambda result, height=600: shown.append((Path(result), height)))
    monkeypatch.setattr(views, "in_notebook", lambda: True)
    g = MeetingGraph.from_records(sample_records())
    result = g.view(tmp_path / "blinken.html", focus="antony blinken", radius=1)
    assert Path(result) == tmp_path / "blinken.html" and Path(result).read_text(encoding="utf-8").startswith("<!")
    assert shown == [(tmp_path / "blinken.html", 600)]
    assert result.nodes > 1


def test_view_outside_notebooks_only_writes(tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(views, "display_inline", lambda *a, **k: shown.append(a))
    monkeypatch.setattr(views, "in_notebook", lambda: False)
    result = MeetingGraph.from_records(sample_records()).view(tmp_path / "all.html")
    assert Path(result).exists() and shown == []
