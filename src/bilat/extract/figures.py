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
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from dataclasses import replace as dc_replace
from functools import cache

import pycountry
from spacy.tokens import Span, Token

from bilat import lexicon
from bilat.extract import dateline, periods
from bilat.extract.context import Context, Mention, codes_of
from bilat.record import Evidence, Figure

SectorFinder = Callable[[Span], tuple[list[str], set[str]]]

# ---------------------------------------------------------------------------- word lists
# Every word the rules use is data (``lexicon/data/figures/``); this module holds the engine.


def _word_alt(words: tuple[str, ...]) -> str:
    """A regex alternation of words, longest first; "word*" takes any ending."""
    out = []
    for w in sorted(words, key=len, reverse=True):
        stem = re.escape(w.rstrip("*")).replace(r"\ ", r"\s+")
        out.append(stem + r"\w*" if w.endswith("*") else stem)
    return "|".join(out)


_LISTS = lexicon.figure_words("words")


def _words(name: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + _word_alt(_LISTS[name]) + r")\b", re.I)


# ---------------------------------------------------------------------------- metric cues
# (pattern, metric, label): ``figures/metrics.tsv``; earlier rows win where two match at one
# place ("trade surplus" before "trade").
METRIC_CUES: tuple[tuple[str, str, str | None], ...] = tuple(
    (row[2] + (r"(?!\s+(?:" + _word_alt(_LISTS[row[3]]) + r")\b)" if len(row) > 3 and row[3]
               else ""), row[0], row[1] or None)
    for row in lexicon.figure_rows("metrics"))
_CUE = re.compile(r"\b(?:" + "|".join(f"(?P<c{i}>{c[0]})" for i, c in enumerate(METRIC_CUES))
                  + r")\b", re.I)
_STRONG_CUES = frozenset(_LISTS["strong_metrics"])
_PAIRED = frozenset(_LISTS["paired_metrics"])
_IGO_FINANCE = frozenset(_LISTS["igo_finance"])
_AID_PROGRAMME = _words("aid_programme")
_CAPACITY = _words("capacity")
_ANAPHORA = re.compile(r"\b(?:" + _word_alt(_LISTS["anaphora"]) + r")\b", re.I)
_COUNTRY_ANAPHORA = _words("country_anaphora")

# ---------------------------------------------------------------------------- amounts
_NUMBER_ROWS = lexicon.figure_rows("numbers")
SCALE = {w: float(v) for w, v, k in _NUMBER_ROWS if k == "scale"}
WORD_NUMBERS = {w: float(v) for w, v, k in _NUMBER_ROWS if k == "number"}
TIMES = {w: float(v) for w, v, k in _NUMBER_ROWS if k == "times"}
_UNIT_ROWS = tuple((row[0], row[1].split("|")[0], row[2]) for row in lexicon.figure_rows("units"))
#: Names several countries' currencies share ("crowns": SEK|NOK|DKK …): the figure's country
#: picks one (``currency_for``).
SHARED_NAMES = {row[0]: tuple(row[1].split("|")) for row in lexicon.figure_rows("units")
                if "|" in row[1]}
#: Units that carry a scale of their own ("bcm": billion cubic metres).
UNIT_FACTOR = {row[0]: float(row[3]) for row in lexicon.figure_rows("units") if len(row) > 3}
_CURRENCY_CODE = re.compile(r"^[A-Z]{3}$")
#: Every ISO 4217 code: written in capitals before or after a number it is the currency
#: ("GEL 300 million", "KGS 3 billion", "500 million AMD").
ISO4217 = frozenset(c.alpha_3 for c in pycountry.currencies
                    if c.alpha_3.lower() not in _LISTS["iso_words"])
#: Names after a number → code ("dlrs" → USD, "tons" → tonnes).
CURRENCY = {n: c for n, c, where in _UNIT_ROWS if where != "before" and _CURRENCY_CODE.match(c)}
UNITS = {n: c for n, c, where in _UNIT_ROWS if where != "before" and not _CURRENCY_CODE.match(c)}
#: Signs and codes before a number ("$", "US$", "USD").
_PREFIX = {n: c for n, c, where in _UNIT_ROWS if where != "after"}
MONEY = frozenset(c for _, c, _ in _UNIT_ROWS if _CURRENCY_CODE.match(c)) | ISO4217

_SCALE_WORDS = "|".join(sorted(SCALE, key=len, reverse=True))
#: "$12,5 billion": a decimal comma, before a scale word only ("1,500" is fifteen hundred).
_NUM = (r"(?<!\d)\d{1,3},\d{1,2}(?=\s*-?\s*(?:" + _SCALE_WORDS + r")\b)|"
        r"\d+(?:,\d{3})*(?:\.\d+)?(?:(?:\s|-)\d/\d{1,2}(?![\d/]))?|"
        + "|".join(sorted(WORD_NUMBERS, key=len, reverse=True)))
_CUR_ALT = "|".join(re.escape(c).replace(r"\ ", r"\s+")
                    for c in sorted(CURRENCY, key=len, reverse=True))
_UNIT_ALT = "|".join(re.escape(u).replace(r"\ ", r"\s+")
                     for u in sorted(UNITS, key=len, reverse=True))
_PRE_ALT = "|".join(re.escape(p).replace(r"\.", r"\.\s?") for p in sorted(_PREFIX, key=len,
                                                                        reverse=True))
_SCALE_ALT = "|".join(sorted(SCALE, key=len, reverse=True))
#: An amount right before a parenthesis: the amounts inside gloss it (a conversion).
_GLOSSED = re.compile(r"(?:\d|\b(?:dlrs?|dollars|tonnes|tons|bales|euros?|rubles|yen|manats?|"
                      r"billion|million|bln|mln|bn|thousand|pct|percent|%|quota))\W{0,3}$",
                      re.I)
#: A multiplier of a change: "three times higher", "by 2.5 times", "a 1.5-fold rise",
#: "doubled".
_TIMES = re.compile(r"\b(?:(?P<n>\d+(?:\.\d+)?|" + "|".join(WORD_NUMBERS)
                    + r")(?:\s+times|\s?-\s?fold)\b|" + _word_alt(tuple(TIMES)) + r")\b", re.I)
#: "the fourth quarter", "the first half": no amount starts there ("during the fourth quarter
#: to 38.4 billion dlrs" is no range from a quarter to 38.4).
_ORDINALS = lexicon.figure_words("periods")
_NOT_AFTER = "".join(rf"(?<!\b{re.escape(w)}\s)"
                     for w in _ORDINALS["ordinals"] + _ORDINALS["ordinal_digits"])
AMOUNT = re.compile(
    _NOT_AFTER + r"(?<![\w.,/])(?:(?P<pre>" + _PRE_ALT + r"|(?-i:[A-Z]{3}(?=\s?\d)))\s?)?"
    r"(?P<num>" + _NUM + r")"
    r"(?:(?<!\b19\d\d)(?<!\b20\d\d)\s*(?:to|-|–|and)\s*(?P<num2>" + _NUM + r"))?"
    r"(?:\s*-?\s*(?P<scale>" + _SCALE_ALT + r"|[bm](?=\W|$))\b"
    # "15.6 mln. USD": an abbreviation's dot before the currency (a code or a word in lower
    # case: "5 mln. Tons were" starts a sentence)
    r"(?:\.(?=\s*(?-i:(?=[a-z]|[A-Z]{3}\b))(?:" + _CUR_ALT + r"|" + _UNIT_ALT
    + r"|(?-i:[A-Z]{3}))\b))?)?"
    r"(?:\s*-?\s*(?P<pct>pct|percent|per\s+cent|%))?"
    r"(?:\s+(?P<cur>" + _CUR_ALT + r"|" + _UNIT_ALT + r"|(?-i:[A-Z]{3}))\b)?",
    re.I,
)


#: A word after a bare scaled number that says what it counts ("3.5 million Russians"), not
#: one that goes on about an amount of the unit before it ("4.56 billion after 3.55 billion").
_COUNTED = re.compile(r"\s+(?!(?:" + _word_alt(_LISTS["amount_followers"]) + r")\b)[A-Za-z]",
                      re.I)


#: A sign right before a percentage, after a parenthesis or a space: "(+20%)", " -5.1%" (not
#: a dash between spaces: "imports - 5%" lists a value).
_SIGN = re.compile(r"(?:^|[\s(])(\+\s?|[-−–])$")


@dataclass
class Amount:
    """One amount in a text: where it is, its value and unit (ISO 4217, percent, tonnes …)."""

    start: int
    end: int
    value: float
    unit: str | None
    percent: bool = False
    #: The change a multiplier states by itself ("doubled", "three times higher").
    change: str | None = None
    #: The currencies a shared name may be ("crowns"), ``unit`` the first of them.
    currencies: tuple[str, ...] = ()


def currency_for(a: Amount, countries: Sequence[str], salient: Sequence[str] = ()) -> str | None:
    """The unit of ``a``: of the currencies its shared name may be, the one of the first of
    ``countries`` that has one, else of the first ``salient`` country, else the first
    (an ISO 4217 code begins with its country's ISO 3166 alpha-2 code: SEK, NOK)."""
    if not a.currencies:
        return a.unit
    for code in [*countries, *salient]:
        c = pycountry.countries.get(alpha_3=code)
        hit = next((x for x in a.currencies if c is not None and x[:2] == c.alpha_2), None)
        if hit:
            return hit
    return a.unit


def parse_number(s: str) -> float:
    """ "1,500" → 1500, "1-1/8" → 1.125, "five" → 5."""
    s = s.strip().lower()
    if s in WORD_NUMBERS:
        return WORD_NUMBERS[s]
    frac = 0.0
    m = re.match(r"(.+?)[\s-](\d+)/(\d+)$", s)
    if m:
        s, frac = m.group(1), int(m.group(2)) / int(m.group(3))
    if re.fullmatch(r"\d+,\d{1,2}", s):
        return float(s.replace(",", ".")) + frac  # "12,5 billion"
    return float(s.replace(",", "")) + frac


