"""Tests of extract/limits.py and the limits threaded through reading and extraction.

Slow documents are simulated (a sleeping component, a sleeping decoder) with limits far
below the stall, so no assertion depends on how fast the machine is.
"""

from __future__ import annotations

import signal
import threading
import time

import pytest
import spacy
from click.testing import CliRunner

import extract.sources as sources
from extract.cli import extract_command
from extract.limits import DocumentTimeout, default_timeout, time_limit, timeout_default
from extract.record import extract_documents
from extract.sources import Failure, document_from_text, iter_sources

STALL = 30  # seconds a stalled step would take; every limit below is far shorter


def _stalling_nlp():
    """A blank English pipeline whose one component stalls on texts containing 'STALL'."""
    import extract.pipeline  # noqa: F401  (registers the Doc extensions records read)

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")

    @spacy.Language.component("h7_stall")
    def stall(doc):
        if "STALL" in doc.text:
            time.sleep(STALL)
        return doc

    nlp.add_pipe("h7_stall")
    return nlp


@pytest.fixture(scope="module")
def stalling_nlp():
    return _stalling_nlp()


def test_time_limit_interrupts_code_that_swallows_exceptions():
    start = time.monotonic()
    with pytest.raises(DocumentTimeout, match="took longer than 0.2 s to read"):
        with time_limit(0.2, what="read"):
            while time.monotonic() - start < STALL:
                try:
                    time.sleep(0.05)
                except Exception:  # noqa: BLE001 - what careless library code does
                    pass


def test_time_limit_puts_an_outer_timer_back():
    fired = []
    old = signal.signal(signal.SIGALRM, lambda *a: fired.append(1))
    try:
        signal.setitimer(signal.ITIMER_REAL, 5)
        with time_limit(1):
            pass
        left, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 0 < left <= 5
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    assert fired == []


def test_time_limit_is_not_enforced_outside_the_main_thread():
    seen = []
    thread = threading.Thread(target=lambda: seen.append(time_limit(1).__enter__()))
    thread.start()
    thread.join()
    assert seen == [False]


@pytest.mark.parametrize("texts, failed", [
    (["Ana met Li.", "STALL here.", "Kofi met Lena."], [1]),
    (["STALL here."], [0]),
    (["Ana met Li.", "Kofi met Lena."], []),
])
def test_extract_documents_skips_only_the_slow_document(stalling_nlp, texts, failed):
    docs = [document_from_text(t, source=f"d{i}.txt") for i, t in enumerate(texts)]
    results = [r for _, r in extract_documents(docs, stalling_nlp, timeout=0.5)]
    assert [i for i, r in enumerate(results) if isinstance(r, Failure)] == failed
    for i in failed:
        assert results[i].source == f"d{i}.txt" and "took longer than 0.5 s to extract" in results[i].reason
    assert [r["source"] for r in results if not isinstance(r, Failure)] == [
        f"d{i}.txt" for i in range(len(texts)) if i not in failed]


def test_extract_documents_uses_the_default_set_by_timeout_default(stalling_nlp):
    with timeout_default(0.3):
        (_, result), = extract_documents([document_from_text("STALL now.", source="s.txt")], stalling_nlp)
    assert isinstance(result, Failure) and "0.3 s" in result.reason
    assert default_timeout() == 60.0


def test_iter_sources_reports_a_file_too_slow_to_decode(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("Ana met Li in Lima.")
    (tmp_path / "b.txt").write_text("Kofi met Lena in Oslo.")
    real = sources._decode

    def slow(data):
        if b"Kofi" in data:
            time.sleep(STALL)
        return real(data)

    monkeypatch.setattr(sources, "_decode", slow)
    items = list(iter_sources([tmp_path], timeout=0.3))
    assert [type(x).__name__ for x in items] == ["Document", "Failure"]
    assert items[1].source == str(tmp_path / "b.txt")
    assert "took longer than 0.3 s to read" in items[1].reason


@pytest.mark.parametrize("args, expected", [
    (["--timeout", "5"], 5.0),
    (["--timeout", "0"], None),
    ([], 60.0),
])
def test_cli_timeout_option_sets_the_limit_for_the_run(tmp_path, monkeypatch, args, expected):
    seen = []

    def fake_iter_records(paths, **options):
        seen.append(default_timeout())
        return iter(())

    monkeypatch.setattr("extract.iter_records", fake_iter_records)
    (tmp_path / "a.txt").write_text("x")
    result = CliRunner().invoke(extract_command, [str(tmp_path / "a.txt"), *args])
    assert result.exit_code == 0, result.output
    assert seen == [expected]
    assert default_timeout() == 60.0  # restored after the command


def test_cli_timeout_rejects_a_negative_limit(tmp_path):
    result = CliRunner().invoke(extract_command, [str(tmp_path), "--timeout", "-1"])
    assert result.exit_code == 2 and "--timeout" in result.output
