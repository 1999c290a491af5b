"""Tests of extract/runner.py: the local process pool and the Dask engine give the local engine's records."""

from __future__ import annotations

import pytest

from extract.runner import DaskEngine, EngineError, LocalEngine, extract_batch, extractor_key, open_engine
from extract.sources import Document, document_from_text, iter_sources

REPO_REPORTS = "data/reports"
_PEOPLE = ["Ana Ruiz", "Li Wen", "Marta Silva", "Kofi Mensah", "Ivan Petrov", "Sara Haddad", "Aiko Sato"]


def report(i: int) -> str:
    """A short meeting report, different for every `i`."""
    a, b = _PEOPLE[i % 7], _PEOPLE[(i + 3) % 7]
    return (f"Ministers meet\nMay {1 + i}, 2024\n\nForeign Minister {a} met Foreign Minister {b} in Lima on "
            f"May {1 + i}, 2024. They discussed trade (report {i}).\n")


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    """A handful of the sample reports plus synthetic ones (about a dozen documents)."""
    docs = [d for d in iter_sources([REPO_REPORTS]) if isinstance(d, Document)][:6]
    return docs + [document_from_text(report(i), source=f"synthetic/r{i}.txt") for i in range(6)]


@pytest.fixture(scope="module")
def local_records(documents) -> list[dict]:
    with LocalEngine(batch_size=4) as engine:
        pairs = list(engine.map(documents))
    assert [d.source for d, _ in pairs] == [d.source for d in documents]
    return [rec for _, rec in pairs]


@pytest.mark.parametrize("workers, batch_size", [(2, 1), (2, 4), (3, 5)])
def test_local_engine_workers_give_the_same_records_in_order(documents, local_records, workers, batch_size):
    with LocalEngine(workers=workers, batch_size=batch_size) as engine:
        pairs = list(engine.map(documents))
    assert [d.source for d, _ in pairs] == [d.source for d in documents]
    assert [rec for _, rec in pairs] == local_records


def test_dask_engine_on_a_local_cluster_gives_the_local_records(documents, local_records):
    with DaskEngine(workers=1, batch_size=3, processes=False) as engine:
        pairs = list(engine.map(documents))
    assert [d.source for d, _ in pairs] == [d.source for d in documents]
    assert [rec for _, rec in pairs] == local_records


def test_engines_accept_an_empty_stream():
    with LocalEngine(workers=2) as engine:
        assert list(engine.map([])) == []


def test_extract_batch_fails_one_bad_document_alone(documents):
    bad = Document(source="broken.txt", source_id="broken", text=None)  # type: ignore[arg-type]
    results = extract_batch([documents[0], bad, documents[1]])
    assert [type(r).__name__ for r in results] == ["dict", "Failure", "dict"]
    assert str(results[1]).startswith("broken.txt: extraction failed") and "TypeError" in str(results[1])
    assert results[0]["doc_id"] == documents[0].doc_id


@pytest.mark.parametrize(
    "engine, options, message",
    [
        ("spark", {}, "Unknown engine 'spark'. Use one of: local, dask."),
        ("local", {"scheduler": "tcp://10.0.0.5:8786"}, "--scheduler tcp://10.0.0.5:8786 needs --engine dask"),
        ("local", {"workers": 0}, "workers must be 1 or more, not 0"),
    ],
)
def test_open_engine_refuses_bad_settings(engine, options, message):
    with pytest.raises(EngineError, match=message.replace(".", r"\.")):
        open_engine(engine, **options)


@pytest.mark.parametrize("options", [{"model": "en_core_web_md"}, {"max_chars": 5000}])
def test_extractor_key_changes_with_what_records_depend_on(options):
    assert extractor_key(**options) != extractor_key()