def parse_amounts(text: str, unit_hint: str | None = None) -> list[Amount]:
    """Every amount in ``text`` with a currency, unit, scale word or percent sign.

    Bare numbers (dates, counts) are skipped. A scaled number without a unit ("imports
    fell to 1.74 billion") takes the unit of the amount before it, else ``unit_hint``.
    Amounts in parentheses are glosses ("(375 pounds each)") and skipped.
    """
    out: list[Amount] = []
    last_unit = unit_hint
    last_shared: tuple[str, ...] = ()
    for m in AMOUNT.finditer(text):
        pre, num, num2, scale, pct, cur = (m.group("pre"), m.group("num"), m.group("num2"),
                                           m.group("scale"), m.group("pct"), m.group("cur"))
        iso_pre = pre if pre and pre in ISO4217 and pre.lower() not in _PREFIX else None
        if pre and pre.lower() not in _PREFIX and not iso_pre:
            pre = None  # "ABC 5 billion": capitals that name no currency
        iso_cur = cur if cur and cur in ISO4217 and cur.lower() not in CURRENCY else None
        if cur and _CURRENCY_CODE.match(cur) and cur.lower() not in CURRENCY and \
                cur.lower() not in UNITS and not iso_cur:
            cur = None
        word = num.strip().lower() in WORD_NUMBERS
        if pct:
            if word or cur or (scale and not num2):
                continue
            sign = _SIGN.search(text, 0, m.start())
            # "(+20%)", "(-5.1%)": a signed percentage is a change
            change = None if sign is None else "increase" if sign[1][0] == "+" else "decrease"
            out.append(Amount(m.start(), m.end(), parse_number(num), "percent", True, change))
            continue
        if scale and len(scale) == 1 and not pre:
            scale = None  # "5 m" without a currency sign is not an amount
        if not (pre or cur or scale):
            continue
        if word and not scale:
            continue
        tail = text[m.end(): m.end() + 30]
        if not (pre or cur) and _COUNTED.match(tail):
            continue  # "3.5 million Russians" counts people, not money
        if re.match(r"\s+per\s+(?:1|one)\b(?![,.]\d)", tail) or \
                re.search(r"\bper\s+$", text[max(0, m.start() - 5): m.start()]):
            continue  # "9 rubles per 1 ruble" is a ratio
        opening = text.rfind("(", max(0, m.start() - 40), m.start())
        if opening > text.rfind(")", 0, m.start()) and _GLOSSED.search(text[:opening]):
            continue  # "7.6 mln bales (375 pounds each)", "$280 million (SDR 205.94 million)"
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
            unit = iso_pre or _PREFIX.get(re.sub(r"\s", "", pre.lower()), "USD")
        if cur:
            key = re.sub(r"\s+", " ", cur.lower())
            unit = iso_cur or CURRENCY.get(key) or UNITS.get(key) or unit
            value *= UNIT_FACTOR.get(key, 1.0)
        shared = SHARED_NAMES.get(re.sub(r"\s+", " ", cur.lower()), ()) if cur else ()
        if unit is None:
            unit, shared = last_unit, last_shared
        if unit is not None:
            last_unit, last_shared = unit, shared
        # twelve significant digits: "4.1 billion" is 4100000000.0, not 4099999999.9999995
        out.append(Amount(m.start(), m.end(), float(f"{value:.12g}"), unit, currencies=shared))
    for m in _TIMES.finditer(text):
        if any(a.start < m.end() and m.start() < a.end for a in out):
            continue
        factor = TIMES.get(re.sub(r"\s+", " ", m.group(0).lower()))
        if factor is None:
            factor = parse_number(m.group("n"))
        if factor <= 0 or factor == 1:
            continue
        out.append(Amount(m.start(), m.end(), round((factor - 1) * 100, 6) if factor > 1
                          else round((1 - factor) * 100, 6), "percent", True,
                          "increase" if factor > 1 else "decrease"))
    out.sort(key=lambda a: a.start)
    return out


# ---------------------------------------------------------------------------- change
INCREASE = _words("increase")
DECREASE = _words("decrease")
STABLE = _words("stable")
FAINT_DECREASE = _words("faint_decrease")
# "from X", "against X", "compared to X": X is the baseline the figure is compared with
# ("4.8 billion after 2.6 billion in 1985": "after" right before the amount)
_BASELINE = re.compile(r"\b(?:from|against|versus|vs\.?|compared\s+(?:to|with)|compares\s+with|"
                       r"than|below|above)\b(?:[\s,]+[\w'-]+){0,7}?\s*$|"
                       r"\bafter\s+(?:an?\s+)?$", re.I)
# a comparison of periods, whose direction the two values give
_TEMPORAL = re.compile(r"\b(?:from|against|versus|vs|compared|compares|after)\b|year\s+earlier|"
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
    return "decrease" if FAINT_DECREASE.search(text) else None


def _last_change(text: str) -> str | None:
    """The change word nearest the end of ``text`` (just before an amount)."""
    best: tuple[int, str] | None = None
    for pat, name in ((INCREASE, "increase"), (DECREASE, "decrease"), (STABLE, "stable")):
        for m in pat.finditer(text):
            if _CEILING.match(text, m.start()):
                continue  # "a loan of up to $60 million" is a ceiling, not a rise
            if best is None or m.start() > best[0]:
                best = (m.start(), name)
    if best is None and FAINT_DECREASE.search(text):
        return "decrease"
    return best[1] if best else None


#: "by", "by more than", "by almost" … right before an amount; after a change word the amount
#: is the size of the change ("increased by $51 million").
_BY = re.compile(r"\bby\s+(?:about\s+|around\s+|almost\s+|nearly\s+|over\s+|more\s+than\s+|"
                 r"some\s+|roughly\s+|approximately\s+|just\s+|only\s+)?$", re.I)
#: Amounts that break down the one before them ("$12.7 billion — $12 billion in loans and").
_GLOSS = re.compile(r"[—–:]|\bincluding\b|\bof\s+which\b", re.I)
_FINITE_GAP = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would)\b", re.I)
#: A verb of a level joined after a comparison: "increased by 55% compared to 2022 and
#: amounted to $450 million" (the amount is the level, not the base compared with).
_LEVEL_VERB = re.compile(r"\band\s+(?:also\s+)?(?:"
                         + _word_alt(lexicon.figure_words("kinds")["actual_words"])
                         + r")\b(?:\s+[a-z]+){0,2}\s*$", re.I)
_CEILING = re.compile(r"up\s+to\s*(?:(?:about|around|approximately|some)\s*)?"
                      r"(?:$|[$€£¥\d]|US\$|USD)", re.I)
#: A change said again for another period: ", and by more than 16 percent".
_AND_BY = re.compile(r"^,?\s*and\s+by\s+(?:[a-z]+\s+){0,2}$", re.I)
#: Words after an amount that make it the size of a change: "$20.1 million (or 15.4 percent)
#: more than", "$5 million less".
_MORE_AFTER = re.compile(r"^\s*(?:,?\s*or\s+(?:by\s+)?[\d.,]+\s*(?:%|percent|per\s+cent|pct)\s+|"
                         r"\(\s*\+?(?P<pct>\d+(?:[.,]\d+)?)\s*(?:%|percent|pct)\s*\)\s*)?"
                         r"(?P<word>more|less|higher|lower)\b", re.I)
_CHANGE_OF = re.compile(r"\b(?:increase|rise|growth|jump|gain|decline|drop|fall|decrease|"
                        r"reduction|cut|surge|upturn|downturn)\s+of\s*$", re.I)
_PCT_AFTER = re.compile(r"^\s*(?:-\s*)?(?:growth|increase|rise|jump|gain|drop|decline|fall|"
                        r"decrease|reduction|cut|slump|plunge|more|less|higher|lower|up|down)\b",
                        re.I)

# ---------------------------------------------------------------------------- kind


@cache
def _kind_words() -> dict[str, frozenset[str]]:
    return {k: frozenset(v) for k, v in lexicon.figure_words("kinds").items()}


_WORDS = re.compile(r"[\w'’]+(?:-\w+)*")


