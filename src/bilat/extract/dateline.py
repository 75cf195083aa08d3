"""Datelines: the place and date an agency story opens with.

"BAKU, Azerbaijan, June 11. …", "ASTANA – …", "YEREVAN, Armenia (AP) — …",
"Baku, June 28, AZERTAC", "BISHKEK. KAZINFORM – …", "Yerevan /Mediamax/. …",
"TASHKENT (UrduPoint News / Sputnik - 06th December, 2022) …", "ANKARA, 14 May 2025 —",
"Baku. 14 May. REPORT.AZ.", "MOSCOW. May 14 (Interfax) -", "DUSHANBE, 01.02.2023. /Asia-Plus/";
and the time stamps some sites put above the story ("11 April 2023 21:47 (UTC+04:00)",
"18:23 / 08.05.2021"). The dateline gives the article its date when the input has none
(the year from the line, else from a time stamp, else the latest year the story names
that is not a target), and its place is where the story was filed: a place, never a
party to the events the story reports. A story's address often holds its publication
date ("…/2024/02/20/…", "…/20151026/…"): ``url_date`` reads it, for the year of a
dateline that has none and as the article's date when neither gives one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from bilat import lexicon

# Only the start of a story holds its dateline: after a headline, a byline and a time
# stamp at most (the regional development set's longest such preamble is 230 characters).
REACH = 400
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_ORD = r"(?:st|nd|rd|th)?"
_DATE = (rf"(?:{_MONTH}\.?\s+\d{{1,2}}{_ORD}(?:,?\s+\d{{4}})?|\d{{1,2}}{_ORD}\s+{_MONTH}\.?,?"
         rf"(?:\s+\d{{4}})?|\d{{1,2}}\.\d{{1,2}}\.\d{{4}})")  # the region writes 01.02.2023 day first
_PLACE = r"[A-Z][A-Za-z'’.\-]*[A-Za-z](?:[ \-][A-Z][A-Za-z'’\-]+){0,2}"
_LINE = re.compile(
    rf"^[ \t]*(?P<place>{_PLACE})"
    rf"(?:,[ \t]*(?!{_MONTH}\b)(?P<country>[A-Z][A-Za-z]+(?:[ \t][A-Z][a-z]+)?))?"
    rf"(?:(?:[, \t]+|\.[ \t]+)(?P<date>{_DATE})(?:,?[ \t]+\d{{1,2}}:\d{{2}})?)?"
    r"(?:[ \t]+By[ \t]+[A-Z][\w'’\-]+(?:[ \t][A-Z][\w'’\-]+){0,2})?"  # "By Leyla Aliyeva - Trend:"
    rf"(?:[, \t]*(?P<agency>\([^()\n]{{1,60}}\)|/[^/\n]{{1,30}}/|[A-Z][A-Za-z.\-]+))??"
    r"[ \t]*(?P<end>—|–|--?|:|\.(?=\s)|\n|$|(?<=\))(?=[ \t]+[A-Z]))",
    re.MULTILINE | re.IGNORECASE)
_STAMP = re.compile(
    rf"^[ \t]*(?:(?P<d1>{_DATE})(?:,?\s+\d{{4}})?[ ,\-–]*\d{{1,2}}:\d{{2}}"
    r"|\d{1,2}:\d{2}\s*/\s*(?P<d2>\d{1,2}\.\d{1,2}\.\d{4})"
    r"|(?P<d3>\d{4}-\d{2}-\d{2})\s+\d{1,2}:\d{2})",
    re.MULTILINE | re.IGNORECASE)
# A date in a story's address: /2024/02/20/, /2024-02-20-, /20151026/, /2021/03/ (year and
# month only). Digits must stand alone between separators, so ids (4055089) never match.
_URL_DATE = re.compile(
    r"(?<![0-9])(?P<y>(?:19[89]|20[0-4])\d)(?P<s>[/_-]?)(?P<m>0[1-9]|1[0-2])"
    r"(?:(?P=s)(?P<d>0[1-9]|[12]\d|3[01]))?(?![0-9])")
_YEAR = re.compile(r"(?<![\d$€£.,])(?P<y>(?:19[5-9]|20[0-4])\d)(?![\d%])")
# A year after these words is a target or a limit, not when the story happened.
_TARGET_BEFORE = re.compile(r"(?:by|until|till|to|before|through|towards?|up to)\s*$", re.I)


@dataclass(frozen=True)
class Dateline:
    start: int
    end: int
    place: str | None
    country: str | None
    date: str | None  # ISO YYYY-MM-DD
    source: str  # "dateline" or "timestamp"

    def to_dict(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "place": self.place,
                "country": self.country, "date": self.date, "source": self.source}


@cache
def _places() -> dict[str, str]:
    """Lower-case names of countries and capitals, and the country each stands for."""
    out: dict[str, str] = {}
    for c in lexicon.countries().values():
        for name in (*c.names, *c.capitals):
            out.setdefault(lexicon.fold(name).lower(), c.code)
    return out


def _place_country(place: str) -> tuple[bool, str | None]:
    """Whether ``place`` reads as a dateline's place, and the country it names."""
    key = lexicon.fold(place).lower().replace("’", "'")
    known = _places().get(key)
    if known:
        return True, known
    letters = [ch for ch in place if ch.isalpha()]
    return (len(letters) >= 3 and all(ch.isupper() for ch in letters)), None


