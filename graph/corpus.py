"""Building a corpus end to end: reports in folders to records, graph and view on disk, incrementally.

``build_corpus`` is what ``diplograph build`` runs. It walks every source, reading only the
files whose bytes changed since the last build (a hash per file in the record store), looks
each document's content hash up in the record store (``graph.store``), extracts only the
documents the store does not hold (through an engine of ``extract.runner``, imported
lazily: graph code itself never touches spaCy), committing each batch, then applies the
new, changed and removed documents to the graph stored beside the outputs
(``graph.incremental``; the first build, or one whose cache cannot be used, builds it in
full) and writes ``records.jsonl``, ``graph.graphml`` and ``graph.html`` atomically, each
only when the graph changed or the file is not the one it wrote. A failed document is
reported and the rest go on; a killed build loses nothing already committed.

``ConsoleProgress`` draws the progress bar the command line shows; the library itself
only calls a ``progress(phase, done, total)`` callback.
"""

from __future__ import annotations

import collections
import itertools
import json
import os
import pickle
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .errors import GraphFileError, MissingInput
from .lazy_graph import node_types
from .store import STORE_FILE, RecordStore

__all__ = ["BuildSummary", "ConsoleProgress", "build_corpus", "write_records", "RECORDS_FILE", "GRAPH_FILE",
           "VIEW_FILE", "WARNINGS_FILE", "STATE_FILE", "ACTORS_FILE"]

RECORDS_FILE = "records.jsonl"
GRAPH_FILE = "graph.graphml"
VIEW_FILE = "graph.html"
WARNINGS_FILE = "warnings.txt"
STATE_FILE = "graph.state"  # graph.incremental.STATE_NAME: the cache queries look for beside graph.graphml
ACTORS_FILE = "actors.cache"  # the bundled actor dictionary, built once (extract.actors.save_dictionary_cache)
READ_BATCH = 256
PHASES = ("reading", "extracting", "writing")
_STEP = {"records": "records.jsonl", "graph": "graphml", "view": "view"}  # output -> its step in the summary


@dataclass
class BuildSummary:
    """What a build did: document counts against the last build, failures, and where the outputs are.

    ``documents`` counts every document read (failed ones included); ``new``,
    ``changed``, ``unchanged`` and ``removed`` compare the corpus with the last finished
    build on the same store; ``extracted`` documents went through the pipeline (or
    came as ready-made records, like Office of the Historian files), ``reused`` ones
    came from the store. ``kept`` documents come from the last build because their file
    failed to read this time.
    """

    documents: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    extracted: int = 0
    reused: int = 0
    failed: list[str] = field(default_factory=list)
    kept: int = 0
    officials: int = 0
    meetings: int = 0
    countries: int = 0
    topics: int = 0
    seconds: float = 0.0
    engine: str = "local"
    workers: int = 1
    outputs: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    timings: dict[str, float | str | None] = field(default_factory=dict)
    graph_update: object = None

    def lines(self) -> list[str]:
        """The summary as the lines ``diplograph build`` prints.

        Examples
        --------
        >>> BuildSummary(documents=3, new=1, unchanged=2, extracted=1, reused=2).lines()[:2]
        ['documents: 3 (new 1, changed 0, unchanged 2, removed 0), failed: 0', 'extracted: 1, reused from the store: 2 (engine local, 1 worker)']
        >>> BuildSummary(warnings=["duplicate document d1 (b.txt) skipped"]).lines()[3]
        'graph warnings: 1 (duplicate document d1 (b.txt) skipped)'
        """
        plural = "s" if self.workers != 1 else ""
        out = [
            f"documents: {self.documents} (new {self.new}, changed {self.changed}, unchanged {self.unchanged}, "
            f"removed {self.removed}), failed: {len(self.failed)}",
            f"extracted: {self.extracted}, reused from the store: {self.reused} "
            f"(engine {self.engine}, {self.workers} worker{plural})",
            f"officials: {self.officials}, meetings: {self.meetings}, countries: {self.countries}, "
            f"topics: {self.topics}",
        ]
        if self.kept:
            out.append(f"kept from the last build: {self.kept} document(s) of files that failed to read; "
                       "fix those files, or remove them from the folder to drop their documents")
        if self.warnings:  # repaired or skipped while building the graph: duplicates, unknown countries...
            more = len(self.warnings) - 3
            where = f", all in {self.outputs['warnings']}" if "warnings" in self.outputs else ""
            shown = "; ".join(self.warnings[:3]) + (f"; and {more} more{where}" if more > 0 else "")
            out.append(f"graph warnings: {len(self.warnings)} ({shown})")
        out += [f"{name}: {path}" for name, path in self.outputs.items()]
        if self.timings:  # seconds per step; None: up to date, not written; a word: why not written
            out.append("steps: " + ", ".join(
                f"{name} {'unchanged' if t is None else t if isinstance(t, str) else f'{t:.2f} s'}"
                for name, t in self.timings.items()))
        update = self.graph_update
        if update is not None and getattr(update, "changed", False):
            out.append(f"graph update: {update.added} documents in, {update.removed} out; rebuilt "
                       f"{update.meetings_rebuilt} meetings and {update.people_rebuilt} people"
                       + (" (in full)" if update.full else "")
                       + (f" ({update.note})" if getattr(update, "note", "") else ""))
        out.append(f"time: {self.seconds:.1f} s")
        return out


