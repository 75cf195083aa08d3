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
from itertools import accumulate, compress, count, repeat
from operator import add, attrgetter
from typing import NamedTuple

from bilat.repair.edits import Edit, apply_edits
from bilat.repair.lexicon import NEWSWIRE, SHORT_WORDS, Lexicon

# --- scores, log10 odds; calibrated on Reuters pairs 400-799 (the bench uses 0-399)
SURE = 6.0          # shape evidence: ",making", '"Artel"Association', "DeputyMinister"
LIKELY = 3.0        # weaker shape evidence: "in1987", "said.The", "company(MoUs)"
NAMES = 1.0         # two unknown capitalised names glued: "MirziyodYunusov"
FREE = -0.5         # a line may end after a hyphen (no space is inserted); most do not
ACCEPT = 4.5        # taken without width support, whatever the grid says
ANCHOR = 3.0        # candidates this strong reveal the line width
MIN_SCORE, MAX_SCORE = -12.0, 8.0
MAX_PASSES = 4      # re-checks of a repaired paragraph (idempotence)
# --- the line grid
SHORT_PENALTY = 2.0     # a line the next word would still have fitted on
# a line shorter than MIN_FILL * width ("Japan|can|not": a 3-character line); on
# Reuters 400-799, 2.0 -> 4.0 took FP 66 -> 36 at the same recall, 6.0 gains nothing
TOO_SHORT_PENALTY = 4.0
MISSING_PENALTY = 3.0   # each line end the decoder could not place
MIN_FILL = 0.7          # greedy wrapping: Reuters 46-63, the azernews seed 55-67
FIRST_LINE_SLACK = 1.5  # the text's first line may run long (datelines, headers)
MIN_ANCHOR_GAPS = 2     # width mode needs this many consistent anchor gaps
WIDTH_TOLERANCE = 3     # the width is estimated from the longest anchor gap, so may be short
# per character a line runs past the width (within WIDTH_TOLERANCE): the estimate is
# usually exact; Reuters 400-799: 0 -> 0.3 took FN 297 -> 290, 0.6 and more add FP
OVERFLOW_PENALTY = 0.3
# --- the language model
# probability of an unknown token, by length: long unknown lowercase tokens are
# mostly glued words; names are many, so an unknown capitalised token is likelier
UNKNOWN_LOWER = (5.0, 0.4)   # 10 ** -(5 + 0.4 * len)
UNKNOWN_NAME = (4.0, 0.35)   # 10 ** -(4 + 0.35 * len)
ACRONYM_WORD = LIKELY        # "IMFaimed", "OECDministerial"
NAME_WORD = -0.5             # "Engeringnoted": an unknown name before a known word
BRAND_ZIPF = 2.5             # a camel-case token known whole is a brand: "PayPal"

# A lowercase token that wordfreq does not know, split into two very common words,
# is taken even without line-width evidence ("Talks on tradepolicy ended."), unless
# the pieces look like a prefix or a suffix ("countertrade", "trendless"). Calibrated
# on the unknown tokens of clean Reuters text (articles 0-2999, 516k words): with both
# pieces at SOLO_ZIPF 4.5, 78 tokens split into two such words (mostly "countertrade"
# and typos such as "fundmental"), at 4.0, 253; the odds and margin below then decide.
SOLO_ZIPF = 4.5
SOLO_ODDS = 2.0     # log10 odds of the split, with context
SOLO_MARGIN = 2.0   # over any other split of the token; 1.5-3.0 equal on Reuters 400-799
PREFIXES = frozenset(
    "counter mid non pre pro post anti semi multi inter intra over under out sub super "
    "self co re un up down off cross trans extra ultra micro macro mini euro".split()
)
SUFFIXES = frozenset("less ness ship like wide able ible ward wards wise hood fold".split())

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


@dataclass(slots=True)
class Cand:
    """A place a space may go. Made some 100k times per 1,000 articles: the loops pass
    its fields by position (keywords took twice as long)."""

    pos: int        # offset in the paragraph where a space would go
    score: float
    emit: bool = True   # False for a line end after a hyphen (nothing to insert)
    run: int = -1       # index of the letter run it splits, -1 for shape candidates
    next_len: int = 0   # length of the word that would start the next line