def _parse(text: str | None, year: int | None) -> str | None:
    if not text:
        return None
    from dateutil import parser as dateparser

    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text, flags=re.I)
    try:
        has_year = bool(re.search(r"\d{4}", cleaned))
        if not has_year and year is None:
            return None
        default = dt.datetime(year or 2000, 1, 1)
        return dateparser.parse(cleaned, default=default, dayfirst=True).date().isoformat()
    except (ValueError, OverflowError):
        return None


def context_year(text: str) -> int | None:
    """The latest year a story names that is not a target ("by 2030"): the year it was
    most likely written in, for a dateline that gives day and month only."""
    years = [int(m.group("y")) for m in _YEAR.finditer(text)
             if not _TARGET_BEFORE.search(text[max(0, m.start() - 12):m.start()])]
    this_year = dt.date.today().year
    years = [y for y in years if y <= this_year]
    return max(years) if years else None


def url_date(url: str | None) -> str | None:
    """The publication date an address holds (ISO ``YYYY-MM-DD``, or ``YYYY-MM`` when it
    gives the month only), None when it holds none or more than one."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url.split("?")[0].split("#")[0], flags=re.I)
    found = {m.group(0): m for m in _URL_DATE.finditer(path)
             if m.group("s") or m.group("d")}  # "202402" alone is too often an id
    dates = {f"{m['y']}-{m['m']}" + (f"-{m['d']}" if m["d"] else "") for m in found.values()}
    if len(dates) != 1:
        return None
    out = dates.pop()
    try:
        dt.date.fromisoformat(out if len(out) == 10 else out + "-01")
    except ValueError:
        return None
    return out


def find(text: str, year: int | None = None) -> Dateline | None:
    """The dateline (or time stamp) at the start of ``text``; ``year`` is the publication
    year when known."""
    head = text[:REACH]
    stamp = _STAMP.search(head)
    stamp_date = None
    if stamp:
        raw = stamp.group("d1") or stamp.group("d2") or stamp.group("d3")
        stamp_date = _parse(raw, year)
    for m in _LINE.finditer(head):
        ok, country = _place_country(m.group("place"))
        if not ok:
            continue
        if m.group("end") == "\n" and not (m.group("date") or m.group("country")
                                          or m.group("agency")):
            continue  # a one-word headline line, not a dateline
        if m.group("country"):
            named = _place_country(m.group("country"))[1]
            country = named or country
        when = m.group("date")
        guess = year or (int(stamp_date[:4]) if stamp_date else None) or context_year(text)
        date = _parse(when, guess) or (_parse(_agency_date(m.group("agency")), guess))
        end = m.end("end") if m.group("end") not in ("\n", "") else m.end("end") - 1
        return Dateline(m.start("place"), max(end, m.end("place")), m.group("place").strip(),
                        country, date or stamp_date, "dateline")
    if stamp and stamp_date:
        return Dateline(stamp.start(), stamp.end(), None, None, stamp_date, "timestamp")
    return None


def _agency_date(agency: str | None) -> str | None:
    """"(UrduPoint News / Sputnik - 06th December, 2022)": the date inside."""
    if not agency:
        return None
    m = re.search(_DATE, agency, re.I)
    return m.group(0) if m else None
