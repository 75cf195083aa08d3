"""Spaces lost between words: "ofcooperation", "DeputyMinister", 'the"Artel"', "along-term".

Every position inside a token where a space may have been lost becomes a
candidate with a score, the log10 odds that a space belongs there:

* sure candidates come from shape: punctuation before a letter (",making"),
  quotes on the wrong side of a word, a known word before a capital
  ("DeputyMinister", but not "McDonald" or "iPhone", which wordfreq knows whole);
* the other candidates are scored by a unigram + bigram model (``lexicon``),
  which splits "ofcooperation" and leaves "Uzeltexsanoat" alone, since a split
  must yield likely words.

Lost line breaks recur at a near-constant width. When the sure candidates of a
text show such a width, each paragraph is decoded as a sequence of lines
(Viterbi): a candidate the model is unsure of ("along-term" -> "a long-term",
"MirziyodYunusov") is taken when it falls where a line should end.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from bilat.repair.edits import Edit, apply_edits
from bilat.repair.lexicon import NEWSWIRE, SHORT_WORDS, Lexicon, lexicon

# --- scores, log10 odds; calibrated on Reuters pairs 400-799 (the bench uses 0-399)
SURE = 6.0          # shape evidence: ",making", '"Artel"Association', "DeputyMinister"
LIKELY = 3.0        # weaker shape evidence: "in1987", "said.The", "company(MoUs)"
NAMES = 1.0         # two unknown capitalised names glued: "MirziyodYunusov"
FREE = -0.5         # a line may end after a hyphen (no space is inserted); most do not
ACCEPT = 4.5        # taken without width support (> 2 * SHORT_PENALTY, so the grid never vetoes it)
ANCHOR = 3.0        # candidates this strong reveal the line width
MIN_SCORE, MAX_SCORE = -12.0, 8.0
MAX_PASSES = 4      # re-checks of a repaired paragraph (idempotence)
# --- the line grid
SHORT_PENALTY = 2.0     # a line shorter than MIN_FILL * width
MISSING_PENALTY = 3.0   # each line end the decoder could not place
MIN_FILL = 0.7          # greedy wrapping: Reuters 46-63, the azernews seed 55-67
FIRST_LINE_SLACK = 1.5  # a paragraph's first line may run long (datelines, headers)
MIN_ANCHOR_GAPS = 2     # width mode needs this many consistent anchor gaps
WIDTH_TOLERANCE = 3     # the width is estimated from the longest anchor gap, so may be short
# --- the language model
# probability of an unknown token, by length: long unknown lowercase tokens are
# mostly glued words; names are many, so an unknown capitalised token is likelier
UNKNOWN_LOWER = (5.0, 0.4)   # 10 ** -(5 + 0.4 * len)
UNKNOWN_NAME = (4.0, 0.35)   # 10 ** -(4 + 0.35 * len)
ACRONYM_WORD = LIKELY        # "IMFaimed", "OECDministerial"
NAME_WORD = -0.5             # "Engeringnoted": an unknown name before a known word
BRAND_ZIPF = 2.5             # a camel-case token known whole is a brand: "PayPal"

NAME_PREFIXES = frozenset(
    "mc mac de di da du la le van von del della al el bin ibn o d l".split()
)
NUMBER_SUFFIXES = frozenset(
    "st nd rd th s am pm bn m k g x d km kg mm cm ml mg mw gw kw mwh kwh gwh bpd ppm "
    "mph kph kmh ft lb lbs oz hz khz mhz ghz gb mb kb tb yr yrs".split()
)
TLDS = frozenset("com org net gov edu int mil co uk io ru az uz de fr info biz".split())

_TOKEN = re.compile(r"\S+")
_CLEAN = re.compile(r"[\"'(\[\u201c\u2018]*([^\W\d_]+(?:['\u2019][^\W\d_]+)*)[\"')\].,;:!?\u201d\u2019]*")
_RUN = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
_URLISH = re.compile(r"://|www\.|@|\.(?:com|org|net|gov|edu)\b", re.IGNORECASE)
_OPEN_Q = "\u201c\u00ab"
_CLOSE_Q = "\u201d\u00bb"


@dataclass
class Cand:
    pos: int        # offset in the paragraph where a space would go
    score: float
    emit: bool = True   # False for a line end after a hyphen (nothing to insert)
    run: int = -1       # index of the letter run it splits, -1 for shape candidates
    next_len: int = 0   # length of the word that would start the next line


class _Para:
    """One paragraph: its letter runs with their neighbours, and its candidates."""

    def __init__(self, text: str, lex: Lexicon) -> None:
        self.text = text
        self.lex = lex
        self.cands: list[Cand] = []
        self.runs = [(m.start(), m.end()) for m in _RUN.finditer(text)]
        self._run_at = {s: k for k, (s, _) in enumerate(self.runs)}
        self._suspect_runs: set[int] = set()
        self.extra: list[Cand] = []

    # -- context for the language model
    def context(self, k: int) -> tuple[str | None, str | None]:
        """The words before and after run ``k`` when only a space separates them."""
        text, runs, freq = self.text, self.runs, self.lex.freq
        prev = nxt = None
        if k > 0:
            ps, pe = runs[k - 1]
            if text[pe:runs[k][0]] == " ":
                w = text[ps:pe].lower()
                prev = w if w in freq else None
        if k + 1 < len(runs):
            ns, ne = runs[k + 1]
            if text[runs[k][1]:ns] == " ":
                w = text[ns:ne].lower()
                nxt = w if w in freq else None
        return prev, nxt


@lru_cache(maxsize=131072)
def _piece_ok(lex: Lexicon, w: str) -> bool:
    """Whether lowercase ``w`` is likely enough to stand as a word of its own."""
    if w.endswith(("'s", "\u2019s")) and len(w) > 3:
        return _piece_ok(lex, w[:-2])
    n = len(w)
    if n >= 6 and w.endswith("s") and not lex.freq.get(w):
        return _piece_ok(lex, w[:-1])  # plurals of rarer words: "syndications"
    if n <= 2:
        return w == "a" or w in SHORT_WORDS
    if w in NEWSWIRE:
        return True
    f = lex.freq.get(w)
    if not f:
        return False
    z = math.log10(f) + 9.0
    return z >= (3.5 if n == 3 else 3.0 if n == 4 else 2.5 if n <= 6 else 2.0)


def _lm_odds(lex: Lexicon, whole: str, left: str, right: str,
             prev: str | None, nxt: str | None, unknown: float) -> float:
    """log10 P(split) / P(whole) with bigram context on both sides."""
    s = (lex.cond(left, prev, unknown) * lex.cond(right, left, unknown)
         * (lex.cond(nxt, right, unknown) if nxt else 1.0))
    w = lex.cond(whole, prev, unknown) * (lex.cond(nxt, whole, unknown) if nxt else 1.0)
    return max(MIN_SCORE, min(MAX_SCORE, math.log10(s) - math.log10(w)))


def _unknown(run: str) -> float:
    a, b = UNKNOWN_NAME if run[0].isupper() else UNKNOWN_LOWER
    return 10.0 ** -(a + b * len(run))


def _run_cands(para: _Para, k: int, real_words: bool) -> list[Cand]:
    """Candidates inside letter run ``k``; ``real_words`` also tries known words ("along")."""
    lex, text = para.lex, para.text
    rs, re_ = para.runs[k]
    run = text[rs:re_]
    low = run.lower()
    n = len(run)
    if n < 2 or run.isupper():
        return []
    known = low in lex.freq and _piece_ok(lex, low)
    normal_case = run.islower() or run[1:].islower()
    if known and normal_case and not real_words:
        return []
    out: list[Cand] = []
    names: list[tuple[float, Cand]] = []
    prev = nxt = None
    have_ctx = False
    unknown = _unknown(run)
    whole_zipf = lex.zipf(low)
    for i in range(1, n):
        a, b = run[i - 1], run[i]
        left, right = run[:i], run[i:]
        if a in "'\u2019":
            # "Express'worldwide": a plural possessive glued to the next word
            if (left[-2:-1] == "s" and len(right) >= 3 and right.islower()
                    and _piece_ok(lex, right)):
                out.append(Cand(rs + i, LIKELY, run=k))
            continue
        if b in "'\u2019" or not (a.isalpha() and b.isalpha()):
            continue
        if a.islower() and b.isupper():
            j = i - 1  # the word before the capital starts after the previous camel hump
            while j > 0 and not (run[j].isupper() and run[j - 1].islower()):
                j -= 1
            left = run[j:i]
            ll = left.lower()
            if _piece_ok(lex, ll) and ll not in NAME_PREFIXES and (
                left.islower() or left[1:].islower()
            ):
                score = SURE
                if whole_zipf > 0 or lex.zipf(ll) < 3.0:
                    # "PayPal", "PetroChina" known whole: the model decides; "NewYork" splits
                    rl = right.lower()
                    if not _piece_ok(lex, rl):
                        continue
                    if not have_ctx:
                        prev, nxt = para.context(k)
                        have_ctx = True
                    score = _lm_odds(lex, low, ll, rl, prev, nxt, unknown)
                    if score < 1.0:
                        continue
                    score = max(score, LIKELY)
                # shape evidence, independent of other splits in the run ("DeputyMinisterOf")
                out.append(Cand(rs + i, score, run=-1 if score == SURE else k))
                continue
            if whole_zipf >= BRAND_ZIPF:
                continue
            elif (left[0].isupper() and left[1:].islower() and len(left) >= 3
                  and len(right) >= 3 and right[1:].islower()):
                out.append(Cand(rs + i, NAMES, run=k))
            continue
        if b.isupper():
            # "NATOSecretary": an acronym glued to a capitalised word
            if (left.isupper() and len(left) >= 2 and right[1:].islower() and len(right) > 1
                    and whole_zipf < BRAND_ZIPF and _piece_ok(lex, left.lower())
                    and _piece_ok(lex, right.lower())):
                out.append(Cand(rs + i, LIKELY, run=k))
            continue
        if not right.islower():
            continue
        ll, rl = left.lower(), right.lower()
        if left.isupper() and len(left) >= 2 and len(right) >= 3 and whole_zipf < BRAND_ZIPF:
            if _piece_ok(lex, rl):
                out.append(Cand(rs + i, ACRONYM_WORD, run=k))
            continue
        if not (left.islower() or left[1:].islower() or left == "I"):
            continue
        if not _piece_ok(lex, rl):
            continue
        if not _piece_ok(lex, ll):
            if (left[0].isupper() and len(left) >= 4 and len(right) >= 3 and left.isalpha()
                    and left[1:].islower() and whole_zipf < BRAND_ZIPF and ll not in lex.freq):
                names.append((lex.freq.get(rl, 0.0), Cand(rs + i, NAME_WORD, run=k)))
            continue
        if not have_ctx:
            prev, nxt = para.context(k)
            have_ctx = True
        out.append(Cand(rs + i, _lm_odds(lex, low, ll, rl, prev, nxt, unknown), run=k))
    if names and not out:
        # only when no split into known words exists; the likeliest word after the name
        out.append(max(names, key=lambda x: x[0])[1])
    return out


def _shape_cands(para: _Para, ts: int, tok: str, quotes: list[int]) -> list[Cand]:
    """Candidates at non-letter boundaries of token ``tok`` starting at ``ts``."""
    lex = para.lex
    out: list[Cand] = []
    n = len(tok)
    if _URLISH.search(tok):
        return out
    for i in range(1, n):
        a, b = tok[i - 1], tok[i]
        if a.isalpha() and b.isalpha():
            continue
        pos = ts + i
        score = None
        emit = True
        if a in ",;" and (b.isalpha() or b in "(" + _OPEN_Q):
            score = SURE
        elif a in ",;" and b == '"':
            score = SURE if _quote_opens(quotes, pos) else None
        elif a == "," and b.isdigit():
            m = re.match(r"\d+", tok[i:])
            group = m.group() if m else ""
            if not (tok[i - 2:i - 1].isdigit() and len(group) == 3):
                score = LIKELY
        elif a in "!?" and (b.isalnum() or b in '"(' + _OPEN_Q):
            score = SURE
        elif a == ":" and b.isalpha():
            score = LIKELY
        elif a == "." and b.isalpha():
            score = _after_period(lex, tok, i)
        elif a == "." and b in '"' + _OPEN_Q:
            score = SURE if _quote_opens(quotes, pos) else None
        elif a == '"':
            if not _quote_opens(quotes, pos - 1) and (b.isalnum() or b in "(" + _OPEN_Q):
                score = SURE if len(quotes) % 2 == 0 else LIKELY
        elif b == '"':
            if _quote_opens(quotes, pos) and (a.isalnum() or a in ",.;:!?)"):
                score = SURE if len(quotes) % 2 == 0 else LIKELY
        elif b in _OPEN_Q and (a.isalnum() or a in ",.;:!?)"):
            score = SURE
        elif a in _CLOSE_Q and (b.isalnum() or b in "(" + _OPEN_Q):
            score = SURE
        elif a in ")]>" and (b.isalnum() or b in '"(<' + _OPEN_Q):
            score = SURE
        elif b == "<" and (a.isalnum() or a in ".,;:)'"):
            score = LIKELY
        elif b in "([" and a.isalnum():
            inner = re.match(r"[(\[]([^\W\d_]*)[)\]]?", tok[i:])
            word = inner.group(1).lower() if inner else ""
            if word not in ("s", "es", "") and (a.isdigit() or _alpha_len_before(tok, i) >= 2):
                score = LIKELY
        elif a == "-" and (b.isalnum() or b in '"(' + _OPEN_Q):
            score, emit = FREE, False
        elif a.isdigit() and b.isalpha():
            score = _digit_word(lex, tok, i)
        elif a.isalpha() and b.isdigit():
            score = _word_digit(lex, tok, i)
        elif a.isalpha() and b == "$" and _alpha_len_before(tok, i) >= 2:
            score = LIKELY
        elif a == "%" and b.isalpha():
            score = LIKELY
        if score is not None:
            out.append(Cand(pos, score, emit))
    return out


def _alpha_len_before(tok: str, i: int) -> int:
    j = i
    while j > 0 and tok[j - 1].isalpha():
        j -= 1
    return i - j


def _alpha_after(tok: str, i: int) -> str:
    j = i
    while j < len(tok) and tok[j].isalpha():
        j += 1
    return tok[i:j]


def _after_period(lex: Lexicon, tok: str, i: int) -> float | None:
    """Score a split between '.' and a letter: "said.The", "U.S.Treasury", not "U.S.A"."""
    word = _alpha_after(tok, i)
    left = tok[i - 1 - _alpha_len_before(tok, i - 1):i - 1]
    if "<" in tok[:i] and ">" not in tok[tok.rfind("<", 0, i):i]:
        return None  # inside a ticker: <PGLO.AS>
    if len(word) < 2:
        # "calculations.U.S.": a word ends a sentence, an abbreviation opens the next
        if (word.isupper() and tok[i + 1:i + 2] == "." and len(left) >= 2
                and left.islower()):
            return LIKELY
        return None
    if word[0].isupper():
        if word[1:].islower() or (word.isupper() and _piece_ok(lex, word.lower())):
            return LIKELY
        return None
    lw = word.lower()
    if len(left) == 1 and tok[i - 3:i - 2] == "." and _piece_ok(lex, lw) and lw not in TLDS:
        return LIKELY  # "U.S.companies"
    if (lw in TLDS or len(left) < 2 or "." in tok[i:] or not _piece_ok(lex, lw)
            or lex.zipf(lw) < 4.0 or not _piece_ok(lex, left.lower())):
        return None
    return LIKELY


def _digit_word(lex: Lexicon, tok: str, i: int) -> float | None:
    word = _alpha_after(tok, i)
    lw = word.lower()
    if len(word) < 2 or lw in NUMBER_SUFFIXES or word.isupper():
        return None
    return LIKELY if _piece_ok(lex, lw) else None


def _word_digit(lex: Lexicon, tok: str, i: int) -> float | None:
    n = _alpha_len_before(tok, i)
    word = tok[i - n:i]
    if n == 1 and word == "s" and tok[i - 2:i - 1] in ("'", "\u2019") and i >= 4:
        return LIKELY  # "Australia's80"
    if n < 2 or word.isupper() or (i - n > 0 and tok[i - n - 1].isalnum()):
        return None
    lw = word.lower()
    if lw in SHORT_WORDS or (n >= 3 and lex.zipf(lw) >= 3.5):
        return LIKELY
    return None


def _quote_opens(quotes: list[int], pos: int) -> bool:
    """Whether the straight double quote at ``pos`` opens (even count before it)."""
    from bisect import bisect_left

    return bisect_left(quotes, pos) % 2 == 0


def collect(para: _Para) -> None:
    """Fill ``para.cands`` with the candidates of every suspicious token."""
    text, lex = para.text, para.lex
    freq = lex.freq
    quotes = [m.start() for m in re.finditer('"', text)] if '"' in text else []
    cands = para.cands
    for m in _TOKEN.finditer(text):
        tok = m.group()
        c = _CLEAN.fullmatch(tok)
        if c is not None:
            core = c.group(1)
            if '"' not in tok or (tok.count('"') == 1 and (tok[0] == '"' or tok[-1] == '"')):
                low = core.lower()
                if low in freq and (core.islower() or core[1:].islower() or core.isupper()):
                    if _piece_ok(lex, low):
                        continue
                k = para._run_at.get(m.start() + c.start(1))
                if k is not None:
                    _add_run(para, k)
                continue
        ts = m.start()
        cands.extend(_shape_cands(para, ts, tok, quotes))
        for r in _RUN.finditer(tok):
            k = para._run_at.get(ts + r.start())
            if k is not None:
                _add_run(para, k)


def _add_run(para: _Para, k: int) -> None:
    found = _run_cands(para, k, False)
    if found:
        para._suspect_runs.add(k)
        para.cands.extend(found)


# ---------------------------------------------------------------- line grid
@dataclass
class Grid:
    width: int

    @property
    def lmin(self) -> float:
        return MIN_FILL * self.width

    def missing(self, gap: float, limit: float) -> float:
        return MISSING_PENALTY * math.ceil((gap - limit) / self.width) if gap > limit else 0.0

    def line(self, gap: int, next_len: int) -> float:
        """Penalty for a line of ``gap`` characters followed by a word of ``next_len``."""
        if gap > self.width + WIDTH_TOLERANCE:
            return self.missing(gap, self.width + WIDTH_TOLERANCE)
        if gap < self.lmin or gap + 1 + next_len < self.width - WIDTH_TOLERANCE:
            return SHORT_PENALTY  # greedy wrapping would have kept the next word here
        return 0.0

    def first(self, gap: int) -> float:
        return self.missing(gap, FIRST_LINE_SLACK * self.width)

    def last(self, gap: int) -> float:
        return self.missing(gap, self.width + WIDTH_TOLERANCE)


def estimate_grid(paras: list[_Para]) -> Grid | None:
    """The line width that the sure candidates agree on, or None if they show none."""
    gaps: list[int] = []
    for k, p in enumerate(paras):
        # a paragraph opens a line (the first one may follow a dateline or a title)
        anchors = sorted({c.pos for c in p.cands if c.score >= ANCHOR} | ({0} if k else set()))
        gaps.extend(b - a for a, b in zip(anchors, anchors[1:]))
    if len(gaps) < MIN_ANCHOR_GAPS:
        return None
    best, best_fit = 0, 0.0
    for w in range(30, 121):
        fit = 0.0
        lo = MIN_FILL * w
        for g in gaps:
            k = max(1, round(g / (w * (1 + MIN_FILL) / 2)))
            if k <= 3 and k * lo <= g <= k * w:
                fit += 1.0 / (k * k)
            else:
                fit -= 0.5
        if fit > best_fit:
            best, best_fit = w, fit
    if best_fit < MIN_ANCHOR_GAPS:
        return None
    return Grid(best)


def _viterbi(cands: list[Cand], n: int, grid: Grid) -> list[Cand]:
    """The best set of line ends: candidate scores minus the grid's penalties."""
    m = len(cands)
    best = [0.0] * m
    back = [-1] * m
    for j, c in enumerate(cands):
        b, bk = -grid.first(c.pos), -1
        for i in range(j - 1, -1, -1):
            gap = c.pos - cands[i].pos
            if gap <= 0:
                continue
            v = best[i] - grid.line(gap, c.next_len)
            if v > b:
                b, bk = v, i
            if gap > 4 * grid.width:
                break
        best[j] = b + c.score
        back[j] = bk
    end, end_v = -1, -grid.first(n)
    for j, c in enumerate(cands):
        v = best[j] - grid.last(n - c.pos)
        if v > end_v:
            end, end_v = j, v
    chosen: list[Cand] = []
    while end >= 0:
        chosen.append(cands[end])
        end = back[end]
    chosen.reverse()
    return chosen


