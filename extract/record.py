"""Records: one JSON-serialisable dict per document, the extractor's only output.

``to_record`` turns a processed Doc and its Document into the record format of
DESIGN.md (validated by ``resources/record.schema.json``); ``extract_documents`` runs
the pipeline over a stream of Documents in batches and yields records in input order;
``validate_record`` checks one against the schema. Every offset indexes ``record["text"]``.

Not here: reading files (``extract.sources``) or anything about graphs.
"""

from __future__ import annotations

import contextlib
import json
import re
import threading
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from .limits import DEFAULT_MAX_CHARS, DocumentTimeout, can_time_limit, default_timeout, time_limit, timeout_message
from .organizations import organizations
from .sources import Document, Failure
from .versions import RECORD_VERSION

__all__ = ["RECORD_VERSION", "DEFAULT_MAX_CHARS", "to_record", "extract_documents", "rules_fired", "validate_record",
           "record_schema", "empty_record"]

_UNSET = object()
_LATIN = re.compile(r"[A-Za-z]")
_ZONE_LOCK = threading.RLock()  # memory zones of one process, one at a time (see _zoned)
# one report that takes every component through its first-use set-up (see _memory_zone)
_WARM_UP = ("Foreign Minister Ana Ruiz of Peru met Secretary of State Antony Blinken in Lima on 3 May 2024. "
            "They discussed climate change and the war in Ukraine.")


def record_schema() -> dict:
    """The JSON Schema of a record (draft 2020-12).

    Examples
    --------
    >>> record_schema()["title"]
    'diplograph record'
    """
    return json.loads(_schema_text())


@lru_cache(maxsize=1)
def _schema_text() -> str:
    return resources.files("extract").joinpath("resources/record.schema.json").read_text(encoding="utf-8")


def validate_record(record: dict) -> list[str]:
    """Return the schema errors of `record` (an empty list when it is valid).

    Examples
    --------
    >>> validate_record(empty_record(source="x.txt", text="Nothing happened."))
    []
    >>> validate_record({"doc_id": "1"})[0]
    "'source' is a required property"
    """
    validator = _validator()
    return [e.message for e in sorted(validator.iter_errors(record), key=lambda e: list(e.path))]


@lru_cache(maxsize=1)
def _validator():
    from jsonschema import Draft202012Validator

    return Draft202012Validator(record_schema())


def empty_record(*, source: str, text: str = "", doc_id: str | None = None, source_id: str | None = None,
                 title: str | None = None, published: str | None = None, warnings: list[str] | None = None) -> dict:
    """A record with no findings, for documents that were read but hold nothing to extract."""
    from .sources import content_hash

    return {
        "version": RECORD_VERSION, "doc_id": doc_id or content_hash((title or "") + "\n" + text), "source": source,
        "source_id": source_id, "title": title, "published": published, "dateline": None, "encoding": None,
        "meetings": [], "planned": [], "officials": [], "countries": [], "organizations": [],
        "warnings": list(warnings or []), "text": text,
    }