def write_records(records: Iterable[dict], path: str | Path) -> Path:
    """Write records as JSON lines, atomically (temp file, then rename).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = write_records([{"doc_id": "a"}], pathlib.Path(tempfile.mkdtemp()) / "r.jsonl")
    >>> p.read_text()
    '{"doc_id": "a"}\\n'
    """
    from .atomic_files import atomic_output

    path = Path(path)
    with atomic_output(path) as tmp:
        with open(tmp, "w", encoding="utf-8") as fh:
            for rec in records:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


def build_corpus(paths: Iterable[str | Path], out: str | Path, *, model: str | None = None,
                 store: str | Path | None = None, rebuild: bool = False, engine: str = "local", workers: int = 1,
                 scheduler: str | None = None, batch_size: int = 64, max_bytes: int | None = None,
                 max_chars: int | None = None, view: bool = True, graphml: bool = True,
                 on_failure: Callable | None = None,
                 progress: Callable[[str, int, int | None], None] | None = None,
                 lock_timeout: float = 0.0, actor_files: Iterable[str] = (),
                 topic_files: Iterable[str] = (), corrections: str | Path | None = None,
                 follow_symlinks: bool = False) -> BuildSummary:
    """Extract the reports under `paths` the store does not hold, build the graph, write the outputs in `out`.

    Parameters
    ----------
    paths : report files and folders (and Office of the Historian XML files).
    out : the output folder (created when missing).
    model : the spaCy model for extraction.
    store : the record store file; ``<out>/store.sqlite`` by default.
    rebuild : forget every stored record first and extract everything.
    engine, workers, scheduler : how to extract (see ``extract.runner.open_engine``):
        ``local`` with `workers` processes, or ``dask`` on the cluster at `scheduler`
        (a local cluster of `workers` processes when None).
    batch_size : documents per extraction batch (and per store transaction).
    max_bytes, max_chars : input limits (the extractor's defaults when None).
    view : also write the interactive HTML view. When False, an existing view is left as it
        was; if the graph changed it is out of date, which the summary says, and the next
        build with `view` writes it even when nothing else changed.
    graphml : also write ``graph.graphml``; when False, as for `view`. Queries read the
        graph from the cache (``graph.state``) either way.
    on_failure : called with each failed document as it happens (the CLI prints it).
    progress : called as ``progress(phase, done, total)`` with phase ``reading``
        (total None), ``extracting`` (total known) and ``writing``.
    lock_timeout : seconds to wait for another build holding the store.
    actor_files, topic_files : the user's own actor dictionary and topic table.
    corrections : a CSV of people to join or keep apart (see ``graph.corrections``).
    follow_symlinks : read file links that point out of an input folder (see
        ``extract.iter_sources``).

    Files that fail to read keep their documents of the last build in the graph (a
    syntax error in a file does not empty its part of the corpus); the outputs and the
    store are never read as reports, even inside an input folder.

    Returns
    -------
    A BuildSummary.

    Raises
    ------
    MissingInput
        If a path does not exist (nothing is written), or no report is found under them.
    GraphFileError
        If `out` cannot be a folder (a file is in the way).
    StoreLocked
        If another build holds the store (its pid is in the message).
    StoreError
        If the store cannot be opened or written.
    EngineError
        If the extraction engine cannot start or its workers fail.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> tmp = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (tmp / "r.txt").write_text("Foreign Minister Ana Ruiz met Foreign Minister Li Wen in Lima on 3 May 2024.")
    >>> build_corpus([tmp / "r.txt"], tmp / "out", view=False).extracted
    1
    >>> again = build_corpus([tmp / "r.txt"], tmp / "out", view=False)
    >>> again.extracted, again.unchanged, again.meetings
    (0, 1, 1)
    """
    from extract import Document, Failure, iter_sources
    from extract.limits import DEFAULT_MAX_CHARS
    from extract.runner import extractor_key, open_engine
    from extract.sources import DEFAULT_MAX_BYTES

    from .atomic_files import atomic_outputs
    from .incremental import GraphState, fingerprint, load_state, read_header, save_state

    start = time.perf_counter()
    paths = [str(p) for p in paths]
    out = Path(out)
    _check_inputs(paths)
    _make_folder(out)
    max_chars = max_chars or DEFAULT_MAX_CHARS
    report = progress or (lambda phase, done, total: None)
    summary = BuildSummary(engine=engine, workers=workers)

    def failed(item) -> None:
        summary.failed.append(str(item))
        if on_failure:
            on_failure(item)

    tables = {"actor_files": tuple(actor_files), "topic_files": tuple(topic_files)}  # the user's own tables
    from .corrections import read_corrections

    fixes = read_corrections(corrections) if corrections else []  # read first: a bad file stops nothing half-done
    version = extractor_key(model, max_chars=max_chars, **tables)  # it hashes the actor files, ours and the user's
    aliases, aliases_key = _aliases(tables["actor_files"], None if rebuild else read_header(out / STATE_FILE))
    from extract.actors import preload_dictionary_cache, save_dictionary_cache

    actors_cached = not rebuild and preload_dictionary_cache(out / ACTORS_FILE)  # for the OHA reader and extraction
    store_path = Path(store or out / STORE_FILE)
    with RecordStore(store_path, lock_timeout=lock_timeout, rebuild=rebuild) as db, _Spill() as spill:
        if db.moved_aside is not None:
            summary.outputs["damaged store moved aside to"] = str(db.moved_aside)
        if rebuild:
            db.reset()
        _remove_stale_temporaries(out)  # left by a killed build; the store's lock says none is running
        build_id = db.begin_build()
        # 1. read every source; note membership; set aside documents the store lacks
        seq, read = 0, 0
        queued: set[str] = set()
        batch: list[tuple[int, Document]] = []
        unread: list[str] = []  # files that failed to read: their documents of the last build are kept
        member_of: dict[int, tuple] = {}  # seq -> (source, source_id, doc_id) of the documents read now

        def flush() -> None:
            keys = {s: _key(d) for s, d in batch}
            known = db.known(keys.values(), version=version)
            ready = []
            for s, d in batch:
                k = keys[s]
                if k in known or k in queued:
                    continue
                queued.add(k)
                if d.record is not None:  # a ready-made record (Office of the Historian): no NLP
                    ready.append((k, d.record))
                else:
                    spill.put(s, d)
            if ready:
                db.put_records(ready, version=version)
                summary.extracted += len(ready)
            rows = [(s, d.source, d.source_id, keys[s]) for s, d in batch]
            db.add_members(build_id, rows)
            member_of.update((row[0], row[1:]) for row in rows)
            summary.reused += sum(1 for s, _ in batch if keys[s] in known)
            batch.clear()

        summary.timings["setup"] = time.perf_counter() - start
        mark = time.perf_counter()
        exclude = [out, store_path, Path(str(store_path) + ".lock")]
        limit = max_bytes or DEFAULT_MAX_BYTES
        files: dict[str, tuple[str, list[int]]] = {}  # path -> (digest, seqs) of the files read now
        reused_rows: list[tuple] = []  # members of files not read again, written in few transactions
        for target, digest in _reading_plan(paths, exclude, limit, follow_symlinks):
            members = db.file_members(_path_key(target), digest, version=version) if digest else None
            if members and len(db.known([m[2] for m in members], version=version)) == len({m[2] for m in members}):
                reused_rows.extend((seq + i, *m) for i, m in enumerate(members))  # same bytes: not read
                if len(reused_rows) >= READ_BATCH * 16:  # one transaction for many files
                    db.add_members(build_id, reused_rows)
                    reused_rows.clear()
                seq += len(members)
                read += len(members)
                summary.reused += len(members)
                continue
            seqs: list[int] = []
            for item in iter_sources([target], max_bytes=limit, follow_symlinks=follow_symlinks, exclude=exclude):
                read += 1
                if isinstance(item, Failure):
                    failed(item)
                    digest = ""  # a file that gave a failure is read again next time, to report it again
                    if not item.refused:  # a link out of the folder keeps nothing it may have given before
                        unread.append(item.source)
                else:
                    batch.append((seq, item))
                    seqs.append(seq)
                    seq += 1
                    if len(batch) >= READ_BATCH:
                        flush()
                        report("reading", read, None)
            if digest:
                files[_path_key(target)] = (digest, seqs)
        flush()
        db.add_members(build_id, reused_rows)
        report("reading", read, None)
        if not read:
            raise MissingInput(f"No reports found under {', '.join(map(repr, paths))}: diplograph reads .txt, "
                               ".html/.htm, .json, .jsonl and Office of the Historian .xml files. Nothing was "
                               "written; check the folder, or name the report files.")
        summary.kept += db.keep_members(build_id, unread, first_seq=seq)
        seq += summary.kept
        summary.timings["read"] = time.perf_counter() - mark

        # 2. extract what the store lacks, committing each batch
        mark = time.perf_counter()
        lost: list[int] = []
        total = spill.count()
        report("extracting", 0, total)
        if total:
            with open_engine(engine, model=model, workers=workers, batch_size=batch_size, max_chars=max_chars,
                             scheduler=scheduler, **tables) as runner:
                summary.workers = getattr(runner, "workers", workers)
                done, lost_sources, results = 0, [], []
                seqs: collections.deque = collections.deque()

                def docs() -> Iterator[Document]:
                    for s, d in spill.items():
                        seqs.append(s)
                        yield d

                for d, result in runner.map(docs()):
                    s = seqs.popleft()
                    if isinstance(result, Failure):
                        failed(result)
                        lost.append(s)
                        lost_sources.append(d.source)
                    else:
                        results.append((_key(d), result))
                    done += 1
                    if len(results) >= batch_size:
                        db.put_records(results, version=version)
                        results.clear()
                        report("extracting", done, total)
                db.put_records(results, version=version)
                if lost:
                    db.drop_members(build_id, lost)
                    summary.kept += db.keep_members(build_id, lost_sources, first_seq=seq)
                summary.extracted += done - len(lost)
                report("extracting", done, total)

        summary.timings["extract"] = time.perf_counter() - mark

        # 3. the graph of the documents now in the corpus: the stored graph, patched
        report("writing", 0, None)
        mark = time.perf_counter()
        diff = db.diff(build_id)
        summary.new, summary.changed, summary.unchanged, summary.removed = (diff.new, diff.changed, diff.unchanged,
                                                                            diff.removed)
        summary.documents = db.member_count(build_id) - summary.kept + len(summary.failed)
        state_path = out / STATE_FILE
        loaded = None if rebuild else load_state(state_path, expect={"extractor": version}, aliases=aliases,
                                                 corrections=fixes)
        header, state = loaded if loaded else ({}, GraphState(aliases=aliases,
                                                              corrections=tuple(tuple(c) for c in fixes)))
        stats = state.update(_corpus_records(db, build_id, version, state))
        g = state.plain  # networkx is imported only to write GraphML or the view (`state.graph`)
        summary.warnings.extend(state.warnings)
        if loaded is None and not rebuild and state_path.exists():
            summary.warnings.insert(0, f"{state_path} could not be used (damaged, or written by another version "
                                       "of diplograph or with other extraction settings, aliases or corrections); "
                                       "the graph was built in full and the file replaced")
        summary.graph_update = stats
        summary.timings["graph"] = time.perf_counter() - mark

        # 4. outputs: rewritten when the graph changed or the file is not the one last written
        written = dict(header.get("outputs", {})) if not stats.changed else {}
        if diff.new or diff.changed or diff.removed:  # records.jsonl lists every member, duplicates too
            written.pop("records", None)
        stale = dict(header.get("stale", {}))
        targets = {"records": out / RECORDS_FILE}
        wanted = {"graph": graphml, "view": view}
        for name, path in (("graph", out / GRAPH_FILE), ("view", out / VIEW_FILE)):
            if wanted[name]:
                targets[name] = path
            elif stats.changed and name in header.get("outputs", {}):
                stale[name] = header["outputs"][name]  # left as it was: it tells an older graph
        todo = {name: path for name, path in targets.items()
                if not written.get(name) or written.get(name) != fingerprint(path)}
        if todo:
            names = list(todo)
            with atomic_outputs(todo.values()) as tmps:  # all replace the old ones together, or none does
                for name, tmp in zip(names, tmps):
                    step = time.perf_counter()
                    if name == "records":
                        _write_records(db, build_id, version, tmp, targets["records"],
                                       header.get("outputs", {}).get("records"), header.get("records_build"))
                    elif name == "graph":
                        from .export import write_graphml

                        write_graphml(state.graph, tmp, sort=True)  # an updated graph writes a fresh one's bytes
                    else:
                        from .views import write_view

                        write_view(state.graph, tmp, view="auto")  # who met whom when the graph is large
                    summary.timings[_STEP[name]] = time.perf_counter() - step
        for name, path in targets.items():
            written[name] = fingerprint(path)
            stale.pop(name, None)
            if name not in todo:
                summary.timings[_STEP[name]] = None  # unchanged: not written
        for name in ("graph", "view"):
            if name not in targets:
                summary.timings[_STEP[name]] = "skipped"
                written.pop(name, None)
        _write_warnings(summary.warnings, out / WARNINGS_FILE)
        if summary.warnings:
            summary.outputs["warnings"] = str(out / WARNINGS_FILE)
        for name, path in targets.items():
            summary.outputs[name] = str(path)
        for name in stale:
            summary.outputs[name] = (f"{out / (GRAPH_FILE if name == 'graph' else VIEW_FILE)} left as it was "
                                     "(out of date; written by the next build without "
                                     f"{'--no-graphml' if name == 'graph' else '--no-view'})")
        mark = time.perf_counter()
        new_header = {"extractor": version, "outputs": written, "stale": stale, "aliases": aliases,
                      "aliases_key": aliases_key,  # and the build whose members records.jsonl lists
                      "records_build": build_id if "records" in todo else header.get("records_build")}
        if stats.changed or any(header.get(k) != v for k, v in new_header.items()):
            save_state(state, state_path, header=new_header)
            summary.timings["cache"] = time.perf_counter() - mark
        else:
            summary.timings["cache"] = None
        summary.outputs["cache"] = str(state_path)
        dropped = set(lost)
        db.put_files([(path, digest, [member_of[s] for s in seqs]) for path, (digest, seqs) in files.items()
                      if not dropped.intersection(seqs)], version=version)  # a failed extraction is tried again
        db.finish_build(build_id)
        summary.outputs["store"] = str(db.path)
    if not actors_cached and summary.extracted:  # documents were read or extracted: the dictionary was built
        try:
            save_dictionary_cache(out / ACTORS_FILE)
        except OSError:  # only a cache: the next build builds the dictionary again
            pass
    types = node_types(g)  # read from the ids when the graph's rows were not all decoded
    summary.officials = types["person"]
    summary.meetings = types["meeting"]
    summary.countries = types["country"]
    summary.topics = types["topic"]
    summary.seconds = time.perf_counter() - start
    return summary