class _Para:
    """One paragraph and its candidates. A letter run (``_RUN``) is named by its start."""

    def __init__(self, text: str, lex: Lexicon) -> None:
        self.text = text
        self.lex = lex
        self.cands: list[Cand] = []
        self.suspect: set[int] = set()  # runs that have candidates of their own
        self.extra: list[Cand] = []
        # (token start, its length, its known words that split, its context), gathered by
        # a whole-paragraph collect
        self.words: list[tuple[int, int, tuple[tuple[int, int, tuple[int, ...]], ...],
                               str | None, str | None]] | None = None

    # -- context for the language model
    def context(self, rs: int, re_: int) -> tuple[str | None, str | None]:
        """The known words before and after the run ``text[rs:re_]`` when only a space
        separates them."""
        text, word = self.text, self.lex.word
        prev = nxt = None
        if rs >= 2 and text[rs - 1] == " ":
            ps = _run_start(text, rs - 1)
            if ps < rs - 1:
                w = text[ps:rs - 1].lower()
                prev = w if word[w] is not None else None
        if text[re_:re_ + 1] == " ":
            m = _RUN.match(text, re_ + 1)
            if m is not None:
                w = m.group().lower()
                nxt = w if word[w] is not None else None
        return prev, nxt


def _is_letter(ch: str) -> bool:
    """Whether ``ch`` matches ``[^\\W\\d_]``, the letters of ``_RUN``."""
    return ch.isalpha() or (ch.isnumeric() and not ch.isdecimal())


def _run_start(text: str, end: int) -> int:
    """Start of the letter run (``_RUN``) that ends at ``end``; ``end`` if there is none."""
    j = end
    while j > 0:
        ch = text[j - 1]
        if _is_letter(ch):
            j -= 1
        elif ch in "'\u2019" and j < end and j >= 2 and _is_letter(text[j - 2]):
            j -= 1
        else:
            break
    return j


class _Pieces(dict[str, bool]):
    """``pieces[w]``: whether lowercase ``w`` is likely enough to stand as a word of its
    own, worked out once per word (a dict hit, no call, in the loops over split points)."""

    __slots__ = ("lex",)

    def __init__(self, lex: Lexicon) -> None:
        super().__init__()
        self.lex = lex

    def __missing__(self, w: str) -> bool:
        if w.endswith(("'s", "\u2019s")) and len(w) > 3:
            v = self[w[:-2]]
        else:
            n = len(w)
            f = self.lex.word[w]
            if n >= 6 and not f and w.endswith("s"):
                v = self[w[:-1]]  # plurals of rarer words: "syndications"
            elif n <= 2:
                v = w == "a" or w in SHORT_WORDS
            elif w in NEWSWIRE:
                v = True
            elif not f:
                v = False
            else:
                z = math.log10(f) + 9.0
                v = z >= (3.5 if n == 3 else 3.0 if n == 4 else 2.5 if n <= 6 else 2.0)
        self[w] = v
        return v


_PIECES: list[_Pieces] = []


def _pieces(lex: Lexicon) -> _Pieces:
    """The ``_Pieces`` of ``lex`` (one lexicon's at a time)."""
    if not _PIECES or _PIECES[0].lex is not lex:
        _PIECES[:] = [_Pieces(lex)]
    return _PIECES[0]


def _piece_ok(lex: Lexicon, w: str) -> bool:
    """Whether lowercase ``w`` is likely enough to stand as a word of its own."""
    return _pieces(lex)[w]


def _whole_log(lex: Lexicon, whole: str, prev: str | None, nxt: str | None,
               unknown: float) -> float:
    """log10 P(whole) with bigram context on both sides: the same for every split of a
    run, so computed once per run."""
    w = lex.cond(whole, prev, unknown) * (lex.cond(nxt, whole, unknown) if nxt else 1.0)
    return math.log10(w)


def _lm_odds(lex: Lexicon, whole_log: float, left: str, right: str,
             prev: str | None, nxt: str | None, unknown: float) -> float:
    """log10 P(split) / P(whole) with bigram context on both sides; ``whole_log`` is
    ``_whole_log`` of the unsplit run."""
    s = (lex.cond(left, prev, unknown) * lex.cond(right, left, unknown)
         * (lex.cond(nxt, right, unknown) if nxt else 1.0))
    return max(MIN_SCORE, min(MAX_SCORE, math.log10(s) - whole_log))


def _unknown(run: str) -> float:
    return _unknown_prob(run[0].isupper(), len(run))


@lru_cache(maxsize=256)
def _unknown_prob(name: bool, n: int) -> float:
    a, b = UNKNOWN_NAME if name else UNKNOWN_LOWER
    return 10.0 ** -(a + b * n)