def extract_documents(documents: Iterable[Document], nlp: Language, *, batch_size: int = 32, n_process: int = 1,
                      max_chars: int = DEFAULT_MAX_CHARS, timeout: float | None | object = _UNSET,
                      memory_zone: bool = True) -> Iterator[tuple[Document, dict | Failure]]:
    """Run the pipeline over `documents` and yield (document, record) pairs in input order.

    Parameters
    ----------
    documents : Documents from ``extract.sources``; those carrying a ready record (Office
        of the Historian files) pass through without NLP.
    nlp : the pipeline from ``load_pipeline``.
    batch_size : passed to ``nlp.pipe``.
    n_process : must be 1; ``extract.runner.LocalEngine`` extracts with several processes.
    max_chars : longer texts are cut to this length (with a warning in the record) so
        one huge document cannot stall the batch.
    timeout : seconds one document may take (default ``extract.limits.default_timeout()``;
        0 or None: no limit). A document over it is yielded with a ``Failure`` in place
        of its record, and the others go on. A batch gets one document's time; when it
        runs over, its documents are redone one at a time, each with its own limit. The
        limit is enforced in the main thread of a process only (see ``extract.limits``).
    memory_zone : run each batch in spaCy's ``nlp.memory_zone()``, so the strings and
        lexemes its documents add to the vocabulary are freed after it and a long run keeps
        a flat memory (records are the same either way). Turn it off only if the caller
        already runs this inside a memory zone of its own (zones do not nest).

    Examples
    --------
    >>> from extract import load_pipeline
    >>> from extract.sources import document_from_text
    >>> docs = [document_from_text("Foreign Minister Ana Ruiz met Foreign Minister Li Wen in Lima on 3 May 2024.")]
    >>> [r["meetings"][0]["date"] for _, r in extract_documents(docs, load_pipeline(), timeout=30)]
    ['2024-05-03']
    """
    if n_process > 1:
        # spaCy's multiprocess pipe sends Docs back through msgpack, which cannot carry our findings
        raise ValueError(f"n_process={n_process}: extract_documents runs in one process; for several, use "
                         "extract.runner.LocalEngine(workers=N) (what 'diplograph build --workers N' uses)")
    seconds = default_timeout() if timeout is _UNSET else timeout
    buffer: list[Document] = []

    def run(todo: list[Document]) -> list[dict]:
        # A memory zone frees the strings and lexemes this batch added to the vocabulary when it closes,
        # so a long run stays flat; records are plain Python data made inside it, and no Doc leaves it.
        with _memory_zone(nlp) if memory_zone else contextlib.nullcontext():  # one thread at a time (_ZONE_LOCK)
            docs = (_make_doc(nlp, d, max_chars) for d in todo)
            return [to_record(doc, d) for doc, d in zip(nlp.pipe(docs, batch_size=batch_size, n_process=n_process),
                                                         todo)]

    def one(d: Document) -> dict | Failure:
        """Extract one document alone, turning its timeout or internal error into a Failure."""
        try:
            if seconds and can_time_limit():
                with time_limit(seconds):
                    return run([d])[0]
            return run([d])[0]
        except DocumentTimeout:
            return Failure(d.source, timeout_message(seconds))
        except Exception as err:  # noqa: BLE001 - reported per document, the batch goes on
            return Failure(d.source, f"extraction failed inside diplograph ({type(err).__name__}: {err}); "
                                     "please report this document")

    def flush() -> Iterator[tuple[Document, dict | Failure]]:
        todo = [d for d in buffer if d.record is None]
        results: list[dict | Failure] | None = None
        if not (seconds and can_time_limit()):
            try:
                results = run(todo) if todo else []
            except Exception:  # noqa: BLE001 - one document's fault must not lose the batch
                results = [one(d) for d in todo]
        else:
            try:
                with time_limit(seconds):
                    results = run(todo) if todo else []
            except DocumentTimeout:
                results = None
            except Exception:  # noqa: BLE001 - one document's fault must not lose the batch
                results = None
            if results is None:  # some document is slow or faulty: find it, one document at a time
                results = [one(d) for d in todo]
        processed = iter(results)
        for d in buffer:
            if d.record is not None:
                yield d, d.record
            else:
                yield d, next(processed)

    for document in documents:
        buffer.append(document)
        if len(buffer) >= batch_size * max(1, n_process):
            yield from flush()
            buffer = []
    if buffer:
        yield from flush()


