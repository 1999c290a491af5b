"""diplograph's extractor: meeting reports in, plain JSON records out.

>>> from extract import extract_text
>>> rec = extract_text("Foreign Minister Ana Ruiz met Foreign Minister Li Wen in Lima on 3 May 2024.")
>>> [p["name"] for p in rec["meetings"][0]["participants"]]
['Ana Ruiz', 'Li Wen']

``extract`` knows nothing of graphs; ``graph`` consumes its records. Importing the package
does not import spaCy: the record functions load it on first use, so pure-Python parts such as
``extract.norm`` (the names and countries layer ``graph`` shares) stay light.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from .errors import ExtractError
from .limits import DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS
from .sources import Document, Failure, document_from_text, iter_sources

__all__ = ["extract_text", "extract_paths", "iter_records", "ExtractRun", "load_pipeline", "validate_record",
           "RECORD_VERSION", "ExtractError", "Document", "Failure"]


def __getattr__(name: str):
    """Load the spaCy-backed names (``RECORD_VERSION``, ``validate_record``) on first use."""
    if name in ("RECORD_VERSION", "validate_record"):
        from . import record

        return getattr(record, name)
    raise AttributeError(f"module 'extract' has no attribute {name!r}")


def load_pipeline(model: str | None = None, **options):
    """Load the spaCy pipeline (see ``extract.pipeline.load_pipeline``)."""
    from .pipeline import load_pipeline as _load

    return _load(model, **options)


@dataclass
class ExtractRun:
    """The outcome of extracting a batch: records in input order and the documents that failed."""

    records: list[dict] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)


def extract_text(text: str, *, source: str = "<text>", title: str | None = None, published: str | None = None,
                 model: str | None = None) -> dict:
    """Extract one record from a report given as a string.

    Parameters
    ----------
    text : the report (a headline and date line at the top are recognised).
    source : what to put in the record's ``source`` field.
    title, published : metadata when the text does not carry it (published as YYYY-MM-DD).
    model : the spaCy model to use (see ``load_pipeline``).
    """
    from .record import extract_documents

    nlp = load_pipeline(model)
    doc = document_from_text(text, source=source, title=title, published=published)
    record = next(extract_documents([doc], nlp))[1]
    if isinstance(record, Failure):  # over the time limit
        from .limits import DocumentTimeout

        raise DocumentTimeout(f"{source}: {record.reason}")
    return record


def iter_records(paths: Iterable[str | Path], *, model: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                 max_chars: int = DEFAULT_MAX_CHARS, batch_size: int = 32, n_process: int = 1,
                 nlp=None, timeout: float | None = None, actor_files: Iterable[str] = (),
                 topic_files: Iterable[str] = (), follow_symlinks: bool = False) -> Iterator[dict | Failure]:
    """Yield a record or a Failure for every document under `paths`, in a stable order.

    Streams: memory is bounded by the batch, not the corpus. `timeout` is the time one
    document may take to read and to extract, in seconds (None: ``extract.limits``'s
    default, 60 s unless the command line set ``--timeout``; 0: no limit); a slower
    document becomes a Failure. `actor_files` and `topic_files` are the user's own actor
    dictionary and topic table files (CSV), read over the bundled ones. `follow_symlinks`
    reads file links that point out of a folder (see ``iter_sources``).
    """
    from .limits import default_timeout
    from .record import extract_documents

    nlp = nlp or load_pipeline(model, actor_files=tuple(actor_files), topic_files=tuple(topic_files))
    pending: list[Failure] = []
    seconds = default_timeout() if timeout is None else timeout

    def docs() -> Iterator[Document]:
        for item in iter_sources(paths, max_bytes=max_bytes, timeout=seconds, follow_symlinks=follow_symlinks):
            if isinstance(item, Failure):
                pending.append(item)
            else:
                yield item

    for _, record in extract_documents(docs(), nlp, batch_size=batch_size, n_process=n_process,
                                         max_chars=max_chars, timeout=seconds):
        while pending:
            yield pending.pop(0)
        yield record
    while pending:
        yield pending.pop(0)


def extract_paths(paths: Iterable[str | Path], *, model: str | None = None, **options) -> ExtractRun:
    """Extract every document under `paths`; return the records and the failures.

    Examples
    --------
    >>> run = extract_paths(["/no/such/folder"])
    >>> len(run.records), str(run.failures[0])
    (0, '/no/such/folder: no such file or folder; check the path')
    """
    run = ExtractRun()
    for item in iter_records(paths, model=model, **options):
        if isinstance(item, Failure):
            run.failures.append(item)
        else:
            run.records.append(item)
    return run
