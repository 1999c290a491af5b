"""Extraction engines: the same per-document extraction mapped over a stream of Documents.

Extraction is one pure function per document (``extract_batch`` runs it over a batch),
so it scales out. Two engines map it over a stream and yield ``(Document, record or
Failure)`` pairs in input order, holding at most a few batches in memory:

- ``local``: in this process (``workers=1``) or in a pool of ``workers`` processes, each
  holding the pipeline once (forked from this process, which loads it first);
- ``dask``: a ``dask.bag`` per window of batches, computed on a ``dask.distributed``
  cluster (a local one unless a scheduler address is given); each worker loads the
  pipeline once and keeps it. Workers of a remote cluster need diplograph installed.

``extractor_key`` names what the records depend on (record version, model and its
version, resources, limits), which is what a record store keys records by. Not here:
reading files (``extract.sources``) and storing records (``graph.store``).
"""

from __future__ import annotations

import collections
import dataclasses
import gc
import hashlib
import sys
from importlib import metadata, resources
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

from .errors import ExtractError
from .limits import DEFAULT_MAX_CHARS
from .sources import Document, Failure
from .versions import DEFAULT_MODELS, RECORD_VERSION  # not extract.record: a build with nothing to extract never loads spaCy

__all__ = ["ENGINES", "DEFAULT_BATCH_SIZE", "EngineError", "extractor_key", "extract_batch", "LocalEngine",
           "DaskEngine", "open_engine"]

ENGINES = ("local", "dask")
DEFAULT_BATCH_SIZE = 64
_IN_FLIGHT_PER_WORKER = 2
_WORKER_OPTIONS: dict = {}


class EngineError(ExtractError, RuntimeError):
    """An extraction engine could not start or lost its workers."""


def extractor_key(model: str | None = None, *, max_chars: int = DEFAULT_MAX_CHARS, actor_files: tuple = (),
                  topic_files: tuple = ()) -> str:
    """A string naming everything a record depends on besides the document itself.

    It joins the record version, the spaCy model (name and installed version), a hash
    of the bundled resource files (actor dictionary, titles, triggers, ...) and the
    text limit. A record store keyed by (doc_id, this key) never serves a record made
    by another extractor.

    Examples
    --------
    >>> key = extractor_key()
    >>> key.startswith(RECORD_VERSION) and "max_chars=300000" in key
    True
    >>> extractor_key(max_chars=1000) == key
    False
    """
    key = f"{RECORD_VERSION} | model {_model_identity(model)} | resources {_resources_hash()} | max_chars={max_chars}"
    if actor_files or topic_files:  # the user's own tables change records as much as ours do
        key += f" | user tables {_files_hash(tuple(actor_files) + tuple(topic_files))}"
    return key


def extract_batch(documents: Iterable[Document], *, model: str | None = None, actor_files: tuple = (),
                  topic_files: tuple = (),
                  max_chars: int = DEFAULT_MAX_CHARS) -> list[dict | Failure]:
    """Extract a batch of documents; return one record (or Failure) per document, in order.

    The pipeline is loaded once per process (cached). One bad document fails alone, as a
    Failure naming its source (``extract_documents`` redoes a failing batch document by
    document).

    Examples
    --------
    >>> from extract.sources import document_from_text
    >>> doc = document_from_text("Foreign Minister Ana Ruiz met Foreign Minister Li Wen in Lima on 3 May 2024.")
    >>> [p["name"] for p in extract_batch([doc])[0]["meetings"][0]["participants"]]
    ['Ana Ruiz', 'Li Wen']
    """
    from .pipeline import load_pipeline
    from .record import extract_documents

    nlp = load_pipeline(model, actor_files=tuple(actor_files), topic_files=tuple(topic_files))
    docs = [_fresh(d) for d in documents]
    if not docs:
        return []
    return [rec for _, rec in extract_documents(docs, nlp, batch_size=len(docs), max_chars=max_chars)]


