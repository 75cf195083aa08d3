"""Figures: trade, exports, imports, investment, aid, production, prices, with values.

"21 billion dlrs", "$500 mln", "1.2 bln US dollars", "20 pct" are normalised to numbers,
currencies to ISO 4217, and each figure is tied to the countries its sentence names.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from bilat.extract.context import Context
from bilat.record import Evidence, Figure

# metric cue (regex on lower-case text) -> (metric, label)
METRIC_CUES: tuple[tuple[str, str, str | None], ...] = (
    (r"trade turnover|turnover|bilateral trade|trade volume|volume of trade|mutual trade|"
     r"trade between|two-way trade|foreign trade|trade exchange|trade with", "trade_turnover", None),
    (r"trade surplus|surplus", "other", "trade_surplus"),
    (r"trade deficit|deficit", "other", "trade_deficit"),
    (r"exports?|exported|exporting|shipments|sales abroad", "exports", None),
    (r"imports?|imported|importing|purchases", "imports", None),
    (r"investments?|invested|invest\b", "investment", None),
    (r"\baid\b|loans?|credits?|grants?|assistance|financing|financial support", "aid", None),
    (r"production|output|produced|harvest|crop", "production", None),
    (r"prices?", "price", None),
    (r"\bdebt\b", "other", "debt"),
    (r"reserves", "other", "reserves"),
)
_METRIC = re.compile(r"\b(" + "|".join(f"(?:{c[0]})" for c in METRIC_CUES) + r")\b", re.I)

SCALE = {"trillion": 1e12, "tln": 1e12, "billion": 1e9, "bln": 1e9, "bn": 1e9, "b": 1e9,
         "million": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6, "thousand": 1e3, "k": 1e3}
CURRENCY = {
    "dlrs": "USD", "dlr": "USD", "dollars": "USD", "dollar": "USD", "us dollars": "USD",
    "u.s. dollars": "USD", "usd": "USD", "$": "USD", "us$": "USD", "u.s. dlrs": "USD",
    "yen": "JPY", "marks": "DEM", "mark": "DEM", "francs": "FRF", "pounds": "GBP",
    "stg": "GBP", "sterling": "GBP", "euros": "EUR", "euro": "EUR", "eur": "EUR", "€": "EUR",
    "rubles": "RUB", "roubles": "RUB", "rub": "RUB", "manats": "AZN", "manat": "AZN",
    "soums": "UZS", "sums": "UZS", "yuan": "CNY", "won": "KRW", "lire": "ITL", "lira": "TRY",
    "guilders": "NLG", "hryvnias": "UAH", "hryvnia": "UAH", "uah": "UAH", "rupees": "INR",
    "tenge": "KZT", "swiss francs": "CHF", "french francs": "FRF", "pesetas": "ESP",
    "ecus": "XEU", "ecu": "XEU", "australian dlrs": "AUD", "canadian dlrs": "CAD",
    "£": "GBP", "¥": "JPY",
}
UNITS = {"tonnes": "tonnes", "tons": "tonnes", "tonnes": "tonnes", "barrels per day": "barrels_per_day",
         "bpd": "barrels_per_day", "barrels": "barrels", "bushels": "bushels",
         "cubic metres": "cubic_metres", "cubic meters": "cubic_metres", "bcm": "cubic_metres"}
_CUR_ALT = "|".join(re.escape(c) for c in sorted(CURRENCY, key=len, reverse=True) if c not in "$£€¥")
_UNIT_ALT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_NUM = r"(\d+(?:,\d{3})*(?:\.\d+)?(?:\s+\d/\d+|-\d/\d+)?)"
_SCALE_ALT = r"trillion|tln|billion|bln|bn|million|mln|mn|thousand|b|m|k"
MONEY = re.compile(
    r"(?P<pre>US\$|\$|£|€|¥|USD|EUR)?\s?" + _NUM + r"(?:\s*-?\s*(?P<scale>" + _SCALE_ALT + r")\b)?"
    r"(?:\s+(?P<cur>" + _CUR_ALT + r"|" + _UNIT_ALT + r")\b)?",
    re.I,
)
PERCENT = re.compile(_NUM + r"\s*(?:pct|percent|per cent|%)", re.I)
INCREASE = re.compile(r"\b(ris(?:e|es|ing|en)|rose|increas\w*|gr(?:ew|ow|owing|own|owth)|up\b|"
                      r"higher|jump\w*|climb\w*|surg\w*|soar\w*|expand\w*|doubl\w*|widen\w*|"
                      r"boost\w*|gain\w*|add(?:ed)? up|tripl\w*|record)", re.I)
DECREASE = re.compile(r"\b(f(?:all|alls|ell|allen|alling)|declin\w*|drop\w*|down\b|lower|"
                      r"shr(?:ink|ank|unk)\w*|narrow\w*|decreas\w*|plung\w*|slump\w*|cut\b|"
                      r"reduc\w*|contract\w*|slid\w*|slip\w*|los[st]\b)", re.I)
STABLE = re.compile(r"\b(unchanged|stable|steady|flat|stagnat\w*)\b", re.I)
YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|"
          "december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
PERIOD = re.compile(
    r"\b((?:(?:first|second|third|fourth|last)\s+(?:quarter|half)|(?:" + MONTHS + r")\.?"
    r"(?:\s*[-–]\s*(?:" + MONTHS + r")\.?)?)(?:\s+(?:of\s+)?(?:19|20)\d\d)?|(?:19|20)\d\d(?:/\d\d)?|"
    r"(?:last|this|next)\s+year|calendar\s+(?:19|20)\d\d|fiscal\s+(?:19|20)\d\d)",
    re.I,
)


def _number(s: str) -> float:
    s = s.strip()
    frac = 0.0
    m = re.match(r"(.+?)[\s-](\d+)/(\d+)$", s)
    if m:
        s, frac = m.group(1), int(m.group(2)) / int(m.group(3))
    return float(s.replace(",", "")) + frac


def _money(segment: str, offset: int) -> list[tuple[int, float, str | None]]:
    """(position, value, unit) of each amount in the segment; bare numbers are skipped."""
    out = []
    for m in MONEY.finditer(segment):
        pre, scale, cur = m.group("pre"), m.group("scale"), m.group("cur")
        if not (pre or cur or (scale and scale.lower() not in ("b", "m", "k"))):
            continue
        if YEAR.fullmatch(m.group(2).strip()) and not (pre or scale or cur):
            continue
        tail = segment[m.end(): m.end() + 12].lower()
        if re.match(r"\s*(pct|percent|per cent|%)", tail):
            continue
        value = _number(m.group(2))
        if scale:
            value *= SCALE[scale.lower()]
        unit = None
        if pre:
            unit = CURRENCY.get(pre.lower(), "USD") if pre.upper() not in ("USD", "EUR") else pre.upper()
        if cur:
            unit = CURRENCY.get(cur.lower()) or UNITS.get(cur.lower()) or unit
        out.append((offset + m.start(), value, unit))
    return out


def _change(segment: str) -> str | None:
    inc, dec = INCREASE.search(segment), DECREASE.search(segment)
    if inc and dec:
        return "increase" if inc.start() < dec.start() else "decrease"
    if inc:
        return "increase"
    if dec:
        return "decrease"
    if STABLE.search(segment):
        return "stable"
    return None


def _metric_of(cue: str) -> tuple[str, str | None]:
    for pat, metric, label in METRIC_CUES:
        if re.fullmatch(f"(?:{pat})", cue, re.I):
            return metric, label
    return "other", None


def _period(text: str) -> str | None:
    m = PERIOD.search(text)
    return m.group(1) if m else None


def find(ctx: Context, sector_finder) -> list[Figure]:
    figures: list[Figure] = []
    for sent in ctx.doc.sents:
        figures.extend(_in_sentence(ctx, sent, sector_finder))
    return _dedupe(figures)


def _countries(ctx: Context, sent: Span, seg_start: int, seg_end: int) -> list[str]:
    codes: list[str] = []
    for m in ctx.mentions_in(sent.start_char, sent.end_char):
        if m.role == "capital" or (m.entity is not None and m.entity.sector in ("MED", "IGO")):
            continue
        for c in m.codes:
            if c not in codes:
                codes.append(c)
    return codes


def _in_sentence(ctx: Context, sent: Span, sector_finder) -> list[Figure]:
    text = sent.text
    cues = list(_METRIC.finditer(text))
    if not cues:
        return []
    out = []
    base = sent.start_char
    for i, cue in enumerate(cues):
        seg_end = cues[i + 1].start() if i + 1 < len(cues) else len(text)
        # the figure's numbers may also come just before its cue: "a 20 pct rise in exports"
        seg_start = cues[i - 1].end() if i > 0 else 0
        segment = text[cue.start(): seg_end]
        before = text[seg_start: cue.start()]
        amounts = _money(segment, cue.start()) or _money(before[-60:], cue.start() - len(before[-60:]))
        pcts = [m for m in PERCENT.finditer(segment)] or list(PERCENT.finditer(before[-40:]))
        change = _change(segment) or _change(before[-40:])
        metric, label = _metric_of(cue.group(1))
        if metric == "trade_turnover" and cue.group(1).lower() == "turnover" and \
                "trade" not in text.lower():
            continue
        if not amounts and not pcts and not change:
            continue
        if not amounts and not pcts and metric not in ("trade_turnover", "exports", "imports",
                                                        "investment", "production"):
            continue
        countries = _countries(ctx, sent, seg_start, seg_end)
        if not countries:
            continue
        value = unit = None
        if amounts:
            # "rose 20 pct to 5 bln dlrs": the amount after "to" is the level reached
            to_amounts = [a for a in amounts if re.search(r"\bto\s*$", text[max(0, a[0] - 6): a[0]])]
            pos, value, unit = (to_amounts or amounts)[0]
        change_pct = _number(pcts[0].group(1)) if pcts else None
        if change_pct is not None and not change:
            change = None
        if not amounts and pcts and not change:
            value, unit = change_pct, "percent"
            change_pct = None
        codes, _ = sector_finder(sent)
        period = _period(segment) or _period(text)
        out.append(Figure(
            metric=metric, countries=countries, value=value, unit=unit, period=period,
            change=change, change_pct=change_pct, label=label, sectors=codes,
            evidence=Evidence(base, base + len(text.rstrip())),
        ))
    return out


def _dedupe(figures: list[Figure]) -> list[Figure]:
    """The same figure repeated in an article (lead and body) is kept once."""
    seen: dict[tuple, Figure] = {}
    for f in figures:
        key = (f.metric, f.label, tuple(sorted(f.countries)), f.value, f.change, f.change_pct)
        if key not in seen:
            seen[key] = f
    return list(seen.values())
