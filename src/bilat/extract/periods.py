"""The periods figures cover, as ISO 8601, resolved against the article's date.

A small grammar over the words of ``lexicon/data/figures/periods.tsv``:

- ``2023``, ``in 1986``, ``at the end of 2016`` → ``2023``; ``2023/24`` → ``2023/2024``;
  ``2017-2023``, ``between 1996 and 2023``, ``from 2017 to 2020`` → ``2017/2023`` …;
- ``May 2023`` → ``2023-05``; ``June 26, 2024`` → ``2024-06-26``;
- ``January-September 2020``, ``Jan–Mar`` → ``2020-01/2020-09``;
- ``the first half of 2023``, ``H1 2023``, ``1H 2023``, ``Q1 2023``, ``the fourth quarter`` →
  ``2023-01/2023-06``, ``2023-01/2023-03`` …;
- ``the first five months of 2024``, ``11 months of 2023``, ``the first three quarters`` →
  ``2024-01/2024-05`` …;
- ``last year``, ``this year``, ``the current year``, ``next year`` → a year counted from
  the article's;
- ``since 2005`` → ``2005/<article date>``; ``over the past 20 years`` → ``<year - 20>/<article
  date>``; ``since the beginning of the year`` →
  ``<year>-01/<article date>`` (role ``since``);
- ``by 2030``, ``by the end of 2025``, ``by the end of this year`` → ``2030`` … (role ``by``:
  a target's year);
- ``compared to the same period last year``, ``year-on-year``, ``y/y`` → role ``same``:
  the figure's own period a year earlier (``shift``).

A period without a year ("in the first quarter", "January-March") is in the article's
year, or the year before when it would end after the article's month (statistics are
published after the period they cover). Without an article date such periods, and the
relative ones, resolve to ``None``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from bilat import lexicon
from bilat.extract.dates import parse_iso

#: The longest stretch of years "2017-2023" or "between 1996 and 2023" is read as (longer:
#: no period, "1945-2025" is an anniversary).
YEAR_RANGE_MAX = 30
#: What a rule gives for a match that names no period (the day of an event).
NOT_A_PERIOD = ""
#: Roles of a period in its sentence.
PERIOD, SINCE, BY, SAME = "period", "since", "by", "same"


@dataclass(frozen=True)
class Period:
    """A stretch of text naming a period: its offsets, ISO form and role."""

    start: int
    end: int
    iso: str | None
    role: str = PERIOD
    #: Whether the text names the year (``2023``, ``last year``) rather than leaving it
    #: to the article's date ("in the first quarter").
    explicit_year: bool = True


# ---------------------------------------------------------------------------- grammar


def _alt(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+")
                    for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class _Words:
    months: tuple[str, ...]
    abbr: tuple[str, ...]
    ordinals: tuple[str, ...]
    ordinal_digits: tuple[str, ...]
    numbers: tuple[str, ...]
    this_year: tuple[str, ...]
    last_year: tuple[str, ...]
    next_year: tuple[str, ...]


@cache
def _words() -> _Words:
    w = lexicon.figure_words("periods")
    return _Words(w["months"], w["month_abbr"], w["ordinals"], w["ordinal_digits"],
                  w["numbers"], w["this_year"], w["last_year"], w["next_year"])


def _month_number(word: str) -> int | None:
    w = _words()
    low = word.lower().rstrip(".")
    if low == "sept":
        low = "sep"
    if low in w.months:
        return w.months.index(low) + 1
    if low in w.abbr:
        return w.abbr.index(low) + 1
    return None


def _count(word: str) -> int | None:
    low = word.lower()
    if low.isdigit():
        return int(low)
    w = _words()
    return w.numbers.index(low) + 1 if low in w.numbers else None


def _ordinal(word: str) -> int | None:
    low = word.lower()
    w = _words()
    if low in w.ordinals:
        return w.ordinals.index(low) + 1
    if low in w.ordinal_digits:
        return w.ordinal_digits.index(low) + 1
    return None


@dataclass(frozen=True)
class _Rule:
    role: str
    pattern: re.Pattern[str]
    resolve: Callable[[re.Match[str], dt.date | None, bool], tuple[str | None, bool]]


def _year_ref(text: str | None, ref: dt.date | None) -> tuple[int | None, bool]:
    """A year named by ``text`` ("2023", "last year", "the current year"); without text,
    the article's. The flag says whether the text named it."""
    if not text:
        return (ref.year if ref else None), False
    t = re.sub(r"\s+", " ", text.strip().lower())
    if re.fullmatch(r"(?:19|20)\d\d", t):
        return int(t), True
    if ref is None:
        return None, True
    w = _words()
    if t in w.last_year:
        return ref.year - 1, True
    if t in w.next_year:
        return ref.year + 1, True
    return ref.year, True