class LocalEngine:
    """Extract on this machine: in this process, or in a pool of `workers` processes.

    With several workers, batches go to a process pool (each process holds the pipeline,
    inherited from this process); results come back in input order, with at most
    ``2 * workers`` batches in flight.

    Examples
    --------
    >>> from extract.sources import document_from_text
    >>> docs = [document_from_text(f"Foreign Minister Ana Ruiz met Foreign Minister Li Wen in Lima on {d} May 2024.")
    ...         for d in (3, 4)]
    >>> with LocalEngine(batch_size=1) as engine:
    ...     [rec["meetings"][0]["date"] for _, rec in engine.map(docs)]
    ['2024-05-03', '2024-05-04']
    """

    name = "local"

    def __init__(self, *, model: str | None = None, actor_files: tuple = (), topic_files: tuple = (),
                 workers: int = 1, batch_size: int = DEFAULT_BATCH_SIZE,
                 max_chars: int = DEFAULT_MAX_CHARS):
        if workers < 1:
            raise EngineError(f"workers must be 1 or more, not {workers}; use --workers 1 to extract in-process")
        self.model, self.workers, self.batch_size, self.max_chars = model, workers, batch_size, max_chars
        self.tables = {"actor_files": tuple(actor_files), "topic_files": tuple(topic_files)}
        self._pool = None

    def map(self, documents: Iterable[Document]) -> Iterator[tuple[Document, dict | Failure]]:
        """Yield (document, record or Failure) for every document, in input order."""
        if self.workers == 1:
            for chunk in _chunks(documents, self.batch_size):
                yield from zip(chunk, extract_batch(chunk, model=self.model, max_chars=self.max_chars, **self.tables))
            return
        pool = self._start_pool()
        pending: collections.deque = collections.deque()
        for chunk in _chunks(documents, self.batch_size):
            pending.append((chunk, pool.apply_async(_pool_batch, (chunk,))))
            if len(pending) >= self.workers * _IN_FLIGHT_PER_WORKER:
                yield from self._collect(pending.popleft())
        while pending:
            yield from self._collect(pending.popleft())

    def close(self) -> None:
        """Stop the worker processes (if any)."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.terminate()
            pool.join()
        if getattr(self, "_forked_only", False):
            # this process never extracts: free the pipeline it loaded for its workers (about 140 MiB),
            # which a build would otherwise carry through the graph steps, where its memory peaks
            from .pipeline import _load

            self._forked_only = False
            if _load.cache_info().currsize == 1:
                _load.cache_clear()
                gc.collect()

    def __enter__(self) -> "LocalEngine":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _start_pool(self):
        """Start the process pool once; forked children inherit the loaded pipeline."""
        if self._pool is None:
            import multiprocessing as mp

            from .pipeline import load_pipeline

            method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
            if method == "fork":
                from .pipeline import _load

                before = _load.cache_info()
                load_pipeline(self.model, **self.tables)
                # loaded here only for the children to inherit: dropped again when the pool stops (see close)
                self._forked_only = _load.cache_info().misses > before.misses and before.currsize == 0
            ctx = mp.get_context(method)
            self._pool = ctx.Pool(self.workers, initializer=_pool_init,
                                  initargs=(self.model, self.max_chars, self.tables))
        return self._pool

    def _collect(self, item) -> Iterator[tuple[Document, dict | Failure]]:
        """Wait for one batch and pair its results with its documents."""
        chunk, result = item
        try:
            records = result.get()
        except Exception as err:
            raise EngineError(f"a worker process failed while extracting {chunk[0].source} and the "
                              f"{len(chunk) - 1} documents after it ({type(err).__name__}: {err}); "
                              "rerun with --workers 1 to see the document's own error") from err
        return zip(chunk, records)


class DaskEngine:
    """Extract on a dask.distributed cluster: the scheduler at `scheduler`, or a local cluster.

    Documents are cut into windows of ``batch_size * workers * 2``; each window becomes
    a ``dask.bag`` with one partition per batch, mapped with ``extract_batch`` and
    computed on the cluster. Two windows are in flight at a time; results come back in
    input order. A local cluster gets `workers` single-threaded workers (processes, or
    threads of this process with ``processes=False``).

    Raises
    ------
    EngineError
        If the scheduler cannot be reached or the cluster cannot start.
    """

    name = "dask"

    def __init__(self, *, model: str | None = None, actor_files: tuple = (), topic_files: tuple = (),
                 workers: int = 1, batch_size: int = DEFAULT_BATCH_SIZE,
                 max_chars: int = DEFAULT_MAX_CHARS, scheduler: str | None = None, processes: bool = True):
        import logging

        from dask.distributed import Client, LocalCluster

        self.model, self.batch_size, self.max_chars = model, batch_size, max_chars
        self.tables = (tuple(actor_files), tuple(topic_files))
        self._cluster = None
        try:
            if scheduler:
                self._client = Client(scheduler, timeout="10s")
            else:
                self._cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=processes,
                                             dashboard_address=None, silence_logs=logging.ERROR)
                self._client = Client(self._cluster)
        except (OSError, TimeoutError, RuntimeError) as err:
            if self._cluster is not None:
                self._cluster.close()
            where = f"the Dask scheduler at {scheduler!r}" if scheduler else "a local Dask cluster"
            raise EngineError(f"cannot use {where} ({type(err).__name__}: {err}); check the address "
                              "(tcp://HOST:8786) or leave out --scheduler to start a local cluster") from err
        self.workers = max(1, len(self._client.scheduler_info().get("workers", {})) or workers)

    def map(self, documents: Iterable[Document]) -> Iterator[tuple[Document, dict | Failure]]:
        """Yield (document, record or Failure) for every document, in input order."""
        import dask.bag as db

        window = self.batch_size * self.workers * 2
        pending: collections.deque = collections.deque()
        for chunk in _chunks(documents, window):
            bag = db.from_sequence(chunk, partition_size=self.batch_size)
            future = self._client.compute(bag.map_partitions(_bag_partition, self.model, self.max_chars, *self.tables))
            pending.append((chunk, future))
            if len(pending) >= 2:
                yield from self._collect(pending.popleft())
        while pending:
            yield from self._collect(pending.popleft())

    def close(self) -> None:
        """Disconnect from the scheduler; stop the local cluster if this engine started it."""
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()

    def __enter__(self) -> "DaskEngine":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _collect(self, item) -> Iterator[tuple[Document, dict | Failure]]:
        """Wait for one window and pair its results with its documents."""
        chunk, future = item
        try:
            records = future.result()
        except Exception as err:
            raise EngineError(f"the Dask cluster failed while extracting {chunk[0].source} and the "
                              f"{len(chunk) - 1} documents after it ({type(err).__name__}: {err}); check that the "
                              "workers have diplograph and its model installed") from err
        return zip(chunk, records)


def open_engine(engine: str = "local", *, model: str | None = None, actor_files: tuple = (), topic_files: tuple = (),
                workers: int = 1,
                batch_size: int = DEFAULT_BATCH_SIZE, max_chars: int = DEFAULT_MAX_CHARS,
                scheduler: str | None = None, processes: bool = True) -> LocalEngine | DaskEngine:
    """Start an engine by name (``local`` or ``dask``); use it as a context manager.

    Raises
    ------
    EngineError
        If `engine` is unknown, or a scheduler is given to the local engine.

    Examples
    --------
    >>> open_engine("spark")
    Traceback (most recent call last):
    ...
    extract.runner.EngineError: Unknown engine 'spark'. Use one of: local, dask.
    """
    if engine not in ENGINES:
        raise EngineError(f"Unknown engine {engine!r}. Use one of: {', '.join(ENGINES)}.")
    if engine == "local":
        if scheduler:
            raise EngineError(f"--scheduler {scheduler} needs --engine dask; the local engine has no scheduler")
        return LocalEngine(model=model, actor_files=actor_files, topic_files=topic_files, workers=workers,
                           batch_size=batch_size, max_chars=max_chars)
    return DaskEngine(model=model, actor_files=actor_files, topic_files=topic_files, workers=workers,
                      batch_size=batch_size, max_chars=max_chars,
                      scheduler=scheduler, processes=processes)


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    """Consecutive lists of `size` items (the last may be shorter)."""
    it = iter(items)
    while chunk := list(islice(it, max(1, size))):
        yield chunk


def _fresh(d: Document) -> Document:
    """A copy whose text and warnings the pipeline may change without touching `d`."""
    return dataclasses.replace(d, warnings=list(d.warnings), meta=dict(d.meta))


def _pool_init(model: str | None, max_chars: int, tables: dict) -> None:
    """Set up a pool worker: private stdio streams, options, and the pipeline (a no-op when forked)."""
    sys.stdout = open(1, "w", closefd=False)  # locks inherited from the parent's threads cannot block us
    sys.stderr = open(2, "w", closefd=False)
    _WORKER_OPTIONS.update(model=model, max_chars=max_chars, **tables)
    from .pipeline import load_pipeline

    load_pipeline(model, **tables)


def _pool_batch(documents: list[Document]) -> list[dict | Failure]:
    """The pool's task: one batch with the worker's options."""
    return extract_batch(documents, **_WORKER_OPTIONS)


def _bag_partition(documents: Iterable[Document], model: str | None, max_chars: int, actor_files: tuple = (),
                   topic_files: tuple = ()) -> list[dict | Failure]:
    """The Dask task: one bag partition (the user's table files must be readable on the workers)."""
    return extract_batch(list(documents), model=model, max_chars=max_chars, actor_files=actor_files,
                         topic_files=topic_files)


def _files_hash(paths: tuple) -> str:
    """A short hash of the contents of the user's table files."""
    digest = hashlib.sha1()
    for path in paths:
        digest.update(str(path).encode("utf-8") + b"\0" + Path(path).read_bytes())
    return digest.hexdigest()[:12]


def _model_identity(model: str | None) -> str:
    """The model's name and version (from its package or its meta.json)."""
    if model and Path(model).is_dir():
        meta = Path(model) / "meta.json"
        digest = hashlib.sha1(meta.read_bytes()).hexdigest()[:12] if meta.is_file() else "no-meta"
        return f"{Path(model).resolve()}@{digest}"
    for name in (model,) if model else DEFAULT_MODELS:
        try:
            return f"{name}@{metadata.version(name)}"
        except metadata.PackageNotFoundError:
            continue
    return f"{model or DEFAULT_MODELS[0]}@unknown"


def _resources_hash() -> str:
    """A short hash of every bundled resource file (they shape the records as much as the code)."""
    digest = hashlib.sha1()
    folder = resources.files("extract").joinpath("resources")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_file():
            digest.update(entry.name.encode() + b"\0" + entry.read_bytes())
    return digest.hexdigest()[:12]