def figure_kind(before: list[Token], after: list[Token], metric: str,
                to_amount: bool, label: str | None = None) -> str:
    """Whether an amount is an actual, a target or a forecast, from the words of its clause
    before it (``before``, read from the amount backwards) and just after it (``after``).

    "aim to raise trade to $10 billion", "increasing trade turnover to $10 billion", "the
    goal of $5 billion", "pledged ¥12.7 billion", "a $5 billion target": target. "is
    expected to reach", "could increase to", "will be exported", "projects worth $1
    billion are being explored": forecast (a loan or grant that "will" be given is a
    commitment: actual). A finite verb in the past ("has already reached", "exported")
    stops the search: actual. ``to_amount``: the amount follows "to" ("… to $10 billion").
    """
    w = _kind_words()
    if _own_past_verb(after, w):
        return "actual"  # "…, and 50 million cubic metres have already been delivered"
    if before and (before[-1].tag_ in ("PRP$", "POS")) and not any(
            t.lower_ in w["target_nouns"] for t in after[:3]):
        # "renegotiating its 594 billion peseta debt": what someone has, whatever the clause
        # hopes for (but "its $10 billion target")
        return "actual"
    guess: str | None = None
    words = [t.lower_.replace("’", "'") for t in before]
    for i in range(len(before) - 1, -1, -1):
        t, x = before[i], words[i]
        prev = words[i - 1] if i > 0 else ""
        if x in w["reporting_verbs"]:
            continue
        if x in w["target_nouns"] and not (label == "agreements_value" and x.startswith("agree")):
            return "target"
        if x in w["target_finite"] and len(before) - i <= 3:
            return "target"
        if x in ("should", "must"):
            return "target"
        if x == "estimated" and (len(before) - i <= 2 or
                                 (i + 1 < len(words) and words[i + 1] == "to")):
            continue  # "an estimated $1.8 billion", "is estimated to be": actuals
        if metric == "investment" and (x in w["future_aux"] or x in w["plan_words"]):
            return guess or "target"  # "a plant worth $120 million is set to be built"
        if x in w["forecast_words"] or (x in w["future_aux"] and metric != "aid"):
            guess = guess or "forecast"
            continue
        if x in w["future_aux"]:
            return guess or "actual"  # "will lend $60 million": a commitment
        if x in w["raise_verbs"]:
            if prev == "to":  # an infinitive: what governs it decides
                if x == "be" and i > 1 and words[i - 2] in w["estimate_words"]:
                    return guess or "actual"  # "is estimated to be around €1.7 billion"
                gov = _governor(words[: i - 1], w)
                if gov is not None:
                    return gov
                if guess is None and to_amount:
                    return "target"
                continue
            if t.tag_ == "VBG" and to_amount and guess is None:
                return _governor(words[:i], w) or "target"
            if t.tag_ == "VB" and to_amount and guess is None and words[-2:-1] != ["up"] and \
                    any(c.dep_ == "dobj" and not any(x.like_num for x in c.subtree)
                        for c in t.children) and \
                    not any(c.dep_ == "aux" and c.lower_ in w["forecast_words"]
                            for c in t.children):
                # "will increase gas exports to Iran to 40 bcm": what the subject sets out to
                # do is a goal ("trade will increase to", "could raise it to": forecasts)
                return "target"
        if x in w["actual_words"] or (t.tag_ == "VBD" and x not in w["target_verbs"]):
            return guess or "actual"
    if guess:
        return guess
    for t in after:
        x = t.lower_
        if x in w["target_nouns"] and t.i - after[0].i <= 1:
            return "target"
        nxt = t.nbor(1).lower_ if t.i + 1 < len(t.doc) else ""
        if metric == "investment" and (x in w["future_aux"] or x in w["plan_words"] or
                                       (x == "to" and nxt == "be")):
            return "target"  # "a $120 million plant to be built": a project planned
        if x in w["target_verbs"] and x.endswith("ed") and t.tag_ in ("VBN", "VBD", "JJ"):
            return "target"  # "128 are planned to be launched"
        if x in w["forecast_words"] or x in w["future_aux"]:
            return "actual" if metric == "aid" and x in w["future_aux"] else "forecast"
        if x in w["actual_words"] or t.tag_ == "VBD":
            return "actual"
    return "actual"


#: Auxiliaries of a past or perfect verb right after an amount, whose subject it is.
_PAST_AUX = frozenset({"has", "have", "had", "was", "were"})


def _own_past_verb(after: list[Token], w: dict[str, frozenset[str]]) -> bool:
    """Whether the amount is the subject of a past or perfect verb right after it ("$50
    million have already been delivered", "… were exported"): what it states happened,
    whatever goal a clause before it names. Not a goal said so ("… was pledged", "were
    planned to be", "has been earmarked")."""
    if not after or after[0].lower_ not in _PAST_AUX:
        return False
    for t in after[1:6]:
        x = t.lower_
        if x in w["target_verbs"] or x in w["target_finite"] or x in w["forecast_words"] or \
                x in w["target_nouns"] or x == "to":
            return False
        if t.tag_ == "VBN" and x not in ("been",):
            return True
    return False


def _governor(words: list[str], w: dict[str, frozenset[str]]) -> str | None:
    """The kind the words before an infinitive give it: "aim to …", "is expected to …"."""
    for j in range(len(words) - 1, max(-1, len(words) - 7), -1):
        x = words[j]
        if x in w["target_verbs"] or x in w["target_nouns"]:
            return "target"
        if x in w["forecast_words"]:
            return "forecast"
        if x in w["actual_words"]:
            return None
    return None


# ---------------------------------------------------------------------------- sentences
_QUICK = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|quarter|half)\b|"
                    r"increas|"
                    r"grow|grew|expand|rose|rising|fell|declin|doubl|tripl|twice|halv|half", re.I)
#: Between two cues of one noun phrase: one modifier at most ("trade adjustment loan").
_NP_GAP = re.compile(r"^\s+(?:[a-z][a-z-]*\s+)?$")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_COMMA = re.compile(r",(?!\d{3}\b)")
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
#: Between a cue and its complement: "exports to", "trade turnover with", "exports of farm
#: goods to" (what is traded, "of" and up to three words, may come between).
_PREP_GAP = re.compile(r"^\s+(?:of\s+(?:[a-z][\w-]*\s+){1,3}?(?=(?:to|from|into)\s))?"
                       r"(?:[a-z][\w-]*\s+){0,2}?(?:to|with|from|between|of|in|by|into|for)"
                       r"\s+(?:the\s+|its\s+)?$")
_ANCHOR_GAP = re.compile(r"^\s*-?\s*(?:(?:worth\s+of|of|in)\s+)?(?:[\w.-]+\s+){0,3}?$")
_GAP_STOP = re.compile(r"\b(?:and|but|while|from|to|for|than|against|versus|which|was|were|is|are|"
                       r"has|have|had|been|be|will|would|"
                       r"in\s+(?:19|20)\d\d|january|february|march|april|june|july|august|"
                       r"september|october|november|december)\b", re.I)
# metrics that concern both sides of a pair when the text names one ("Russian investment")
#: A level percentage of these metrics is a share of them, labelled so.
_SHARES = {"trade_turnover": "share_of_trade", "exports": "export_share",
           "imports": "import_share", "investment": "investment_share"}
#: An amount listed under a country, in a sentence that continues a list of figures:
#: "Ukraine is in second place ($1.5 million)".
_LIST_ITEM = re.compile(r"[A-Z][\w'’-]+(?:\s+[\w'’-]+){0,4}\s*\(\s*$")
#: Words before a percentage that make it a share ("accounted for 19.6 percent").
_SHARE = re.compile(r"\b(?:share|accounting\s+for|accounted\s+for|accounts?\s+for|"
                    r"makes?\s+up|made\s+up|falls?\s+on)\b", re.I)
#: Who holds a share: "the share of Turkey in …", "Russia's share in …".
_SHARE_OF = re.compile(r"\bshare\s+of\s+(?:the\s+)?$", re.I)
_S_SHARE = re.compile(r"^(?:'s|’s)\s+share\b", re.I)
_LIST_GAP = re.compile(r"^\s*(?:\(|,?\s*with\s+|:\s*|[–—-]\s*)(?:about\s+|around\s+|over\s+)?$",
                       re.I)
_AFTER_AMOUNT = re.compile(r"^\s*(?:of\s+[\w'’-]+\s+(?:[\w'’-]+\s+)?)?(?:to|into|from|in|for)\s+"
                           r"(?:the\s+)?$", re.I)
_OUR = re.compile(r"\b(?:our|mutual|bilateral|two-way)\s+(?:\w+\s+)?$", re.I)
_WORLD_TOTAL = re.compile(r"\b(?:" + _word_alt(_LISTS["world_total"]) + r")\s+$", re.I)
#: The same words opening a cue ("foreign direct investment").
_WORLD_WORD = re.compile(r"(?:" + _word_alt(_LISTS["world_total"]) + r")\b", re.I)


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
    #: For a baseline ("from 3.31 billion"), the amount compared with it.
    head: _Item | None = None
    #: The amount is the size of a change ("increased by $51 million"), not a level.
    delta: bool = False


def _cues(text: str) -> list[_Cue]:
    out = []
    for m in _CUE.finditer(text):
        i = int(next(k for k, v in m.groupdict().items() if v is not None)[1:])
        _, metric, label = METRIC_CUES[i]
        out.append(_Cue(m.start(), m.end(), metric, label))
    return out


