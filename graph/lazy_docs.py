"""The normalised documents of a graph state, each decoded from the cache only when it is read.

A `GraphState` (``graph.incremental``) keeps every document of the corpus in its normalised
form. An update reads few of them: the new and removed ones, those naming someone whose
person changed, and those of the meetings it clusters again. `Docs` is the mapping from
document id to normalised document that the state holds: documents read from the cache
(``graph.state_file``) stay as the bytes of their row until first asked for, so a small
update neither decodes nor holds every document. What every update needs of every document
(its source and source id, to tell a kept document from a moved one, and its organisations,
which label organisation nodes) is kept beside the bytes, decoded.

What it does not do: read the cache file itself or decide which documents an update reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Iterator

__all__ = ["Docs", "summary"]


def summary(doc: dict) -> tuple:
    """What an update needs of a document without reading it: (source, source_id, organisations).

    Examples
    --------
    >>> summary({"source": "a.txt", "source_id": "", "organizations": ["OAS"], "meetings": []})
    ('a.txt', '', ('OAS',))
    """
    return doc["source"], doc["source_id"], tuple(doc["organizations"])


class Docs(Mapping):
    """Document id -> normalised document, in insertion order; stored documents decoded on first read.

    Examples
    --------
    >>> docs = Docs()
    >>> docs["d1"] = {"source": "a.txt", "source_id": "", "organizations": [], "meetings": []}
    >>> from graph.state_file import _pack
    >>> stored = Docs.stored({"d2": (_pack({"source": "b.txt", "source_id": "", "organizations": ["UN"],
    ...                                     "meetings": []}), ("b.txt", "", ("UN",)))})
    >>> stored.summary("d2"), stored.decoded("d2")
    (('b.txt', '', ('UN',)), False)
    >>> stored["d2"]["source"], stored.decoded("d2")
    ('b.txt', True)
    >>> kept = Docs()
    >>> kept.take(stored, "d2")
    >>> list(kept), kept["d2"] is stored["d2"]
    (['d2'], True)
    """

    __slots__ = ("_docs", "_raw", "_summaries")

    def __init__(self):
        self._docs: dict[str, dict | None] = {}   # doc_id -> decoded document (None: still bytes)
        self._raw: dict[str, bytes] = {}           # doc_id -> the stored row of a document not yet decoded
        self._summaries: dict[str, tuple] = {}     # doc_id -> `summary` of a document not yet decoded

    @classmethod
    def stored(cls, rows: Mapping[str, tuple[bytes, tuple]]) -> "Docs":
        """Documents as the cache stores them: doc_id -> (the document packed by ``graph.state_file``, its
        `summary`)."""
        docs = cls()
        for doc_id, (raw, about) in rows.items():
            docs._docs[doc_id] = None
            docs._raw[doc_id] = raw
            docs._summaries[doc_id] = about
        return docs

    def __getitem__(self, doc_id: str) -> dict:
        doc = self._docs[doc_id]
        if doc is None:
            from graph.state_file import _unpack

            doc = self._docs[doc_id] = _unpack(self._raw.pop(doc_id))
            del self._summaries[doc_id]
        return doc

    def __setitem__(self, doc_id: str, doc: dict) -> None:
        self._raw.pop(doc_id, None)
        self._summaries.pop(doc_id, None)
        self._docs[doc_id] = doc

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._docs

    def __iter__(self) -> Iterator[str]:
        return iter(self._docs)

    def __len__(self) -> int:
        return len(self._docs)

    def take(self, other: "Docs", doc_id: str) -> None:
        """Hold `other`'s document `doc_id` as `other` holds it (decoded or not), without decoding it."""
        doc = other._docs[doc_id]
        self._docs[doc_id] = doc
        if doc is None:
            self._raw[doc_id] = other._raw[doc_id]
            self._summaries[doc_id] = other._summaries[doc_id]

    def summary(self, doc_id: str) -> tuple:
        """The `summary` of a document, read without decoding it."""
        doc = self._docs[doc_id]
        return self._summaries[doc_id] if doc is None else summary(doc)

    def decoded(self, doc_id: str) -> bool:
        """Whether the document has been decoded (or was never stored)."""
        return self._docs[doc_id] is not None

    def raw(self, doc_id: str) -> bytes | None:
        """The stored bytes of a document not yet decoded (None once decoded: encode it again)."""
        return self._raw.get(doc_id)
