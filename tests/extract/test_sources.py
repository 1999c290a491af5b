"""Sources: headers, datelines, clutter, JSON/JSONL and HTML reports."""

from __future__ import annotations

import json
from datetime import date

import pytest

from extract.sources import Document, Failure, document_from_text, find_dateline, iter_sources, split_header


@pytest.mark.parametrize(
    "text, title, published",
    [
        ("Talks in Tokyo\n15:15 JST, January 13, 2024\nThe ministers met.", "Talks in Tokyo", date(2024, 1, 13)),
        ("Talks in Tokyo\nBy our Tokyo correspondent\nPublished 10 March 2023\n\nThe ministers met.",
         "Talks in Tokyo", date(2023, 3, 10)),
        ("Talks in Tokyo\nREMARKS | JULY 28, 2021 | New Delhi, India\n\nThe ministers met.", "Talks in Tokyo",
         date(2021, 7, 28)),
        ("Talks in Tokyo\n23/01/2023 - 20:15\n\nThe ministers met.", "Talks in Tokyo", date(2023, 1, 23)),
        ("The ministers met on Friday in Tokyo and agreed to meet again.", None, None),
    ],
)
def test_split_header_reads_headline_and_date_line(text, title, published):
    got_title, got_date, body = split_header(text)
    assert (got_title, got_date) == (title, published)
    assert body.strip().endswith(("met.", "again."))


@pytest.mark.parametrize(
    "body, place",
    [
        ("WASHINGTON — Foreign Minister Yoko Kamikawa met ...", "Washington"),
        ("MUNICH, Feb 16 (Wire) - The talks ...", "Munich"),
        ("NEW DELHI, March 3 -- India and ...", "New Delhi"),
        ("Hanoi (VNA-style) – General Secretary ...", "Hanoi"),
        ("By our correspondent\nTOKYO (AP) — The leaders ...", "Tokyo"),
        ("The talks began in Washington.", None),
        ("MOSCOW, September 15. /TASS/. Foreign Minister Sergey Lavrov met ...", "Moscow"),
        ("Astana. July 4. KazTAG - President Tokayev met ...", "Astana"),
        ("The meeting. May 4. Then - Xi met ...", None),
    ],
)
def test_find_dateline(body, place):
    assert find_dateline(body)[0] == place


def test_clutter_after_the_story_is_cut(shared_corpora):
    [doc] = list(iter_sources([shared_corpora / "seed" / "000_6af67b908cffe359.txt"]))
    assert isinstance(doc, Document)
    assert doc.published == "2024-01-13" and doc.dateline == "Washington"
    for name in ("Keiichi Ishii", "Shigeru Ishiba", "Trump", "Sophie Luo", "Ding Jiaxi", "Xu Zhiyong", "POPULAR"):
        assert name not in doc.text
    assert doc.text.rstrip().endswith("sanctions against Russia.")


@pytest.mark.parametrize("marker", ["Related Articles", "Most Read", "ACCESS RANKING", "You may also like"])
def test_clutter_sections_end_the_story(marker):
    doc = document_from_text("Headline here\nMay 1, 2024\nForeign ministers met in Paris on Monday.\n"
                             f"{marker}\nPrime Minister Boris Johnson quits")
    assert marker not in doc.text and "Boris Johnson" not in doc.text


@pytest.mark.parametrize("line", ["Read more: Xi meets Biden", "Photo: Reuters", "(Getty Images)"])
def test_clutter_lines_are_dropped_and_the_story_goes_on(line):
    doc = document_from_text(f"Headline here\nMay 1, 2024\nForeign ministers met in Paris on Monday.\n{line}\n"
                             "They agreed to meet again in June.")
    assert line not in doc.text and doc.text.endswith("They agreed to meet again in June.")