def _cue_for(text: str, a: Amount, cues: list[_Cue], amounts: list[Amount] = ()
             ) -> _Cue | None:
    """The cue an amount belongs to: one right after it ("a 7.7 billion dlr loan"), else
    the nearest before it in the sentence, else one shortly after it in its clause that
    no other amount of ``amounts`` stands nearer ("1.2 million tons within Kazakhstan and
    4.7 million tons for export": the export is the second's; "45 percent or 726 million
    kWh of imports" says one quantity twice)."""
    after = [c for c in cues if c.start >= a.end]
    if after:
        gap = text[a.end: after[0].start]
        if _ANCHOR_GAP.match(gap) and not _GAP_STOP.search(gap) and "," not in gap:
            # the head of the noun phrase: "a 300 mln dlr trade adjustment loan" is a loan
            head = after[0]
            for nxt in after[1:]:
                between = text[head.end: nxt.start]
                if not _NP_GAP.match(between) or _GAP_STOP.search(between):
                    break
                head = nxt
            return head
    before = [c for c in cues if c.end <= a.start]
    if before:
        return before[-1]
    if after:
        gap = text[a.end: after[0].start]
        if len(gap) <= 60 and not re.search(r"[,;:]", gap) and not any(
                a.end <= x.start and x.end <= after[0].start and not x.percent and
                not re.match(r"^\s*(?:or|\()\s*$", text[a.end: x.start]) for x in amounts):
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
        #: The sentence before, as ``_igo_before`` takes it (base, start, end).
        self.prev_span: tuple[int, int, int] | None = None
        self.amounts: list[Amount] = []  # the current sentence's, whose spans hold no country
        self.ref, self.exact = periods.reference(ctx.article.date, ctx.text,
                                                 dateline.url_date(ctx.article.url),
                                                 ctx.article.url)
        #: The period of the last sentence's figures, for a sentence that goes on about
        #: them ("exports accounted for $513 million"): (sentence no., period, kind).
        self.last_period: tuple[int, str, str] | None = None
        #: The last year the sentences so far named: where "since then" starts.
        self.year_said: int | None = None
        #: The article's pair, when the text names both sides: a side known only from the
        #: publisher, a newspaper's name or the dateline ("Tashkent ... – Trend", "The Qazaq
        #: Times") is no party to a figure.
        named = Counter(c for m in ctx.mentions if not ctx.in_dateline(m) and m.role != "pair"
                        and not (m.entity is not None and m.entity.sector in ("MED", "IGO"))
                        for c in m.codes)
        self.pair = ctx.pair if set(ctx.pair) <= set(named) else ()
        #: The article's home, when the text names it beyond the dateline and the publisher
        #: (Trend in Baku reporting a Kazakh minister's "we" is no Azerbaijani figure).
        self.home = ctx.home if ctx.home in named or ctx.home_from_source else None
        #: What "our countries", "the two sides" stand for: the article's pair, else the two
        #: countries the text names most ("Baku, Azerbaijan … – Trend" reporting Kyrgyz-Kazakh
        #: talks makes Azerbaijan no side).
        top = [c for c, _ in named.most_common(2)]
        self.sides = self.pair or (tuple(top) if len(top) == 2 else ())

    def run(self) -> list[Figure]:
        out: list[Figure] = []
        numbers: list[int] = []  # the sentence of each figure
        for n, sent in enumerate(self.ctx.doc.sents):
            self.n = n
            self.amounts = []
            mentions = _country_mentions(self.ctx, sent.start_char, sent.end_char)
            if self.sides != self.ctx.pair:
                mentions = [dc_replace(m, countries=self.sides) if m.role == "pair" else m
                            for m in mentions if m.role != "pair" or self.sides]
            if _QUICK.search(sent.text):
                found = self.sentence(sent, mentions)
                out.extend(found)
                numbers.extend([n] * len(found))
            base = sent.start_char
            self.prev_span = (base, 0, len(sent.text))
            # "3.03 mln U.S. dlrs", "1.5 billion US dollars": a currency names no party, for
            # the sentences after either
            # nor does the dateline ("Baku, Azerbaijan, May 5")
            codes = codes_of([m for m in mentions if not _is_speaker(self.ctx, m) and not any(
                x.start <= m.start - base < x.end for x in self.amounts) and
                not self.ctx.in_dateline(m)])
            if codes:
                self.recent = ([codes] + self.recent)[:LOOKBACK_SENTENCES]
            years = periods.years_named(sent.text) if _YEAR.search(sent.text) else []
            if years:
                self.year_said = years[-1]
        return _dedupe(_merge_changes(out, numbers))

    def _kind(self, sent: Span, clause: tuple[int, int], a: Amount, metric: str,
              label: str | None) -> str:
        """``figure_kind`` of the amount ``a`` (offsets in the sentence) in ``clause``."""
        base = sent.start_char
        before = [t for t in sent if clause[0] <= t.idx - base and t.idx - base + len(t) <= a.start]
        to_amount = bool(_TO_AMOUNT.search(sent.text[clause[0]: a.start]))
        return figure_kind(before, self._after(sent, clause, a), metric, to_amount, label)

    def _after(self, sent: Span, clause: tuple[int, int], a: Amount) -> list[Token]:
        """The few words right after the amount ``a`` in its clause, up to a comma or the
        next amount."""
        base = sent.start_char
        after: list[Token] = []
        for t in sent:
            pos = t.idx - base
            if pos < a.end:
                continue
            if pos >= clause[1] or t.text in (",", ";", ":", "(", ")") or len(after) >= 8 or \
                    any(x.start <= pos < x.end for x in self.amounts):
                break
            after.append(t)
        return after

    def _past(self, sent: Span, clause: tuple[int, int]) -> bool:
        """Whether the clause states a measurement in the past ("reached", "has
        exceeded"): its finite verb is in the past tense or is a word of an actual."""
        base = sent.start_char
        actual = _kind_words()["actual_words"]
        return any(clause[0] <= t.idx - base < clause[1] and
                   (t.tag_ == "VBD" or (t.lower_ in actual and t.pos_ in ("VERB", "AUX")))
                   for t in sent)

    def _listed(self, text: str, base: int, a: Amount, mentions: list[Mention]) -> str | None:
        """The country an amount is listed under: "the Netherlands ($208 million",
        "Uzbekistan, with 2.3 million tons", "Tajikistan with 899,000 tons"."""
        for m in reversed(mentions):
            e = m.end - base
            if e <= a.start and m.codes and _LIST_GAP.match(text[e: a.start]):
                return m.codes[0]
            if e <= a.start:
                break
        return None

    def _complement_of(self, text: str, base: int, cue: _Cue, mentions: list[Mention],
                       code: str) -> bool:
        """Whether ``code`` is named right after the cue ("FDI in Georgia")."""
        return any(code in m.codes and cue.end <= m.start - base <= cue.end + 45 and
                   _PREP_GAP.match(text[cue.end: m.start - base]) for m in mentions)

    def _reporter(self, partner: str, continued: bool = False) -> str | None:
        """The side an export or import figure of the article is reported from, when the
        text names only the partner: for a list that goes on from the sentence before
        (``continued``: "…, the third is Afghanistan ($1.3 million)"), the reporter of its
        figures; else the article's other side, else its home country."""
        if continued and self.last is not None and self.last[2] and \
                self.last[2][0] != partner:
            return self.last[2][0]
        pair = self.pair
        if len(pair) == 2 and partner in pair:
            return next(c for c in pair if c != partner)
        home = self.home
        return home if home and home != partner else None

    def _igo_finance(self, base: int, clause: tuple[int, int], a: Amount) -> bool:
        """Whether an international organisation gives the amount ``a``: one is named in its
        clause before it, or, where the clause names no one before it, in the sentence
        before ("The EBRD will invest $200 million … The $195.5 million investment will
        support …")."""
        if self._igo_before(base, clause[0], a.start):
            return True
        if self.prev_span is None or not self._igo_before(*self.prev_span):
            return False
        named = [m for m in self.ctx.mentions_in(base + clause[0], base + a.start) if m.codes]
        if not named:
            return True
        # "The Bank has loaned Indonesia 10.7 billion dlrs" after a sentence on the World
        # Bank: the country is what is lent to; whoever lends is named without a country
        subject = self._subject(base, a)
        return subject is not None and not any(subject[0] <= m.start and m.end <= subject[1]
                                               for m in named)

    def _subject(self, base: int, a: Amount) -> tuple[int, int] | None:
        """Where the subject of the verb that governs the amount ``a`` is (characters)."""
        verb = self._verb_of(base, a)
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None) \
            if verb is not None else None
        if subj is None:
            return None
        lo, hi = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge)
        return (lo, hi) if hi <= base + a.start else None  # not the amount itself

    def _seller_country(self, base: int, a: Amount, mentions: list[Mention]) -> bool:
        """Whether the subject of the verb over the amount names a country ("Australia
        sold …", "Uzbek companies sold …"), not a firm selling a stake."""
        subject = self._subject(base, a)
        return subject is not None and any(subject[0] <= m.start and m.end <= subject[1] and
                                           m.codes and (m.entity is None or
                                                        m.entity.kind == "country")
                                           for m in mentions)

    def _verb_of(self, base: int, a: Amount) -> Token | None:
        """The verb that governs the amount ``a``, a few steps up the parse from it."""
        span = self.ctx.doc.char_span(base + a.start, base + a.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        tok = span.root
        for _ in range(4):  # up from the amount to the verb that governs it
            if tok.pos_ == "VERB" or tok.head is tok:
                break
            tok = tok.head
        return tok if tok.pos_ == "VERB" else None

    def _giver_only(self, text: str, base: int, code: str, mentions: list[Mention],
                    clause: tuple[int, int]) -> bool:
        """Whether the clause names ``code`` only after "from" (the giver of aid)."""
        ms = [m for m in mentions if code in m.codes and
              clause[0] <= m.start - base and m.end - base <= clause[1]]
        return bool(ms) and all(re.search(r"\bfrom\s+(?:the\s+)?$",
                                          text[max(0, m.start - base - 12): m.start - base],
                                          re.I) for m in ms)

    def _igo_before(self, base: int, start: int, end: int) -> bool:
        """Whether an international organisation is named in ``[start, end)`` of the
        sentence at ``base`` (or, for a clause that names no actor, the sentence before)."""
        return any(m.entity is not None and m.entity.sector == "IGO"
                   for m in self.ctx.mentions_in(base + start, base + end))

    def _nearest(self, codes: list[str], mentions: list[Mention], base: int, a: Amount,
                 metric: str) -> list[str]:
        """A figure is between two countries at most: of more that its sentence names
        ("Uzbekistan has $500 million trade with Afghanistan, and Uzbekistan and Pakistan
        …"; "destinations included Uzbekistan, …, Afghanistan …, and the Kyrgyz Republic,
        where deliveries rose to 233,000 tons"), the two nearest the amount; for a flow, the
        nearest one, beside the reporter of the article."""
        def gap(m: Mention) -> int:
            s, e = m.start - base, m.end - base
            return a.start - e if e <= a.start else max(0, s - a.end)
        near: list[str] = []
        for m in sorted((m for m in mentions if m.codes and m.codes[0] in codes), key=gap):
            if m.codes[0] not in near:
                near.append(m.codes[0])
        if metric in ("exports", "imports") and near:
            reporter = self._reporter(near[0])
            if reporter and reporter != near[0]:
                return [reporter, near[0]] if metric == "exports" else [near[0], reporter]
        return [c for c in codes if c in near[:2]] or codes

    def _verb_complement(self, base: int, a: Amount, metric: str, mentions: list[Mention],
                         owner: list[Mention]) -> list[Mention]:
        """The country the verb of a flow names in its own complement, however far the
        parse puts it from the amount: "Britain exported 2.1 billion stg worth of goods to
        Oman", "Kazakhstan exported 41,300 tons of flour and 12,800 tons of grain
        to Afghanistan" (the verb's "to", "from", "in" by ``_FLOWS``, whose object holds
        the country)."""
        tok = self._verb_of(base, a)
        if tok is None:
            return []
        words = _FLOWS[metric] + (("into",) if "to" in _FLOWS[metric] or "in" in _FLOWS[metric]
                                  else ())
        for prep in tok.children:
            if prep.dep_ not in ("prep", "dative") or prep.lower_ not in words:
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                lo, hi = obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge)
                found = [m for m in mentions if lo <= m.start and m.end <= hi and
                         m not in owner and m.role != "pair"]
                if found:
                    return found[:1]
        return []

    def _anaphor(self, text: str, base: int, cue: _Cue, a: Amount, mentions: list[Mention],
                 owner: list[Mention]) -> list[Mention]:
        """The country "that country" or "the neighboring country" stands for, as a flow's
        complement ("British imports from that country", "exported goods worth $412 million
        to the neighboring country"): the last other country named before it in the
        sentence, else the article pair's side that is not the owner's."""
        for m in _COUNTRY_ANAPHORA.finditer(text):
            after_cue = m.start() >= cue.end and _PREP_GAP.match(text[cue.end: m.start()])
            after_amount = m.start() >= a.end and m.start() - a.end <= 45 and \
                _AFTER_AMOUNT.match(text[a.end: m.start()])
            if not (after_cue or after_amount):
                continue
            own = set(codes_of(owner))
            prior = [x for x in mentions if x.end - base <= m.start() and x.codes and
                     x.role != "pair" and not own & set(x.codes)]
            if prior:
                return prior[-1:]
            pair = self.pair
            if len(pair) == 2 and len(own) == 1 and own <= set(pair):
                code = next(c for c in pair if c not in own)
                return [Mention(base + m.start(), base + m.end(), None, code, "pair")]
            return []
        return []

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
        owner = _with_conjuncts(text, base, owner, mentions)
        if not owner and cue.metric in ("exports", "imports") and other:
            # "exports from China to Japan", "imports to Russia from Belarus": the side the
            # goods leave (exports) or reach (imports) is the reporter, the other its partner
            own_prep = ("from",) if cue.metric == "exports" else ("to", "into")
            first = min(other, key=lambda m: m.start)
            before_first = text[cue.end: first.start - base]
            word = re.search(r"(\w+)\s+(?:the\s+)?$", before_first)
            if word and word.group(1).lower() in own_prep:
                owner, other = [first], [m for m in other if m is not first]
                if not other:
                    nxt = [m for m in mentions if m.start - base >= first.end - base and
                           re.match(r"^\s+(?:to|into|from)\s+(?:the\s+)?$",
                                    text[first.end - base: m.start - base])]
                    other = nxt[:1]
        a = item.amount
        if not other and cue.metric in _FLOWS and a.start >= cue.end:
            # "Georgia exported goods worth $211 million to Azerbaijan", "invested $264.4
            # million in Georgia": the complement may follow the amount
            for m in mentions:
                s = m.start - base
                if a.end <= s <= a.end + 45 and _AFTER_AMOUNT.match(text[a.end: s]):
                    other.append(m)
                    break
            else:
                other = self._verb_complement(base, a, cue.metric, mentions, owner)
        if not other and cue.metric in _FLOWS:
            other = self._anaphor(text, base, cue, a, mentions, owner)
        if not owner and _ITS.search(text[max(0, cue.start - 30): cue.start]):
            # "Japan's trade surplus … - its surplus with the United States"
            prior = [m for m in mentions if m.end - base <= cue.start and m not in other]
            owner = prior[-1:]
        # "its surplus with the U.S. was 51.5 bln and with EC nations, 16.7 bln": a new
        # complement before the amount replaces the cue's own
        lead = text[item.lead_start: item.amount.start]
        # … unless the amount has one of its own right after it: "$20 million from Canada,
        # $5 million from Finland" (the lead "from Canada" is the amount's before it)
        follows = [m for m in mentions if a.end <= m.start - base <= a.end + 30 and
                   re.match(r"^\s*(?:from|to|in)\s+(?:the\s+)?$", text[a.end: m.start - base])]
        if item.lead_start > cue.end and follows and re.match(
                r"^[\s,]*(?:and\s+)?(?:with|to|from|in)\s+(?:the\s+)?[A-Za-z]", lead):
            other = follows[:1]
        elif item.lead_start > cue.end and re.match(
                r"^[\s,]*(?:and\s+)?(?:with|to|from)\s+(?:the\s+)?[A-Za-z]", lead):
            other = [m for m in mentions
                     if item.lead_start <= m.start - base and m.end - base <= item.amount.start]
            if not other:
                return codes_of(owner)
        codes = codes_of(owner + other)
        if other and not owner and cue.metric in ("exports", "imports") and len(codes) == 1:
            # "Exports to China increased": the reporter is the article's other side
            reporter = self._reporter(codes[0])
            if reporter:
                codes = [reporter, *codes]
        elif owner and not other and cue.metric in ("exports", "imports") and \
                len(codes) == 1 and len(self.pair) == 2 and codes[0] in self.pair and \
                not text[cue.start: cue.end].lower().startswith(("export", "import")):
            # "Last year Kazakhstan shipped 2 mln tons of grain" in a story on Kazakhstan and
            # Afghanistan: shipped to the other side ("Kazakhstan's exports" are its total)
            codes = [codes[0], next(c for c in self.pair if c != codes[0])]
        return codes

    def _countries(self, text: str, base: int, item: _Item, mentions: list[Mention],
                   clause: tuple[int, int], metric: str | None = None) -> list[str]:
        """The countries of an amount; ``metric`` when it is not the cue's (development
        finance is ``aid`` whatever the cue)."""
        cue = item.cue
        metric = metric or cue.metric
        a = item.amount
        mentions = [m for m in mentions  # "44 U.S. dlrs" names a currency, not a country
                    if not any(x.start <= m.start - base < x.end for x in self.amounts)]
        codes = self._local(text, base, cue, mentions, item)
        listed = self._listed(text, base, a, mentions)
        if listed:
            # "the Netherlands ($208 million)", "Uzbekistan, with 2.3 million tons": the
            # item's own country, beside the cue's other side ("FDI in Georgia")
            keep = [c for c in codes if c != listed and cue.start < a.start and
                    self._complement_of(text, base, cue, mentions, c)]
            codes = [listed, *keep] if cue.metric != "exports" else [*keep, listed]
            continued = cue.start == cue.end
            if len(codes) == 1 and (cue.metric in ("exports", "imports") or (
                    continued and cue.metric in ("trade_turnover", "investment"))):
                # "China ($5.1 billion), Russia ($4.8 billion) …" after "Uzbekistan's foreign
                # trade turnover amounted to $30 billion": the partners of its reporter; "the
                # largest investors were the UK ($400 million), the Netherlands …": of its host
                reporter = self._reporter(listed, continued=continued)
                if reporter:
                    codes = [listed, reporter] if cue.metric == "imports" else [reporter, listed]
        if not codes:
            scope = [m for m in mentions
                     if clause[0] <= m.start - base and m.end - base <= clause[1] and
                     (m.start - base < a.end or (m.start - base - a.end <= 40 and
                                                 "," not in text[a.end: m.start - base]))]
            scope = [m for m in scope if not _is_speaker(self.ctx, m)]
            codes = codes_of(scope)
            if len(codes) == 1 and cue.start == cue.end and cue.metric in ("exports", "imports"):
                # a list going on from the sentence before: "Ukraine is in second place
                # ($1.5 million)" after "the country exported cars for $64.1 million"
                reporter = self._reporter(codes[0], continued=True)
                if reporter:
                    codes = [reporter, *codes] if cue.metric == "exports" else [*codes, reporter]
        if not codes:  # an earlier clause of the sentence ("South Africa's … but imports fell")
            codes = codes_of([m for m in mentions
                            if m.start - base < a.start and not _is_speaker(self.ctx, m)])
        if len(codes) > 2:
            codes = self._nearest(codes, mentions, base, a, metric)
        igo = metric in _IGO_FINANCE and (self._igo_before(base, clause[0], clause[1]) or
                                          self._igo_finance(base, clause, a))
        home = False
        if not codes:
            if _WE.search(text[clause[0]: clause[1]]) and self.home:
                codes, home = [self.home], True  # "we have invested": the speaker's side
            elif self.recent and (not igo or metric == "aid"):
                # the countries of the sentences before; for a bilateral metric, the
                # article's pair when they are among them
                codes = list(self.recent[0])
                pair = self.pair
                if len(codes) > 2 and len(pair) == 2 and set(pair) <= set(codes) and \
                        metric in _PAIRED:
                    codes = list(pair)
                if igo and len(codes) > 1:
                    # a development bank's loan goes to one country: the article's subject
                    salience = self.ctx.country_salience()
                    codes = [max(codes, key=lambda c: salience[c])]
        pair = self.pair
        if metric == "aid" and len(codes) == 1 and self._giver_only(text, base, codes[0],
                                                                     mentions, clause):
            # "the EBRD mobilised $20 million from Canada", "a loan from Japan": the giver;
            # the receiver is the article's other side, else the country it is most about
            salience = self.ctx.country_salience()
            others = [c for c in (pair if codes[0] in pair else ()) if c != codes[0]] or \
                [c for c, _ in salience.most_common() if c != codes[0]][:1]
            if others:
                return [codes[0], others[0]]
        if len(pair) == 2 and len(codes) == 1 and codes[0] in pair and not igo and (
                metric in _PAIRED or cue.label in _PAIRED) and (
                    (a.percent and item.change_pct is None) or
                    not _WORLD_TOTAL.search(text[max(0, cue.start - 30): cue.start]) and
                    not _WORLD_WORD.match(text[cue.start: cue.end])):
            # (but a share of a country's foreign trade is the pair's: "the share of Georgia
            # in Azerbaijan's foreign trade was 3.1 percent")
            # "Russian investment", "aid to Bolivia": the pair's other side is the partner,
            # unless an IGO is the other side ("a loan from the EC") or "we" speak alone
            if not home or metric == "trade_turnover" or \
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
            money_first = next((a for a in amounts if not a.percent and a.unit in MONEY), None)
            # "it already amounted to $5 billion": the figure of the sentence before
            it = _ANAPHORA.search(text[: amounts[0].start]) if amounts else None
            listed = self.last is not None and self.n - self.last[0] <= 1 and any(
                _LIST_ITEM.search(text[max(0, a.start - 40): a.start]) for a in amounts)
            if (it or listed) and self.last and self.n - self.last[0] <= 2:
                # "it already amounted to $5 billion"; "Ukraine is second ($1.5 million)"
                at = it.start() if it else 0
                cues = [_Cue(at, at, self.last[1].metric, self.last[1].label)]
                if not mentions:
                    self.recent = [self.last[2]] + self.recent
            elif money_first is not None and self._igo_before(sent.start_char, 0,
                                                                 money_first.start):
                # "The IMF approved the immediate release of $280 million": money an
                # international organisation gives is aid
                cues = [_Cue(money_first.start, money_first.start, "aid", None)]
            else:
                return []
        money = [a for a in amounts if not a.percent]
        if money:
            self.unit = money[-1].unit or self.unit
        if not amounts:
            return self._numberless(sent, cues, mentions)
        items: list[_Item] = []
        prev_end = 0
        prev_value_end = 0
        for a in amounts:
            cue = _cue_for(text, a, cues, amounts)
            if cue is None:
                prev_end = a.end
                continue
            window = text[prev_end: a.start]
            item = _Item(a, cue)
            clause = _clause(text, a.start)
            # the last comma before it, not one inside a number ("from 1,375,000 tonnes")
            comma = max(max((m.start() for m in _COMMA.finditer(text, 0, a.start)), default=-1),
                        clause[0] - 1)
            if a.percent:
                after = _PCT_AFTER.match(text[a.end: a.end + 20])
                lo = max(prev_end, cue.end if cue.end <= a.start else prev_end)
                lead = text[lo: a.start]
                item.lead_start = lo
                tail = lead[lead.rfind(","):]
                # "increased by 15 percent last year, and by 16 percent in nine months": the
                # same change again, for another period
                again = items[-1].change if items and items[-1].cue is cue and \
                    items[-1].amount.percent and _AND_BY.match(tail) else None
                if cue.end <= a.start and "," in lead and not after and not re.search(
                        r"\b(?:it|they)\b", tail) and not (_last_change(tail) and items) and \
                        not again:
                    prev_end = a.end
                    continue  # a percentage belongs to a cue of its own clause
                ch = a.change
                if ch:
                    pass
                elif after:
                    word = after.group(0).strip(" -").lower()
                    ch = ("increase" if word in ("more", "higher", "up") else
                          "decrease" if word in ("less", "lower", "down") else
                          parse_change(after.group(0)))
                elif not re.search(r"\bof\s*$", lead) or _CHANGE_OF.search(lead):
                    ch = _last_change(lead)  # "grew by 16 pct", "an increase of 19%"
                if ch is None and again:
                    ch = again
                if ch is None and _BY.search(lead):
                    # "growth in our trade – by 34 percent": the change word before the cue
                    ch = _last_change(text[clause[0]: a.start])
                level = re.match(r"\s*[-,]?\s*(?:up|down)\s+from\b", text[a.end: a.end + 15])
                if level:
                    item.change = parse_change(level.group(0))
                elif ch:
                    item.change, item.change_pct = ch, a.value
                elif not _adjacent(text, a, cue) and not _SHARE.search(
                        text[max(clause[0], a.start - 40): a.start]):
                    prev_end = a.end
                    continue  # "70 pct of Ricoh's PPC": a share far from its cue
            else:
                bm = _BASELINE.search(window)
                # "from 3.31 billion" is a base; "imports from Armenia rose to $150 million"
                # is not: a change word between "from" and the amount says it is the level
                item.baseline = bool(bm) and not _last_change(window[bm.start():] if bm else "") \
                    and not _LEVEL_VERB.search(window[bm.start():] if bm else "")
                if item.baseline and bm is not None and re.match(r"\s*,?\s*$", window[bm.end():]) \
                        and any(prev_end + bm.start() < m.start - sent.start_char and
                                m.end - sent.start_char <= prev_end + bm.end()
                                for m in mentions):
                    # "$20 million from Canada, $5 million from Finland": "from" a country
                    # that ends the stretch before the amount is no base of a change
                    item.baseline = False
                if not item.baseline and items and items[-1].baseline and \
                        re.match(r"^[\s,]*(?:and\s+)?(?:\w+\s+){0,3}$", window) and \
                        re.search(r",|\band\b", window) and not re.search(r"\bto\b", window) \
                        and items[-1].cue is cue:
                    item.baseline = True  # "against 1.53 billion in February, and 2.16 billion"
                lo = max(prev_value_end, cue.end if cue.end <= a.start else 0, comma + 1)
                item.lead_start = max(prev_end, cue.end if cue.end <= a.start else 0)
                if not item.baseline:
                    item.change = _last_change(text[lo: a.start])
                    item.delta = bool(item.change and (_BY.search(text[lo: a.start]) or
                                                       _CHANGE_OF.search(text[lo: a.start])))
                    more = _MORE_AFTER.match(text[a.end: a.end + 60])
                    if more and not item.change:
                        # "This is $20.1 million or 15.4 percent more than …", "$1.3 billion
                        # (9.8%) more": the size of a change (the percentage in parentheses is
                        # no amount of its own)
                        item.change = "increase" if more["word"].lower() in ("more", "higher") \
                            else "decrease"
                        item.delta = True
                        if more["pct"]:
                            item.change_pct = float(more["pct"].replace(",", "."))
                    prev_value_end = a.end
                else:
                    # the amount before it is compared with it: "1.43 billion against 1.53"
                    head = next((x for x in reversed(items) if not x.baseline and
                                 not x.amount.percent and x.cue is cue), None)
                    item.head = head
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
        found = periods.find(text, self.ref, self.exact)
        found += periods.since_then(text, self.year_said, self.ref, self.exact)
        found.sort(key=lambda p: p.start)
        figures_of: dict[int, Figure] = {}
        # the last figure, where its amount ends, and whether it glossed the one before
        prev_fig: tuple[Figure, int, bool] | None = None
        out = []
        for it in items:
            metric, label = it.cue.metric, it.cue.label
            if metric == "imports" and self.aid_programme and text[
                    it.cue.start: it.cue.end].lower() in ("buy", "bought", "buying", "purchases",
                                                           "purchased"):
                metric = "aid"
            a = it.amount
            if label == "sales" and not a.percent and self._seller_country(base, a, mentions) \
                    and self._verb_complement(base, a, "exports", mentions, []):
                # "Australia sold 2.5 mln tonnes of wheat to China": sold abroad, exported
                it.cue = dc_replace(it.cue, metric="exports", label=None)
                metric, label = "exports", None
            if metric == "price" and (a.unit is None or a.unit not in MONEY):
                continue  # a price is money ("360,000 tonnes" is a stock, not a price)
            clause = _clause(text, a.start)
            if metric == "production" and _CAPACITY.search(
                    text[max(clause[0], a.start - 40): a.end + 25]):
                continue  # "a capacity of 500,000 tons": what could be made
            if metric in _IGO_FINANCE and self._igo_finance(base, clause, a):
                metric = "aid"  # "the EBRD will invest $205 million": development finance
            countries = self._countries(text, base, it, mentions, clause, metric)
            if not countries:
                continue
            value: float | None = a.value
            unit = currency_for(a, countries, [c for c, _ in
                                               self.ctx.country_salience().most_common(3)])
            change_pct = it.change_pct
            if a.percent and change_pct is not None:
                value, unit = None, None
            elif a.percent and (metric in _SHARES or _SHARE.search(
                    text[max(clause[0], a.start - 60): a.start])) and metric != "other":
                # "57% of the country's trade turnover", "29 percent of Georgian exports":
                # a share of a flow, not the flow
                metric, label = "other", label or _SHARES.get(metric, "share")
                holder = [c for m in mentions if clause[0] <= m.start - base and
                          m.end - base <= a.start and m.codes and (
                              _SHARE_OF.search(text[max(0, m.start - base - 20): m.start - base])
                              or _S_SHARE.match(text[m.end - base: m.end - base + 10]))
                          for c in m.codes[:1] if c not in countries]
                if len(countries) == 1 and holder:
                    # "the share of Turkey in Azerbaijan's exports", "Russia's share in …"
                    countries = [countries[0], holder[0]]
            kind = self._kind(sent, clause, a, metric, label)
            gap = text[prev_fig[1]: a.start] if prev_fig is not None else ""
            glossed = prev_fig is not None and not _FINITE_GAP.search(gap) and bool(
                _GLOSS.search(gap) or (prev_fig[2] and re.search(r",|\band\b", gap)))
            if glossed and kind == "actual" and prev_fig is not None and \
                    not _own_past_verb(self._after(sent, clause, a), _kind_words()):
                # "pledged ¥12.7 billion — ¥12 billion in loans and ¥700 million in grants";
                # not "…, of which 3 million tons were exported": a part said to have happened
                kind = prev_fig[0].kind
            if glossed and prev_fig is not None and metric in ("exports", "imports") and \
                    prev_fig[0].metric == metric and prev_fig[0].countries:
                # "exported cars for $64.1 million, of which $59.3 million falls on the share
                # of Kazakhstan": a part of the flow before it, from the same reporter, to
                # the country its own words name
                reporter = prev_fig[0].countries[0]
                nxt = min([x.start for x in self.amounts if x.start > a.end] + [clause[1]])
                own = [c for c in codes_of([
                    m for m in mentions if a.end <= m.start - base < nxt and
                    not _is_speaker(self.ctx, m) and
                    not any(x.start <= m.start - base < x.end for x in self.amounts)])
                       if c != reporter]
                if own:
                    countries = [reporter, own[0]]
                elif len(countries) == 1 and countries[0] != reporter:
                    countries = [reporter, countries[0]]
            elif glossed and prev_fig is not None and metric in ("exports", "imports") and \
                    prev_fig[0].metric == "trade_turnover" and len(prev_fig[0].countries) == 2 \
                    and len(countries) == 1 and countries[0] in prev_fig[0].countries:
                # "trade … amounted to $6.4 billion, of which Kazakhstan's exports accounted for
                # $4.6 billion": a part of the pair's turnover, a flow to the other side
                countries = [countries[0],
                             next(c for c in prev_fig[0].countries if c != countries[0])]
            if it.delta and kind == "actual":
                value, unit = None, None  # "exports increased by $51 million": a change
            own, base_period = _period_of(text, a, clause, found, self.amounts, kind,
                                          self.ref.year if self.ref else None)
            period = own.iso if own else None
            if own is None and self.last_period and self.last_period[2] == kind and \
                    self.last_period[0] in (self.n - 1, self.n) and not (
                        metric in ("investment", "aid") and
                        _PERFECT.search(text[clause[0]: a.start])):
                period = self.last_period[1]  # the passage goes on about the same period
                if base_period is None and _same_period(found):
                    base_period = periods.shift(period, -1)
            if own is not None and own.role == periods.BY and kind == "actual" and \
                    not self._past(sent, clause):
                kind = "target"  # "by 2030"; but "by the end of 2024, transport reached …"
            elif kind != "actual" and own is not None and own.role == periods.SINCE:
                period = None
            elif kind != "actual" and it.baseline and self.ref is not None and \
                    (span := periods.days(period)) is not None and span[1] < self.ref:
                kind = "actual"  # "to $2 billion, up from $600 million in 2023": what was
            change = it.change
            if kind != "actual" and it.change_pct is None and _TO_AMOUNT.search(
                    text[clause[0]: a.start]) and not any(
                        x.head is it or (x.baseline and x.cue is it.cue and
                                         clause[0] <= x.amount.start < a.start)
                        for x in items):
                # "to raise trade to $1 billion" is a level, not a change; "will increase
                # from 1,375,000 tonnes in 1987 to 2.0 mln tonnes" compares it with a base
                change = None
            direction = _direction(metric, countries, text, base, it.cue, mentions,
                                   (a.start, a.end), clause)
            countries = _reporter_first(metric, countries, direction)
            fig = Figure(
                metric=metric, countries=countries, value=value, unit=unit, period=period,
                change=change, change_pct=change_pct, label=label, sectors=codes_sectors,
                evidence=Evidence(base, base + len(text.rstrip())), kind=kind,
                direction=direction,
                base_period=base_period if (change or change_pct is not None) else None,
            )
            figures_of[id(it)] = fig
            prev_fig = (fig, a.end, glossed)
            out.append(fig)
            if kind != "target" and period and not it.baseline:
                self.last_period = (self.n, period, kind)
            self.last = (self.n, it.cue, countries)
        last_year = lexicon.figure_words("periods")["last_year"]
        for it in items:  # "from $36 million in 2017 to $90 million in 2018"
            head = figures_of.get(id(it.head)) if it.head is not None else None
            mine = figures_of.get(id(it))
            if head is None or mine is None:
                continue
            # "compared to 1.13 billion in the same month last year", "against 1.71 billion
            # a year earlier": the baseline is the head's period a year before
            a = it.amount
            said = [p for p in found if a.end <= p.start <= a.end + 30]
            if head.period and said and (said[0].role == periods.SAME or re.sub(
                    r"\s+", " ", text[said[0].start: said[0].end].lower()) in last_year):
                mine.period = periods.shift(head.period, -1)
            if head.period is None and head.kind == "actual" and mine.period and \
                    re.fullmatch(r"\d{4}", mine.period) and self.ref is not None and \
                    int(mine.period) < self.ref.year:
                # "narrowed to 6.8 billion from 25.5 billion in 1985": the year after the base
                head.period = str(int(mine.period) + 1)
            if head.base_period is None and mine.period and mine.period != head.period:
                head.base_period = mine.period
        return out

    def _numberless(self, sent: Span, cues: list[_Cue], mentions: list[Mention]) -> list[Figure]:
        """"The trade turnover between the countries is increasing": a change told in words."""
        text = sent.text
        out = []
        for cue in cues:
            if cue.metric not in _STRONG_CUES or cue.label:
                continue
            tail = text[cue.end: cue.end + 60]
            # (the "and" of "between Tajikistan and China" joins names, not clauses)
            tail = re.split(r"[,;:.]|\band\b", _BETWEEN.sub("between", tail))[0]
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
            own, base_period = _period_of(text, item.amount, (0, len(text)),
                                          periods.find(text, self.ref, self.exact), [])
            kind = self._kind(sent, (0, len(text)), item.amount, cue.metric, None)
            period = own.iso if own and kind == "actual" else None
            if period:
                # "Trade with Iran fell sharply in 2023. The volume of trade decreased by 30
                # percent to $150 million": the next sentence goes on about 2023
                self.last_period = (self.n, period, kind)
            direction = _direction(cue.metric, countries, text, sent.start_char, cue, mentions)
            countries = _reporter_first(cue.metric, countries, direction)
            out.append(Figure(
                metric=cue.metric, countries=countries, value=None, unit=None,
                period=period, change=change,
                change_pct=None, label=None, sectors=codes_sectors,
                evidence=Evidence(sent.start_char, sent.start_char + len(text.rstrip())),
                kind=kind,
                direction=direction,
                base_period=base_period,
            ))
            self.last = (self.n, cue, countries)
        return out


