"""Word statistics for the repair stage: unigram frequencies and bigram context.

Unigrams come from ``wordfreq`` (English, "large" list: 321k words, cleaned,
news among its sources). Bigram context comes from ``wordsegment``'s Google
Web Trillion Word tables (258k bigrams); without it the model falls back to
unigrams. Both load once per process, on first use.

Parsing those lists takes over a second (919k entries), so they are compiled once into
one file of marisa tries (keys) and float arrays (values, in trie order), which opens in
milliseconds; a word's value is looked up when asked for and remembered. The file sits
in the user's cache folder (``$BILAT_CACHE_DIR``, else ``$XDG_CACHE_HOME/bilat``, else
``~/.cache/bilat``) under a name keyed by a hash of the sources (the packages' files:
path, size, time; the organisation gazetteer, whose camel-case names it learns as words;
``NEWSWIRE``), so an upgrade or a new gazetteer row compiles a new one; it is
written to a temporary file and renamed, so two processes compiling at once both end
with a whole file. ``make install`` compiles it; else the first ``bilat repair`` does.
"""

from __future__ import annotations

import array
import hashlib
import importlib.util
import json
import logging
import math
import os
import re
import sys
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

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


class Table:
    """A read-only str -> float mapping over a marisa trie and its values in trie order;
    ``get`` and ``in`` as on a dict, each key looked up once and then remembered."""

    __slots__ = ("_trie", "_values", "_seen")

    def __init__(self, trie: object, values: array.array) -> None:
        self._trie = trie
        self._values = values
        self._seen: dict[str, float | None] = {}

    def get(self, key: str, default: float | None = None) -> float | None:
        try:
            v = self._seen[key]
        except KeyError:
            v = self._seen[key] = self.lookup(key)
        return default if v is None else v

    def lookup(self, key: str) -> float | None:
        """The value of ``key`` read from the trie (not remembered); None if absent."""
        i = self._trie.get(key)  # type: ignore[attr-defined]
        return None if i is None else self._values[i]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def __getitem__(self, key: str) -> float:
        v = self.get(key)
        if v is None:
            raise KeyError(key)
        return v

    def __len__(self) -> int:
        return len(self._values)

    def keys(self) -> list[str]:
        return self._trie.keys()  # type: ignore[attr-defined,no-any-return]

    def prefixes(self, key: str) -> list[str]:
        """The keys that are prefixes of ``key`` (``key`` itself included), shortest first:
        one walk down the trie."""
        return self._trie.prefixes(key)  # type: ignore[attr-defined]


Mapping = dict[str, float] | Table


class Memo(dict[str, float | None]):
    """``memo[key]``: the value of ``key`` in a table, None if absent, read once and then
    answered by the dict itself (the repair asks some 500k times per 1,000 articles, and
    a dict hit costs no Python call)."""

    __slots__ = ("_get", "_values")

    def __init__(self, table: Mapping) -> None:
        super().__init__()
        # a Table's trie and values read directly (``Table.lookup`` without its call)
        self._get, self._values = ((table._trie.get, table._values)  # type: ignore[attr-defined]
                                   if isinstance(table, Table) else (table.get, None))

    def __missing__(self, key: str) -> float | None:
        v = self._get(key)
        if v is not None and self._values is not None:
            v = self._values[v]
        self[key] = v
        return v