def _run_cands(para: _Para, rs: int, re_: int,
               ctx: tuple[str | None, str | None] | None = None) -> list[Cand]:
    """Candidates inside the letter run ``text[rs:re_]``; ``ctx``: its context
    (``_Para.context``) if known, else None."""
    text = para.text
    run = text[rs:re_]
    key = (run, text[re_:re_ + 1] == ".")
    found = _RUNS.get(key)
    if found is not None:  # decided without context before
        return [Cand(rs + rel, score, True, -1 if sure else rs) for rel, score, sure in found]
    out, have_ctx = _run_cands_uncached(para, rs, re_, ctx)
    if not have_ctx:  # by (run, whether "." follows it)
        _RUNS[key] = tuple((c.pos - rs, c.score, c.run == -1) for c in out)
    return out


def _run_cands_uncached(para: _Para, rs: int, re_: int,
                        ctx: tuple[str | None, str | None] | None = None,
                        ) -> tuple[list[Cand], bool]:
    """Candidates inside the letter run ``text[rs:re_]``, and whether its context was read."""
    lex, text = para.lex, para.text
    ok = _pieces(lex)
    k = rs
    run = text[rs:re_]
    low = run.lower()
    n = len(run)
    if n < 2 or run.isupper():
        return [], False
    known_whole = lex.word[low] is not None
    known = known_whole and ok[low]
    normal_case = run.islower() or run[1:].islower()
    if known and normal_case:
        return [], False
    out: list[Cand] = []
    names: list[tuple[float, Cand]] = []
    prev = nxt = None
    whole_log = 0.0
    have_ctx = False
    unknown = _unknown(run)
    whole_zipf = lex.zipf(low)
    solo: list[Cand] = []
    # all lowercase ASCII letters ("ministersaid"): of the cases below only the last can
    # apply, so only it is tried (the same candidates, fewer tests per split point)
    plain = run.isascii() and run.isalpha() and run.islower()
    # A piece can stand as a word (``_Pieces``) only when it is one of the lexicon's
    # (the newswire abbreviations are), has at most two letters, or ends in "s" after
    # three letters or more (a plural, a possessive): the words among the run's
    # prefixes come from one walk down the trie, and the other left pieces of a plain
    # run are not looked up at all (most are not words, and many are new).
    words = lex.prefix_lengths(run) if plain else None
    for i in range(1, n):
        if plain:
            if words is not None and i > 2 and i not in words and run[i - 1] != "s":
                continue
            ll = run[:i]
            if not ok[ll]:
                continue
            rl = run[i:]
            if not ok[rl]:
                continue
        else:
            a, b = run[i - 1], run[i]
            left, right = run[:i], run[i:]
            if a in "'\u2019":
                # "Express'worldwide": a plural possessive glued to the next word
                if (left[-2:-1] == "s" and len(right) >= 3 and right.islower()
                        and ok[right]):
                    out.append(Cand(rs + i, LIKELY, True, k))
                continue
            if b in "'\u2019" or not (a.isalpha() and b.isalpha()):
                continue
            if a.islower() and b.isupper():
                j = i - 1  # the word before the capital starts after the previous camel hump
                while j > 0 and not (run[j].isupper() and run[j - 1].islower()):
                    j -= 1
                left = run[j:i]
                ll = left.lower()
                if ok[ll] and ll not in NAME_PREFIXES and (
                    left.islower() or left[1:].islower()
                ):
                    score = SURE
                    if len(right) == 1 and text[re_:re_ + 1] == "." and left.islower():
                        pass  # "theU.S.", "ofU.N.": a word before an abbreviation
                    elif whole_zipf > 0 or lex.zipf(ll) < 3.0:
                        # "PayPal", "PetroChina" known whole: the model decides; "NewYork" splits
                        rl = right.lower()
                        if not ok[rl]:
                            if (whole_zipf < BRAND_ZIPF and left[0].isupper() and len(right) >= 3
                                    and right[1:].islower()):
                                # "GustavoPetricioli": a known name before an unknown one
                                out.append(Cand(rs + i, NAMES, True, k))
                            continue
                        if not have_ctx:
                            prev, nxt = ctx or para.context(rs, re_)
                            whole_log = _whole_log(lex, low, prev, nxt, unknown)
                            have_ctx = True
                        score = _lm_odds(lex, whole_log, ll, rl, prev, nxt, unknown)
                        if score < 1.0:
                            # "UnitedStates", "PaineWebber": the line grid decides
                            out.append(Cand(rs + i, score, True, k))
                            continue
                        score = max(score, LIKELY)
                    # shape evidence, independent of other splits in the run ("DeputyMinisterOf")
                    out.append(Cand(rs + i, score, True, -1 if score == SURE else k))
                    continue
                if whole_zipf >= BRAND_ZIPF:
                    continue
                elif (left[0].isupper() and left[1:].islower() and len(left) >= 3
                      and len(right) >= 3 and right[1:].islower()):
                    out.append(Cand(rs + i, NAMES, True, k))
                continue
            if b.isupper():
                # "NATOSecretary": an acronym glued to a capitalised word
                if (left.isupper() and len(left) >= 2 and right[1:].islower() and len(right) > 1
                        and whole_zipf < BRAND_ZIPF and ok[left.lower()]
                        and ok[right.lower()]):
                    out.append(Cand(rs + i, LIKELY, True, k))
                continue
            if not right.islower():
                continue
            ll, rl = left.lower(), right.lower()
            if left.isupper() and len(left) >= 2 and len(right) >= 3 and whole_zipf < BRAND_ZIPF:
                if ok[rl]:
                    out.append(Cand(rs + i, ACRONYM_WORD, True, k))
                continue
            if not (left.islower() or left[1:].islower() or left == "I"):
                continue
            if not ok[rl]:
                continue
            if not ok[ll]:
                # an unknown name, or a rare known one of 5+ letters ("Sumitasaid", not "Azernews")
                if (left[0].isupper() and len(left) >= (4 if lex.word[ll] is None else 5)
                        and len(right) >= 3 and left.isalpha()
                        and left[1:].islower() and whole_zipf < BRAND_ZIPF):
                    names.append((lex.word[rl] or 0.0, Cand(rs + i, NAME_WORD, True, k)))
                continue
        if not have_ctx:
            prev, nxt = ctx or para.context(rs, re_)
            whole_log = _whole_log(lex, low, prev, nxt, unknown)
            have_ctx = True
        cand = Cand(rs + i, _lm_odds(lex, whole_log, ll, rl, prev, nxt, unknown), True, k)
        out.append(cand)
        if (ACCEPT > cand.score >= SOLO_ODDS and not known_whole and run.islower()
                and len(ll) >= 3 and len(rl) >= 3 and ll not in PREFIXES
                and rl not in SUFFIXES and lex.zipf(ll) >= SOLO_ZIPF
                and lex.zipf(rl) >= SOLO_ZIPF):
            solo.append(cand)
    if names and not out:
        # only when no split into known words exists; the likeliest word after the name
        out.append(max(names, key=lambda x: x[0])[1])
    if solo:
        # "ministersaid", "tradepolicy": no line width needed, if no other split
        # comes close ("aresolution": "a resolution" or "are solution")
        best = max(solo, key=lambda c: c.score)
        if all(best.score - c.score >= SOLO_MARGIN for c in out if c is not best):
            best.score = ACCEPT
    return out, have_ctx