def test_jsonl_reports_with_metadata_and_a_broken_line(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps({"id": "a1", "title": "Ministers meet", "published": "2024-05-01",
                         "url": "file:///etc/passwd", "text": "The ministers met in Paris."}),
             "{broken",
             json.dumps({"id": "a2", "body": "Leaders met in Rome on Monday."})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(iter_sources([tmp_path]))
    docs = [i for i in items if isinstance(i, Document)]
    fails = [i for i in items if isinstance(i, Failure)]
    assert [(d.source_id, d.title, d.published) for d in docs] == [("a1", "Ministers meet", "2024-05-01"),
                                                                    ("a2", None, None)]
    assert "root:" not in docs[0].text  # the url is metadata, never opened
    assert len(fails) == 1 and "line 2" in fails[0].reason and fails[0].source.endswith("feed.jsonl:2")


def test_html_main_text_without_scripts_or_menus(tmp_path):
    page = """<html><head><title>Wang Yi meets Lavrov</title>
    <meta property="article:published_time" content="2023-05-04T10:00:00Z"></head>
    <body><nav><a href="/">Home</a> <a href="/world">World news menu</a></nav>
    <article><h1>Wang Yi meets Lavrov</h1><p>BEIJING — Chinese Foreign Minister Wang Yi met Russian Foreign
    Minister Sergey Lavrov in Beijing on Thursday. The two discussed Ukraine at length over lunch.</p>
    <p>They agreed to deepen cooperation, and Lavrov said the talks were useful for both sides.</p></article>
    <aside><h3>Related</h3><ul><li>Biden speaks to Xi</li></ul></aside>
    <script>window.secretToken = "leak";</script><footer>Copyright</footer></body></html>"""
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    [doc] = list(iter_sources([tmp_path]))
    assert doc.title == "Wang Yi meets Lavrov" and doc.published == "2023-05-04"
    assert "Sergey Lavrov" in doc.text
    for junk in ("secretToken", "World news menu", "Biden speaks to Xi", "Copyright"):
        assert junk not in doc.text


def test_gold_files_in_a_folder_are_not_reports(tmp_path):
    (tmp_path / "a.txt").write_text("The ministers met in Paris on Monday.", encoding="utf-8")
    (tmp_path / "a.gold.json").write_text('{"id": "a", "meetings": []}', encoding="utf-8")
    assert [type(i).__name__ for i in iter_sources([tmp_path])] == ["Document"]


def test_doc_id_is_stable_across_whitespace(tmp_path):
    a = document_from_text("The ministers met in Paris on Monday.")
    b = document_from_text("The  ministers met in Paris\non Monday.  ")
    assert a.doc_id == b.doc_id


@pytest.mark.parametrize("header", ["July 5, 2024, 17:20, The Kremlin, Moscow",
                                    "REMARKS | JULY 5, 2024 | Moscow, Russia"])
def test_the_place_in_a_header_date_line_is_where_the_meeting_was(extract, header):
    rec = extract("Talks with the Prime Minister of Hungary\n" + header + "\n\nRussian President Vladimir Putin held "
                  "talks with Hungarian Prime Minister Viktor Orban.")
    [m] = rec["meetings"]
    # the header's date is the report's (its `published`); the text gives the talks no day of their own
    assert m["location"] == {"city": "Moscow", "country": "RUS"} and m["date"] is None
    assert rec["published"] == "2024-07-05"


@pytest.mark.parametrize("header, published", [
    ("16 June 2023 - Press release (unofficial translation from the French)", date(2023, 6, 16)),
    ("Tue 13-02-2024 19:05 PM", date(2024, 2, 13)),
])
def test_split_header_reads_date_lines_of_ministries_and_agencies(header, published):
    assert split_header("Leaders meet in Paris\n" + header + "\n\nThe talks began.")[1] == published


def test_a_recommended_box_inside_the_story_is_skipped_and_the_story_goes_on():
    from extract.sources import strip_clutter

    body = ("Erdogan met Xi in Samarkand.\nRECOMMENDED\nPutin supports Xi on Taiwan\nSCO summit\n"
            "On Thursday, Erdogan held talks with leaders attending the summit.")
    assert strip_clutter(body) == "Erdogan met Xi in Samarkand.\nOn Thursday, Erdogan held talks with leaders attending the summit."


def test_a_link_to_another_story_is_clutter():
    from extract.sources import strip_clutter

    body = "Trump called the Crown Prince.\n>>Former U.S. Ambassador Dan Shapiro: The king-in-waiting should worry us.\nThey agreed."
    assert strip_clutter(body) == "Trump called the Crown Prince.\nThey agreed."


@pytest.mark.parametrize("footer, published", [
    ("Published: 2/13/2018", date(2018, 2, 13)),
    ("Updated: January 29, 2022, 6:05 PM", date(2022, 1, 29)),
    ("Published: 12/4/2019", None),  # 4 December or 12 April: no guess
    ("The summit is planned for January 29, 2022.", None),  # a date in a sentence is no publication line
])
def test_split_header_reads_a_labelled_publication_date_at_the_foot(footer, published):
    text = "Talks in Lima\n" + "\n".join(["The ministers met on Tuesday and talked about trade."] * 8) + \
        "\n" + footer + "\nMost read"
    assert split_header(text)[1] == published


@pytest.mark.parametrize("text, title", [
    ("Brazil: From 7-9 March, US Trade Representative\nKatherine Tai, visited Brasilia to promote trade.", None),
    ("Talks between the foreign ministers of\nJapan and Korea were held in Seoul on Monday.", None),
    ("Modi meets Japanese Prime Minister\nPrime Minister Narendra Modi met Fumio Kishida in Tokyo on Monday.",
     "Modi meets Japanese Prime Minister"),
    ("Blinken, Wang hold talks in Beijing\nSecretary Blinken met Wang Yi in Beijing on Monday.",
     "Blinken, Wang hold talks in Beijing"),
])
def test_split_header_a_wrapped_first_line_is_no_headline(text, title):
    assert split_header(text)[0] == title