def _decide(para: _Para, grid: Grid | None) -> list[int]:
    """Positions in the paragraph where a space is inserted."""
    chosen: set[int] = set()
    # the model alone: at most one split per letter run, the best one
    best_in_run: dict[int, Cand] = {}
    for c in para.cands:
        if c.score >= ACCEPT:
            if c.run < 0:
                chosen.add(c.pos)
            elif c.run not in best_in_run or c.score > best_in_run[c.run].score:
                best_in_run[c.run] = c
    chosen.update(c.pos for c in best_in_run.values())
    if grid is not None:
        cands = sorted(para.cands + _real_word_cands(para), key=lambda c: (c.pos, -c.score))
        dedup: list[Cand] = []
        for c in cands:
            if not dedup or dedup[-1].pos != c.pos:
                dedup.append(c)
        text = para.text
        for c in dedup:
            m = _NEXT_WORD.match(text, c.pos)
            c.next_len = m.end() - c.pos if m else 0
        chosen.update(c.pos for c in _viterbi(dedup, len(text), grid) if c.emit)
    emitters = {c.pos for c in para.cands if c.emit}
    emitters.update(c.pos for c in para.extra)
    return sorted(p for p in chosen if p in emitters)


_NEXT_WORD = re.compile(r"[^\s-]*-?")