#: Two names joined after "between": "between Tajikistan and China", "between the EU and Georgia".
_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s+and\s+"
                      r"(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")
#: An amount that ends "… to $10 billion": a level reached, not a change by it.
_TO_AMOUNT = re.compile(r"\bto\s+(?:up\s+to\s+|about\s+|around\s+|roughly\s+|over\s+|"
                        r"more\s+than\s+|almost\s+|nearly\s+|some\s+)?$", re.I)
# a period that follows one of these is what a change is measured against
# (a bare number may stand between: "fell to 3,061.8 billion francs from 3,304.1 in 1985")
_COMPARED = re.compile(r"\b(?:than|from|over|compared\s+(?:to|with)|against|versus|vs\.?|"
                       r"relative\s+to|as\s+against)\s+(?:\d[\d.,]*\s+)?"
                       r"(?:(?:in|during|the|that\s+of|its|"
                       r"level\s+of|total\s+of|figure\s+for|year)\s+)*$", re.I)
#: A present perfect before an amount: a total so far ("have invested more than $1 billion"),
#: which takes no period from the sentence before.
_PERFECT = re.compile(r"\b(?:has|have)\s+(?:\w+ly\s+|already\s+|so\s+far\s+)?"
                      r"(?:invested|provided|allocated|lent|disbursed|granted|mobili[sz]ed|"
                      r"financed|implemented|attracted)\b", re.I)