def _shape_cands(lex: Lexicon, ts: int, tok: str, quotes: list[int]) -> list[Cand]:
    """Candidates at non-letter boundaries of token ``tok`` starting at ``ts``."""
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


class _Token(NamedTuple):
    """What ``collect`` needs to know about a token, whatever its position (a named
    tuple: made for every distinct token, where a frozen dataclass took longer)."""

    skip: bool                  # a plain known word: no candidates of its own
    shape: tuple[tuple[int, float, bool], ...] | None  # (offset, score, emit); None: redo
    runs: tuple[tuple[int, int], ...]   # letter runs to examine, offsets in the token
    words: tuple[tuple[int, int, tuple[int, ...]], ...]  # known words that split: _words
    head: str | None    # the known word (lowercase) the token starts with, as context
    tail: str | None    # the known word (lowercase) the token ends with, as context


# Per-process caches of position-free facts: tokens, letter runs decided without
# context, and known words in a context recur across articles. Bound to one lexicon;
# emptied when full.
_TOKENS: dict[str, _Token] = {}
# whether ``collect`` has anything to do with a token: it has candidates of its own or
# known words that split (most tokens, plain known words, have neither)
_BUSY: dict[str, bool] = {}
_RUNS: dict[tuple[str, bool], tuple[tuple[int, float, bool], ...]] = {}
# known words that split ("along"), by (word, its context): the scores of their splits
_REAL: dict[tuple[str, tuple[str | None, str | None]], tuple[float, ...]] = {}
_CACHE_LEX: list[Lexicon] = []
MAX_CACHED = 200_000  # entries per cache; a news article has some 300 distinct tokens