def pair_ends(keys: Iterable[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The words that can come first and second in a bigram of ``keys``: for each key,
    what lies before and after each of its spaces (one space in every key of the lists)."""
    heads, tails = set(), set()
    for key in keys:
        i = key.find(" ")
        while i >= 0:
            heads.add(key[:i])
            tails.add(key[i + 1:])
            i = key.find(" ", i + 1)
    return frozenset(heads), frozenset(tails)


class Lexicon:
    """Frequencies (probabilities per token) and bigram conditionals, lowercase keys.

    ``word[w]``, ``pair["a b"]`` and ``count[w]`` are the fast way to ask (a value or
    None); ``freq``, ``bigrams`` and ``counts`` are the tables themselves. ``heads`` and
    ``tails`` (``pair_ends`` of the bigrams' keys) answer most bigram questions without
    the table: two in five of those the repair asks pair a word that begins no bigram
    with one that ends none, and a miss in the trie costs more than a hit."""

    def __init__(self, freq: Mapping, bigrams: Mapping, counts: Mapping,
                 ends: tuple[frozenset[str], frozenset[str]] | None = None) -> None:
        self.freq = freq
        self.bigrams = bigrams
        self.counts = counts
        self.word = Memo(freq)
        self.pair = Memo(bigrams)
        self.count = Memo(counts)
        self.heads, self.tails = ends if ends is not None else pair_ends(
            bigrams.keys())

    def prefix_lengths(self, word: str) -> set[int] | None:
        """Lengths of the prefixes of ``word`` (itself included) that are words of ``freq``;
        None when ``freq`` cannot list them in one look-up (a plain dict)."""
        freq = self.freq
        if not isinstance(freq, Table):
            return None
        return set(map(len, freq.prefixes(word)))

    def zipf(self, word: str) -> float:
        """Zipf value (log10 per billion words) of a lowercase word; 0.0 when unknown."""
        f = self.word[word]
        return math.log10(f) + 9.0 if f else 0.0

    def prob(self, word: str, unknown: float) -> float:
        return self.word[word] or unknown

    def cond(self, word: str, prev: str | None, unknown: float) -> float:
        """P(word | prev) by stupid backoff; ``prev`` None means no usable context."""
        if prev is not None and prev in self.heads and word in self.tails:
            c = self.pair[prev + " " + word]
            if c:
                n = self.count[prev]
                if n:
                    return c / n
        return BACKOFF * (self.word[word] or unknown)


# The compiled file's layout; a change here makes every cached file stale.
# 2: the bigrams' first and last words (``pair_ends``) after the tables.
FORMAT = 2
TABLES = ("freq", "bigrams", "counts")


# The organisation gazetteer whose camel-case names the lexicon learns (known_name_words).
GAZETTEER = Path(__file__).resolve().parents[1] / "lexicon" / "data" / "organizations.tsv"


def _sources() -> list[Path]:
    """The word lists the lexicon is built from and the code that reads them (located
    without importing them; importlib.metadata alone would cost 15 ms a start)."""
    out = [GAZETTEER]
    spec = importlib.util.find_spec("wordfreq")
    if spec and spec.origin:
        out += [Path(spec.origin), Path(spec.origin).parent / "data" / "large_en.msgpack.gz"]
    spec = importlib.util.find_spec("wordsegment")
    if spec and spec.origin:
        out += [Path(spec.origin), Path(spec.origin).with_name("unigrams.txt"),
                Path(spec.origin).with_name("bigrams.txt")]
    return out


def source_key() -> str:
    """A hash of what the lexicon is built from: the packages' files and the gazetteer
    (path, size, mtime), NEWSWIRE and the file format."""
    h = hashlib.sha256(f"format {FORMAT}\n".encode())
    for p in _sources():
        st = p.stat() if p.exists() else None
        h.update(f"{p} {st.st_size if st else -1} {st.st_mtime_ns if st else -1}\n".encode())
    h.update(json.dumps(sorted(NEWSWIRE.items())).encode())
    return h.hexdigest()[:16]


def cache_dir() -> Path:
    if os.environ.get("BILAT_CACHE_DIR"):
        return Path(os.environ["BILAT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base, "bilat")


def cache_path() -> Path:
    return cache_dir() / f"repair-lexicon-{source_key()}.bin"


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


def _parse() -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
    """The word lists parsed as they ship (about a second), and the gazetteer's names."""
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
    return freq, bigrams, counts


def _encode(tables: tuple[dict[str, float], dict[str, float], dict[str, float]]) -> bytes:
    """A JSON header line (each part's length), then each table's trie and values, then
    the bigrams' first words and last words (``pair_ends``), one per line."""
    import marisa_trie

    parts: list[bytes] = []
    for table in tables:
        trie = marisa_trie.Trie(table)
        values = array.array("d", bytes(8 * len(trie)))
        for key, v in table.items():
            values[trie[key]] = v
        if sys.byteorder != "little":  # pragma: no cover - the file is little-endian
            values.byteswap()
        parts += [trie.tobytes(), values.tobytes()]
    parts += ["\n".join(sorted(words)).encode() for words in pair_ends(tables[1])]
    header = json.dumps({"format": FORMAT, "parts": [len(p) for p in parts]}).encode()
    return header + b"\n" + b"".join(parts)


def _decode(data: bytes) -> tuple[list[Table], tuple[frozenset[str], frozenset[str]]]:
    """The three tables and the bigrams' ends (``pair_ends``) of a compiled file."""
    import marisa_trie

    end = data.index(b"\n")
    header = json.loads(data[:end])
    if header.get("format") != FORMAT or len(header.get("parts", ())) != 2 * len(TABLES) + 2:
        raise ValueError("not a compiled lexicon of this format")
    pos, out = end + 1, []
    sizes = header["parts"]
    if len(data) != pos + sum(sizes):
        raise ValueError("compiled lexicon truncated")
    for i in range(0, 2 * len(TABLES), 2):
        trie = marisa_trie.Trie().frombytes(data[pos:pos + sizes[i]])
        pos += sizes[i]
        values = array.array("d")
        values.frombytes(data[pos:pos + sizes[i + 1]])
        pos += sizes[i + 1]
        if sys.byteorder != "little":  # pragma: no cover
            values.byteswap()
        if len(values) != len(trie):
            raise ValueError("compiled lexicon truncated")
        out.append(Table(trie, values))
    ends = []
    for size in sizes[-2:]:
        text = data[pos:pos + size].decode()
        pos += size
        ends.append(frozenset(text.split("\n")) if text else frozenset())
    return out, (ends[0], ends[1])


def compile_lexicon(path: Path | None = None) -> Path:
    """Parse the word lists and write the compiled file (atomically); returns its path."""
    path = path or cache_path()
    data = _encode(_parse())
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)  # mkstemp's file is private; the cache need not be
        os.replace(tmp, path)  # atomic: a reader sees the old file, none, or the whole new one
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The process-wide lexicon: the compiled file (compiled first if missing or stale);
    the word lists parsed in memory when it cannot be written or read."""
    path = cache_path()
    try:
        if not path.exists():
            compile_lexicon(path)
        (freq, bigrams, counts), ends = _decode(path.read_bytes())
    except (OSError, ValueError) as exc:
        logger.warning("compiled repair lexicon unusable (%s); parsing the word lists", exc)
        return Lexicon(*_parse())
    return Lexicon(freq, bigrams, counts, ends)