def _months(y: int | None, m1: int, m2: int, explicit: bool,
            ref: dt.date | None) -> tuple[str | None, bool]:
    if y is None or not (1 <= m1 <= m2 <= 12):
        return None, explicit
    if not explicit and ref is not None and m2 > ref.month:
        y -= 1  # "January-September" read in March is last year's
    return span(f"{y:04d}-{m1:02d}", f"{y:04d}-{m2:02d}"), explicit


def span(first: str, last: str) -> str:
    """``first/last``, or ``first`` alone when they are the same."""
    return first if first == last else f"{first}/{last}"


@cache
def _rules() -> tuple[_Rule, ...]:
    w = _words()
    year = r"(?:19|20)\d\d"
    yref = rf"(?:{year}|{_alt(w.this_year + w.last_year + w.next_year)})"
    month = rf"(?:{_alt(w.months)}|{_alt(w.abbr)}|sept)\.?"
    number = rf"(?:\d{{1,2}}|{_alt(w.numbers)})"
    ordinal = rf"(?:{_alt(w.ordinals + w.ordinal_digits)})"
    # A month alone must be capitalised ("in May", not "may"), and "May" needs a day, a
    # year or a preposition before it.
    names = [x.capitalize() for x in w.months + w.abbr if x != "may"]
    cap_month = (rf"(?:{'|'.join(sorted(names, key=len, reverse=True))}|Sept)\.?|"
                 rf"May(?=,?\s+(?:\d|(?i:{yref})))|(?<=\b(?:in|of)\s)May")
    words = lexicon.figure_words("periods")
    since = _alt(words["since"])
    by = _alt(words["by"])
    same = _alt(words["same_period"])
    yoy = _alt(words["year_on_year"])

    def c(p: str) -> re.Pattern[str]:
        return re.compile(p, re.I)

    def months_n(m: re.Match[str], ref: dt.date | None,
                exact: bool) -> tuple[str | None, bool]:
        n = _count(m["n"])
        if n is not None and m.groupdict().get("quarters"):
            n *= 3  # "the first three quarters (of 2021)": its first nine months
        y, explicit = _year_ref(m["y"], ref)
        if n is None or not 1 <= n <= 12:
            return None, explicit
        if m["which"] and m["which"].lower() in ("last", "final") and m["y"] and \
                re.fullmatch(r"(?:19|20)\d\d", m["y"]):
            return _months(y, 13 - n, 12, explicit, ref)  # "the last six months of 1987"
        # "the first five months", "the last four months (of the current year)": so far
        return _months(y, 1, n, explicit, ref)

    def part(m: re.Match[str], ref: dt.date | None,
            exact: bool) -> tuple[str | None, bool]:
        k = _ordinal(m["k"]) if m["k"] else None
        unit = (m["unit"] or "").lower()
        if m["hq"] or m["hq2"]:  # "H1", "Q3", "1H"
            unit = "half" if (m["hq"] or m["hq2"]).upper() == "H" else "quarter"
            k = int(m["hqn"] or m["hqn2"])
        y, explicit = _year_ref(m["y"] or m["y2"], ref)
        if k is None:
            return None, explicit
        size = 6 if unit.startswith("half") else 3
        if k * size > 12:
            return None, explicit
        return _months(y, (k - 1) * size + 1, k * size, explicit, ref)

    def month_range(m: re.Match[str], ref: dt.date | None,
                   exact: bool) -> tuple[str | None, bool]:
        m1, m2 = _month_number(m["m1"]), _month_number(m["m2"])
        if m1 is None or m2 is None:
            return None, True
        if m["y1"]:  # "between September 2024 and early March": the range runs into 2025
            y1 = int(m["y1"])
            y2 = _year_ref(m["y"], ref)[0] if m["y"] else (y1 if m2 >= m1 else y1 + 1)
            if y2 is None or y2 < y1 or (y2 == y1 and m2 < m1):
                return None, True
            return span(f"{y1:04d}-{m1:02d}", f"{y2:04d}-{m2:02d}"), True
        y, explicit = _year_ref(m["y"], ref)
        return _months(y, m1, m2, explicit, ref)

    def one_month(m: re.Match[str], ref: dt.date | None,
                 exact: bool) -> tuple[str | None, bool]:
        mo = _month_number(m["m"])
        y, explicit = _year_ref(m["y"], ref)
        if mo is None or y is None:
            return None, explicit
        if m["rel"] and ref is not None and not m["y"]:
            # "last May": the latest May before the article; "next May" the first after
            rel = m["rel"].lower()
            y = ref.year - (mo >= ref.month) if rel == "last" else \
                ref.year + (mo <= ref.month) if rel == "next" else ref.year
            return f"{y:04d}-{mo:02d}", True
        if m["d"]:
            if not m["asof"]:
                return NOT_A_PERIOD, explicit  # "on June 26": the day of an event
            try:
                d = dt.date(y, mo, int(m["d"]))
            except ValueError:
                return None, explicit
            if not explicit and ref is not None and d > ref:
                d = d.replace(year=y - 1) if not (d.month == 2 and d.day == 29) else d
            return d.isoformat(), explicit
        return _months(y, mo, mo, explicit, ref)

    def day_range(m: re.Match[str], ref: dt.date | None,
                  exact: bool) -> tuple[str | None, bool]:
        """"between March 24 and August 31, 1987": the days, the year from either end."""
        y2 = int(m["y"]) if m["y"] else (ref.year if ref else None)
        y1 = int(m["y1"]) if m["y1"] else y2
        m1, m2 = _month_number(m["m1"]), _month_number(m["m2"])
        if y1 is None or y2 is None or m1 is None or m2 is None:
            return None, bool(m["y"])
        try:
            d1, d2 = dt.date(y1, m1, int(m["d1"])), dt.date(y2, m2, int(m["d2"]))
        except ValueError:
            return None, True
        if d2 < d1:
            return None, True
        return f"{d1.isoformat()}/{d2.isoformat()}", bool(m["y"])

    def since_(m: re.Match[str], ref: dt.date | None,
              exact: bool) -> tuple[str | None, bool]:
        if ref is None:
            return None, True
        mo = _month_number(m["m"]) if m["m"] else None
        y, explicit = _year_ref(m["y"], ref)
        if y is None or y > ref.year:
            return None, explicit
        first = f"{y:04d}-{mo:02d}" if mo else (f"{y:04d}-01" if m["begin"] or not explicit
                                                 or m["y"].lower() in _words().this_year
                                                 else f"{y:04d}")
        return f"{first}/{ref.isoformat() if exact else ref.year}", explicit

    def years(m: re.Match[str], ref: dt.date | None,
             exact: bool) -> tuple[str | None, bool]:
        y1 = int(m["y1"] if "y1" in m.re.groupindex else m["y1b"] or m["y1f"])
        tail = m["y2"] if "y2" in m.re.groupindex else m["y2b"]
        y2 = int(tail) if len(tail) == 4 else (y1 // 100) * 100 + int(tail)
        if not y1 < y2 <= y1 + YEAR_RANGE_MAX:
            return None, True
        return f"{y1}/{y2}", True

    def one_year(m: re.Match[str], ref: dt.date | None,
                exact: bool) -> tuple[str | None, bool]:
        return m["y"], True

    def year_of(m: re.Match[str], ref: dt.date | None,
                exact: bool) -> tuple[str | None, bool]:
        y, explicit = _year_ref(m["y"], ref)
        return (str(y) if y else None), explicit

    def month_of(m: re.Match[str], ref: dt.date | None,
                 exact: bool) -> tuple[str | None, bool]:
        if ref is None or not exact:
            return None, True
        said = re.sub(r"\s+", " ", m["rel"].lower())
        back = 0 if said in lexicon.figure_words("periods")["this_month"] else 1
        y, mo = divmod(ref.year * 12 + ref.month - 1 - back, 12)
        return f"{y:04d}-{mo + 1:02d}", True

    def years_back(m: re.Match[str], ref: dt.date | None,
                   exact: bool) -> tuple[str | None, bool]:
        n = _count(m["n"])
        if ref is None or n is None or not 1 < n <= YEAR_RANGE_MAX:
            return None, True
        return f"{ref.year - n:04d}/{ref.isoformat() if exact else ref.year}", True

    def same_(m: re.Match[str], ref: dt.date | None,
             exact: bool) -> tuple[str | None, bool]:
        if m["y"] and re.fullmatch(r"(?:19|20)\d\d", m["y"]):
            return m["y"], True  # "the same period of 2023": that year, at the figure's months
        # "the same period last year", "a year earlier": the figure's own period a year
        # before, whatever the article's year ("January-September 2023" read in May 2024)
        return None, True

    return (
        _Rule(SAME, c(rf"\b(?:{same})"
                      rf"(?:\s+(?:of\s+|in\s+)?(?P<y>{yref}|a\s+year\s+(?:earlier|ago)))?"
                      rf"|(?<![\w-])(?:{yoy})(?![\w-])"), same_),
        _Rule(SINCE, c(rf"\b(?:{since})\s+(?:(?P<begin>the\s+(?:beginning|start)\s+of)\s+)?"
                       rf"(?:(?P<m>{month})\s+)?(?P<y>{yref})\b"), since_),
        _Rule(SINCE, c(rf"\b(?:{_alt(words['years_back'])})\s+(?P<n>\d{{1,2}}|{_alt(w.numbers)})"
                       rf"\s+years\b"), years_back),
        _Rule(BY, c(rf"\b(?:{by})\s+(?:the\s+end\s+of\s+)?(?P<y>{yref})\b"), year_of),
        _Rule(PERIOD, c(rf"\b(?:the\s+|its\s+)?(?:(?P<which>first|last|past|initial|final)\s+)?"
                        rf"(?P<n>{number})\s+months\b"
                        rf"(?:\s+(?:of|in)\s+(?:the\s+)?(?P<y>{yref}))?"), months_n),
        _Rule(PERIOD, c(rf"\b(?:the\s+)?(?P<which>first)\s+(?P<n>{number})\s+"
                        rf"(?P<quarters>quarters)\b"
                        rf"(?:\s+(?:of|in)\s+(?:the\s+)?(?P<y>{yref}))?"), months_n),
        _Rule(PERIOD, c(rf"\b(?:(?:the\s+)?(?P<k>{ordinal})\s+(?P<unit>half|quarter)"
                        rf"(?:\s+(?:of\s+)?(?:the\s+)?(?:year\s+)?(?P<y>{yref}))?"
                        rf"|(?:(?P<hq>[HQ])(?P<hqn>[1-4])|(?P<hqn2>[1-4])(?P<hq2>[HQ]))"
                        rf"(?:\s+(?:of\s+)?(?P<y2>{year}))?)\b"), part),
        _Rule(PERIOD, c(rf"\b(?:between|from)\s+(?P<m1>{month})\s+(?P<d1>\d{{1,2}})"
                        rf"(?:,?\s+(?P<y1>{year}))?\s+(?:and|to|through|till|until)\s+"
                        rf"(?P<m2>{month})\s+(?P<d2>\d{{1,2}})(?:,?\s+(?P<y>{year}))?\b"),
              day_range),
        _Rule(PERIOD, c(rf"\b(?:between\s+|from\s+|this\s+|last\s+)?(?P<m1>{month})"
                        rf"(?:\s+(?P<y1>{year}))?\s*(?:-|–|—|to|through|till|until|and)"
                        rf"\s*(?:(?:early|mid|late|the\s+end\s+of|the\s+beginning\s+of)[\s-]+)?"
                        rf"(?P<m2>{month})(?:,?\s+(?:of\s+)?(?P<y>{yref}))?\b"), month_range),
        _Rule(PERIOD, re.compile(rf"(?P<asof>\b(?i:as\s+(?:of|at|on))\s+)?"
                                 rf"(?:\b(?P<rel>[Ll]ast|[Tt]his|[Nn]ext)\s+)?"
                                 rf"\b(?P<m>{cap_month}|(?<=[Ll]ast\s)May|(?<=[Nn]ext\s)May|"
                                 rf"(?<=[Tt]his\s)May)"
                                 rf"(?:\s+(?P<d>\d{{1,2}})\b)?"
                                 rf"(?:,?\s+(?P<y>(?i:{yref})))?(?![\w-])"), one_month),
        _Rule(PERIOD, c(rf"\b(?:between\s+(?P<y1b>{year})\s+and|from\s+(?P<y1f>{year})\s+"
                        rf"(?:to|till|until|through))\s+(?P<y2b>{year})\b"), years),
        _Rule(PERIOD, c(rf"\b(?P<y1>{year})\s*(?:-|–|/)\s*(?P<y2>(?:19|20)?\d\d)\b"), years),
        _Rule(PERIOD, c(rf"(?<![\d,.$€£¥-])\b(?P<y>{year})\b(?![\d,.]\d|\s*(?:-|–)\s*\d)"),
              one_year),
        _Rule(PERIOD, c(rf"\b(?P<y>{_alt(w.this_year + w.last_year + w.next_year)})\b"), year_of),
        _Rule(PERIOD, c(rf"\b(?P<rel>{_alt(words['last_month'] + words['this_month'])})\b"),
              month_of),
    )


def find(text: str, ref: dt.date | str | None, exact: bool = True) -> list[Period]:
    """The periods ``text`` names, in text order, none overlapping (the longest wins).

    ``ref`` is the article's date; ``exact=False`` when only its year is known (see
    ``reference``): "since 2005" then ends at that year, not at a day.
    """
    if isinstance(ref, str) or ref is None:
        ref = parse_iso(ref) if isinstance(ref, str) else None
    found: list[Period] = []
    for rule in _rules():
        for m in rule.pattern.finditer(text):
            if m.end() == m.start():
                continue
            iso, explicit = rule.resolve(m, ref, exact)
            found.append(Period(m.start(), m.end(), iso, rule.role, explicit))
    found.sort(key=lambda p: (p.start, -(p.end - p.start)))
    out: list[Period] = []
    for p in found:
        if out and p.start < out[-1].end:
            continue
        out.append(p)
    # a day ("October 26, 2015") blocks the year inside it, and is no period itself
    out = [p for p in out if p.iso != NOT_A_PERIOD]
    return out


#: Years named after these words are goals, not the time of writing ("by 2030").
_GOAL_YEAR = re.compile(r"\b(?:by|until|till|to|before|through|up\s+to)\s+(?:the\s+end\s+of\s+)?$",
                        re.I)
_ANY_YEAR = re.compile(r"(?<![\d,.$€£¥-])\b((?:19|20)\d\d)\b(?![\d,.]\d)")


def reference(date: str | None, text: str, published: str | None = None,
              url: str | None = None) -> tuple[dt.date | None, bool]:
    """The date relative periods count from, and whether it is exact.

    The article's date; without one, the month its address gives (``published``, else a
    month folder of ``url``: ".../201603/..."), else the end of the latest year the text
    names (not as a goal: "by 2030" does not date an article), so that "last year" in an
    undated article that speaks of "the first five months of 2024" is 2023.
    """
    exact = parse_iso(date)
    if exact is not None:
        return exact, True
    years = years_named(text)
    month = re.match(r"^(\d{4})-(\d{2})", published or "") or \
        _folder_month(url or "", max(years) if years else None)
    if month and 1 <= int(month[2]) <= 12:
        return dt.date(int(month[1]), int(month[2]), 1), False
    return (dt.date(max(years), 12, 31), False) if years else (None, False)


#: A folder of an address named by a month, "…/201603/…" (six digits alone, which are an id
#: as often: taken only when no year the text names comes after it, and it comes at most
#: ``FOLDER_MONTH_YEARS`` after the latest the text names).
_FOLDER_MONTH = re.compile(r"/((?:19|20)\d\d)(0[1-9]|1[0-2])/")
FOLDER_MONTH_YEARS = 2


def _folder_month(url: str, latest: int | None) -> re.Match[str] | None:
    m = _FOLDER_MONTH.search(url)
    if m is None or latest is None or not 0 <= int(m[1]) - latest <= FOLDER_MONTH_YEARS:
        return None
    return m


def years_named(text: str) -> list[int]:
    """The years a text names, in order, but not as a goal ("by 2030")."""
    return [int(m[1]) for m in _ANY_YEAR.finditer(text)
            if not _GOAL_YEAR.search(text[max(0, m.start() - 20): m.start()])]


@cache
def _since_then() -> re.Pattern[str]:
    words = lexicon.figure_words("periods")["since_then"]
    return re.compile(r"\b(?:" + _alt(words) + r")\b", re.I)


def since_then(text: str, year: int | None, ref: dt.date | None,
               exact: bool = True) -> list[Period]:
    """"Since then" in ``text``, after sentences whose last year named was ``year``: the
    stretch from that year to the article's date, as "since 1998" would be."""
    if year is None or ref is None or year > ref.year:
        return []
    return [Period(m.start(), m.end(), f"{year:04d}/{ref.isoformat() if exact else ref.year}",
                   SINCE) for m in _since_then().finditer(text)]


# ---------------------------------------------------------------------------- ISO helpers

_PART = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def bounds(iso: str | None) -> tuple[str, str] | None:
    """The first and last month (``YYYY-MM``) an ISO date or interval covers; None if
    ``iso`` is not one: ``2023`` → (``2023-01``, ``2023-12``), ``2005/2024-05-21`` →
    (``2005-01``, ``2024-05``)."""
    d = days(iso)
    return None if d is None else (d[0].isoformat()[:7], d[1].isoformat()[:7])


def days(iso: str | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day an ISO date or interval covers; None if ``iso`` is not one:
    ``2023`` and ``2023-01/2023-12`` both cover 2023-01-01 to 2023-12-31."""
    if not iso:
        return None
    parts = iso.split("/")
    if len(parts) > 2:
        return None
    first, last = _PART.match(parts[0]), _PART.match(parts[-1])
    if not first or not last:
        return None
    try:
        start = dt.date(int(first[1]), int(first[2] or 1), int(first[3] or 1))
        y, m = int(last[1]), int(last[2] or 12)
        if last[3]:
            end = dt.date(y, m, int(last[3]))
        else:
            end = dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)
    except ValueError:
        return None
    return (start, end) if start <= end else None


def same(a: str | None, b: str | None) -> bool:
    """Whether two ISO periods are the same stretch of time (``2023`` = ``2023-01/2023-12``)."""
    if (a or None) == (b or None):
        return True
    da, db = days(a), days(b)
    return da is not None and da == db


def full_years(iso: str | None) -> bool:
    """Whether ``iso`` covers whole calendar years (``2023``, ``2022/2023``)."""
    b = bounds(iso)
    return b is not None and b[0].endswith("-01") and b[1].endswith("-12")


def shift(iso: str | None, years: int) -> str | None:
    """``iso`` moved by whole years: ``shift("2023-01/2023-06", -1)`` → ``2022-01/2022-06``."""
    if not iso:
        return None
    out = []
    for part in iso.split("/"):
        m = _PART.match(part)
        if not m:
            return None
        y = int(m[1]) + years
        rest = part[4:]
        if rest == "-02-29":
            rest = "-02-28"
        out.append(f"{y:04d}{rest}")
    return "/".join(out)