def _bind_caches(lex: Lexicon) -> None:
    if not _CACHE_LEX or _CACHE_LEX[0] is not lex:
        _CACHE_LEX[:] = [lex]
        _TOKENS.clear()
        _BUSY.clear()
        _RUNS.clear()
        _REAL.clear()
    if len(_TOKENS) >= MAX_CACHED:
        _BUSY.clear()  # it names only tokens of _TOKENS
    for cache in (_TOKENS, _RUNS, _REAL, _pieces(lex)):
        if len(cache) >= MAX_CACHED:
            cache.clear()


def _words(lex: Lexicon, tok: str, spans: tuple[tuple[int, int], ...],
           ) -> tuple[tuple[int, int, tuple[int, ...]], ...]:
    """Known words in ``tok`` that split into two likely words ("along"), with the splits;
    ``spans`` are the token's letter runs (``_RUN``)."""
    words = []
    for a, b in spans:
        run = tok[a:b]
        if len(run) >= 2 and (run.islower() or run[1:].islower()):
            low = run.lower()
            if lex.word[low] is not None:
                splits = _word_splits(lex, low)
                if splits:
                    words.append((a, b, splits))
    return tuple(words)


def _token(lex: Lexicon, tok: str) -> _Token:
    """The position-free facts about ``tok``."""
    word, ok = lex.word, _pieces(lex)
    skip = False
    shape: tuple[tuple[int, float, bool], ...] | None = ()
    runs: tuple[tuple[int, int], ...]
    c = _CLEAN.fullmatch(tok)
    if c is not None:
        # one letter run, the core, between what is not letters: it is the token's
        # head if nothing comes before it, its tail if nothing comes after it
        core = c.group(1)
        low = core.lower()
        known = word[low] is not None
        head = low if known and c.start(1) == 0 else None
        tail = low if known and c.end(1) == len(tok) else None
    else:
        m = _RUN.match(tok)
        head = m.group().lower() if m is not None else None
        if head is not None and word[head] is None:
            head = None
        j = _run_start(tok, len(tok))
        tail = tok[j:].lower() if j < len(tok) else None
        if tail is not None and word[tail] is None:
            tail = None
    if c is not None and (
        '"' not in tok or (tok.count('"') == 1 and (tok[0] == '"' or tok[-1] == '"'))
    ):
        skip = (known and (core.islower() or core[1:].islower() or core.isupper())
                and ok[low])
        runs = () if skip else ((c.start(1), c.end(1)),)
    else:
        runs = tuple((r.start(), r.end()) for r in _RUN.finditer(tok))
        if '"' in tok:
            shape = None  # depends on the quotes around it
        else:
            shape = tuple((c.pos, c.score, c.emit) for c in _shape_cands(lex, 0, tok, []))
    # a token _CLEAN matches has one letter run, its core (the rest is not letters)
    info = _Token(skip, shape, runs,
                  _words(lex, tok, runs if c is None else ((c.start(1), c.end(1)),)),
                  head, tail)
    _TOKENS[tok] = info
    _BUSY[tok] = not skip or bool(info.words)
    return info


def collect(para: _Para, spans: list[tuple[int, int]] | None = None) -> None:
    """Fill ``para.cands`` with the candidates of every suspicious token, or of the
    tokens inside ``spans`` (pairs of a token start and a token end)."""
    text, lex = para.text, para.lex
    quotes = [m.start() for m in re.finditer('"', text)] if '"' in text else []
    para.words = [] if spans is None else None
    tokens = _TOKENS  # bound to ``lex`` by ``glue_edits`` (``_bind_caches``)
    toks = text.split() if spans is None else None
    if toks is not None and " ".join(toks) == text:
        # one space between tokens (a paragraph as layout leaves it): a token's offset
        # follows from the lengths before it, the tokens beside it give its context,
        # and the tokens with nothing to do are passed over without a Python step
        starts = list(map(add, accumulate(map(len, toks), initial=0), count()))
        last = len(toks) - 1
        for k in compress(count(), map(_BUSY.get, toks, repeat(True))):
            tok = toks[k]
            info = tokens.get(tok) or _token(lex, tok)
            before = after = None
            if k:
                t = toks[k - 1]
                before = (tokens.get(t) or _token(lex, t)).tail
            if k < last:
                t = toks[k + 1]
                after = (tokens.get(t) or _token(lex, t)).head
            _visit(para, tok, info, starts[k], quotes, (before, after))
        return
    matches = (_TOKEN.finditer(text) if spans is None else
               (m for a, b in spans for m in _TOKEN.finditer(text, a, b)))
    for m in matches:
        tok = m.group()
        info = tokens.get(tok) or _token(lex, tok)
        if not info.skip or (info.words and spans is None):
            _visit(para, tok, info, m.start(), quotes, None)