#: Words right before an amount that make it a base of comparison ("from 54.2 billion").
_BASE_BEFORE = re.compile(r"\b(?:from|against|versus|vs\.?|compared\s+(?:to|with)|than|"
                          r"after)\s+(?:about\s+|around\s+|some\s+)?(?:[$€£¥]|US\$)?\s*$", re.I)
PERIOD_AFTER_CHARS = 60  # a period this close after an amount is its own ("$5 bln in 2023")
_NEW_CLAUSE = re.compile(r",\s*and\b|;|\bwhile\b|\bwhereas\b|,\s*(?:with|but)\b", re.I)


def _same_period(found: list[periods.Period]) -> bool:
    return any(p.role == periods.SAME for p in found)


def _period_of(text: str, a: Amount, clause: tuple[int, int], found: list[periods.Period],
               amounts: list[Amount], kind: str = "actual", year: int | None = None
               ) -> tuple[periods.Period | None, str | None]:
    """The period of the amount ``a`` and the base period of its change, if stated.

    Its own period is the first one right after it ("$4.1 billion in 2023"), else the
    nearest before it in its clause ("In 2023, trade grew …"), else the only one of the
    sentence. A period after "compared to", "than", "from" … is the base, and so is "the
    same period last year" (the own period a year earlier). A goal or a forecast (``kind``)
    takes only a period of its own, not one of another amount before it, and a goal before
    it only its year ("by 2030").
    """
    own_only = kind != "actual"
    last_year = lexicon.figure_words("periods")["last_year"]
    own: periods.Period | None = None
    base: periods.Period | None = None
    same = False
    plain: list[periods.Period] = []
    for p in found:
        in_clause = clause[0] <= p.start and p.end <= clause[1]
        if p.role == periods.SAME:
            if in_clause:
                same, base = True, p
            continue
        compared = _COMPARED.search(text[max(clause[0], p.start - 40): p.start])
        if compared and compared.group(0).lower().startswith("over") and re.sub(
                r"\s+", " ", text[p.start: p.end].lower()) not in last_year:
            compared = None  # "over the 10 months of this year" is the period itself
        if in_clause and compared and not (p.start >= a.end and p.start - a.end <= 12):
            base = base or p
            continue
        plain.append(p)
    after = [p for p in plain if a.end <= p.start <= a.end + PERIOD_AFTER_CHARS and
             p.end <= clause[1] and not any(a.end <= x.start < p.start for x in amounts) and
             not _NEW_CLAUSE.search(text[a.end: p.start])]
    before = [p for p in plain if clause[0] <= p.start and p.end <= a.start]
    if own_only and before and any(before[-1].end <= x.start < a.start for x in amounts
                                   if x is not a):
        before = []  # "trade reached $2 billion in 2025, with plans to raise it to $5 billion"
    if kind == "target":
        # a goal's year ("by 2030"; "In 2025, trade is planned to reach …", not before the
        # article's ``year``), not the past
        before = [p for p in before if p.role == periods.BY or (
            year is not None and p.role == periods.PERIOD and (d := periods.days(p.iso))
            is not None and d[0].year >= year)]
    if after:
        own = after[0]
    elif before:
        own = before[-1]
    elif len({p.iso for p in plain}) == 1 and not own_only and not any(
            x is not a and 0 <= plain[0].start - x.end <= 12 and
            re.match(r"^\s*(?:in|for|of|during)?\s*$", text[x.end: plain[0].start]) and
            _BASE_BEFORE.search(text[max(0, x.start - 25): x.start]) for x in amounts):
        # the only period of the sentence, unless a base it is compared with owns it: "to
        # 37.2 billion from 54.2 billion in 1985" says nothing of the first one's period
        # ("exports fell 5 pct and imports rose 2 pct in March" share theirs)
        own = plain[0]
    base_iso: str | None = None
    if same:
        if own is not None and own.iso:
            base_iso = periods.shift(own.iso, -1)
            if base is not None and base.iso and len(base.iso) == 4 and own.iso[:4].isdigit():
                base_iso = periods.shift(own.iso, int(base.iso) - int(own.iso[:4]))
    elif base is not None:
        words = lexicon.figure_words("periods")["last_year"]
        said = re.sub(r"\s+", " ", text[base.start: base.end].lower())
        if said in words and own is not None and own.iso and own.role == periods.PERIOD:
            base_iso = periods.shift(own.iso, -1)  # "over the previous year"
        else:
            base_iso = base.iso
    return own, base_iso