def rules_fired(texts: Iterable[str], nlp: Language) -> list[set[str]]:
    """The ids of the rules that decided something in each text, including rules that dropped a meeting.

    A text is read as a report given as text (headline and date lines allowed), like
    ``extract.sources.document_from_text``. For trying a rule on a sentence, and for the
    pattern files' examples.

    Examples
    --------
    >>> from extract import load_pipeline
    >>> fired = rules_fired(["Ana Ruiz and Li Wen called off their meeting in Lima."], load_pipeline())
    >>> "status.negated.call_off" in fired[0]
    True
    """
    from .sources import document_from_text

    docs = (_make_doc(nlp, document_from_text(t), DEFAULT_MAX_CHARS) for t in texts)
    out = []
    for doc in nlp.pipe(docs):
        fired = set(doc._.dg_rules_fired or ())
        for m in list(doc._.dg_meetings or ()) + list(doc._.dg_planned or ()):
            fired.update(r for t in m.topics for r in t.get("rules", ()))
            fired.update(r for p in m.participants for r in (doc._.dg_officials or [])[p].rules)
        out.append(fired)
    return out


def _memory_zone(nlp: Language):
    """``nlp.memory_zone()`` (spaCy 3.8+), after one warm-up document; a no-op without it.

    Inside a zone, every string the vocabulary gains is dropped on exit, including the labels
    of matchers our components build on first use (rule ids, gazetteer labels), which later
    documents look up: so the pipeline first runs once outside any zone, building them for good.
    """
    zone = getattr(nlp, "memory_zone", None)
    if zone is None:
        return contextlib.nullcontext()
    return _zoned(nlp, zone)


@contextlib.contextmanager
def _zoned(nlp: Language, zone):
    """Hold `_ZONE_LOCK`, warm the pipeline up once, and run the block in `zone()`.

    A zone's end drops every string added to the shared vocabulary since it began, by any
    thread: extraction threads of one process (a Dask cluster of threads) take turns.
    """
    with _ZONE_LOCK:
        if not getattr(nlp, "_dg_zone_ready", False):
            warm_up = Document(source="<warm-up>", source_id="<warm-up>", text=_WARM_UP)
            for _ in nlp.pipe([_make_doc(nlp, warm_up, DEFAULT_MAX_CHARS)]):
                pass
            nlp._dg_zone_ready = True
        with zone():
            yield


