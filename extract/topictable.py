"""The topic table: what a meeting can be about, and the phrases that name it.

The table is a CSV file shipped in ``extract/resources/topics.csv`` (columns label, aliases,
category; aliases separated by ";") that users extend with files of their own. A user row
with the same label replaces the bundled topic. Every surface phrase belongs to exactly one
topic, so a phrase found in a report names one topic without guessing.

It does not find phrases in text or decide whether a meeting discussed them (the topics
component does), and it has no rows for countries as subjects: the country table covers those.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from extract.errors import TopicFileError
from extract.tablefiles import csv_rows, file_keys, read_table_texts

__all__ = ["Topic", "TopicTable", "CATEGORIES", "TOPIC_COLUMNS", "BUNDLED_TOPICS"]

#: Columns a topic file must have, in any order (extra columns are ignored).
TOPIC_COLUMNS = ("label", "aliases", "category")

#: The allowed categories, in display order.
CATEGORIES = (
    "security",
    "economy and trade",
    "regional conflict",
    "country or region",
    "climate and energy",
    "health",
    "technology",
    "human rights",
    "migration",
    "nuclear",
    "diplomacy",
    "development",
    "culture and people-to-people",
)

#: The bundled table file.
BUNDLED_TOPICS = "topics.csv"

#: Apostrophe variants: a surface written with one is also listed with the other.
_APOSTROPHES = ("'", "\u2019")


@dataclass(frozen=True)
class Topic:
    """One topic: a display label, the lowercase phrases that name it, and its category.

    Examples
    --------
    >>> Topic("Taiwan Strait", ("cross-strait relations",), "regional conflict").category
    'regional conflict'
    """

    label: str
    aliases: tuple[str, ...]
    category: str


class TopicTable:
    """A set of `Topic` rows indexed by surface phrase.

    Build one with `TopicTable.load` (bundled file plus user files, cached) or directly
    from `Topic` objects.

    Raises
    ------
    TopicFileError
        If two topics share a label or a surface phrase, or a category is not allowed.

    Examples
    --------
    >>> table = TopicTable.load()
    >>> table.surface_forms()["cross-strait relations"].label
    'Taiwan Strait'
    >>> table.get("taiwan strait").category
    'regional conflict'
    """

    def __init__(self, topics: Iterable[Topic]) -> None:
        self._topics = tuple(topics)
        self._by_label: dict[str, Topic] = {}
        self._surfaces: dict[str, Topic] = {}
        for topic in self._topics:
            _check_category(topic.category, f"topic {topic.label!r}")
            key = _key(topic.label)
            if key in self._by_label:
                raise TopicFileError(
                    f"Two topics are labelled {topic.label!r}. Give each topic one row."
                )
            self._by_label[key] = topic
            for surface in _surfaces(topic):
                other = self._surfaces.setdefault(surface, topic)
                if other is not topic:
                    raise TopicFileError(
                        f"The phrase {surface!r} names two topics, {other.label!r} and "
                        f"{topic.label!r}. Keep it in one of them."
                    )

    @classmethod
    def load(cls, extra_files: Iterable[str | Path] = (), *, bundled: bool = True) -> "TopicTable":
        """Load the bundled topic table and user files on top of it.

        A row of a later file replaces the earlier topic with the same label (compared
        case-insensitively); other rows are added. Results are cached on the list of
        files (and their modification times).

        Parameters
        ----------
        extra_files : user CSV files with the columns of `TOPIC_COLUMNS`, in order of
            precedence (later wins).
        bundled : start from the bundled ``topics.csv``; False uses only `extra_files`.

        Returns
        -------
        The table (shared between callers: treat it as read-only).

        Raises
        ------
        TopicFileError
            If a file is missing, not UTF-8, lacks a column, or has a bad row (empty
            label, unknown category, a phrase already used by another topic); the message
            names the file, the line, the bad value and what is expected.

        Examples
        --------
        >>> len(TopicTable.load()) >= 100
        True
        >>> TopicTable.load() is TopicTable.load()
        True
        """
        files = file_keys(extra_files, what="topic", columns=TOPIC_COLUMNS, error=TopicFileError)
        return _load_cached(files, bundled)

    def surface_forms(self) -> dict[str, Topic]:
        """Return every lowercase phrase that names a topic (labels included).

        Phrases with an apostrophe are listed with both the straight and the curly one.

        Examples
        --------
        >>> forms = TopicTable.load().surface_forms()
        >>> forms["jcpoa"].label, forms["taiwan strait"].label
        ('Iran nuclear programme', 'Taiwan Strait')
        """
        return dict(self._surfaces)

    def get(self, label: str) -> Topic | None:
        """Return the topic with this label (any case), or None.

        Examples
        --------
        >>> TopicTable.load().get("no such topic") is None
        True
        """
        return self._by_label.get(_key(label))

    def categories(self) -> list[str]:
        """Return the categories used by at least one topic, in `CATEGORIES` order.

        Examples
        --------
        >>> TopicTable([Topic("AI", ("artificial intelligence",), "technology")]).categories()
        ['technology']
        """
        used = {t.category for t in self._topics}
        return [c for c in CATEGORIES if c in used]

    def __len__(self) -> int:
        return len(self._topics)

    def __iter__(self) -> Iterator[Topic]:
        return iter(self._topics)

    def __repr__(self) -> str:
        return f"<TopicTable with {len(self._topics)} topics>"


@lru_cache(maxsize=32)
def _load_cached(files: tuple[tuple[str, int, int], ...], bundled: bool) -> TopicTable:
    """Read and merge the files (the key holds mtimes so edited files are re-read)."""
    sources = read_table_texts(BUNDLED_TOPICS if bundled else None, files, what="topic", error=TopicFileError)
    merged: dict[str, tuple[Topic, str]] = {}  # label key -> (topic, "file, line n")
    for label, text in sources:
        for topic, where in _parse(text, label):
            merged.pop(_key(topic.label), None)
            merged[_key(topic.label)] = (topic, where)
    owners: dict[str, tuple[Topic, str]] = {}
    for topic, where in merged.values():
        for surface in _surfaces(topic):
            other, other_where = owners.setdefault(surface, (topic, where))
            if other is not topic:
                raise TopicFileError(
                    f"{where}: the phrase {surface!r} of topic {topic.label!r} already names "
                    f"topic {other.label!r} ({other_where}). Remove it from one of the two "
                    f"rows, or label your row {other.label!r} to replace that topic."
                )
    return TopicTable(topic for topic, _ in merged.values())


def _parse(text: str, label: str) -> list[tuple[Topic, str]]:
    """Parse one topic CSV text into (topic, location) pairs."""
    topics: list[tuple[Topic, str]] = []
    seen: dict[str, int] = {}
    for line, row in csv_rows(text, label, TOPIC_COLUMNS, what="topic", error=TopicFileError):
        where = f"Topic file '{label}', line {line}"
        name = " ".join(row["label"].split())
        if not name:
            raise TopicFileError(f"{where}: empty label. Give the topic a name.")
        if _key(name) in seen:
            raise TopicFileError(
                f"{where}: label {name!r} already used on line {seen[_key(name)]}. "
                "Merge the two rows into one."
            )
        seen[_key(name)] = line
        category = " ".join(row["category"].lower().split())
        _check_category(category, where + f": topic {name!r}")
        aliases = tuple(
            dict.fromkeys(_key(a) for a in row["aliases"].split(";") if a.strip())
        )
        topics.append((Topic(name, aliases, category), where))
    return topics


def _check_category(category: str, where: str) -> None:
    """Raise TopicFileError unless the category is allowed."""
    if category not in CATEGORIES:
        raise TopicFileError(
            f"{where} has unknown category {category!r}. Use one of: {', '.join(CATEGORIES)}."
        )


def _surfaces(topic: Topic) -> list[str]:
    """The lowercase phrases of a topic, with apostrophe variants."""
    out: list[str] = []
    for phrase in (_key(topic.label), *topic.aliases):
        variants = {phrase}
        for a, b in (_APOSTROPHES, _APOSTROPHES[::-1]):
            if a in phrase:
                variants.add(phrase.replace(a, b))
        out.extend(v for v in sorted(variants) if v not in out)
    return out


def _key(text: str) -> str:
    """Lowercase, single-spaced form of a phrase."""
    return " ".join(text.lower().split())
