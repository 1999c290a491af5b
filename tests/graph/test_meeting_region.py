"""Tests of graph/meeting_region.py: clustering only the region a change reaches gives what
clustering every mention gives."""

from __future__ import annotations

import random

import pytest

from graph.identity import MeetingMention, cluster_meetings
from graph.meeting_region import grow_region, interacts, shape


def mention(index, people, date, kind="in_person", published=None):
    return MeetingMention(index, frozenset(people), date, kind, published)


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ([mention(0, "ab", "2024-01-10")], [mention(1, "ab", "2024-01-11")], True),      # a day apart
        ([mention(0, "ab", "2024-01-10")], [mention(1, "ab", "2024-01-12")], False),     # two days apart
        ([mention(0, "ab", "2024-01-10")], [mention(1, "ab", "2024-01-10", "call")], False),  # call / meeting
        ([mention(0, "ab", "2024-01-10")], [mention(1, "ac", "2024-01-10")], False),     # one person shared
        ([mention(0, "a", "2024-01-10")], [mention(1, "a", "2024-01-10")], True),        # the same one person
        ([mention(0, "abc", "2024-01-10")], [mention(1, "ab", "2024-01-11")], True),     # a subset
        ([mention(0, "ab", "2024-01-10")], [mention(1, "ab", None, published="2024-01-16")], True),  # its week
        ([mention(0, "ab", "2024-01-10")], [mention(1, "ab", None, published="2024-01-18")], False),
        ([mention(0, "ab", "2024-01-10")], [mention(1, "ab", None)], True),              # no date at all
        ([mention(0, "ab", None, published="2024-05-01")], [mention(1, "ab", None, published="2024-09-01")],
         True),                                                                            # no dates: kept
    ],
)
def test_interacts_is_true_for_clusters_that_may_meet(a, b, expected):
    assert interacts(shape(a), shape(b)) is expected
    assert interacts(shape(b), shape(a)) is expected


def random_mentions(rng, n, start=0):
    """Mentions of a few people over a few weeks: calls and meetings, undated and unpublished ones."""
    out = []
    for i in range(start, start + n):
        people = rng.sample("abcdefg", rng.choice((1, 2, 2, 2, 3, 4)))
        day = rng.randrange(1, 29)
        date = None if rng.random() < 0.15 else f"2024-02-{day:02d}"
        published = None if rng.random() < 0.2 else f"2024-02-{min(29, day + rng.randrange(3)):02d}"
        out.append(mention(i, people, date, rng.choice(("in_person", "call", "multilateral")), published))
    return out


@pytest.mark.parametrize("seed", range(40))
def test_grow_region_gives_the_clusters_of_a_full_clustering(seed):
    """Random mentions, some removed and some added: the stored clusters outside the region plus
    the region's new clusters are the clusters of all mentions now, in the same order."""
    rng = random.Random(seed)
    before = random_mentions(rng, 40)
    added = random_mentions(rng, rng.randrange(1, 4), start=1000)
    removed = set(rng.sample([m.index for m in before], rng.randrange(0, 3)))
    by_index = {m.index: m for m in before}
    old = {f"m{i}": [by_index[j] for j in c] for i, c in enumerate(cluster_meetings(before))}
    holding = {}
    for mid, told in old.items():
        for m in told:
            for p in m.participants:
                holding.setdefault(p, set()).add(mid)
    seed_ids = {mid for mid, told in old.items() if any(m.index in removed for m in told)}
    region, clusters = grow_region(
        seed_ids, added, lambda mid: [m for m in old[mid] if m.index not in removed], lambda mid: shape(old[mid]),
        lambda s: {mid for p in s.people for mid in holding.get(p, ())}, limit=10_000)
    now = [m for m in before if m.index not in removed] + added
    by_index = {m.index: m for m in now}
    want = cluster_meetings(now)
    got = [[m.index for m in told] for mid, told in old.items() if mid not in region]
    got += [[m.index for m in c] for c in clusters]

    def founded(c):  # the order cluster_meetings forms clusters in: dated by date, then undated
        first = by_index[c[0]]
        return (0, first.date, first.index) if first.date else (1, "", first.index)

    assert sorted(got, key=founded) == want


def test_grow_region_gives_up_past_its_limit():
    busy = [mention(i, "ab", "2024-01-10") for i in range(10)]
    old = {"m0": busy}
    assert grow_region({"m0"}, [mention(99, "ab", "2024-01-11")], lambda mid: old[mid],
                       lambda mid: shape(old[mid]), lambda s: ["m0"], limit=5) is None
