"""The normalised documents of a graph state, each decoded from the cache only when it is read.

A `GraphState` (``graph.incremental``) keeps every document of the corpus in its normalised
form. An update reads few of them: the new and removed ones, those naming someone whose
person changed, and those of the meetings it clusters again. `Docs` is the mapping from
document id to normalised document that the state holds: documents read from the cache
(``graph.state_file``) stay in the file (or as the bytes of their row) until first asked
for, so a small update neither decodes nor holds every document. What every update needs of every document
(its source and source id, to tell a kept document from a moved one, its organisations, which
label organisation nodes, and its officials, which tell the titles and offices of the people it
names) is kept beside the bytes, decoded.

What it does not do: read the cache file itself or decide which documents an update reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Iterable, Iterator

__all__ = ["Docs", "Packed", "summary"]


def summary(doc: dict) -> tuple:
    """What an update needs of a document without reading it: (source, source_id, organisations,
    published, officials). The officials (small dicts: name, title, country, mentions counted) tell
    the titles and offices of the people a document names.

    Examples
    --------
    >>> summary({"source": "a.txt", "source_id": "", "organizations": ["OAS"], "published": None,
    ...          "officials": ({"name": "Ana Ruiz", "title": "", "country": "PER", "n_mentions": 1},),
    ...          "meetings": []})[:4]
    ('a.txt', '', ('OAS',), None)
    """
    return doc["source"], doc["source_id"], tuple(doc["organizations"]), doc["published"], tuple(doc["officials"])


class Docs(Mapping):
    """Document id -> normalised document, in insertion order; stored documents decoded on first read.

    Documents read from the cache live in a store that the state's next `Docs` shares (see
    `take`): a document kept by an update is decoded once, into one object, whichever of the
    two asks for it first.

    Examples
    --------
    >>> docs = Docs()
    >>> docs["d1"] = {"source": "a.txt", "source_id": "", "organizations": [], "meetings": []}
    >>> from graph.state_file import _pack
    >>> stored = Docs.stored({"d2": (_pack({"source": "b.txt", "source_id": "", "organizations": ["UN"],
    ...                                     "meetings": []}), ("b.txt", "", ("UN",)))})
    >>> stored.summary("d2"), stored.organizations_of("d2"), stored.decoded("d2")
    (('b.txt', '', ('UN',)), ('UN',), False)
    >>> kept = stored.successor()
    >>> kept.take(stored, "d2")
    >>> kept["d2"]["source"], stored.decoded("d2"), kept["d2"] is stored["d2"]
    ('b.txt', True, True)
    """

    __slots__ = ("_docs", "_store")

    def __init__(self, store: "_Store | None" = None):
        self._docs: dict[str, dict | None] = {}  # doc_id -> its document (None: in the store, maybe not decoded)
        self._store = store if store is not None else _Store()

    @classmethod
    def stored(cls, rows: Mapping[str, tuple[bytes, tuple]]) -> "Docs":
        """Documents as the cache stores them: doc_id -> (the document packed by ``graph.state_file``, its
        `summary`)."""
        docs = cls()
        store = docs._store
        for doc_id, (raw, about) in rows.items():
            docs._docs[doc_id] = None
            store.raw[doc_id] = raw
            store.summaries[doc_id] = about
        return docs

    @classmethod
    def stored_in(cls, raw, summaries: dict[str, tuple]) -> "Docs":
        """Documents as the cache stores them, their bytes in `raw` (doc_id -> the document packed by
        ``graph.state_file``: a mapping with ``get`` and ``pop``, such as its rows read from the file
        when first asked for) and their `summary` in `summaries`, in corpus order."""
        docs = cls()
        docs._docs = dict.fromkeys(summaries)
        docs._store.raw, docs._store.summaries = raw, summaries
        return docs

    def successor(self) -> "Docs":
        """An empty `Docs` sharing this one's store, to `take` documents from it."""
        return Docs(self._store)

    def __getitem__(self, doc_id: str) -> dict:
        doc = self._docs[doc_id]
        if doc is None:
            doc = self._docs[doc_id] = self._store.get(doc_id)
        return doc

    def __setitem__(self, doc_id: str, doc: dict) -> None:
        self._docs[doc_id] = doc

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._docs

    def __iter__(self) -> Iterator[str]:
        return iter(self._docs)

    def __len__(self) -> int:
        return len(self._docs)

    def take(self, other: "Docs", doc_id: str) -> None:
        """Hold `other`'s document `doc_id` as it holds it (decoded or not); `other` shares this one's store."""
        doc = other._docs[doc_id]
        if doc is None and other._store is not self._store:
            raise ValueError("take() needs a Docs made by successor() of the one it takes from")
        self._docs[doc_id] = doc

    def forget(self, doc_ids: Iterable[str]) -> None:
        """Drop from the shared store the stored documents of `doc_ids` this `Docs` no longer holds as stored."""
        for doc_id in doc_ids:
            if self._docs.get(doc_id, 0) is not None:
                self._store.drop(doc_id)

    def summary(self, doc_id: str) -> tuple:
        """The `summary` of a document, read without decoding it (its officials may still be the
        bytes the cache stored them as: `officials_of` reads them)."""
        doc = self._docs[doc_id]
        return self._store.summaries[doc_id] if doc is None else summary(doc)

    def organizations_of(self, doc_id: str) -> tuple | list:
        """The organisations a document names, read without decoding it."""
        doc = self._docs[doc_id]
        return self._store.summaries[doc_id][2] if doc is None else doc["organizations"]

    def officials_of(self, doc_id: str) -> dict:
        """The document, or when it is not decoded a stand-in holding its ``doc_id``, ``published``
        and ``officials`` (what the builder reads to note its people's titles and offices)."""
        doc = self._docs[doc_id]
        if doc is None:
            doc = self._store.decoded.get(doc_id)
            if doc is None:
                about = self._store.summaries[doc_id]
                source, source_id, orgs, published, officials = about
                if type(officials) is bytes:  # stored packed: decoded when first read
                    from graph.state_file import _unpack

                    officials = _unpack(officials)
                    self._store.summaries[doc_id] = (source, source_id, orgs, published, officials)
                return {"doc_id": doc_id, "published": published, "officials": officials}
        return doc

    def decoded(self, doc_id: str) -> bool:
        """Whether the document has been decoded (or was never stored)."""
        return self._docs[doc_id] is not None or doc_id in self._store.decoded

    def hold_all(self) -> None:
        """Hold every stored document's bytes in memory (rows read from a file when asked for are read
        now, at once: every document is about to be written)."""
        store = self._store
        if not isinstance(store.raw, dict):
            store.raw = store.raw.bulk()

    def raw(self, doc_id: str) -> bytes | None:
        """The stored bytes of a document not yet decoded (None once decoded: encode it again)."""
        return self._store.raw.get(doc_id) if self._docs[doc_id] is None else None