@lru_cache(maxsize=65536)
def _word_splits(low: str) -> tuple[int, ...]:
    """Positions where known word ``low`` splits into two likely words ("along": 1)."""
    lex = lexicon()
    return tuple(
        i for i in range(1, len(low))
        if _piece_ok(lex, low[:i]) and _piece_ok(lex, low[i:])
    )


def _real_word_cands(para: _Para) -> list[Cand]:
    """Splits of known words ("along" -> "a long"), left to the line grid to decide."""
    text, lex = para.text, para.lex
    out: list[Cand] = []
    for k, (rs, re_) in enumerate(para.runs):
        if k in para._suspect_runs or re_ - rs < 2:
            continue
        run = text[rs:re_]
        if not (run.islower() or run[1:].islower()):
            continue
        low = run.lower()
        if low not in lex.freq:
            continue
        splits = _word_splits(low)
        if not splits:
            continue
        prev, nxt = para.context(k)
        unknown = _unknown(run)
        for i in splits:
            out.append(Cand(rs + i, _lm_odds(lex, low, low[:i], low[i:], prev, nxt, unknown),
                            run=k))
    para.extra = out
    return out


def glue_edits(text: str, lex: Lexicon) -> list[Edit]:
    """Insertions (offset, offset, " ") that restore spaces lost inside ``text``."""
    paras: list[tuple[int, _Para]] = []
    for m in re.finditer(r"[^\n]+", text):
        p = _Para(m.group(), lex)
        collect(p)
        paras.append((m.start(), p))
    grid = estimate_grid([p for _, p in paras])
    edits: list[Edit] = []
    for base, p in paras:
        if grid is None and not any(c.score >= ACCEPT for c in p.cands):
            continue
        edits.extend((base + pos, base + pos, " ") for pos in _settle(p, grid))
    return edits


def _settle(para: _Para, grid: Grid | None) -> list[int]:
    """Insertions for one paragraph, repeated on its result until nothing changes,
    so that repairing repaired text changes nothing."""
    chosen = set(_decide(para, grid))
    for _ in range(MAX_PASSES):
        if not chosen:
            break
        order = sorted(chosen)
        new = apply_edits(para.text, [(q, q, " ") for q in order])
        again = _Para(new, para.lex)
        collect(again)
        more = _decide(again, None) if any(c.score >= ACCEPT for c in again.cands) else []
        if not more:
            break
        for q in more:  # back to old offsets: minus the spaces inserted before q
            chosen.add(q - bisect_right([o + k + 1 for k, o in enumerate(order)], q))
    return sorted(chosen)