def _make_doc(nlp: Language, d: Document, max_chars: int) -> Doc:
    text = d.text
    if len(text) > max_chars:
        cut = text.rfind("\n", 0, max_chars)
        text = text[: cut if cut > max_chars // 2 else max_chars]
        d.warnings.append(f"text is {len(d.text):,} characters; only the first {len(text):,} were read "
                          "(raise the limit with --max-chars)")
        d.text = text
    if d.title and d.record is None:
        # the headline is analysed too ("Putin and Kim sign pact at Pyongyang summit"); offsets index this text
        text = d.title + "\n\n" + text
    if nlp.max_length < len(text) + 1:
        nlp.max_length = len(text) + 1
    doc = nlp.make_doc(text)
    doc._.dg_anchor = date.fromisoformat(d.published) if d.published else None
    doc._.dg_dateline = d.dateline
    return doc


def to_record(doc: Doc, d: Document) -> dict:
    """Turn a processed Doc and its Document into a record (see the module docstring)."""
    officials = doc._.dg_officials or []
    text = doc.text  # Doc.text joins every token on each access: read it once
    warnings = list(d.warnings) + list(doc._.dg_warnings or [])
    if not _looks_english(text):
        warnings.append("the text does not look like English; the English model finds little in it")
    if text and not any(ch in text for ch in ".!?。"):
        warnings.append("the text has no sentence punctuation; sentences were split on line breaks only")
    record = empty_record(source=d.source, text=text, doc_id=d.doc_id, source_id=d.source_id, title=d.title,
                          published=d.published, warnings=warnings)
    record["dateline"] = d.dateline
    record["encoding"] = d.encoding
    titles = [title_as_written(o, text) for o in officials]
    sents = list(doc.sents)
    record["meetings"] = [_meeting(text, sents, m, officials, titles) for m in doc._.dg_meetings or []]
    record["planned"] = [_meeting(text, sents, m, officials, titles) for m in doc._.dg_planned or []]
    record["officials"] = [dict(o.to_dict(), title=title) for o, title in zip(officials, titles)]
    record["countries"] = _countries(doc)
    record["organizations"] = organizations(doc)
    if d.meta.get("url"):
        record["url"] = d.meta["url"]
    return record


#: Offices a record gives in their common English form whatever the report's wording, as DESIGN.md's record
#: asks ("Foreign Minister" for "Minister for Foreign Affairs"); measured on the development set, readers and
#: annotators write these three that way more often than in the report's words (25 against 18 for the first).
COMMON_FORM_OFFICES = frozenset({"Foreign Minister", "Foreign Secretary", "External Affairs Minister"})


def title_as_written(off, text: str) -> str | None:
    """The official's title in the words of the report when it spells out a minister's office.

    Titles are kept in one canonical form for matching ("Defence Minister"), but a report that
    writes "Minister of Defence" names the office in its country's own style, and that is what
    a reader (and a gold annotator) expects to see; the foreign-affairs offices of
    ``COMMON_FORM_OFFICES`` keep their common form.

    >>> from extract.officials import Official
    >>> text = "Mr. Richard Marles, Minister for Defence of Australia"
    >>> title_as_written(Official("Richard Marles", "Defense Minister", "AUS", title_evidence=(20, 40)), text)
    'Minister for Defence'
    >>> text = "Ms. KAMIKAWA Yoko, Minister for Foreign Affairs of Japan"
    >>> title_as_written(Official("Yoko Kamikawa", "Foreign Minister", "JPN", title_evidence=(19, 47)), text)
    'Foreign Minister'
    """
    from .titles import canonical_title

    if not off.title or not off.title_evidence or off.title in COMMON_FORM_OFFICES:
        return off.title
    s, e = off.title_evidence
    written = " ".join(text[s:e].split())
    if written.split()[:1] not in (["Minister"], ["Secretary"], ["High"], ["Chief"], ["Special"], ["Senior"]) or \
            len(written) < len(off.title):
        return off.title
    if written.lower() != off.title.lower() and canonical_title(written) == off.title:
        return written
    return off.title


def _meeting(text: str, sents: list, m, officials: list, titles: list) -> dict:
    """One meeting of the record; `titles` are the officials' titles as the record gives them."""
    participants = []
    for p in m.participants:
        off = officials[p]
        entry = {"name": off.name, "title": titles[p], "country": off.country,
                 "rules": [m.participant_rules.get(p, "participant.clause"), *off.rules]}
        s, e = m.participant_evidence.get(p, off.mentions[0] if off.mentions else (0, 0))
        if e > s:
            entry["evidence"] = [{"start": s, "end": e, "text": text[s:e]}]
        if off.known_as and off.known_as != off.name:
            entry["known_as"] = off.known_as
        participants.append(entry)
    evidence = []
    for si in sorted(m.trigger_sentences):
        sent = sents[si]
        evidence.append({"start": sent.start_char, "end": sent.end_char, "text": sent.text})
    return {
        "kind": m.kind,
        "date": m.date.isoformat() if m.date else None,
        "location": m.location,
        "participants": participants,
        "topics": m.topics,
        "evidence": evidence,
        "rules": m.rules,
    }


def _countries(doc: Doc) -> list[dict]:
    from .countries import country_name

    seen: dict[str, dict] = {}
    for sp in doc.spans.get("dg_countries", []):
        if sp.label_ not in seen:
            seen[sp.label_] = {"code": sp.label_, "name": country_name(sp.label_)}
    return list(seen.values())


def _looks_english(text: str) -> bool:
    sample = text[:5000]
    letters = sum(ch.isalpha() for ch in sample)
    if letters == 0:
        return True
    latin = len(_LATIN.findall(sample))
    if latin / letters < 0.6:
        return False
    words = re.findall(r"[a-z]+", sample.lower())
    common = sum(w in ("the", "and", "of", "to", "in", "a", "with", "on", "for", "that", "is", "was") for w in words)
    return len(words) < 30 or common / len(words) > 0.05