class Packed(dict):
    """A dict whose values may be held packed (the bytes ``graph.state_file`` stored them as) until
    first read: ``d[k]``, ``d.get(k)``, ``d.pop(k)``, iteration over values and comparison give
    them decoded; `packed` gives a value as bytes without decoding it.

    Examples
    --------
    >>> from graph.state_file import _pack
    >>> d = Packed({"a": _pack((1, 2))})
    >>> d.packed("a") == _pack((1, 2)), d["a"], d.get("b", ())
    (True, (1, 2), ())
    >>> d == {"a": (1, 2)}
    True
    """

    def __getitem__(self, key):
        value = dict.__getitem__(self, key)
        if type(value) is bytes:
            from graph.state_file import _unpack

            value = _unpack(value)
            dict.__setitem__(self, key, value)
        return value

    def get(self, key, default=None):
        """The value of `key`, decoded; `default` when there is none."""
        return self[key] if key in self else default

    def pop(self, key, *default):
        """Remove `key` and return its value, decoded (or `default`; KeyError without one)."""
        if key in self:
            value = self[key]
            dict.__delitem__(self, key)
            return value
        if default:
            return default[0]
        raise KeyError(key)

    def values(self):
        """Every value, decoded, in key order (a list)."""
        return [self[k] for k in self]

    def items(self):
        """Every (key, value) pair, values decoded, in key order (a list)."""
        return [(k, self[k]) for k in self]

    def __eq__(self, other) -> bool:
        if not isinstance(other, Mapping):
            return NotImplemented
        return len(self) == len(other) and all(k in other and self[k] == other[k] for k in self)

    def __ne__(self, other) -> bool:
        eq = self.__eq__(other)
        return eq if eq is NotImplemented else not eq

    __hash__ = None

    def packed(self, key) -> bytes:
        """The value of `key` packed as the cache stores it (packed here when it was decoded)."""
        value = dict.__getitem__(self, key)
        if type(value) is bytes:
            return value
        from graph.state_file import _pack

        return _pack(value)


class _Store:
    """The stored documents `Docs` objects share: bytes until first read, then the decoded document."""

    __slots__ = ("raw", "decoded", "summaries")

    def __init__(self):
        self.raw = {}  # doc_id -> the stored row of a document not yet decoded (a dict, or rows read when asked for)
        self.decoded: dict[str, dict] = {}      # doc_id -> the document, once decoded
        self.summaries: dict[str, tuple] = {}   # doc_id -> its `summary`

    def get(self, doc_id: str) -> dict:
        """The document `doc_id`, decoded on first read."""
        doc = self.decoded.get(doc_id)
        if doc is None:
            from graph.state_file import _unpack

            doc = self.decoded[doc_id] = _unpack(self.raw.pop(doc_id))
        return doc

    def drop(self, doc_id: str) -> None:
        """Forget a stored document."""
        self.raw.pop(doc_id, None)
        self.decoded.pop(doc_id, None)
        self.summaries.pop(doc_id, None)
