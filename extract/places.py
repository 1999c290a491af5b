"""Cities, venues and recurring events, resolved to the city and country where they are.

``resources/places.csv`` lists every national capital, the other cities where diplomacy
happens (New York, Geneva, Munich, Davos, Osaka, Sochi...), venues that stand for a city
("State Department" is in Washington, "Diaoyutai State Guesthouse" in Beijing) and recurring
events held in one city ("Munich Security Conference", "Shangri-La Dialogue"). Columns:
``name,aliases,country,kind,city``; ``kind`` is city, venue or event, and ``city`` is only
filled for venues and events (a city row is its own city).

Events whose city changes every time (NATO, G7 and ASEAN summits) are deliberately left out:
their name says nothing about where one was held. Deciding whether a place in a sentence is
where a meeting happened is the extractor's job, not this module's.

Matching follows the country module: exact forms first, then case- and accent-insensitive
forms when the text does not start with a lower-case letter ("WASHINGTON", "Elysee Palace").
Leading words such as "the", "in", "at", "on the sidelines of" and a trailing country ("Osaka,
Japan") are read through. A Jerusalem row is given Israel's code because the Israeli
government sits there; users who need another convention can override it in their own file.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from extract.countries import country_code
from extract.errors import ResourceFileError
from extract.norm.text import fold
from extract.tablefiles import file_keys

__all__ = [
    "Place",
    "PlaceTable",
    "PLACE_KINDS",
    "load_places",
    "place_for",
    "surface_forms",
]

PLACES_FILE = Path(__file__).parent / "resources" / "places.csv"
PLACE_KINDS = ("city", "venue", "event")

_LEAD_RE = re.compile(
    r"^(?:(?:on|at) the (?:sidelines|margins) of|on the sidelines|during|ahead of|in|at|from|"
    r"to|inside|outside|near|the)\s+",
    re.IGNORECASE,
)
_CODE_RE = re.compile(r"[A-Z][A-Z0-9]{1,9}")


@dataclass(frozen=True)
class Place:
    """Where a surface form puts a meeting.

    Attributes
    ----------
    city : the city ("Washington" for "State Department").
    country : the country code of the city.
    kind : "city", "venue" or "event": what the surface form named.
    name : the canonical name of that city, venue or event.
    """

    city: str
    country: str
    kind: str
    name: str = ""


class PlaceTable:
    """Places and their lookup index; build it with `load_places`.

    Parameters
    ----------
    places : surface form -> Place, every form of every row.
    """

    def __init__(self, places: dict[str, Place]) -> None:
        self.places = dict(places)
        folded: dict[str, set[Place]] = {}
        for form, place in self.places.items():
            folded.setdefault(fold(form), set()).add(place)
        self._folded = {key: next(iter(p)) for key, p in folded.items() if len(p) == 1}

    def __len__(self) -> int:
        return len({p.name for p in self.places.values()})

    def find(self, text: str) -> Place | None:
        """Return the place `text` names, or None (see `place_for`)."""
        text = " ".join(text.replace("\u2019", "'").split())
        place = self._lookup(text)
        if place is not None:
            return place
        text = re.sub(r"'s$", "", text.strip(" ,.;:"))
        while True:
            stripped = _LEAD_RE.sub("", text, count=1)
            place = self._lookup(text) or (self._lookup(stripped) if stripped != text else None)
            if place or stripped == text:
                break
            text = stripped
        if place is None and "," in text:
            head, tail = (part.strip() for part in text.rsplit(",", 1))
            place = self._lookup(head)
            if place is not None and country_code(tail) != place.country:
                place = None
        if place is None:
            words = text.split()
            for k in range(min(3, len(words) - 1), 0, -1):
                code = country_code(" ".join(words[:k]))
                if code:
                    place = self._lookup(" ".join(words[k:]))
                    if place is not None and place.country != code:
                        place = None
                    break
        return place

    def _lookup(self, text: str) -> Place | None:
        """Look `text` up exactly, then folded if it does not start in lower case
        ("the Hague" is read as "The Hague")."""
        place = self.places.get(text)
        if text[:4] == "the ":
            text = "The " + text[4:]
        if place is None and text and not text[0].islower():
            place = self._folded.get(fold(text))
        return place


def load_places(extra_files: Iterable[str | Path] = ()) -> PlaceTable:
    """Load the bundled places table, plus any user files on top.

    A user file has the columns ``name,aliases,country,kind,city`` (``city`` may be left out for
    cities; aliases separated by ";"). A row whose name or alias is already known replaces
    the bundled meaning of that form. Results are cached per file list and modification time.

    Parameters
    ----------
    extra_files : CSV files read after the bundled one, in order.

    Returns
    -------
    The table `place_for` and `surface_forms` use.

    Raises
    ------
    ResourceFileError
        If a file is missing or a row is malformed; the message names the file, line and value.

    Examples
    --------
    >>> table = load_places()
    >>> len(table) >= 250, table.find("Kiev").city
    (True, 'Kyiv')
    """
    return _load_cached(file_keys(extra_files, what="places"))


def place_for(text: str, *, table: PlaceTable | None = None) -> Place | None:
    """Return the city and country a place name, venue or event stands for.

    Parameters
    ----------
    text : a place as written: "Tokyo", "the State Department", "WASHINGTON", "Osaka, Japan",
        "on the sidelines of the Munich Security Conference".
    table : a table from `load_places`; the bundled one by default.

    Returns
    -------
    The Place, or None if the text names no known place.

    Examples
    --------
    >>> place_for("the State Department")
    Place(city='Washington', country='USA', kind='venue', name='State Department')
    >>> place_for("on the sidelines of the Munich Security Conference").city
    'Munich'
    >>> place_for("Osaka, Japan").country, place_for("Middle East")
    ('JPN', None)
    """
    return (table or load_places()).find(text)


def surface_forms(*, table: PlaceTable | None = None) -> dict[str, Place]:
    """Return every surface form of every place, as written in the table, with its Place.

    Parameters
    ----------
    table : a table from `load_places`; the bundled one by default.

    Returns
    -------
    Surface string -> Place (names and aliases of cities, venues and events).

    Examples
    --------
    >>> forms = surface_forms()
    >>> forms["Diaoyutai State Guesthouse"].city, forms["Kiev"].city, forms["UNGA"].kind
    ('Beijing', 'Kyiv', 'event')
    """
    return dict((table or load_places()).places)


@functools.lru_cache(maxsize=16)
def _load_cached(keys: tuple[tuple[str, int, int], ...]) -> PlaceTable:
    """Build a table from the bundled file and the (path, mtime) keys of user files."""
    places: dict[str, Place] = {}
    for path in [PLACES_FILE, *(Path(p) for p, *_ in keys)]:
        places.update(_read_places_file(path))
    return PlaceTable(places)


def _read_places_file(path: Path) -> dict[str, Place]:
    """Read one places CSV into surface form -> Place, checking every row."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in ("name", "country", "kind") if c not in (reader.fieldnames or [])]
            if missing:
                raise ResourceFileError(
                    f"{path} lacks the column(s) {', '.join(missing)}; its header is "
                    f"{reader.fieldnames!r}. Use the header name,aliases,country,kind,city."
                )
            rows = [(reader.line_num, row) for row in reader]
    except OSError as err:
        raise ResourceFileError(f"Cannot read {path}: {err.strerror}. Check the path.") from err
    except (UnicodeDecodeError, csv.Error) as err:
        raise ResourceFileError(f"{path} is not a UTF-8 CSV file ({err}). Save it as UTF-8 CSV.") from err
    out: dict[str, Place] = {}
    for line, row in rows:
        name = (row.get("name") or "").strip()
        country = (row.get("country") or "").strip()
        kind = (row.get("kind") or "").strip()
        city = (row.get("city") or "").strip() or name
        if not name:
            raise ResourceFileError(f"Empty 'name' in {path}, line {line}. Name the place.")
        if not _CODE_RE.fullmatch(country):
            raise ResourceFileError(
                f"Bad country code {country!r} for {name!r} in {path}, line {line}. Use an "
                "ISO 3166-1 alpha-3 code such as 'JPN'."
            )
        if kind not in PLACE_KINDS:
            raise ResourceFileError(
                f"Unknown place kind {kind!r} for {name!r} in {path}, line {line}. Use one of "
                f"{', '.join(PLACE_KINDS)}."
            )
        place = Place(city, country, kind, name)
        aliases = [a.strip() for a in (row.get("aliases") or "").split(";") if a.strip()]
        for form in (name, *aliases):
            out[form] = place
    return out


@functools.lru_cache(maxsize=1)
def _subdivisions() -> dict[str, str | None]:
    """Lower-cased names of states and provinces (ISO 3166-2, from pycountry) -> alpha-3 code.

    A name shared by subdivisions of two countries maps to None (ambiguous).
    """
    import pycountry

    out: dict[str, str | None] = {}
    for sub in pycountry.subdivisions:
        if getattr(sub, "type", "") not in ("State", "Province", "Prefecture", "Region", "Land", "Territory",
                                            "Autonomous region", "Federal district", "Oblast", "Republic",
                                            "Metropolitan city", "Special city", "Municipality", "Canton"):
            continue
        country = pycountry.countries.get(alpha_2=sub.country_code)
        if country is None:
            continue
        key = sub.name.lower()
        out[key] = country.alpha_3 if out.get(key, country.alpha_3) == country.alpha_3 else None
    return out


def subdivision_country(name: str) -> str | None:
    """The country of a state or province named `name` ("California" -> "USA"), or None.

    Used for places the place table does not know, written as "Woodside, California".

    >>> subdivision_country("California"), subdivision_country("Atlantis")
    ('USA', None)
    """
    return _subdivisions().get(name.strip().lower())