_FLOWS = {"exports": ("to", "from"), "imports": ("from", "to"), "investment": ("from", "in"),
          "aid": ("from", "to")}
_PREPOSITION = re.compile(r"\b(to|into|in|from|for|with|by)\s+(?:the\s+|its\s+)?"
                          r"(?:(?:republic|kingdom|state|people's\s+republic)\s+of\s+)?$", re.I)


def _direction(metric: str, countries: list[str], text: str, base: int, cue: _Cue,
               mentions: list[Mention], at: tuple[int, int] | None = None,
               clause: tuple[int, int] | None = None) -> str | None:
    """The flow of goods or money of a two-country figure, ``"CHN>JPN"``: exporter >
    importer, investor > host, giver > receiver; None for turnover and where the text
    does not say.

    The preposition before each country says its side ("exports to Japan", "imports from
    China", "investment in Uzbekistan", "aid to Bolivia", "a loan from Japan"); the other
    country is on the other side. Exports and imports without one run from the reporter
    (named first) and to it. Given the amount's place ``at`` and its ``clause``, only the
    clause's countries speak, the nearest to the amount first ("Azerbaijan's investment in
    Italy is €1.7 billion, with Italy investing €770 million in Azerbaijan").
    """
    if metric not in _FLOWS or len(countries) != 2:
        return None
    a, b = countries
    source = dest = None
    if clause is not None and at is not None:
        named = mentions
        mentions = sorted((m for m in mentions
                           if clause[0] <= m.start - base and m.end - base <= clause[1]),
                          key=lambda m: min(abs(m.start - base - at[1]),
                                            abs(at[0] - (m.end - base))))
        mentions = _anaphora_in(text, base, clause, countries, named) + mentions
    for m in mentions:
        if not m.codes or m.codes[0] not in countries:
            continue
        prep = _PREPOSITION.search(text[max(0, m.start - base - 40): m.start - base])
        if prep is None or _other_flows(text, m.start - base, metric):
            continue
        word = prep.group(1).lower()
        code = m.codes[0]
        if word == "from":
            source = source or code
        elif word in ("to", "into", "for") or (word == "in" and metric == "investment"):
            dest = dest or code
    if source and not dest:
        dest = b if source == a else a
    elif dest and not source:
        source = b if dest == a else a
    if source and dest and source != dest:
        return f"{source}>{dest}"
    if metric == "exports":
        return f"{a}>{b}"
    if metric == "imports":
        return f"{b}>{a}"
    return None


