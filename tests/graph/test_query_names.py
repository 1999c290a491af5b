"""Forgiving name lookups: a person may be asked for by any one of their names."""

from __future__ import annotations

import pytest

from graph.build import build_graph
from graph.errors import AmbiguousName
from graph.query import find_person
from graph.synthetic import meeting, record


@pytest.fixture(scope="module")
def g():
    return build_graph([
        record("d1", [meeting("2023-04-14", ("Luiz Inácio Lula da Silva", "BRA", "President"),
                              ("Xi Jinping", "CHN", "President"))]),
        record("d2", [meeting("2022-06-30", ("Joko Widodo", "IDN", "President"), ("Vladimir Putin", "RUS", "President"))]),
        record("d3", [meeting("2022-06-30", ("Joe Biden", "USA", "President"), ("Hunter Biden", "USA", "Adviser"))]),
    ], warnings=[])


@pytest.mark.parametrize("name, node", [("Lula", "person:luiz-inacio-lula-da-silva"),
                                         ("lula da silva", "person:luiz-inacio-lula-da-silva"),
                                         ("Widodo", "person:joko-widodo")])
def test_find_person_by_any_of_their_names(g, name, node):
    assert find_person(g, name) == node


def test_find_person_one_word_fitting_two_people_is_ambiguous(g):
    with pytest.raises(AmbiguousName, match="Biden"):
        find_person(g, "Biden")
