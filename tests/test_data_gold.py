"""Consistency checks for the sample reports in data/reports and their gold files in data/gold.

The gold files are the yardstick for extraction accuracy, so a typo in one (a country code that
is not ISO alpha-3, an impossible date, an id that does not match its report) would silently
skew every score. These tests do not run the extractor; they only check the data.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pycountry
import pytest

ROOT = Path(__file__).resolve().parent.parent
# (reports, gold) folders: the samples, and the sets written blind to the extractor
SETS = [(ROOT / "data" / "reports", ROOT / "data" / "gold")] + [
    (folder / "reports", folder / "gold") for folder in sorted((ROOT / "data").glob("heldout*")) if folder.is_dir()]
REPORTS = ROOT / "data" / "reports"
GOLD = ROOT / "data" / "gold"
# EU and UN per DESIGN.md; other bodies go by their usual short name.
EXTRA_CODES = {"EUU", "UNO", "NATO", "IAEA"}
KINDS = {"in_person", "call", "multilateral"}
TOP_KEYS = {"id", "source", "published", "meetings", "mentioned_officials", "not_in_report", "notes"}
OPTIONAL_KEYS = {"planned"}
MIN_WORDS, MAX_WORDS = 80, 600
ISO3 = {c.alpha_3 for c in pycountry.countries}


def _reports(folder: Path = REPORTS) -> dict[str, str]:
    """Map each report id (file stem or JSONL id) to its text, title included."""
    out: dict[str, str] = {}
    for path in sorted(folder.iterdir()):
        if path.suffix == ".jsonl":
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    entry = json.loads(line)
                    out[entry["id"]] = entry["title"] + "\n" + entry["text"]
        elif path.suffix in {".txt", ".html"}:
            out[path.stem] = path.read_text(encoding="utf-8")
    return out


def _body_words(text: str) -> int:
    """Count words in a report, ignoring HTML tags, scripts and styles."""
    text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", text)
    text = re.sub(r"(?s)<[^>]+>", " ", text)
    return len(re.findall(r"\w+", text))


REPORT_TEXT = {rid: text for reports, _ in SETS for rid, text in _reports(reports).items()}
GOLD_FILES = sorted(path for _, gold in SETS for path in gold.glob("*.gold.json"))


def _load(path: Path) -> dict:
    """Read one gold file."""
    return json.loads(path.read_text(encoding="utf-8"))


def _valid_date(value: str | None) -> bool:
    """Return True for None or an ISO YYYY-MM-DD date."""
    if value is None:
        return True
    try:
        return dt.date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


def _all_meetings(gold: dict) -> list[dict]:
    """Held and planned meetings of a gold file."""
    return list(gold["meetings"]) + list(gold.get("planned", []))


@pytest.mark.parametrize("reports, gold", SETS, ids=lambda p: str(p.relative_to(ROOT)))
def test_data_every_report_has_gold_and_back(reports, gold):
    gold_ids = {p.name[: -len(".gold.json")] for p in gold.glob("*.gold.json")}
    assert set(_reports(reports)) == gold_ids


def test_data_report_ids_are_unique_across_sets():
    ids = [rid for reports, _ in SETS for rid in _reports(reports)]
    assert len(ids) == len(set(ids)) and len(SETS) >= 2


def test_data_jsonl_entries_have_required_fields():
    for path in (p for reports, _ in SETS for p in reports.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            entry = json.loads(line)
            assert set(entry) >= {"id", "title", "published", "text"}, (path.name, number)
            assert _valid_date(entry["published"]), (path.name, number, entry["published"])


@pytest.mark.parametrize("report_id", sorted(REPORT_TEXT))
def test_data_report_length(report_id):
    words = _body_words(REPORT_TEXT[report_id])
    assert MIN_WORDS <= words <= MAX_WORDS, (report_id, words)


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_gold_shape_and_values(path):
    gold = _load(path)
    assert gold["id"] == path.name[: -len(".gold.json")]
    assert TOP_KEYS <= set(gold) <= TOP_KEYS | OPTIONAL_KEYS, set(gold) ^ TOP_KEYS
    assert set(gold["source"]) == {"kind", "note"}
    assert _valid_date(gold["published"]) and gold["published"] is not None
    for meeting in _all_meetings(gold):
        assert meeting["kind"] in KINDS, meeting["kind"]
        assert _valid_date(meeting["date"]), meeting["date"]
        location = meeting["location"]
        assert location is None or set(location) == {"city", "country"}
        if location and location["country"] is not None:
            assert location["country"] in ISO3 | EXTRA_CODES, location["country"]
        for person in meeting["participants"]:
            assert set(person) == {"name", "aliases", "title", "country"}, person
            assert person["country"] in ISO3 | EXTRA_CODES, (person["name"], person["country"])
            assert person["title"] and person["name"]
        for topic in meeting["topics"]:
            assert isinstance(topic, list) and topic and all(isinstance(t, str) and t for t in topic)
    for person in gold["mentioned_officials"]:
        assert person["country"] in ISO3 | EXTRA_CODES, (person["name"], person["country"])


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_gold_held_meetings_are_not_after_publication(path):
    gold = _load(path)
    for meeting in gold["meetings"]:
        if meeting["date"]:
            assert meeting["date"] <= gold["published"], (meeting["date"], gold["published"])


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_gold_kind_matches_party_count(path):
    gold = _load(path)
    for meeting in gold["meetings"]:
        countries = {p["country"] for p in meeting["participants"]}
        if meeting["kind"] == "multilateral":
            assert len(countries) >= 3, countries
        elif meeting["kind"] == "in_person":
            assert len(countries) <= 2, countries


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_gold_names_occur_in_report(path):
    gold = _load(path)
    text = REPORT_TEXT[gold["id"]].lower()
    for meeting in _all_meetings(gold):
        for person in meeting["participants"]:
            spellings = [person["name"], *person["aliases"]]
            assert any(s.lower() in text for s in spellings), person["name"]
    for name in gold["not_in_report"]:
        assert name.lower() in text, name
    for person in gold["mentioned_officials"]:
        family = [w for w in person["name"].split() if w.rstrip(".") not in ("Jr", "Sr", "II", "III")][-1]
        assert family.lower() in text, person["name"]
    for person in gold["mentioned_officials"]:
        held = {p["name"] for m in gold["meetings"] for p in m["participants"]}
        assert person["name"] not in held, person["name"]


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_gold_planned_only_people_are_mentioned(path):
    gold = _load(path)
    held = {p["name"] for m in gold["meetings"] for p in m["participants"]}
    mentioned = {p["name"] for p in gold["mentioned_officials"]}
    for meeting in gold.get("planned", []):
        for person in meeting["participants"]:
            assert person["name"] in held | mentioned, person["name"]
