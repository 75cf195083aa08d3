"""Word statistics for the repair stage: unigram frequencies and bigram context.

Unigrams come from ``wordfreq`` (English, "large" list: 321k words, cleaned,
news among its sources). Bigram context comes from ``wordsegment``'s Google
Web Trillion Word tables (258k bigrams); without it the model falls back to
unigrams. Both load once per process, on first use.
"""

from __future__ import annotations

import logging
import math
import re
from functools import lru_cache

logger = logging.getLogger(__name__)

# Newswire abbreviations that wordfreq ranks far below their use in wire copy
# (Reuters writes "21 billion dlrs", "40 pct", "5 mln"). Given the frequency of
# a common noun so that they count as words when glued to a neighbour.
NEWSWIRE = {
    "dlrs": 1e-5, "dlr": 1e-5, "mln": 1e-5, "bln": 1e-5, "pct": 1e-5, "cts": 3e-6,
    "vs": 1e-5, "shr": 1e-6, "qtr": 1e-6, "avg": 1e-6, "revs": 1e-6, "tonnes": 1e-5,
}

# Two-letter words common enough to stand as a piece of a glued token; any other
# two-letter piece ("ex", "li", "mc") is too likely a fragment of a name.
SHORT_WORDS = frozenset(
    "a an as at be by do go he if in is it me my no of on or so to up us we am".split()
)

# Stupid-backoff weight (Brants et al. 2007) for a word seen without its bigram.
BACKOFF = 0.4


class Lexicon:
    """Frequencies (probabilities per token) and bigram conditionals, lowercase keys."""

    def __init__(self, freq: dict[str, float], bigrams: dict[str, float],
                 counts: dict[str, float]) -> None:
        self.freq = freq
        self.bigrams = bigrams
        self.counts = counts

    def zipf(self, word: str) -> float:
        """Zipf value (log10 per billion words) of a lowercase word; 0.0 when unknown."""
        f = self.freq.get(word)
        return math.log10(f) + 9.0 if f else 0.0

    def prob(self, word: str, unknown: float) -> float:
        return self.freq.get(word) or unknown

    def cond(self, word: str, prev: str | None, unknown: float) -> float:
        """P(word | prev) by stupid backoff; ``prev`` None means no usable context."""
        if prev is not None:
            c = self.bigrams.get(prev + " " + word)
            if c:
                n = self.counts.get(prev)
                if n:
                    return c / n
        return BACKOFF * (self.freq.get(word) or unknown)


# The frequency given to a word of a known organisation's name ("UrduPoint", "PanArmenian",
# "TradeArabia"), so that the glue repair reads it as one word, not two glued ones: that of
# a common noun, like the newswire abbreviations above.
KNOWN_NAME_FREQ = 1e-5


def known_name_words() -> set[str]:
    """The lower-case letter runs of the names in bilat's organisation gazetteer that mix
    cases inside a word (the camel-case names a glue repair would split)."""
    from bilat import lexicon as known

    out = set()
    for org in known.organizations():
        for name in (org.name, *org.aliases):
            for run in re.findall(r"[^\W\d_]+", name):
                if len(run) >= 5 and any(ch.isupper() for ch in run[1:]):
                    out.add(run.lower())
    return out


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The process-wide lexicon (loaded once, about 0.4 s)."""
    import wordfreq

    freq = dict(wordfreq.get_frequency_dict("en", wordlist="large"))
    for w, f in NEWSWIRE.items():
        freq[w] = max(freq.get(w, 0.0), f)
    for w in known_name_words():
        freq[w] = max(freq.get(w, 0.0), KNOWN_NAME_FREQ)
    bigrams: dict[str, float] = {}
    counts: dict[str, float] = {}
    try:
        import wordsegment
    except ImportError:  # pragma: no cover - optional context model
        logger.warning("wordsegment not installed; repair uses unigrams only")
    else:
        if not wordsegment.BIGRAMS:
            wordsegment.load()
        bigrams = wordsegment.BIGRAMS
        counts = wordsegment.UNIGRAMS
    return Lexicon(freq, bigrams, counts)