def _visit(para: _Para, tok: str, info: _Token, ts: int, quotes: list[int],
           near: tuple[str | None, str | None] | None) -> None:
    """The candidates of token ``tok`` at ``ts``, and its known words that split;
    ``near`` is the context the tokens beside it give (``_Para.context`` of the token),
    None to work it out from the text."""
    words = para.words
    if info.words and words is not None:
        prev, nxt = near if near is not None else para.context(ts, ts + len(tok))
        words.append((ts, len(tok), info.words, prev, nxt))
    if info.skip:
        return
    lex, cands = para.lex, para.cands
    if info.shape is None:
        cands.extend(_shape_cands(lex, ts, tok, quotes))
    elif info.shape:
        cands += [Cand(ts + rel, score, emit) for rel, score, emit in info.shape]
    for rs, re_ in info.runs:
        # only a run at the token's edge has a neighbour's word as context
        ctx = None if near is None else (near[0] if rs == 0 else None,
                                          near[1] if re_ == len(tok) else None)
        found = _run_cands(para, ts + rs, ts + re_, ctx)
        if found:
            para.suspect.add(ts + rs)
            cands.extend(found)


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
        if gap < self.lmin:
            return TOO_SHORT_PENALTY
        if gap + 1 + next_len < self.width - WIDTH_TOLERANCE:
            return SHORT_PENALTY  # greedy wrapping would have kept the next word here
        return OVERFLOW_PENALTY * (gap - self.width) if gap > self.width else 0.0

    def first(self, gap: int, opens_text: bool) -> float:
        """Penalty for a paragraph's first line; only the text's first may run long."""
        if opens_text:
            return self.missing(gap, FIRST_LINE_SLACK * self.width)
        return self.last(gap)

    def last(self, gap: int) -> float:
        if gap > self.width + WIDTH_TOLERANCE:
            return self.missing(gap, self.width + WIDTH_TOLERANCE)
        return OVERFLOW_PENALTY * (gap - self.width) if gap > self.width else 0.0

    # The decoder asks for these penalties some 200k times per 1,000 articles: it reads
    # them from tables of ``line`` and ``last``, worked out once per width (and length
    # of the next word), for the gaps it asks most about.
    def lines(self, next_len: int) -> tuple[float, ...]:
        """``line(gap, next_len)`` for every gap up to ``LOOK_BACK`` lines' width."""
        return _line_row(self.width, next_len)

    def lasts(self) -> tuple[float, ...]:
        """``last(gap)`` for every gap up to ``LAST_ROW``."""
        return _last_row(self.width)


LOOK_BACK = 4  # the decoder looks back over at most this many lines' width
LAST_ROW = 2048


@lru_cache(maxsize=1024)
def _line_row(width: int, next_len: int) -> tuple[float, ...]:
    grid = Grid(width)
    return tuple(grid.line(gap, next_len) for gap in range(LOOK_BACK * width + 1))


@lru_cache(maxsize=64)
def _last_row(width: int) -> tuple[float, ...]:
    grid = Grid(width)
    return tuple(grid.last(gap) for gap in range(LAST_ROW))


def estimate_grid(paras: list[_Para]) -> Grid | None:
    """The line width that the sure candidates agree on, or None if they show none."""
    gaps: list[int] = []
    for k, p in enumerate(paras):
        # a paragraph opens a line (the first one may follow a dateline or a title)
        anchors = sorted({c.pos for c in p.cands if c.score >= ANCHOR} | ({0} if k else set()))
        gaps.extend(b - a for a, b in zip(anchors, anchors[1:], strict=False))
    if len(gaps) < MIN_ANCHOR_GAPS:
        return None
    # a width needs room for the lines its gaps stand for: MIN_ANCHOR_GAPS gaps are that
    # many + 1 lines of at least MIN_FILL of it (in a 45-character scrap two gaps of 21
    # are no lines of 30)
    widest = sum(len(p.text) for p in paras) / ((MIN_ANCHOR_GAPS + 1) * MIN_FILL)
    best, best_fit = 0, 0.0
    for w, fit in zip(_WIDTHS, map(sum, zip(*map(_gap_fit, gaps)))):
        if fit > best_fit and w <= widest:
            best, best_fit = w, fit
    if best_fit < MIN_ANCHOR_GAPS:
        return None
    return Grid(best)