def _write_records(db, build_id: int, version: str, tmp: Path, path: Path, written: str | None,
                   last: int | None) -> None:
    """Write ``records.jsonl`` to `tmp` (renamed to `path` by the caller): when `path` is the file
    build `last` wrote (its fingerprint `written`) and this build only added documents, the old
    file's bytes with the new documents' lines inserted in their places
    (``RecordStore.inserted_lines``); otherwise every line, from the store."""
    from .row_graph import fingerprint

    inserts = None
    if written and last is not None and written == fingerprint(path):
        inserts = db.inserted_lines(build_id, version=version, after=last)
    if inserts is not None:
        try:
            _insert_lines(path, tmp, inserts)
            return
        except ValueError:  # the old file has fewer lines than its build had members: not ours after all
            pass
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.writelines(db.iter_record_lines(build_id, version=version))


def _insert_lines(path: Path, tmp: Path, inserts: list[tuple[int, str]]) -> None:
    """Write to `tmp` the lines of `path` with each (k, line) of `inserts` (k ascending) put after its
    first k lines; the old lines are copied as bytes from a memory map, never parsed or held whole.
    ValueError when `path` has fewer lines than an insert needs."""
    import mmap

    with open(path, "rb") as src, open(tmp, "wb") as fh:
        if not src.seek(0, 2):
            if any(k for k, _ in inserts):
                raise ValueError(f"{path} is empty")
            fh.writelines(line.encode("utf-8") for _, line in inserts)
            return
        with mmap.mmap(src.fileno(), 0, access=mmap.ACCESS_READ) as old:
            view = memoryview(old)
            try:
                start = pos = seen = 0
                for k, line in inserts:
                    while seen < k:
                        found = old.find(b"\n", pos)
                        if found < 0:
                            raise ValueError(f"{path} has {seen} lines, not {k}")
                        pos, seen = found + 1, seen + 1
                    fh.write(view[start:pos])
                    fh.write(line.encode("utf-8"))
                    start = pos
                fh.write(view[start:])
            finally:
                view.release()