def _other_flows(text: str, at: int, metric: str) -> bool:
    """Whether the country at ``at`` completes the cue of the other flow ("Azerbaijan's
    exports to Uzbekistan amounted to $30 million, and imports - $57 million": Uzbekistan
    is where the exports go, not the imports)."""
    near = [c for c in _cues(text[max(0, at - 45): at]) if c.metric in ("exports", "imports")]
    if not near:
        return False
    cue = near[-1]
    gap = text[max(0, at - 45) + cue.end: at]
    return cue.metric != metric and bool(_PREP_GAP.match(gap) or _FROM_TO.match(gap))


#: Between a flow's cue and its second complement: "exports from Uzbekistan to (Kazakhstan)".
_FROM_TO = re.compile(r"^\s+(?:from|to)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}\s+"
                      r"(?:to|from)\s+(?:the\s+)?$")


def _anaphora_in(text: str, base: int, clause: tuple[int, int], countries: list[str],
                 mentions: list[Mention]) -> list[Mention]:
    """"That country", "the neighbouring country" in the clause, as mentions of the country
    they stand for: of the two countries, the one other than the last named before the
    phrase ("Britain sells arms to Saudi Arabia, and British imports from that country":
    Saudi Arabia)."""
    out = []
    for m in _COUNTRY_ANAPHORA.finditer(text, clause[0], clause[1]):
        prior = [x for x in mentions if x.end - base <= m.start() and x.codes and
                 x.codes[0] in countries]
        if prior:
            code = next((c for c in countries if c != prior[-1].codes[0]), None)
            if code is not None:
                out.append(Mention(base + m.start(), base + m.end(), None, code, "anaphor"))
    return out


def _reporter_first(metric: str, countries: list[str], direction: str | None) -> list[str]:
    """A flow's countries with its reporter first (the guidelines' order): the exporter of
    exports, the importer of imports ("exports of Kyrgyz goods to Kazakhstan": KGZ, KAZ)."""
    if direction is None or metric not in ("exports", "imports") or len(countries) != 2:
        return countries
    source, dest = direction.split(">")
    return [source, dest] if metric == "exports" else [dest, source]


#: Between two conjoined country names: "Uzbekistan and Saudi Arabia", "Kazakhstan, China".
#: Not ", and": that joins clauses ("sells arms to Saudi Arabia, and British imports").
_CONJUNCT_GAP = re.compile(r"^\s*(?:,|and|&)\s*(?:the\s+)?$", re.I)


def _with_conjuncts(text: str, base: int, owner: list[Mention],
                    mentions: list[Mention]) -> list[Mention]:
    """The owners of a cue with the names conjoined before them: "Uzbekistan and Saudi
    Arabia signed agreements worth $12 billion" is both sides' figure, not Saudi Arabia's."""
    if not owner:
        return owner
    out = list(owner)
    first = min(owner, key=lambda m: m.start)
    for m in sorted((m for m in mentions if m.end <= first.start), key=lambda m: -m.start):
        if m.codes and _CONJUNCT_GAP.match(text[m.end - base: first.start - base]):
            out.insert(0, m)
            first = m
        else:
            break
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


#: How far (in sentences) a change told alone looks for its level: two on the tuning part
#: (one sentence may come between: "… amounted to $800 million. Of this, exports … . The
#: turnover increased by 12 percent"); tune-A figures F1 0.740 (one) -> 0.747 (two).
MERGE_SENTENCES = 2


def _merge_changes(figures: list[Figure], numbers: list[int]) -> list[Figure]:
    """A change told without a level, in the sentence of the level of the same flow or one of
    the ``MERGE_SENTENCES`` sentences before or after it (the nearest first), is that level's
    change: "fell by $50 million to $200 million"; "Trade rose by $40 million in January-May.
    The turnover came to $310 million"; "… 2 million tons were exported. Exports grew by
    30%"."""
    drop: set[int] = set()
    for i, f in enumerate(figures):
        if f.value is not None or f.change is None:
            continue
        order = sorted(range(len(figures)), key=lambda j: abs(numbers[j] - numbers[i]))
        for j in order:
            g = figures[j]
            if j in drop or g.value is None or g.change is not None or \
                    not abs(numbers[j] - numbers[i]) <= MERGE_SENTENCES or \
                    g.metric != f.metric or \
                    g.label != f.label or set(g.countries) != set(f.countries) or \
                    g.kind != f.kind or (f.period and not periods.same(f.period, g.period)):
                continue
            g.change = f.change
            if g.change_pct is None:
                g.change_pct, g.base_period = f.change_pct, g.base_period or f.base_period
            drop.add(i)
            break
    return [f for i, f in enumerate(figures) if i not in drop]


def _dedupe(figures: list[Figure]) -> list[Figure]:
    """The same figure repeated in an article (lead and body) is kept once, and a change
    told in words is dropped where a figure with numbers says the same."""
    seen: dict[tuple, Figure] = {}
    for f in figures:
        if f.value is not None:  # the same amount again, however the repeat words it
            key: tuple = (f.metric, f.label, tuple(sorted(f.countries)), f.value, f.unit)
        else:
            key = (f.metric, f.label, tuple(sorted(f.countries)), f.change, f.change_pct,
                   f.kind, f.period)
        if key not in seen:
            seen[key] = f
        elif seen[key].period is None and f.kind == seen[key].kind:
            seen[key].period = f.period
    numbered = {(f.metric, tuple(sorted(f.countries)), f.change) for f in seen.values()
                if f.value is not None or f.change_pct is not None}
    return [f for f in seen.values() if f.value is not None or f.change_pct is not None or
            (f.metric, tuple(sorted(f.countries)), f.change) not in numbered]