def _grid_after(paras: list[tuple[int, _Para]], inserted: list[int]) -> Grid | None:
    """The grid the sure candidates would show once the ``inserted`` spaces (sorted text
    offsets) are in: the paragraphs that get spaces are read again whole (a space changes
    the tokens around it: "0sHE" standing alone is a number glued to a word)."""
    after = []
    for base, p in paras:
        mine = [q - base for q in inserted if base <= q <= base + len(p.text)]
        if mine:
            p = _Para(apply_edits(p.text, [(q, q, " ") for q in mine]), p.lex)
            collect(p)
        after.append(p)
    return estimate_grid(after)


def _before_insertions(inserted: list[int], new: list[int]) -> set[int]:
    """Offsets ``new`` in a text with spaces put in at ``inserted`` (sorted offsets of the
    text before), taken back to the text before: minus the spaces inserted before each."""
    shifted = [o + k + 1 for k, o in enumerate(inserted)]
    return {q - bisect_right(shifted, q) for q in new}


_WIDTHS = range(30, 121)  # line widths considered


@lru_cache(maxsize=4096)
def _gap_fit(g: int) -> tuple[float, ...]:
    """How well a gap of ``g`` characters between anchors fits each width of ``_WIDTHS``:
    1/k² if it spans k lines (k <= 3) of that width, else -0.5."""
    out = []
    for w in _WIDTHS:
        k = max(1, round(g / (w * (1 + MIN_FILL) / 2)))
        out.append(1.0 / (k * k) if k <= 3 and k * MIN_FILL * w <= g <= k * w else -0.5)
    return tuple(out)


def _viterbi(cands: list[Cand], n: int, grid: Grid, opens_text: bool) -> list[Cand]:
    """The best set of line ends: candidate scores minus the grid's penalties."""
    m = len(cands)
    best = [0.0] * m
    back = [-1] * m
    pos = [c.pos for c in cands]
    far = LOOK_BACK * grid.width
    lasts = grid.lasts()
    for j, c in enumerate(cands):
        p = pos[j]
        if opens_text:
            b = -grid.first(p, opens_text)
        else:  # grid.first(p, False) is grid.last(p)
            b = -(lasts[p] if p < LAST_ROW else grid.last(p))
        bk = -1
        lines = grid.lines(c.next_len)
        for i in range(j - 1, -1, -1):
            gap = p - pos[i]
            if gap <= 0:
                continue
            v = best[i] - (lines[gap] if gap <= far else grid.line(gap, c.next_len))
            if v > b:
                b, bk = v, i
            if gap > far:
                break
        best[j] = b + c.score
        back[j] = bk
    end, end_v = -1, -grid.first(n, opens_text)
    for j in range(m):
        gap = n - pos[j]
        v = best[j] - (lasts[gap] if gap < LAST_ROW else grid.last(gap))
        if v > end_v:
            end, end_v = j, v
    chosen: list[Cand] = []
    while end >= 0:
        chosen.append(cands[end])
        end = back[end]
    chosen.reverse()
    return chosen


def _decide(para: _Para, grid: Grid | None, opens_text: bool = True) -> list[int]:
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
        # by position, the best first at each (equal scores in the order found), and of
        # each position the first: sorted twice and kept by a dict, with no Python step
        # per candidate (the last value of a key stays, its first place in the order)
        cands = para.cands + _real_word_cands(para)
        cands.sort(key=_SCORE, reverse=True)
        cands.sort(key=_POS)
        cands.reverse()
        dedup = list(dict(zip(map(_POS, cands), cands, strict=True)).values())
        dedup.reverse()
        text = para.text
        for c in dedup:
            m = _NEXT_WORD.match(text, c.pos)
            c.next_len = m.end() - c.pos if m else 0
        chosen.update(c.pos for c in _viterbi(dedup, len(text), grid, opens_text) if c.emit)
    emitters = {c.pos for c in para.cands if c.emit}
    emitters.update(c.pos for c in para.extra)
    return sorted(p for p in chosen if p in emitters)


_NEXT_WORD = re.compile(r"[^\s-]*-?")
_POS = attrgetter("pos")
_SCORE = attrgetter("score")


@lru_cache(maxsize=65536)
def _word_splits(lex: Lexicon, low: str) -> tuple[int, ...]:
    """Positions where known word ``low`` splits into two likely words ("along": 1)."""
    ok = _pieces(lex)
    return tuple(
        i for i in range(1, len(low))
        if ok[low[:i]] and ok[low[i:]]
    )


