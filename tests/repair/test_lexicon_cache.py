"""The compiled repair lexicon: the same values as the parsed word lists, built once,
rebuilt when its sources change, safe when two processes build it at once."""

from __future__ import annotations

import multiprocessing
import random

import pytest

from bilat.repair import lexicon as lexmod


@pytest.fixture(scope="module")
def parsed():
    return lexmod._parse()


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("BILAT_CACHE_DIR", str(tmp_path))
    lexmod.lexicon.cache_clear()
    yield tmp_path
    lexmod.lexicon.cache_clear()


def test_compiled_lexicon_same_values_as_parsed(cache, parsed):
    compiled = lexmod.lexicon()
    assert isinstance(compiled.freq, lexmod.Table)
    rng = random.Random(15)
    for table, got in zip(parsed, (compiled.freq, compiled.bigrams, compiled.counts),
                          strict=True):
        assert len(got) == len(table)
        for key in rng.sample(sorted(table), 2000):
            assert got.get(key) == table[key]
            assert key in got
    for missing in ("", "zzqxv", "the quick zzqxv", "ünïcödé"):
        assert compiled.freq.get(missing) is None
        assert compiled.freq.get(missing, 0.0) == 0.0
        assert missing not in compiled.freq


def test_compiled_lexicon_written_once_then_read(cache):
    lexmod.lexicon()
    files = list(cache.glob("repair-lexicon-*.bin"))
    assert [f.name for f in files] == [lexmod.cache_path().name]
    mtime = files[0].stat().st_mtime_ns
    lexmod.lexicon.cache_clear()
    lexmod.lexicon()
    assert files[0].stat().st_mtime_ns == mtime


def test_compiled_lexicon_key_follows_sources(cache, monkeypatch):
    before = lexmod.source_key()
    monkeypatch.setitem(lexmod.NEWSWIRE, "bbl", 1e-6)
    assert lexmod.source_key() != before


def test_compiled_lexicon_damaged_file_falls_back_to_parsing(cache, parsed):
    lexmod.cache_path().parent.mkdir(parents=True, exist_ok=True)
    lexmod.cache_path().write_bytes(b'{"format": 1, "parts": [5, 5, 5, 5, 5, 5]}\nshort')
    lex = lexmod.lexicon()
    assert lex.freq.get("the") == parsed[0]["the"]


def _build(path: str) -> None:
    from pathlib import Path

    lexmod.compile_lexicon(Path(path))


def test_compiled_lexicon_two_builders_at_once(cache):
    target = cache / "both.bin"
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_build, args=(str(target),)) for _ in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    tables, _ends = lexmod._decode(target.read_bytes())
    assert tables[0].get("the") is not None
    assert not list(cache.glob("*.tmp"))


def test_pair_ends_every_split_at_a_space():
    assert lexmod.pair_ends(["of the", "new york times", "x"]) == (
        frozenset({"of", "new", "new york"}), frozenset({"the", "york times", "times"}))


def test_compiled_lexicon_pair_ends_as_parsed(cache, parsed):
    compiled = lexmod.lexicon()
    assert (compiled.heads, compiled.tails) == lexmod.pair_ends(parsed[1])


def test_cond_answers_as_the_tables_do(cache, parsed):
    # the first and last words of the bigrams answer most questions without the tables:
    # the same answers, for pairs in the table and pairs not in it
    freq, bigrams, counts = parsed
    lex = lexmod.lexicon()
    rng = random.Random(15)
    pairs = [k.split(" ") for k in rng.sample(sorted(bigrams), 3000)]
    words = rng.sample(sorted(counts), 300) + ["zzqxv", "ünïcödé", ""]
    pairs += [[rng.choice(words), rng.choice(words)] for _ in range(3000)]
    pairs += [[a, b] for a, _ in pairs[:300] for b in ("said", "zzqxv")]
    for prev, word in pairs:
        c, n = bigrams.get(prev + " " + word), counts.get(prev)
        want = c / n if c and n else lexmod.BACKOFF * (freq.get(word) or 1e-9)
        assert lex.cond(word, prev, 1e-9) == want
        assert lex.cond(word, None, 1e-9) == lexmod.BACKOFF * (freq.get(word) or 1e-9)
