"""Dates of events: relative expressions resolved against the article's date."""

from __future__ import annotations

import datetime as dt
import re

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_WEEKDAY = re.compile(r"\b(?:on|last|this|next)?\s*(" + "|".join(WEEKDAYS) + r")\b", re.I)
_MONTH_DAY = re.compile(r"\b(" + "|".join(MONTHS) + r")\s+(\d{1,2})\b(?:,?\s+(\d{4}))?", re.I)
_DAY_MONTH = re.compile(r"\b(\d{1,2})\s+(" + "|".join(MONTHS) + r")\b(?:\s+(\d{4}))?", re.I)
_RELATIVE = re.compile(r"\b(yesterday|today|tomorrow|last week|last month|next month|"
                       r"last year|next week|this week)\b", re.I)


def parse_iso(date: str | None) -> dt.date | None:
    if not date:
        return None
    try:
        return dt.date.fromisoformat(date[:10])
    except ValueError:
        return None


def resolve(text: str, article_date: str | None, future: bool = False) -> str | None:
    """The date a sentence speaks of, as ISO (``YYYY-MM-DD``, or ``YYYY-MM`` for a month).

    Falls back to the article date. Weekdays point back from the article date for events
    that happened and forward for planned ones.
    """
    base = parse_iso(article_date)
    if base is None:
        return None
    m = _MONTH_DAY.search(text) or None
    if m:
        month = MONTHS.index(m.group(1).lower()) + 1
        day, year = int(m.group(2)), int(m.group(3)) if m.group(3) else base.year
        return _safe(year, month, day, base, future, explicit_year=bool(m.group(3)))
    m = _DAY_MONTH.search(text)
    if m:
        month = MONTHS.index(m.group(2).lower()) + 1
        day, year = int(m.group(1)), int(m.group(3)) if m.group(3) else base.year
        return _safe(year, month, day, base, future, explicit_year=bool(m.group(3)))
    m = _RELATIVE.search(text)
    if m:
        word = m.group(1).lower()
        if word == "yesterday":
            return (base - dt.timedelta(days=1)).isoformat()
        if word == "tomorrow":
            return (base + dt.timedelta(days=1)).isoformat()
        if word in ("today", "this week"):
            return base.isoformat()
        if word == "last month":
            first = base.replace(day=1) - dt.timedelta(days=1)
            return first.strftime("%Y-%m")
        if word == "next month":
            nxt = (base.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            return nxt.strftime("%Y-%m")
        if word == "last year":
            return str(base.year - 1)
        if word == "last week":
            return (base - dt.timedelta(days=7)).isoformat()
        if word == "next week":
            return (base + dt.timedelta(days=7)).isoformat()
    m = _WEEKDAY.search(text)
    if m:
        target = WEEKDAYS.index(m.group(1).lower())
        if future:
            delta = (target - base.weekday()) % 7
            return (base + dt.timedelta(days=delta)).isoformat()
        delta = (base.weekday() - target) % 7
        return (base - dt.timedelta(days=delta)).isoformat()
    return base.isoformat()


def _safe(year: int, month: int, day: int, base: dt.date, future: bool,
          explicit_year: bool) -> str | None:
    try:
        d = dt.date(year, month, day)
    except ValueError:
        return base.isoformat()
    if not explicit_year and not future and d > base + dt.timedelta(days=7):
        d = d.replace(year=year - 1)
    return d.isoformat()