def _real_word_cands(para: _Para) -> list[Cand]:
    """Splits of known words ("along" -> "a long"), left to the line grid to decide."""
    text, lex = para.text, para.lex
    out: list[Cand] = []
    found = para.words
    if found is None:  # collected in spans only: look at every token
        found = []
        for m in _TOKEN.finditer(text):
            words = (_TOKENS.get(m.group()) or _token(lex, m.group())).words
            if words:
                found.append((m.start(), m.end() - m.start(), words,
                              *para.context(m.start(), m.end())))
    for ts, tlen, words, before, after in found:
        for r0, r1, splits in words:
            rs, re_ = ts + r0, ts + r1
            if rs in para.suspect:
                continue
            run = text[rs:re_]
            # the token's context is the word's if the word is at the token's edge
            ctx = (before if r0 == 0 else None, after if r1 == tlen else None)
            key = (run, ctx)
            scores = _REAL.get(key)
            if scores is None:  # the same word in the same context scores the same
                low = run.lower()
                prev, nxt = ctx
                unknown = _unknown(run)
                whole_log = _whole_log(lex, low, prev, nxt, unknown)
                scores = _REAL[key] = tuple(
                    _lm_odds(lex, whole_log, low[:i], low[i:], prev, nxt, unknown)
                    for i in splits)
            out += [Cand(rs + i, score, True, rs)
                    for i, score in zip(splits, scores, strict=True)]
    para.extra = out
    return out


def glue_edits(text: str, lex: Lexicon, depth: int = 0) -> list[Edit]:
    """Insertions (offset, offset, " ") that restore spaces lost inside ``text``."""
    _bind_caches(lex)  # once per text: every collect below reads the caches of ``lex``
    paras: list[tuple[int, _Para]] = []
    for m in re.finditer(r"[^\n]+", text):
        p = _Para(m.group(), lex)
        collect(p)
        paras.append((m.start(), p))
    grid = estimate_grid([p for _, p in paras])
    edits: list[Edit] = []
    for k, (base, p) in enumerate(paras):
        if grid is None and not any(c.score >= ACCEPT for c in p.cands):
            continue
        edits.extend((base + pos, base + pos, " ") for pos in _settle(p, grid, k == 0))
    if grid is None and edits and depth < MAX_PASSES:
        order = [q for q, _, _ in edits]
        if _grid_after(paras, order) is not None:
            # the spaces put in line up the sure candidates left over: a width shows
            # that did not before, and repairing the result would use it; so use it now
            more = glue_edits(apply_edits(text, edits), lex, depth + 1)
            back = _before_insertions(order, [q for q, _, _ in more])
            edits = [(q, q, " ") for q in sorted(set(order) | back)]
    return edits


# whitespace, a token, whitespace, a token: read forwards from a space to the end of the
# second token after it, and in the reversed text back to the start of the second before
_TWO_TOKENS = re.compile(r"\s*\S*\s*\S*")


def _near(text: str, spaces: list[int]) -> list[tuple[int, int]]:
    """Spans of ``text`` from two tokens before to two tokens after each of ``spaces``
    (offsets of whitespace characters), merged where they overlap."""
    spans: list[tuple[int, int]] = []
    n = len(text)
    back = text[::-1]  # text[i] is back[n - 1 - i]
    for q in spaces:
        a = q - (_TWO_TOKENS.match(back, n - q).end() - (n - q))
        b = _TWO_TOKENS.match(text, q + 1).end()
        if spans and a <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(b, spans[-1][1]))
        else:
            spans.append((a, b))
    return spans


def _settle(para: _Para, grid: Grid | None, opens_text: bool) -> list[int]:
    """Insertions for one paragraph, repeated on its result until nothing changes,
    so that repairing repaired text changes nothing."""
    chosen = set(_decide(para, grid, opens_text))
    for _ in range(MAX_PASSES):
        if not chosen:
            break
        order = sorted(chosen)
        new = apply_edits(para.text, [(q, q, " ") for q in order])
        again = _Para(new, para.lex)
        # only the tokens next to an inserted space, and their neighbours (whose
        # context changed), can have changed; the others were decided already
        collect(again, _near(new, [q + k for k, q in enumerate(order)]))
        more = _decide(again, None) if any(c.score >= ACCEPT for c in again.cands) else []
        if not more:
            break
        chosen |= _before_insertions(order, more)
    return sorted(chosen)