def _write_warnings(warnings: list[str], path: Path) -> None:
    """Write every graph warning, one per line, atomically; remove an old file when there are none."""
    from .atomic_files import atomic_output

    if not warnings:
        path.unlink(missing_ok=True)
        return
    with atomic_output(path) as tmp:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.writelines(w.replace("\n", " ") + "\n" for w in warnings)


def _remove_stale_temporaries(out: Path) -> int:
    """Delete the temporary files a killed build left in `out` (``.graph.graphml.x1y2.tmp``); return the count."""
    names = (RECORDS_FILE, GRAPH_FILE, VIEW_FILE, WARNINGS_FILE, STATE_FILE, ACTORS_FILE)
    removed = 0
    for path in out.glob(".*.tmp"):
        if path.is_file() and path.name.lstrip(".").startswith(tuple(f"{n}." for n in names)):  # nested too
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def _check_inputs(paths: list[str]) -> None:
    """Refuse a build whose input paths do not exist, before anything is written."""
    missing = [p for p in paths if not os.path.lexists(p)]
    if missing:
        raise MissingInput(f"No such file or folder: {', '.join(map(repr, missing))}. Check the path; nothing was "
                           "written and the last build's outputs are unchanged.")


def _make_folder(out: Path) -> None:
    """Create the output folder, or say why it cannot be one."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError) as err:
        raise GraphFileError(f"Cannot use {str(out)!r} as the output folder: {err.strerror or err} (a file is in "
                             "the way). Choose another --out folder.") from err
    except OSError as err:
        raise GraphFileError(f"Cannot create the output folder {str(out)!r}: {err.strerror or err}. Check the "
                             "parent folder is writable, or choose another --out folder.") from err


class ConsoleProgress:
    """A rich progress bar on stderr for ``build_corpus``'s `progress` callback.

    Shows the phase, documents done (of the total when known), documents per second
    and the time left. With ``enabled=False`` (not a terminal, or ``--quiet``) it draws
    nothing. Use it as a context manager around the build.

    Examples
    --------
    >>> with ConsoleProgress(enabled=False) as bar:
    ...     bar("extracting", 5, 10)
    """

    def __init__(self, *, enabled: bool = True):
        self.enabled = enabled
        self._bar = None
        self._tasks: dict[str, int] = {}

    def __enter__(self) -> "ConsoleProgress":
        if self.enabled:
            from rich.console import Console
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                                       TimeRemainingColumn)

            self._bar = Progress(TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(),
                                 _rate_column(), TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(),
                                 console=Console(stderr=True), transient=False)
            self._bar.start()
        return self

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.stop()

    def __call__(self, phase: str, done: int, total: int | None) -> None:
        """Show `done` documents of `total` (None: unknown) for `phase`."""
        if self._bar is None:
            return
        if phase not in self._tasks:
            self._tasks[phase] = self._bar.add_task(phase, total=total)
        self._bar.update(self._tasks[phase], completed=done, total=total)


def _rate_column():
    """A rich column: documents per second since the phase started (blank before the first document).
    Made when a bar is drawn: a build without one (``--quiet``, not a terminal) does not import rich."""
    from rich.progress import ProgressColumn
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task):
            if not task.completed or not task.elapsed:
                return Text("")
            return Text(f"{task.completed / task.elapsed:,.1f} docs/s")

    return RateColumn()


class _Spill:
    """A private temporary SQLite file holding the documents waiting for extraction (bounded memory)."""

    def __enter__(self) -> "_Spill":
        self._db = sqlite3.connect("")
        self._db.execute("CREATE TABLE pending (seq INTEGER PRIMARY KEY, doc BLOB NOT NULL)")
        return self

    def __exit__(self, *exc) -> None:
        self._db.close()

    def put(self, seq: int, document) -> None:
        """Set a document aside."""
        self._db.execute("INSERT INTO pending VALUES (?, ?)", (seq, pickle.dumps(document, pickle.HIGHEST_PROTOCOL)))

    def count(self) -> int:
        """Documents set aside."""
        return self._db.execute("SELECT COUNT(*) FROM pending").fetchone()[0]

    def items(self) -> Iterator[tuple[int, object]]:
        """The documents in reading order."""
        for seq, blob in self._db.execute("SELECT seq, doc FROM pending ORDER BY seq"):
            yield seq, pickle.loads(blob)


def _aliases(actor_files: tuple, header: dict | None) -> tuple[dict, str]:
    """The actor dictionary's alias table and its key (``extract.actors.alias_table_key``): the
    table the last build stored when it was made from the same files and code, else read
    from the actor files."""
    from extract.actors import alias_table_key

    key = alias_table_key(actor_files)
    if header and header.get("aliases_key") == key and isinstance(header.get("aliases"), dict):
        return header["aliases"], key
    from extract.actors import ActorDictionary

    return ActorDictionary.load(actor_files).alias_table(), key


def _reading_plan(paths: list[str], exclude: list[Path], limit: int,
                  follow_symlinks: bool) -> Iterator[tuple[str, str]]:
    """What to read, as (target, digest): a target is read with ``iter_sources([target])``.

    A folder of plain report files (regular files, no links, none the reader refuses)
    gives one target per file, with a hash of its bytes, so a file read before with the
    same bytes need not be read again. Anything else (a folder holding links or files the
    reader reports, a file named with an unknown suffix) is one target with digest "", read
    in full as before. Which files of a folder are reports, and their order, is the
    reader's own rule (``extract.sources.report_files``).
    """
    from extract.sources import TEXT_SUFFIXES, refused_reason, report_files

    for raw in paths:
        path = Path(raw)
        if path.is_file() and not path.is_symlink():
            yield raw, (_digest(path, limit) if path.suffix.lower() in TEXT_SUFFIXES else "")
            continue
        if not path.is_dir() or path.is_symlink():
            yield raw, ""
            continue
        found = report_files(path, exclude=exclude)
        if any(refused_reason(f) or f.is_symlink() or not f.is_file() for f in found):
            yield raw, ""  # the reader reports these: read the folder as one target
            continue
        for file in found:
            yield str(file), _digest(file, limit)


def _path_key(path: str) -> str:
    """A file's path as the store keeps it: name bytes that are not UTF-8 become escapes (``\\xff``)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _digest(path: Path, limit: int) -> str:
    """A hash of a regular file's bytes; "" for anything else (a pipe, a file over `limit`, an
    unreadable one), which is then read, and reported, by the reader."""
    import hashlib
    import stat

    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:  # opening a named pipe would block
            return ""
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
        return hashlib.sha1(data).hexdigest() if len(data) <= limit else ""
    except OSError:
        return ""


def _corpus_records(db: RecordStore, build_id: int, version: str, state) -> Iterator[dict]:
    """The corpus in order for `GraphState.update`: stand-ins for the documents the state holds
    under the same source, stored records for the rest (fetched a chunk at a time, so a full
    build never holds every raw record at once)."""
    from .identity import clean_text
    from .incremental import known_record

    held = state.docs
    members = db.iter_members(build_id)
    while True:
        chunk = list(itertools.islice(members, 500))
        if not chunk:
            return
        missing = [d for s, sid, d in chunk if d not in held or held.summary(d)[0] != clean_text(s)
                   or (sid is not None and held.summary(d)[1] != clean_text(sid))]  # (no document decoded)
        fetched = db.get_records(missing, version=version) if missing else {}
        for source, source_id, doc_id in chunk:
            if doc_id in fetched:
                rec = dict(fetched[doc_id], source=source)
                if source_id is not None:
                    rec["source_id"] = source_id
                yield rec
            else:
                yield known_record(doc_id, source, source_id)


def _key(document) -> str:
    """The store key of a document: its ready-made record's doc_id, else its content hash."""
    if document.record is not None and document.record.get("doc_id"):
        return str(document.record["doc_id"])
    return document.doc_id
