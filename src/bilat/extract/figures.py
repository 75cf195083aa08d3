"""Figures: trade, exports, imports, investment, aid, production, prices, with values.

The extraction is amount-centred: every amount in a sentence ("21 billion dlrs",
"$500 mln", "1.2 bln US dollars", "20 pct", "1-1/8 pct", "five mln barrels") is parsed
by :func:`parse_amounts`, tied to the nearest metric cue ("exports", "trade surplus",
"a 7.7 billion dlr loan"), given the change its own clause states ("rose to", "fell to",
"from" for a baseline, "against" for a comparison) and the countries its cue names
("Japan's exports to the U.S."), else its sentence's, else the preceding sentences'.
A percentage that states a change ("grew by 16 percent") is merged into the amount of the
same cue, or stands alone with ``value`` null and ``change_pct`` set.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span

from bilat.extract.context import Context, Mention, codes_of
from bilat.record import Evidence, Figure

SectorFinder = Callable[[Span], tuple[list[str], set[str]]]

# ---------------------------------------------------------------------------- metric cues
# (regex on the text, metric, label). Earlier entries win where two match at one place
# ("trade surplus" before "trade").
_TRADE_NOT = (r"(?!\s+(?:minister|ministry|ministers|talks|pact|pacts|dispute|disputes|law|laws|"
              r"bill|bills|agreement|agreements|area|barriers?|relations|representative|"
              r"policy|partners?|sanctions|war|practices|and\s+industry|and\s+economic|"
              r"liberali[sz]ation|mission|fair|officials?|negotiat\w+|restrictions|"
              r"protection\w*|issues?|frictions?|legislation|system|deals?|center|centre|"
              r"union|organi[sz]ation)\b)")
METRIC_CUES: tuple[tuple[str, str, str | None], ...] = (
    (r"trade\s+surplus(?:es)?|surplus(?:es)?", "other", "trade_surplus"),
    (r"trade\s+deficits?|deficits?", "other", "trade_deficit"),
    (r"trade\s+turnover|turnover|trade\s+volumes?|volumes?\s+of\s+(?:\w+\s+)?trade|"
     r"trade\s+exchanges?|two-way\s+trade|trade" + _TRADE_NOT, "trade_turnover", None),
    (r"exports?\s+(?:earnings|revenues?|receipts)|exports|exported|exporting|"
     r"shipments|sales\s+abroad|earnings|earn", "exports", None),
    (r"imports|imported|importing|import|purchases|purchased|bought|buy|buying", "imports", None),
    (r"investments?|invested|invests?|investing|co-invest\w*|attracted|"
     r"projects\s+(?:\w+\s+){0,2}?worth", "investment", None),
    (r"\baid|loans?|lend|lent|credits?|grants?|assistance|financing|funding|"
     r"(?:defen[cs]e|military|financial|budget)\s+support|allocat\w+|provide[sd]?",
     "aid", None),
    (r"debt[\s-]+rescheduling|rescheduling|refinanc\w*", "other", "debt_rescheduling"),
    (r"production|output|produced|produces?|harvest|crop|quota", "production", None),
    (r"prices?|per\s+tonne", "price", None),
    (r"debts?", "other", "debt"),
    (r"reserves", "other", "reserves"),
    (r"(?:penalty\s+)?tariffs?|duty|duties|surcharges?|levy", "other", "tariff"),
    (r"remittances|sent(?=(?:(?!\.\s)[^;]){0,40}\bback\b)", "other", "remittances"),
    (r"stockpiles?|stocks", "other", "stocks"),
    (r"consumption", "other", "consumption"),
    (r"income", "other", "income"),
    (r"sold|sales", "other", "sales"),
)
_CUE = re.compile(r"\b(?:" + "|".join(f"(?P<c{i}>{c[0]})" for i, c in enumerate(METRIC_CUES))
                  + r")\b", re.I)
# cues whose change may be told without a number ("the trade turnover is increasing")
_STRONG_CUES = {"trade_turnover", "exports", "imports", "investment"}
# A purchase under a concessional programme is aid, not trade (Reuters' PL 480 stories).
_AID_PROGRAMME = re.compile(r"\bPL[\s-]?480\b|\bfood\s+aid\b|\bSection\s+416\b|"
                            r"\bconcessional\b", re.I)

# ---------------------------------------------------------------------------- amounts
SCALE = {"trillion": 1e12, "tln": 1e12, "billion": 1e9, "bln": 1e9, "bn": 1e9,
         "million": 1e6, "mln": 1e6, "mn": 1e6, "thousand": 1e3}
CURRENCY = {
    "dlrs": "USD", "dlr": "USD", "dollars": "USD", "dollar": "USD", "us dollars": "USD",
    "u.s. dollars": "USD", "usd": "USD", "$": "USD", "us$": "USD", "u.s. dlrs": "USD",
    "u.s. dlr": "USD", "us dlrs": "USD",
    "yen": "JPY", "marks": "DEM", "mark": "DEM", "deutsche marks": "DEM", "francs": "FRF",
    "pounds": "GBP", "stg": "GBP", "sterling": "GBP", "pounds sterling": "GBP",
    "euros": "EUR", "euro": "EUR", "eur": "EUR", "€": "EUR",
    "rubles": "RUB", "roubles": "RUB", "rub": "RUB", "manats": "AZN", "manat": "AZN",
    "soums": "UZS", "sums": "UZS", "yuan": "CNY", "won": "KRW", "lire": "ITL", "lira": "TRY",
    "guilders": "NLG", "hryvnias": "UAH", "hryvnia": "UAH", "uah": "UAH", "rupees": "INR",
    "tenge": "KZT", "swiss francs": "CHF", "french francs": "FRF", "pesetas": "ESP",
    "belgian francs": "BEF", "rand": "ZAR", "ringgit": "MYR", "cruzados": "BRL",
    "ecus": "XEU", "ecu": "XEU", "australian dlrs": "AUD", "australian dlr": "AUD",
    "canadian dlrs": "CAD", "canadian dlr": "CAD", "canadian dollars": "CAD",
    "hong kong dlrs": "HKD", "new zealand dlrs": "NZD", "singapore dlrs": "SGD",
    "£": "GBP", "¥": "JPY", "c$": "CAD", "a$": "AUD", "gbp": "GBP",
}
UNITS = {"tonnes": "tonnes", "tons": "tonnes", "tonnes per year": "tonnes",
         "barrels per day": "barrels_per_day", "bpd": "barrels_per_day",
         "barrels a day": "barrels_per_day", "barrels": "barrels", "bushels": "bushels",
         "bales": "bales", "bags": "bags", "ounces": "ounces",
         "cubic metres": "cubic_metres", "cubic meters": "cubic_metres", "bcm": "cubic_metres"}
_PREFIX = {"us$": "USD", "u.s.$": "USD", "$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY",
           "usd": "USD", "eur": "EUR", "gbp": "GBP", "c$": "CAD", "a$": "AUD"}
WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
                "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100}

_NUM = (r"\d+(?:,\d{3})*(?:\.\d+)?(?:(?:\s|-)\d/\d{1,2}(?![\d/]))?|"
        + "|".join(WORD_NUMBERS))
_CUR_ALT = "|".join(re.escape(c).replace(r"\ ", r"\s+")
                    for c in sorted(CURRENCY, key=len, reverse=True) if c not in "$£€¥")
_UNIT_ALT = "|".join(re.escape(u).replace(r"\ ", r"\s+")
                     for u in sorted(UNITS, key=len, reverse=True))
_PRE_ALT = r"US\$|U\.S\.\s?\$|C\$|A\$|\$|£|€|¥|USD|EUR|GBP"
_SCALE_ALT = r"trillion|tln|billion|bln|bn|million|mln|mn|thousand"
AMOUNT = re.compile(
    r"(?<![\w.,/])(?:(?P<pre>" + _PRE_ALT + r")\s?)?"
    r"(?P<num>" + _NUM + r")"
    r"(?:(?<!\b19\d\d)(?<!\b20\d\d)\s*(?:to|-|–|and)\s*(?P<num2>" + _NUM + r"))?"
    r"(?:\s*-?\s*(?P<scale>" + _SCALE_ALT + r"|[bm](?=\W))\b)?"
    r"(?:\s*-?\s*(?P<pct>pct|percent|per\s+cent|%))?"
    r"(?:\s+(?P<cur>" + _CUR_ALT + r"|" + _UNIT_ALT + r")\b)?",
    re.I,
)


@dataclass
class Amount:
    """One amount in a text: where it is, its value and unit (ISO 4217, percent, tonnes …)."""

    start: int
    end: int
    value: float
    unit: str | None
    percent: bool = False


def parse_number(s: str) -> float:
    """ "1,500" → 1500, "1-1/8" → 1.125, "five" → 5."""
    s = s.strip().lower()
    if s in WORD_NUMBERS:
        return float(WORD_NUMBERS[s])
    frac = 0.0
    m = re.match(r"(.+?)[\s-](\d+)/(\d+)$", s)
    if m:
        s, frac = m.group(1), int(m.group(2)) / int(m.group(3))
    return float(s.replace(",", "")) + frac


def parse_amounts(text: str, unit_hint: str | None = None) -> list[Amount]:
    """Every amount in ``text`` with a currency, unit, scale word or percent sign.

    Bare numbers (dates, counts) are skipped. A scaled number without a unit ("imports
    fell to 1.74 billion") takes the unit of the amount before it, else ``unit_hint``.
    Amounts in parentheses are glosses ("(375 pounds each)") and skipped.
    """
    out: list[Amount] = []
    last_unit = unit_hint
    for m in AMOUNT.finditer(text):
        pre, num, num2, scale, pct, cur = (m.group("pre"), m.group("num"), m.group("num2"),
                                           m.group("scale"), m.group("pct"), m.group("cur"))
        word = num.strip().lower() in WORD_NUMBERS
        if pct:
            if word or cur or (scale and not num2):
                continue
            out.append(Amount(m.start(), m.end(), parse_number(num), "percent", True))
            continue
        if scale and len(scale) == 1 and not pre:
            scale = None  # "5 m" without a currency sign is not an amount
        if not (pre or cur or scale):
            continue
        if word and not scale:
            continue
        tail = text[m.end(): m.end() + 30]
        if not (pre or cur) and re.match(r"\s+(?!(?:in|from|to|for|and|or|on|at|by|a|an|the|of|"
                                         r"against|compared|versus|last|this|over|worth|"
                                         r"this|since|during|with|from)\b)[A-Za-z]", tail):
            continue  # "3.5 million Russians" counts people, not money
        if re.match(r"\s+per\s+(?:1|one)\b", tail):
            continue  # "9 rubles per 1 ruble" is a ratio
        if text.rfind("(", max(0, m.start() - 40), m.start()) > text.rfind(")", 0, m.start()):
            continue
        value = parse_number(num)
        if num2 and not word and re.match(r"\s*(?:and)\s*$", text[m.end("num"):m.start("num2")]):
            value = parse_number(num)  # "between 4,000 and 5,000": the first
        elif num2:
            low, high = parse_number(num), parse_number(num2)
            # "six to seven mln barrels" is about 6.5 mln; "75 to 76 dlrs" reads as 75
            value = (low + high) / 2 if word else low
        if scale:
            value *= SCALE.get(scale.lower(), 1e9 if scale.lower() == "b" else 1e6)
        unit = None
        if pre:
            unit = _PREFIX.get(re.sub(r"\s", "", pre.lower()), "USD")
        if cur:
            key = re.sub(r"\s+", " ", cur.lower())
            unit = CURRENCY.get(key) or UNITS.get(key) or unit
        if unit is None:
            unit = last_unit
        last_unit = unit or last_unit
        out.append(Amount(m.start(), m.end(), value, unit))
    return out


# ---------------------------------------------------------------------------- change
INCREASE = re.compile(r"\b(?:ris(?:e|es|ing|en)|rose|increas\w*|gr(?:ew|ow|ows|owing|own|owth)|"
                      r"up|higher|jump\w*|climb\w*|surg\w*|soar\w*|expand\w*|doubl\w*|"
                      r"widen\w*|gain\w*|tripl\w*|topped|improv\w*|boost\w*|record\s+high)\b", re.I)
DECREASE = re.compile(r"\b(?:f(?:all|alls|ell|allen|alling)|declin\w*|drop\w*|down|lower|"
                      r"shr(?:ink|inks|ank|unk|inking)|narrow\w*|decreas\w*|plung\w*|slump\w*|"
                      r"reduc\w*|contract(?:ed|ing|ion)|slid\w*|slipp?\w*|los[st]|only)\b", re.I)
STABLE = re.compile(r"\b(?:unchanged|stable|steady|flat|stagnat\w*)\b", re.I)
# "from X", "against X", "compared to X": X is the baseline the figure is compared with
_BASELINE = re.compile(r"\b(?:from|against|versus|vs\.?|compared\s+(?:to|with)|compares\s+with|"
                       r"than|below|above)\b(?:[\s,]+[\w'-]+){0,7}?\s*$", re.I)
# a comparison of periods, whose direction the two values give
_TEMPORAL = re.compile(r"\b(?:from|against|versus|vs|compared|compares)\b|year\s+earlier|"
                       r"year\s+ago|last\s+year|same\s+period|similar\s+period", re.I)
_MODAL = re.compile(r"\b(?:to|will|would|could|should|may|might|can|must|plan\w*|aim\w*|"
                    r"want\w*|seek\w*|help)\s+(?:\w+\s+)?$", re.I)


def parse_change(text: str) -> str | None:
    """The direction a stretch of text states: increase, decrease, stable, or None."""
    inc, dec = INCREASE.search(text), DECREASE.search(text)
    if inc and dec:
        return "increase" if inc.start() > dec.start() else "decrease"  # the nearer the figure
    if inc:
        return "increase"
    if dec:
        return "decrease"
    if STABLE.search(text):
        return "stable"
    return None


def _last_change(text: str) -> str | None:
    """The change word nearest the end of ``text`` (just before an amount)."""
    best: tuple[int, str] | None = None
    for pat, name in ((INCREASE, "increase"), (DECREASE, "decrease"), (STABLE, "stable")):
        for m in pat.finditer(text):
            if best is None or m.start() > best[0]:
                best = (m.start(), name)
    return best[1] if best else None


_PCT_AFTER = re.compile(r"^\s*(?:-\s*)?(?:growth|increase|rise|jump|gain|drop|decline|fall|"
                        r"decrease|reduction|cut|slump|plunge)\b", re.I)

# ---------------------------------------------------------------------------- period
MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|"
          "december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
PERIOD = re.compile(
    r"\b((?:first|second|third|fourth|last)\s+(?:quarter|half)(?:\s+(?:of\s+)?(?:19|20)\d\d)?|"
    r"(?:first|last)\s+(?:\w+\s+)?months\s+of\s+(?:19|20)\d\d|"
    r"(?:" + MONTHS + r")\.?\s*[-–]\s*(?:" + MONTHS + r")\.?(?:\s+(?:of\s+)?(?:19|20)\d\d)?|"
    r"(?:january|february|march|april|june|july|august|september|october|november|december)"
    r"(?:\s+(?:19|20)\d\d)?|"
    r"(?:calendar|fiscal)\s+(?:19|20)\d\d|(?:19|20)\d\d(?:/\d\d)?|"
    r"(?:last|this|next)\s+year|end-(?:19|20)\d\d)\b",
    re.I,
)


def parse_period(text: str) -> str | None:
    """The first period named in ``text``: "1986", "January-September 2021", "first quarter"."""
    m = PERIOD.search(text)
    return re.sub(r"\s+", " ", m.group(1)) if m else None


# ---------------------------------------------------------------------------- sentences
_QUICK = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten)\b|increas|"
                    r"grow|grew|expand|rose|rising|fell|declin", re.I)
_CLAUSE_BREAK = re.compile(r"[;:]|,\s+(?:but|while|whereas|and\s+(?=\w+\s+(?:said|says)))\b|"
                           r"\bbut\b|\bwhile\b")
LOOKBACK_SENTENCES = 4  # sentences searched back for a figure's countries (dev set: 2–4 suffice)
_SAY = re.compile(r"^\W{0,3}(?:\w+\W+){0,2}?(?:said|says|told|stressed|noted|added|"
                  r"announced|stated)\b", re.I)
_POSSESSOR_GAP = re.compile(r"^(?:'s|’s|')?(?:\s+|-)(?:(?!(?:to|of|in|for|with|is|are|was|were|"
                            r"has|have|had|will|would|and|or|but|that|which|said|the)\b)"
                            r"[\w-]+\s+){0,2}$", re.I)
_ITS = re.compile(r"\b(?:its|their)\s+(?:[\w-]+\s+){0,2}$", re.I)
_WE = re.compile(r"\b(?:[Ww]e|[Oo]ur|us)\b")
_PREP_GAP = re.compile(r"^\s+(?:[a-z][\w-]*\s+){0,2}?(?:to|with|from|between|of|in|by|into|for)"
                       r"\s+(?:the\s+|its\s+)?$")
_ANCHOR_GAP = re.compile(r"^\s*-?\s*(?:(?:worth\s+of|of|in)\s+)?(?:[\w.-]+\s+){0,3}?$")
_GAP_STOP = re.compile(r"\b(?:and|but|while|from|to|than|against|versus|which|was|were|is|are|"
                       r"has|have|had|been|be|will|would|"
                       r"in\s+(?:19|20)\d\d|january|february|march|april|june|july|august|"
                       r"september|october|november|december)\b", re.I)
# metrics that concern both sides of a pair when the text names one ("Russian investment")
_PAIRED = {"trade_turnover", "investment", "aid", "price", "remittances", "tariff"}
_OUR = re.compile(r"\b(?:our|mutual|bilateral|two-way)\s+(?:\w+\s+)?$", re.I)


@dataclass
class _Cue:
    start: int
    end: int
    metric: str
    label: str | None


@dataclass
class _Item:
    amount: Amount
    cue: _Cue
    change: str | None = None
    change_pct: float | None = None
    baseline: bool = False
    lead_start: int = 0


def _cues(text: str) -> list[_Cue]:
    out = []
    for m in _CUE.finditer(text):
        i = int(next(k for k, v in m.groupdict().items() if v is not None)[1:])
        _, metric, label = METRIC_CUES[i]
        out.append(_Cue(m.start(), m.end(), metric, label))
    return out


def _cue_for(text: str, a: Amount, cues: list[_Cue]) -> _Cue | None:
    """The cue an amount belongs to: one right after it ("a 7.7 billion dlr loan"), else
    the nearest before it in the sentence, else one shortly after it in its clause."""
    after = [c for c in cues if c.start >= a.end]
    if after:
        gap = text[a.end: after[0].start]
        if _ANCHOR_GAP.match(gap) and not _GAP_STOP.search(gap) and "," not in gap:
            return after[0]
    before = [c for c in cues if c.end <= a.start]
    if before:
        return before[-1]
    if after:
        gap = text[a.end: after[0].start]
        if len(gap) <= 60 and not re.search(r"[,;:]", gap):
            return after[0]
    return None


def _country_mentions(ctx: Context, start: int, end: int) -> list[Mention]:
    out = []
    for m in ctx.mentions_in(start, end):
        if m.role == "capital" or (m.entity is not None and m.entity.sector in ("MED", "IGO")):
            continue
        if m.codes:
            out.append(m)
    return out




def _is_speaker(ctx: Context, m: Mention) -> bool:
    """A person or body who only reports the figure ("Channon said …") is not among its
    countries."""
    if m.entity is None or m.entity.kind == "country" or m.role != "name":
        return False
    after = ctx.text[m.end: m.end + 40]
    before = ctx.text[max(0, m.start - 20): m.start]
    return bool(_SAY.match(after) or re.search(r"\b(?:said|according\s+to)\s+$", before, re.I))


class _Scanner:
    """Walks an article's sentences, remembering what later sentences may refer back to."""

    def __init__(self, ctx: Context, sector_finder: SectorFinder) -> None:
        self.ctx = ctx
        self.sector_finder = sector_finder
        self.recent: list[list[str]] = []  # countries of the last sentences that had some
        self.unit: str | None = None
        self.aid_programme = bool(_AID_PROGRAMME.search(ctx.text))
        self.last: tuple[int, _Cue, list[str]] | None = None  # sentence no., cue, countries
        self.n = 0
        self.amounts: list[Amount] = []  # the current sentence's, whose spans hold no country

    def run(self) -> list[Figure]:
        out: list[Figure] = []
        for n, sent in enumerate(self.ctx.doc.sents):
            self.n = n
            mentions = _country_mentions(self.ctx, sent.start_char, sent.end_char)
            if _QUICK.search(sent.text):
                out.extend(self.sentence(sent, mentions))
            codes = codes_of([m for m in mentions if not _is_speaker(self.ctx, m)])
            if codes:
                self.recent = ([codes] + self.recent)[:LOOKBACK_SENTENCES]
        return _dedupe(out)

    # -- countries
    def _local(self, text: str, base: int, cue: _Cue, mentions: list[Mention],
               item: _Item) -> list[str]:
        """Countries the cue itself names: "Japan's exports to the U.S.", "aid to Bolivia"."""
        owner: list[Mention] = []
        other: list[Mention] = []
        for m in mentions:
            s, e = m.start - base, m.end - base
            if e <= cue.start and _POSSESSOR_GAP.match(text[e: cue.start]):
                owner.append(m)
            elif s >= cue.end and s - cue.end <= 45 and _PREP_GAP.match(text[cue.end: s]):
                other.append(m)
                if re.match(r"\s+and\s+", text[e: e + 10]):  # "between Argentina and Brazil"
                    other += [x for x in mentions if 0 < x.start - base - e <= 10]
        if not owner and _ITS.search(text[max(0, cue.start - 30): cue.start]):
            # "Japan's trade surplus … - its surplus with the United States"
            prior = [m for m in mentions if m.end - base <= cue.start and m not in other]
            owner = prior[-1:]
        # "its surplus with the U.S. was 51.5 bln and with EC nations, 16.7 bln": a new
        # complement before the amount replaces the cue's own
        lead = text[item.lead_start: item.amount.start]
        if item.lead_start > cue.end and re.match(r"^[\s,]*(?:and\s+)?(?:with|to|from)\s+(?:the\s+)?[A-Za-z]", lead):
            other = [m for m in mentions
                     if item.lead_start <= m.start - base and m.end - base <= item.amount.start]
            if not other:
                return codes_of(owner)
        return codes_of(owner + other)

    def _countries(self, text: str, base: int, item: _Item, mentions: list[Mention],
                   clause: tuple[int, int]) -> list[str]:
        cue = item.cue
        a = item.amount
        mentions = [m for m in mentions  # "44 U.S. dlrs" names a currency, not a country
                    if not any(x.start <= m.start - base < x.end for x in self.amounts)]
        codes = self._local(text, base, cue, mentions, item)
        if not codes:
            scope = [m for m in mentions
                     if clause[0] <= m.start - base and m.end - base <= clause[1] and
                     (m.start - base < a.end or (m.start - base - a.end <= 40 and
                                                 "," not in text[a.end: m.start - base]))]
            scope = [m for m in scope if not _is_speaker(self.ctx, m)]
            codes = codes_of(scope)
        if not codes:  # an earlier clause of the sentence ("South Africa's … but imports fell")
            codes = codes_of([m for m in mentions
                            if m.start - base < a.start and not _is_speaker(self.ctx, m)])
        igo = any(m.entity is not None and m.entity.sector == "IGO"
                  for m in self.ctx.mentions_in(base + clause[0], base + clause[1]))
        home = False
        if not codes:
            if _WE.search(text[clause[0]: clause[1]]) and self.ctx.home:
                codes, home = [self.ctx.home], True  # "we have invested": the speaker's side
            elif self.recent and not igo:
                codes = list(self.recent[0])
        pair = self.ctx.pair
        if len(pair) == 2 and len(codes) == 1 and codes[0] in pair and not igo and (
                cue.metric in _PAIRED or cue.label in _PAIRED):
            # "Russian investment", "aid to Bolivia": the pair's other side is the partner,
            # unless an IGO is the other side ("a loan from the EC") or "we" speak alone
            if not home or cue.metric == "trade_turnover" or \
                    _OUR.search(text[max(0, cue.start - 30): cue.start]):
                codes = list(pair)
        return codes

    # -- one sentence
    def sentence(self, sent: Span, mentions: list[Mention]) -> list[Figure]:
        text = sent.text
        cues = _cues(text)
        amounts = parse_amounts(text, self.unit)
        self.amounts = amounts
        if not cues:
            # "it already amounted to $5 billion": the figure of the sentence before
            it = re.search(r"\b(?:it|this)\b", text[: amounts[0].start], re.I) if amounts else None
            if not (it and self.last and self.n - self.last[0] <= 2):
                return []
            cues = [_Cue(it.start(), it.end(), self.last[1].metric, self.last[1].label)]
            if not mentions:
                self.recent = [self.last[2]] + self.recent
        money = [a for a in amounts if not a.percent]
        if money:
            self.unit = money[-1].unit or self.unit
        if not amounts:
            return self._numberless(sent, cues, mentions)
        items: list[_Item] = []
        prev_end = 0
        prev_value_end = 0
        for a in amounts:
            cue = _cue_for(text, a, cues)
            if cue is None:
                prev_end = a.end
                continue
            window = text[prev_end: a.start]
            item = _Item(a, cue)
            clause = _clause(text, a.start)
            comma = max(text.rfind(",", 0, a.start), clause[0] - 1)
            if a.percent:
                after = _PCT_AFTER.match(text[a.end: a.end + 20])
                lo = max(prev_end, cue.end if cue.end <= a.start else prev_end)
                lead = text[lo: a.start]
                item.lead_start = lo
                if cue.end <= a.start and "," in lead and not after and not re.search(
                        r"\b(?:it|they)\b", lead[lead.rfind(","):]):
                    prev_end = a.end
                    continue  # a percentage belongs to a cue of its own clause
                ch = None
                if after:
                    ch = parse_change(after.group(0))
                elif not re.search(r"\bof\s*$", lead):
                    ch = _last_change(lead)
                level = re.match(r"\s*[-,]?\s*(?:up|down)\s+from\b", text[a.end: a.end + 15])
                if level:
                    item.change = parse_change(level.group(0))
                elif ch:
                    item.change, item.change_pct = ch, a.value
                elif not _adjacent(text, a, cue):
                    prev_end = a.end
                    continue  # "70 pct of Ricoh's PPC": a share far from its cue
            else:
                bm = _BASELINE.search(window)
                item.baseline = bool(bm) and not _last_change(window[bm.end():] if bm else "")
                if not item.baseline and items and items[-1].baseline and \
                        re.match(r"^[\s,]*(?:and\s+)?(?:\w+\s+){0,3}$", window) and \
                        re.search(r",|\band\b", window) and not re.search(r"\bto\b", window) \
                        and items[-1].cue is cue:
                    item.baseline = True  # "against 1.53 billion in February, and 2.16 billion"
                lo = max(prev_value_end, cue.end if cue.end <= a.start else 0, comma + 1)
                item.lead_start = max(prev_end, cue.end if cue.end <= a.start else 0)
                if not item.baseline:
                    item.change = _last_change(text[lo: a.start])
                    prev_value_end = a.end
                else:
                    # the amount before it is compared with it: "1.43 billion against 1.53"
                    head = next((x for x in reversed(items) if not x.baseline and
                                 not x.amount.percent and x.cue is cue), None)
                    if head and head.change is None and _TEMPORAL.search(
                            text[head.amount.end: a.end + 40]):
                        if head.amount.value > a.value:
                            head.change = "increase"
                        elif head.amount.value < a.value:
                            head.change = "decrease"
            items.append(item)
            prev_end = a.end
        return self._figures(sent, items, mentions)

    def _figures(self, sent: Span, items: list[_Item], mentions: list[Mention]) -> list[Figure]:
        text = sent.text
        base = sent.start_char
        # a percentage change joins the nearest amount of the same cue:
        # "grew by 16 pct to $6 bln"
        pcts = [i for i in items if i.amount.percent and i.change_pct is not None]
        values = [i for i in items if not i.amount.percent]
        for p in pcts:
            hosts = [v for v in values if v.cue.metric == p.cue.metric and
                     v.cue.label == p.cue.label and not v.baseline and
                     v.change in (None, p.change) and v.change_pct is None]
            if hosts:
                host = min(hosts, key=lambda v: abs(v.amount.start - p.amount.start))
                host.change, host.change_pct = p.change, p.change_pct
                items.remove(p)
        codes_sectors, _ = self.sector_finder(sent)
        out = []
        for it in items:
            metric, label = it.cue.metric, it.cue.label
            if metric == "imports" and self.aid_programme and text[
                    it.cue.start: it.cue.end].lower() in ("buy", "bought", "buying", "purchases",
                                                           "purchased"):
                metric = "aid"
            a = it.amount
            if metric == "price" and (a.unit is None or a.unit not in CURRENCY.values()):
                continue  # a price is money ("360,000 tonnes" is a stock, not a price)
            clause = _clause(text, a.start)
            countries = self._countries(text, base, it, mentions, clause)
            if not countries:
                continue
            value, unit, change_pct = a.value, a.unit, it.change_pct
            if a.percent and change_pct is not None:
                value, unit = None, None
            period = parse_period(text[a.end: a.end + 60]) or parse_period(
                text[clause[0]: a.start]) or parse_period(text)
            out.append(Figure(
                metric=metric, countries=countries, value=value, unit=unit, period=period,
                change=it.change, change_pct=change_pct, label=label, sectors=codes_sectors,
                evidence=Evidence(base, base + len(text.rstrip())),
            ))
            self.last = (self.n, it.cue, countries)
        return out

    def _numberless(self, sent: Span, cues: list[_Cue], mentions: list[Mention]) -> list[Figure]:
        """"The trade turnover between the countries is increasing": a change told in words."""
        text = sent.text
        out = []
        for cue in cues:
            if cue.metric not in _STRONG_CUES or cue.label:
                continue
            tail = text[cue.end: cue.end + 60]
            tail = re.split(r"[,;:.]|\band\b", tail)[0]
            m = re.search(r"\b(?:is|are|was|were|has\s+been|have\s+been|had\s+been)\s+"
                          r"(?:\w+ly\s+)?(\w+ing)\b|\b(grew|rose|increased|fell|declined|"
                          r"expanded|dropped|jumped|decreased|doubled)\b", tail, re.I)
            if not m:
                continue
            change = parse_change(m.group(0))
            if change is None:
                continue
            item = _Item(Amount(cue.start, cue.end, 0.0, None), cue, change)
            countries = self._countries(text, sent.start_char, item, mentions, (0, len(text)))
            if not countries:
                continue
            codes_sectors, _ = self.sector_finder(sent)
            out.append(Figure(
                metric=cue.metric, countries=countries, value=None, unit=None,
                period=parse_period(text), change=change, change_pct=None, label=None,
                sectors=codes_sectors,
                evidence=Evidence(sent.start_char, sent.start_char + len(text.rstrip())),
            ))
            self.last = (self.n, cue, countries)
        return out


def _adjacent(text: str, a: Amount, cue: _Cue) -> bool:
    """Whether a level percentage sits by its cue: "60 pct of its exports", "tariffs of 100 pct"."""
    if cue.start >= a.end:
        return bool(re.match(r"^\s*(?:of\s+)?(?:[\w'’-]+\s+){0,3}$", text[a.end: cue.start]))
    return a.start - cue.end <= 25 and "," not in text[cue.end: a.start]

def _clause(text: str, pos: int) -> tuple[int, int]:
    """The stretch of the sentence around ``pos`` between clause breaks."""
    start, end = 0, len(text)
    for m in _CLAUSE_BREAK.finditer(text):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return start, end


def find(ctx: Context, sector_finder: SectorFinder) -> list[Figure]:
    return _Scanner(ctx, sector_finder).run()


def _dedupe(figures: list[Figure]) -> list[Figure]:
    """The same figure repeated in an article (lead and body) is kept once, and a change
    told in words is dropped where a figure with numbers says the same."""
    seen: dict[tuple, Figure] = {}
    for f in figures:
        key = (f.metric, f.label, tuple(sorted(f.countries)), f.value, f.change, f.change_pct)
        if key not in seen:
            seen[key] = f
    numbered = {(f.metric, tuple(sorted(f.countries)), f.change) for f in seen.values()
                if f.value is not None or f.change_pct is not None}
    return [f for f in seen.values() if f.value is not None or f.change_pct is not None or
            (f.metric, tuple(sorted(f.countries)), f.change) not in numbered]
