"""The part of a stored meeting clustering that a change of documents can reach.

``graph.identity.cluster_meetings`` is greedy: a mention joins a meeting found through one of
its participants (same kind family) with a date within a day of it, or, undated, a meeting in
the week before its publication, and only when their people are the same or one set holds the
other with two people shared. So a cluster only ever looks at clusters of its kind family that
share two of its people (or both are the same one person) and lie near it in time.

`grow_region` starts from the stored clusters a change touches, clusters their mentions again
together with the new ones, and takes in every stored cluster that either the new clusters or
the old touched ones could have looked at (or been looked at by), until nothing outside is
within reach. What lies outside then clusters exactly
as before, so a full clustering would give the stored clusters there and the region's new
clusters here.

`interacts` is a cheap, conservative test on whole clusters (their people, dates, and the
publication dates of their undated mentions): it may say yes for clusters that would never
meet, never no for clusters that could. This module does not build nodes or ids
(``graph.incremental`` does).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable

from graph.identity import UNDATED_WINDOW_DAYS, MeetingMention, cluster_meetings, kind_family

__all__ = ["Shape", "shape", "interacts", "grow_region"]


@dataclass(frozen=True)
class Shape:
    """What a meeting cluster shows to others: its kind family, people, dates (as ordinals), the
    publication dates (ordinals) of its undated mentions, and whether one of these has none."""

    family: str
    people: frozenset
    dates: frozenset
    published: frozenset
    undated_unpublished: bool


def shape(mentions: Iterable[MeetingMention]) -> Shape:
    """The `Shape` of the cluster made of `mentions`.

    Examples
    --------
    >>> s = shape([MeetingMention(0, frozenset({"a", "b"}), "2024-01-12", "call"),
    ...            MeetingMention(1, frozenset({"a", "b"}), None, "call", "2024-01-13")])
    >>> s.family, sorted(s.people), len(s.dates), len(s.published), s.undated_unpublished
    ('call', ['a', 'b'], 1, 1, False)
    """
    family, people, dates, published, loose = "meet", set(), set(), set(), False
    for m in mentions:
        family = kind_family(m.kind)
        people |= m.participants
        if m.date:
            dates.add(_ordinal(m.date))
        elif m.published:
            published.add(_ordinal(m.published))
        else:
            loose = True
    return Shape(family, frozenset(people), frozenset(dates), frozenset(published), loose)


def interacts(a: Shape, b: Shape) -> bool:
    """Whether the clustering of a mention of one cluster could have looked at the other.

    True when they have the same kind family, share two people (or are both the same one
    person: a meeting of one person only ever joins another of that person alone), and either
    have dates within a day of each other, or one has an undated mention the other could take
    (its dates in the week before that mention's publication, or no dates at all, or a mention
    with no publication date).

    Examples
    --------
    >>> one = shape([MeetingMention(0, frozenset({"a", "b"}), "2024-01-12", "in_person")])
    >>> near = shape([MeetingMention(1, frozenset({"a", "b", "c"}), "2024-01-13", "multilateral")])
    >>> other = shape([MeetingMention(4, frozenset({"a", "c"}), "2024-01-12", "in_person")])
    >>> far = shape([MeetingMention(2, frozenset({"a", "b"}), "2024-01-20", "in_person")])
    >>> call = shape([MeetingMention(3, frozenset({"a", "b"}), "2024-01-12", "call")])
    >>> interacts(one, near), interacts(one, far), interacts(one, call), interacts(one, other)
    (True, False, False, False)
    """
    if a.family != b.family:
        return False
    shared = a.people & b.people
    if len(shared) < 2 and not (shared and a.people == b.people):
        return False  # a mention joins only a meeting of the same people, or of more or fewer with two shared
    if a.undated_unpublished or b.undated_unpublished:
        return True
    for x, y in ((a, b), (b, a)):
        if x.published and (not y.dates or any(p - UNDATED_WINDOW_DAYS <= d <= p + 1
                                                for p in x.published for d in y.dates)):
            return True
    return any(abs(d - e) <= 1 for d in a.dates for e in b.dates)


def grow_region(seed: set, fresh: list[MeetingMention], members: Callable[[str], list[MeetingMention]],
                old_shape: Callable[[str], Shape], near: Callable[[Shape], Iterable[str]], *,
                limit: int) -> tuple[set, list[list[MeetingMention]]] | None:
    """The stored clusters a change reaches, and the new clustering of their mentions.

    Parameters
    ----------
    seed : ids of the stored clusters with a mention that left or changed.
    fresh : the new and changed mentions (their ``index`` sorts in corpus order).
    members : the mentions of a stored cluster that stay (those of unchanged documents).
    old_shape : the `Shape` of a stored cluster as it was (every mention it had).
    near : the ids of the stored clusters that may interact with a shape (at least every one
        that does; `interacts` sorts them out), for example those sharing a person.
    limit : give up (return None) once the region holds more mentions than this.

    Returns
    -------
    (region, clusters): the stored cluster ids to replace, and the clusters of their staying
    mentions with `fresh`, each a list of mentions, in the order `cluster_meetings` forms them.
    None when the region grew past `limit`.

    Examples
    --------
    >>> old = {"m1": [MeetingMention(0, frozenset({"a", "b"}), "2024-01-12", "in_person")],
    ...        "m2": [MeetingMention(5, frozenset({"a", "c"}), "2024-06-01", "in_person")]}
    >>> new = [MeetingMention(9, frozenset({"a", "b"}), "2024-01-13", "in_person")]
    >>> region, clusters = grow_region(set(), new, old.get, lambda m: shape(old[m]),
    ...                                lambda s: ["m1", "m2"], limit=100)
    >>> sorted(region), [[m.index for m in c] for c in clusters]
    (['m1'], [[0, 9]])
    """
    region = set(seed)
    checked: set = set()  # shapes (new clusters, and stored ones as they were) checked against the rest
    while True:
        mentions = list(fresh)
        for mid in region:
            mentions.extend(members(mid))
        if len(mentions) > limit:
            return None
        mentions.sort(key=_index)  # undated mentions are clustered in corpus order
        by_index = {m.index: m for m in mentions}
        clusters = [[by_index[i] for i in c] for c in cluster_meetings(mentions)]
        shapes = {shape(c) for c in clusters}
        shapes.update(old_shape(mid) for mid in region)
        found: set = set()
        for s in shapes - checked:
            for mid in near(s):
                if mid not in region and mid not in found and interacts(s, old_shape(mid)):
                    found.add(mid)
        checked |= shapes
        if not found:
            return region, clusters
        region |= found


def _index(m: MeetingMention) -> int:
    """A mention's place in corpus order."""
    return m.index


@lru_cache(maxsize=100_000)
def _ordinal(text: str) -> int:
    """An ISO date as its proleptic Gregorian ordinal (days compare as integers)."""
    return _dt.date.fromisoformat(text).toordinal()
