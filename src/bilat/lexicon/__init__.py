"""What bilat knows before it reads: countries, organisations, people, sectors, event types.

Not a pipeline stage: the data every stage may consult. Country names come from pycountry
(kept current by its maintainers) and are completed by the hand-written tables in
``data/``; each table says in its header how it was made.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

import pycountry

# ISO codes whose common English name is also a frequent non-country word or a
# U.S. state in our corpora; matched only through the hand table's names.
_AMBIGUOUS_PYCOUNTRY_NAMES = {"Jersey", "Georgia", "Chad", "Niger", "Guinea", "Jordan", "Turkey",
                              "Dominica", "Man", "Congo", "Mali"}

# The country code a name meant before the date: "Russia" and "Moscow" in 1987 news
# speak for the Soviet Union; "Georgia" then means the U.S. state (dropped: None).
HISTORIC_BEFORE = {
    "RUS": ("1991-12-26", "SUN"),
    "UKR": ("1991-08-24", "SUN"),
    "GEO": ("1991-04-09", None),
    "KAZ": ("1991-12-16", "SUN"),
    "UZB": ("1991-08-31", "SUN"),
}


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]


@dataclass(frozen=True)
class KnownOrg:
    name: str
    aliases: tuple[str, ...]
    sector: str
    country: str | None
    kind: str  # igo, media, org


@dataclass(frozen=True)
class KnownPerson:
    name: str
    country: str
    title: str
    start: str
    end: str
    aliases: tuple[str, ...] = ()

    def in_office(self, date: str | None) -> bool:
        """Whether ``date`` (ISO) falls in the period the table gives; no date: yes."""
        if not date:
            return True
        day = date[:10]
        return not ((self.start and day < self.start) or (self.end and day > self.end))


@dataclass(frozen=True)
class SectorTerm:
    term: str
    codes: tuple[str, ...]
    context: str | None


@dataclass(frozen=True)
class EventType:
    type: str
    quad_class: str
    cameo: str
    modes: tuple[str, ...] = field(default_factory=tuple)


def _rows(name: str) -> list[list[str]]:
    text = resources.files("bilat.lexicon").joinpath("data", name).read_text("utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return [row for row in csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


def _split(cell: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in cell.split("|") if x.strip())


@cache
def countries() -> dict[str, Country]:
    """Every country bilat can name, by ISO 3166 alpha-3 (historic ones by ISO 3166-3)."""
    names: dict[str, list[str]] = {}
    display: dict[str, str] = {}
    for c in pycountry.countries:
        code = c.alpha_3
        common = getattr(c, "common_name", None) or c.name
        display[code] = common
        for n in (c.name, common, getattr(c, "official_name", None)):
            if n and "," not in n and n not in _AMBIGUOUS_PYCOUNTRY_NAMES:
                names.setdefault(code, []).append(n)
    demonyms: dict[str, tuple[str, ...]] = {}
    capitals: dict[str, tuple[str, ...]] = {}
    for row in _rows("countries.tsv"):
        row += [""] * (4 - len(row))
        code, extra, dem, cap = row[:4]
        extra_names = _split(extra)
        names.setdefault(code, [])
        names[code] = list(extra_names) + names[code]
        display.setdefault(code, extra_names[0] if extra_names else code)
        demonyms[code] = _split(dem)
        capitals[code] = _split(cap)
    display.update({"SUN": "Soviet Union", "DDR": "East Germany", "YUG": "Yugoslavia",
                    "CSK": "Czechoslovakia", "USA": "United States", "GBR": "United Kingdom",
                    "RUS": "Russia", "KOR": "South Korea", "PRK": "North Korea", "IRN": "Iran",
                    "TWN": "Taiwan", "VNM": "Vietnam", "SYR": "Syria", "MDA": "Moldova",
                    "BOL": "Bolivia", "VEN": "Venezuela", "TZA": "Tanzania", "LAO": "Laos"})
    out = {}
    for code, ns in names.items():
        seen = list(dict.fromkeys(ns))
        out[code] = Country(code, display.get(code, seen[0] if seen else code), tuple(seen),
                            demonyms.get(code, ()), capitals.get(code, ()))
    return out


def country_at(code: str | None, date: str | None) -> str | None:
    """The code a country name stood for on ``date`` (ISO), e.g. Russia in 1987 → SUN."""
    if code is None or not date:
        return code
    rule = HISTORIC_BEFORE.get(code)
    if rule and date[:10] < rule[0]:
        return rule[1]
    return code


def country_name(code: str) -> str:
    c = countries().get(code)
    return c.name if c else code


@cache
def organizations() -> tuple[KnownOrg, ...]:
    out = []
    for row in _rows("organizations.tsv"):
        row += [""] * (5 - len(row))
        name, aliases, sector, country, kind = row[:5]
        out.append(KnownOrg(name, _split(aliases), sector, country or None, kind or "org"))
    return tuple(out)


@cache
def people() -> tuple[KnownPerson, ...]:
    out = []
    for row in _rows("people.tsv"):
        row += [""] * (6 - len(row))
        out.append(KnownPerson(*row[:5], aliases=_split(row[5])))
    return tuple(out)


@cache
def _org_country_cues() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {"suffix": {}, "ticker": {}, "word": {}}
    for row in _rows("org_countries.tsv"):
        kind, cue, code = row[:3]
        out[kind][cue] = code
    return out


def company_suffixes() -> dict[str, str]:
    """Legal forms used in one country only ("SAS" → FRA, "GmbH" → DEU), as written."""
    return _org_country_cues()["suffix"]


def ticker_exchanges() -> dict[str, str]:
    """Reuters instrument-code exchange suffixes ("T" in "<RICT.T>" → JPN)."""
    return _org_country_cues()["ticker"]


def name_words() -> dict[str, str]:
    """Words in a company's name that give its country ("Nippon" → JPN)."""
    return _org_country_cues()["word"]


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """``text`` without accents: "Erdoğan" → "Erdogan", "Čaputová" → "Caputova"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("ı", "i")


@cache
def sector_terms() -> tuple[SectorTerm, ...]:
    out = []
    for row in _rows("sectors.tsv"):
        row += [""] * (3 - len(row))
        out.append(SectorTerm(row[0].lower(), _split(row[1]), row[2] or None))
    return tuple(out)


@cache
def isic_titles() -> dict[str, str]:
    return {row[0]: row[3] for row in _rows("isic4.tsv")[1:]}


@cache
def event_types() -> dict[str, EventType]:
    out = {}
    for row in _rows("event_types.tsv")[1:]:
        row += [""] * (6 - len(row))
        cameo = row[2].split()[0].split(",")[0]
        out[row[0]] = EventType(row[0], row[1], cameo, _split(row[4].replace(",", "|")))
    return out


# Publishers bilat recognises by their source field: the country they publish from, and
# whether their releases speak for that country's head of state (then the president is
# a party to what they report: "the President", "we", "our state").
PUBLISHERS: tuple[tuple[str, str, bool], ...] = (
    ("kremlin", "RUS", True), ("president of russia", "RUS", True),
    ("president.gov.ua", "UKR", True), ("president of ukraine", "UKR", True),
    ("azernews", "AZE", False),
)


def publisher(source: str | None) -> tuple[str | None, bool]:
    """(country code, own release) of a publisher named in ``source``; (None, False) if unknown."""
    low = (source or "").lower()
    for cue, code, own in PUBLISHERS:
        if cue in low:
            return code, own
    return None, False


@cache
def people_names() -> tuple[tuple[KnownPerson, frozenset[str], str], ...]:
    """Each known person with the accent-folded forms of their names and their surname,
    computed once for the name lookups of every article."""
    out = []
    for p in people():
        full = frozenset(fold(n) for n in (p.name, *p.aliases))
        parts = fold(p.name).split()
        out.append((p, full, parts[-1] if parts else ""))
    return tuple(out)
