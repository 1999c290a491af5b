"""The record store: extraction records kept in one SQLite file, so builds are incremental.

A :class:`RecordStore` holds every record ever extracted, keyed by the document's content
hash and the extractor's version string, plus the corpus membership of each build (which
source held which document). ``diplograph build`` extracts only documents the store does
not know and builds the graph from the records of the documents in the current corpus,
so a document that left the corpus drops out of the graph.

Safety: WAL journal, one transaction per batch (a ``kill -9`` loses at most the batch in
flight), and an exclusive lock file (``STORE.lock``) held for the whole life of the open
store, so a second build on the same file stops with a clear message instead of mixing
its work with the first. The store holds plain dicts: it knows nothing of spaCy.
"""

from __future__ import annotations

import bisect
import json
import os
import socket
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from .errors import StoreError, StoreLocked

__all__ = ["RecordStore", "StoreError", "StoreLocked", "BuildDiff", "STORE_FILE", "SCHEMA_VERSION"]

STORE_FILE = "store.sqlite"
SCHEMA_VERSION = "1"
#: A store up to this size is read through a memory map (see `RecordStore._connect`).
MMAP_BYTES = 64 << 20
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS records (
    doc_id TEXT NOT NULL,
    version TEXT NOT NULL,
    source TEXT NOT NULL,
    source_id TEXT,
    record TEXT NOT NULL,
    added REAL NOT NULL,
    PRIMARY KEY (doc_id, version)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS builds (
    build_id INTEGER PRIMARY KEY AUTOINCREMENT,
    started REAL NOT NULL,
    finished REAL,
    pid INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS members (
    build_id INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    source TEXT NOT NULL,
    source_id TEXT,
    doc_id TEXT NOT NULL,
    PRIMARY KEY (build_id, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS members_by_source ON members (build_id, source, doc_id);
CREATE TABLE IF NOT EXISTS files (
    path TEXT NOT NULL,
    version TEXT NOT NULL,
    digest TEXT NOT NULL,
    members TEXT NOT NULL,
    PRIMARY KEY (path, version)
) WITHOUT ROWID;
"""


@dataclass(frozen=True)
class BuildDiff:
    """How one build's corpus differs from the last finished build's, counted in documents.

    ``new``: sources the last build did not have; ``changed``: sources whose content (and
    so doc_id) changed; ``unchanged``: same source, same content; ``removed``: sources of
    the last build that are gone.
    """

    new: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0


class RecordStore:
    """A SQLite file of extraction records and corpus memberships, locked while open.

    Parameters
    ----------
    path : the SQLite file (created with its folder when missing).
    lock_timeout : seconds to wait for another build to release the lock (0: do not wait).
    rebuild : the caller will forget every record anyway (``--rebuild``): a damaged file
        is moved aside (to ``STORE.damaged-<time>``) and a fresh store is started.

    Raises
    ------
    StoreLocked
        If another process holds the lock; the message names its pid and start time.
    StoreError
        If the file is not a diplograph store, is damaged (its pages fail SQLite's
        ``quick_check``; the message says to rebuild) or cannot be created.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "store.sqlite"
    >>> with RecordStore(path) as store:
    ...     build = store.begin_build()
    ...     added = store.add_members(build, [(0, "a.txt", "a", "d1")])
    ...     stored = store.put_records([("d1", {"doc_id": "d1", "source": "old/a.txt"})], version="v1")
    ...     [(r["doc_id"], r["source"]) for r in store.iter_records(build, version="v1")]
    [('d1', 'a.txt')]
    """

    def __init__(self, path: str | Path, *, lock_timeout: float = 0.0, rebuild: bool = False):
        from filelock import FileLock, Timeout

        self.path = Path(path)
        self.moved_aside: Path | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise StoreError(f"Cannot create the folder of the store {str(self.path)!r}: {err.strerror or err}. "
                             "Pick a writable place with --store.") from err
        self._lock = FileLock(str(self.path) + ".lock", timeout=lock_timeout)
        try:
            self._lock.acquire()
        except Timeout:
            raise StoreLocked(f"another build is using {self.path} ({self._holder()}); "
                              "wait for it or use --store to pick another file") from None
        except OSError as err:
            raise StoreError(f"Cannot lock the store {str(self.path)!r}: {err.strerror or err}. "
                             "Check the folder is writable or pick another file with --store.") from err
        try:
            try:
                self._open()
            except sqlite3.DatabaseError as err:
                if not rebuild:
                    raise StoreError(f"{self.path} is not a usable diplograph store ({err}). Run the build with "
                                     "--rebuild to move it aside and extract every document again, or pick "
                                     "another file with --store.") from err
                self._move_aside()
                self._open()
        except sqlite3.DatabaseError as err:
            self._lock.release()
            raise StoreError(f"{self.path} is not a usable diplograph store ({err}); delete it, or pick another "
                             "file with --store") from err
        except BaseException:
            self._lock.release()
            raise

    # --- life cycle -------------------------------------------------------------------

    def close(self) -> None:
        """Close the database and release the lock (safe to call twice)."""
        db, self._db = getattr(self, "_db", None), None
        if db is not None:
            try:
                db.execute("DELETE FROM meta WHERE key = 'holder'")
            except sqlite3.Error:
                pass
            db.close()
        if self._lock.is_locked:
            self._lock.release()

    def __enter__(self) -> "RecordStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def reset(self) -> None:
        """Forget every record and build: the next build extracts everything (``--rebuild``)."""
        with self._tx():
            for table in ("records", "members", "builds", "files"):
                self._db.execute(f"DELETE FROM {table}")
        self._db.execute("VACUUM")

    # --- builds and membership ---------------------------------------------------------

    def begin_build(self) -> int:
        """Start a build and return its id; membership left by killed builds is dropped first."""
        with self._tx():
            self._db.execute("DELETE FROM members WHERE build_id IN (SELECT build_id FROM builds WHERE finished IS NULL)")
            self._db.execute("DELETE FROM builds WHERE finished IS NULL")
            cur = self._db.execute("INSERT INTO builds (started, pid) VALUES (?, ?)", (time.time(), os.getpid()))
        return int(cur.lastrowid)

    def add_members(self, build_id: int, rows: Iterable[tuple[int, str, str | None, str]]) -> int:
        """Record (seq, source, source_id, doc_id) rows as members of a build, in one transaction.

        Returns the number of rows written.
        """
        rows = [(build_id, *row) for row in rows]
        with self._tx():
            self._db.executemany("INSERT OR REPLACE INTO members VALUES (?, ?, ?, ?, ?)", rows)
        return len(rows)

    def drop_members(self, build_id: int, seqs: Iterable[int]) -> None:
        """Remove members of a build (documents whose extraction failed)."""
        with self._tx():
            self._db.executemany("DELETE FROM members WHERE build_id = ? AND seq = ?",
                                 [(build_id, s) for s in seqs])

    def keep_members(self, build_id: int, sources: Iterable[str], *, first_seq: int) -> int:
        """Carry into a build the last finished build's documents of files that failed to read this time.

        A file that cannot be read now (a syntax error, a permission change) keeps its
        documents in the corpus until it reads again or leaves the folder: its members of
        the last build (the file itself, its ``#id`` and ``:line`` documents) join this
        build under new sequence numbers from `first_seq`, unless this build already has
        them. Returns the number of documents kept.
        """
        row = self._db.execute("SELECT MAX(build_id) FROM builds WHERE finished IS NOT NULL AND build_id < ?",
                               (build_id,)).fetchone()
        if not row or row[0] is None:
            return 0
        kept = 0
        with self._tx():
            for source in dict.fromkeys(sources):
                rows = self._db.execute(
                    "SELECT p.source, p.source_id, p.doc_id FROM members p WHERE p.build_id = ? AND "
                    "(p.source = ? OR substr(p.source, 1, ?) IN (? || '#', ? || ':')) AND NOT EXISTS "
                    "(SELECT 1 FROM members c WHERE c.build_id = ? AND c.source = p.source) ORDER BY p.seq",
                    (row[0], source, len(source) + 1, source, source, build_id)).fetchall()
                self._db.executemany("INSERT INTO members VALUES (?, ?, ?, ?, ?)",
                                     [(build_id, first_seq + kept + i, *r) for i, r in enumerate(rows)])
                kept += len(rows)
        return kept

    def finish_build(self, build_id: int) -> None:
        """Mark a build finished; membership of older builds is dropped in the same transaction."""
        with self._tx():
            self._db.execute("UPDATE builds SET finished = ? WHERE build_id = ?", (time.time(), build_id))
            self._db.execute("DELETE FROM members WHERE build_id < ?", (build_id,))
            self._db.execute("DELETE FROM builds WHERE build_id < ?", (build_id,))

    def diff(self, build_id: int) -> BuildDiff:
        """Compare a build's membership with the last finished build before it (see BuildDiff)."""
        row = self._db.execute("SELECT MAX(build_id) FROM builds WHERE finished IS NOT NULL AND build_id < ?",
                               (build_id,)).fetchone()
        prev = row[0] if row and row[0] is not None else -1
        q = self._db.execute
        total = q("SELECT COUNT(*) FROM members WHERE build_id = ?", (build_id,)).fetchone()[0]
        # INDEXED BY: without statistics SQLite would scan the whole build for every member (quadratic)
        same = q("SELECT COUNT(*) FROM members c WHERE c.build_id = ? AND EXISTS (SELECT 1 FROM members p "
                 "INDEXED BY members_by_source WHERE p.build_id = ? AND p.source = c.source AND p.doc_id = c.doc_id)",
                 (build_id, prev)).fetchone()[0]
        known = q("SELECT COUNT(*) FROM members c WHERE c.build_id = ? AND EXISTS (SELECT 1 FROM members p "
                  "INDEXED BY members_by_source WHERE p.build_id = ? AND p.source = c.source)",
                  (build_id, prev)).fetchone()[0]
        removed = q("SELECT COUNT(*) FROM members p WHERE p.build_id = ? AND NOT EXISTS (SELECT 1 FROM members c "
                    "INDEXED BY members_by_source WHERE c.build_id = ? AND c.source = p.source)",
                    (prev, build_id)).fetchone()[0]
        return BuildDiff(new=total - known, changed=known - same, unchanged=same, removed=removed)

    def member_count(self, build_id: int) -> int:
        """Number of documents in a build's corpus."""
        return self._db.execute("SELECT COUNT(*) FROM members WHERE build_id = ?", (build_id,)).fetchone()[0]

    # --- records -----------------------------------------------------------------------

    def known(self, doc_ids: Iterable[str], *, version: str) -> set[str]:
        """The subset of `doc_ids` that has a record for extractor `version`."""
        ids = list(dict.fromkeys(doc_ids))
        found: set[str] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in self._db.execute(
                f"SELECT doc_id FROM records WHERE version = ? AND doc_id IN ({marks})", (version, *chunk)))
        return found

    def put_records(self, items: Iterable[tuple[str, dict]], *, version: str) -> int:
        """Store (doc_id, record) pairs for extractor `version` in one transaction; return the count.

        Raises
        ------
        StoreError
            If a record cannot be written as JSON (the message names its doc_id).
        """
        rows = []
        now = time.time()
        for doc_id, record in items:
            try:
                text = json.dumps(record, ensure_ascii=False, sort_keys=True)
            except (TypeError, ValueError) as err:
                raise StoreError(f"The record of document {doc_id!r} is not JSON-serialisable ({err}); "
                                 "records must hold only JSON values.") from err
            rows.append((doc_id, version, str(record.get("source", "")), record.get("source_id"), text, now))
        with self._tx():
            self._db.executemany("INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?, ?, ?)", rows)
        return len(rows)

    def iter_records(self, build_id: int, *, version: str) -> Iterator[dict]:
        """Yield the records of a build's documents, sorted by source (deterministic).

        Each record's ``source`` and ``source_id`` are those of the member, so a report
        stored under another path reads as the one in this corpus.
        """
        cur = self._db.cursor()
        cur.execute("SELECT m.source, m.source_id, r.record FROM members m JOIN records r "
                    "ON r.doc_id = m.doc_id AND r.version = ? WHERE m.build_id = ? ORDER BY m.source, m.seq",
                    (version, build_id))
        for source, source_id, text in cur:
            record = json.loads(text)
            record["source"] = source
            if source_id is not None:
                record["source_id"] = source_id
            yield record

    # --- incremental reading: members of a build, records by id, files read before --------

    def iter_members(self, build_id: int) -> Iterator[tuple[str, str | None, str]]:
        """Yield (source, source_id, doc_id) of a build's documents in `iter_records` order."""
        yield from self._db.execute("SELECT source, source_id, doc_id FROM members WHERE build_id = ? "
                                    "ORDER BY source, seq", (build_id,))

    def get_records(self, doc_ids: Iterable[str], *, version: str) -> dict[str, dict]:
        """The stored records of `doc_ids` for extractor `version`, by doc_id (missing ones left out)."""
        ids = list(dict.fromkeys(doc_ids))
        out: dict[str, dict] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            marks = ",".join("?" * len(chunk))
            for doc_id, text in self._db.execute(
                    f"SELECT doc_id, record FROM records WHERE version = ? AND doc_id IN ({marks})", (version, *chunk)):
                out[doc_id] = json.loads(text)
        return out

    def iter_record_lines(self, build_id: int, *, version: str) -> Iterator[str]:
        """The records of `iter_records` as JSON lines (keys sorted), for ``records.jsonl``.

        A record is parsed only when the member's source differs from the stored one;
        otherwise its stored text is the line.
        """
        cur = self._db.cursor()
        cur.execute("SELECT m.source, m.source_id, r.source, r.source_id, r.record FROM members m JOIN records r "
                    "ON r.doc_id = m.doc_id AND r.version = ? WHERE m.build_id = ? ORDER BY m.source, m.seq",
                    (version, build_id))
        for row in cur:
            yield _record_line(*row)

    def inserted_lines(self, build_id: int, *, version: str, after: int) -> list[tuple[int, str]] | None:
        """The lines `iter_record_lines` gives a build that it did not give build `after`, each with
        the number of `after`'s lines that come before it, when `after` is the last finished build
        before this one and this one only added documents: ``records.jsonl`` written for `after`
        then becomes this build's by inserting these lines. None otherwise (a member changed or
        removed, or another build finished in between).
        """
        q = self._db.execute
        row = q("SELECT MAX(build_id) FROM builds WHERE finished IS NOT NULL AND build_id < ?", (build_id,)).fetchone()
        if not row or row[0] is None or row[0] != after:
            return None
        diff = self.diff(build_id)
        if diff.changed or diff.removed:
            return None
        before = [r[0] for r in q("SELECT source FROM members INDEXED BY members_by_source WHERE build_id = ? "
                                  "ORDER BY source", (after,))]
        # a new member's source is no earlier member's: its lines go after every earlier line of a smaller source
        cur = q("SELECT m.source, m.source_id, r.source, r.source_id, r.record FROM members m JOIN records r "
                "ON r.doc_id = m.doc_id AND r.version = ? WHERE m.build_id = ? AND NOT EXISTS (SELECT 1 FROM members "
                "p INDEXED BY members_by_source WHERE p.build_id = ? AND p.source = m.source) ORDER BY m.source, m.seq",
                (version, build_id, after))
        lines = [(bisect.bisect_left(before, r[0]), _record_line(*r)) for r in cur]
        return lines if len(lines) == diff.new else None
    def file_members(self, path: str, digest: str, *, version: str) -> list[tuple[str, str | None, str]] | None:
        """The (source, source_id, doc_id) a file with these bytes gave when last read, or None."""
        row = self._db.execute("SELECT digest, members FROM files WHERE path = ? AND version = ?",
                               (path, version)).fetchone()
        if row is None or row[0] != digest:
            return None
        return [tuple(m) for m in json.loads(row[1])]

    def put_files(self, items: Iterable[tuple[str, str, list]], *, version: str) -> None:
        """Remember what each (path, digest, members) file gave, so an unchanged file is not read again."""
        rows = [(path, version, digest, json.dumps(members)) for path, digest, members in items]
        with self._tx():
            self._db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)", rows)

    def record_count(self, *, version: str | None = None) -> int:
        """Number of stored records (for one extractor version, or all)."""
        if version is None:
            return self._db.execute("SELECT COUNT(*) FROM records").fetchone()[0]
        return self._db.execute("SELECT COUNT(*) FROM records WHERE version = ?", (version,)).fetchone()[0]

    def prune(self, *, version: str) -> int:
        """Delete records no finished build uses or of another extractor version; return the count."""
        with self._tx():
            cur = self._db.execute(
                "DELETE FROM records WHERE version != ? OR doc_id NOT IN (SELECT m.doc_id FROM members m "
                "JOIN builds b ON b.build_id = m.build_id WHERE b.finished IS NOT NULL)", (version,))
        return cur.rowcount

    # --- private -----------------------------------------------------------------------

    def _open(self) -> None:
        """Connect, check the pages and the schema, and note who holds the store."""
        self._db = None
        db = self._connect()
        try:
            row = db.execute("PRAGMA quick_check").fetchone()  # a damaged page fails here, not mid-build
            if row and row[0] != "ok":
                raise sqlite3.DatabaseError(f"damaged pages: {row[0]}")
            self._db = db
            db.executescript(_SCHEMA)
            self._check_schema()
            with self._tx():
                db.execute("INSERT OR REPLACE INTO meta VALUES ('holder', ?)",
                           (json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "since": time.time()}),))
        except BaseException:
            self._db = None
            db.close()
            raise

    def _move_aside(self) -> Path:
        """Rename a damaged store (and its WAL files) to ``STORE.damaged-<time>``; return the new name."""
        aside = self.path.with_name(f"{self.path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
        for suffix in ("", "-wal", "-shm"):
            src = Path(str(self.path) + suffix)
            if src.exists():
                os.replace(src, str(aside) + suffix)
        self.moved_aside = aside
        return aside

    def _connect(self) -> sqlite3.Connection:
        """Open the database in WAL mode with autocommit (transactions are explicit)."""
        db = sqlite3.connect(str(self.path), timeout=30, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        # pages read through a memory map, not one read() each: checking which of a corpus's 7,500
        # documents the store holds took 0.07 s of CPU through reads, 0.02 s mapped. Mapped pages count
        # in the resident memory: a larger store is read as before (its build's peak memory matters more)
        if os.path.getsize(self.path) <= MMAP_BYTES:  # it exists: the journal mode was written
            db.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
        return db

    def _check_schema(self) -> None:
        """Stamp a new store with the schema version; refuse a store of another version."""
        row = self._db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if row is None:
            self._db.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
        elif row[0] != SCHEMA_VERSION:
            raise StoreError(f"{self.path} is a store of schema version {row[0]!r}, this diplograph reads version "
                             f"{SCHEMA_VERSION!r}; run the build with --rebuild or pick another file with --store")

    @contextmanager
    def _tx(self) -> Iterator[None]:
        """One immediate transaction: committed whole or not at all."""
        if self._db is None:
            raise StoreError(f"The store {self.path} is closed; open it again.")
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _holder(self) -> str:
        """Who holds the lock, read from the store (best effort)."""
        try:
            db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=1)
            try:
                row = db.execute("SELECT value FROM meta WHERE key = 'holder'").fetchone()
            finally:
                db.close()
            info = json.loads(row[0])
            since = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(info["since"]))
            return f"pid {info['pid']} on {info['host']} since {since}"
        except (sqlite3.Error, TypeError, ValueError, KeyError):
            return "pid unknown"


def _record_line(source: str, source_id: str | None, stored: str, stored_id: str | None, text: str) -> str:
    """A member's line of ``records.jsonl``: its stored record, under the member's source (and source id)."""
    if source != stored or (source_id is not None and source_id != stored_id):
        record = json.loads(text)
        record["source"] = source
        if source_id is not None:
            record["source_id"] = source_id
        text = json.dumps(record, ensure_ascii=False, sort_keys=True)
    return text + "\n"
