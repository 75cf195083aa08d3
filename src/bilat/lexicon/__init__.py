"""What bilat knows before it reads: countries, organisations, people, sectors, event types.

Not a pipeline stage: the data every stage may consult. Country names come from pycountry
(kept current by its maintainers) and are completed by the hand-written tables in
``data/``; each table says in its header how it was made.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

# ISO codes whose common English name is also a frequent non-country word or a
# U.S. state in our corpora; matched only through the hand table's names.
_AMBIGUOUS_PYCOUNTRY_NAMES = {"Jersey", "Georgia", "Chad", "Niger", "Guinea", "Jordan", "Turkey",
                              "Dominica", "Man", "Congo", "Mali"}

# The country code a name meant before the date: "Russia" and "Moscow" in 1987 news
# speak for the Soviet Union; "Georgia" then means the U.S. state (dropped: None).
HISTORIC_BEFORE = {
    "RUS": ("1991-12-26", "SUN"),
    "UKR": ("1991-08-24", "SUN"),
    "GEO": ("1991-04-09", None),
    "KAZ": ("1991-12-16", "SUN"),
    "UZB": ("1991-08-31", "SUN"),
}


# States that no longer exist, and the day they ended: in a story written after it, a
# mention of one ("ex-Soviet republics", "the former Yugoslavia") is history, not a party.
ENDED = {"SUN": "1991-12-26", "DDR": "1990-10-03", "YUG": "2003-02-04", "CSK": "1992-12-31"}


def ended_before(code: str, date: str | None) -> bool:
    """Whether the state ``code`` had ceased to exist by ``date`` (ISO)."""
    end = ENDED.get(code)
    return bool(end and date and date[:10] > end)


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]


@dataclass(frozen=True)
class KnownOrg:
    name: str
    aliases: tuple[str, ...]
    sector: str
    country: str | None
    kind: str  # igo, media, org
    isic: str | None = None  # ISIC Rev.4 section of a company
    source: str = ""  # a URL or "general knowledge"


@dataclass(frozen=True)
class KnownPerson:
    name: str
    country: str
    title: str
    start: str
    end: str
    aliases: tuple[str, ...] = ()

    def in_office(self, date: str | None) -> bool:
        """Whether ``date`` (ISO) falls in the period the table gives; no date: yes."""
        if not date:
            return True
        day = date[:10]
        return not ((self.start and day < self.start) or (self.end and day > self.end))


@dataclass(frozen=True)
class SectorTerm:
    term: str
    codes: tuple[str, ...]
    context: str | None


@dataclass(frozen=True)
class EventType:
    type: str
    quad_class: str
    cameo: str
    modes: tuple[str, ...] = field(default_factory=tuple)


def _text(name: str) -> str:
    return resources.files("bilat.lexicon").joinpath("data", *name.split("/")).read_text("utf-8")


def _rows(name: str) -> list[list[str]]:
    text = _text(name)
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return [row for row in csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


def _split(cell: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in cell.split("|") if x.strip())


@cache
def countries() -> dict[str, Country]:
    """Every country bilat can name, by ISO 3166 alpha-3 (historic ones by ISO 3166-3)."""
    import pycountry  # imported when the table is first built: 20 ms that --help needs not

    names: dict[str, list[str]] = {}
    display: dict[str, str] = {}
    for c in pycountry.countries:
        code = c.alpha_3
        common = getattr(c, "common_name", None) or c.name
        display[code] = common
        for n in (c.name, common, getattr(c, "official_name", None)):
            if n and "," not in n and n not in _AMBIGUOUS_PYCOUNTRY_NAMES:
                names.setdefault(code, []).append(n)
    demonyms: dict[str, tuple[str, ...]] = {}
    capitals: dict[str, tuple[str, ...]] = {}
    for row in _rows("countries.tsv"):
        row += [""] * (4 - len(row))
        code, extra, dem, cap = row[:4]
        extra_names = _split(extra)
        names.setdefault(code, [])
        names[code] = list(extra_names) + names[code]
        display.setdefault(code, extra_names[0] if extra_names else code)
        demonyms[code] = _split(dem)
        capitals[code] = _split(cap)
    display.update({"SUN": "Soviet Union", "DDR": "East Germany", "YUG": "Yugoslavia",
                    "CSK": "Czechoslovakia", "USA": "United States", "GBR": "United Kingdom",
                    "RUS": "Russia", "KOR": "South Korea", "PRK": "North Korea", "IRN": "Iran",
                    "TWN": "Taiwan", "VNM": "Vietnam", "SYR": "Syria", "MDA": "Moldova",
                    "BOL": "Bolivia", "VEN": "Venezuela", "TZA": "Tanzania", "LAO": "Laos"})
    out = {}
    for code, ns in names.items():
        seen = list(dict.fromkeys(ns))
        out[code] = Country(code, display.get(code, seen[0] if seen else code), tuple(seen),
                            demonyms.get(code, ()), capitals.get(code, ()))
    return out


def country_at(code: str | None, date: str | None) -> str | None:
    """The code a country name stood for on ``date`` (ISO), e.g. Russia in 1987 → SUN."""
    if code is None or not date:
        return code
    rule = HISTORIC_BEFORE.get(code)
    if rule and date[:10] < rule[0]:
        return rule[1]
    return code


def country_name(code: str) -> str:
    c = countries().get(code)
    return c.name if c else code


@cache
def organizations() -> tuple[KnownOrg, ...]:
    out = []
    for row in _rows("organizations.tsv"):
        row += [""] * (7 - len(row))
        name, aliases, sector, country, kind, isic, source = row[:7]
        out.append(KnownOrg(name, _split(aliases), sector, country or None, kind or "org",
                            isic or None, source))
    return tuple(out)


@cache
def people() -> tuple[KnownPerson, ...]:
    out = []
    for row in _rows("people.tsv"):
        row += [""] * (6 - len(row))
        out.append(KnownPerson(*row[:5], aliases=_split(row[5])))
    return tuple(out)


@cache
def _org_country_cues() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {"suffix": {}, "ticker": {}, "word": {}, "prefix": {}}
    for row in _rows("org_countries.tsv"):
        kind, cue, code = row[:3]
        out[kind][cue] = code
    return out


def company_suffixes() -> dict[str, str]:
    """Legal forms used in one country only ("SAS" → FRA, "GmbH" → DEU), as written."""
    return _org_country_cues()["suffix"]


def ticker_exchanges() -> dict[str, str]:
    """Reuters instrument-code exchange suffixes ("T" in "<RICT.T>" → JPN)."""
    return _org_country_cues()["ticker"]


def name_prefixes() -> dict[str, str]:
    """Beginnings of one-word names of a country's bodies and companies, glued to the rest
    ("Uzbek" in "Uzbekneftegaz" → UZB, "Kaz" in "KazMunayGas" → KAZ)."""
    return _org_country_cues()["prefix"]


def name_words() -> dict[str, str]:
    """Words in a company's name that give its country ("Nippon" → JPN)."""
    return _org_country_cues()["word"]


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """``text`` without accents: "Erdoğan" → "Erdogan", "Čaputová" → "Caputova"."""
    if text.isascii():
        return text  # NFKD leaves ASCII as it is, and it has no combining marks
    decomposed = unicodedata.normalize("NFKD", text)
    # the combining marks among the text's distinct characters, deleted in one pass
    marks = {ord(ch): None for ch in set(decomposed) if unicodedata.combining(ch)}
    return decomposed.translate(marks).replace("ı", "i")


@cache
def sector_terms() -> tuple[SectorTerm, ...]:
    out = []
    for row in _rows("sectors.tsv"):
        row += [""] * (3 - len(row))
        out.append(SectorTerm(row[0].lower(), _split(row[1]), row[2] or None))
    return tuple(out)


@cache
def isic_titles() -> dict[str, str]:
    return {row[0]: row[3] for row in _rows("isic4.tsv")[1:]}


@cache
def event_types() -> dict[str, EventType]:
    out = {}
    for row in _rows("event_types.tsv")[1:]:
        row += [""] * (6 - len(row))
        cameo = row[2].split()[0].split(",")[0]
        out[row[0]] = EventType(row[0], row[1], cameo, _split(row[4].replace(",", "|")))
    return out


@cache
def publishers() -> tuple[tuple[str, str, bool], ...]:
    """(cue, country, own release) of the publishers bilat recognises by their source field
    (``entities/publishers.tsv``)."""
    return tuple((cue.lower(), code, own == "own") for cue, code, own, *_ in
                 _rows("entities/publishers.tsv"))


def publisher(source: str | None) -> tuple[str | None, bool]:
    """(country code, own release) of a publisher named in ``source``; (None, False) if unknown."""
    low = (source or "").lower()
    for cue, code, own in publishers():
        if re.search(r"(?<![a-z0-9])" + re.escape(cue) + r"(?![a-z0-9])", low):
            return code, own
    return None, False


@cache
def people_names() -> tuple[tuple[KnownPerson, frozenset[str], str], ...]:
    """Each known person with the accent-folded forms of their names and their surname,
    computed once for the name lookups of every article."""
    out = []
    for p in people():
        full = frozenset(fold(n) for n in (p.name, *p.aliases))
        parts = fold(p.name).split()
        out.append((p, full, parts[-1] if parts else ""))
    return tuple(out)


# --- event rules: data read by bilat.extract.rules and bilat.extract.modality


@cache
def word_sets() -> dict[str, frozenset[str]]:
    """The named word sets of the event rules (``events/words.tsv``, ``events/modality.tsv``),
    referred to as ``@name`` in rule files."""
    return named_word_sets("events/words.tsv", "events/modality.tsv")


def named_word_sets(*names: str) -> dict[str, frozenset[str]]:
    """Word sets kept as rows ``name <TAB> words separated by | <TAB> note`` in the data
    files ``names`` (lower case), each set defined once across them."""
    return {k: frozenset(v) for k, v in named_word_lists(*names).items()}


def named_word_lists(*names: str) -> dict[str, tuple[str, ...]]:
    """As :func:`named_word_sets`, each list's words in file order."""
    out: dict[str, tuple[str, ...]] = {}
    for name in names:
        for row in _rows(name):
            if len(row) < 2:
                raise ValueError(f"lexicon/data/{name}: the row {row[0][:60]!r} has no words; "
                                 "each row is: name <TAB> words separated by | <TAB> note")
            if row[0] in out:
                raise ValueError(f"lexicon/data/{name}: the word set {row[0]!r} is defined "
                                 "twice; merge the two rows (one place for each set)")
            out[row[0]] = tuple(w.lower() for w in _split(row[1]))
    return out


def word_set(name: str) -> frozenset[str]:
    return word_sets()[name]


def _jsonl(name: str) -> tuple[dict, ...]:
    rows = []
    for n, line in enumerate(_text(name).splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        if "comment" in row:
            continue
        row["_line"] = n
        rows.append(row)
    return tuple(rows)


@cache
def trigger_rules() -> tuple[dict, ...]:
    """Trigger rows of ``events/triggers.jsonl``; a ``defaults`` row sets keys for the rows
    below it."""
    out = []
    defaults: dict = {}
    for row in _jsonl("events/triggers.jsonl"):
        if "defaults" in row:
            defaults = row["defaults"]
            continue
        out.append({**defaults, **row})
    return tuple(out)


@cache
def courtesy_rules() -> tuple[dict, ...]:
    """Courtesy formulas (``events/courtesy.jsonl``): Matcher patterns that veto triggers."""
    return _jsonl("events/courtesy.jsonl")


@cache
def activators() -> dict[str, dict[str, str]]:
    """Light verbs (``events/activators.tsv``): lemma -> {type or "*": effect}."""
    out: dict[str, dict[str, str]] = {}
    for row in _rows("events/activators.tsv"):
        row += [""] * (3 - len(row))
        lemma, effect, types = row[:3]
        for t in _split(types) or ("*",):
            out.setdefault(lemma, {})[t] = effect
    return out


@cache
def type_roles() -> dict[str, frozenset[str]]:
    """Groups of PLOVER types the event rules treat alike (``events/type_roles.tsv``)."""
    rows = _rows("events/type_roles.tsv")
    header = rows[0]
    return {group: frozenset(r[0] for r in rows[1:] if r[i] == "1")
            for i, group in enumerate(header) if i > 0}


@cache
def event_contexts() -> dict[str, tuple[str, ...]]:
    """PLOVER contexts and the cue stems that reveal them (``events/contexts.tsv``)."""
    return {row[0]: _split(row[1]) for row in _rows("events/contexts.tsv")}


@cache
def coding_rules() -> tuple[tuple[str, str, str, str], ...]:
    """PLOVER's conventions for planned and possible events (``events/coding.tsv``):
    (type, modality, condition, coded as)."""
    return tuple(tuple((row + ["", "", "", ""])[:4]) for row in _rows("events/coding.tsv"))


# --- figures: data read by bilat.extract.figures and bilat.extract.periods


@cache
def figure_words(table: str) -> dict[str, tuple[str, ...]]:
    """The named word lists of one figures table (``figures/<table>.tsv``), in file order:
    name → words (lower case, as written)."""
    return named_word_lists(f"figures/{table}.tsv")


@cache
def figure_rows(table: str) -> tuple[tuple[str, ...], ...]:
    """The rows of one figures table (``figures/<table>.tsv``), comments dropped."""
    return tuple(tuple(row) for row in _rows(f"figures/{table}.tsv"))


# --- actors: data read by bilat.extract.entities


@cache
def entity_words() -> dict[str, frozenset[str]]:
    """The named word sets of actor extraction (``entities/words.tsv``)."""
    return named_word_sets("entities/words.tsv")


@cache
def spellings() -> tuple[tuple[str, str], ...]:
    """Words spelled two ways in the names of bodies ("Organisation", "Organization"), as
    pairs (``entities/spellings.tsv``)."""
    return tuple((row[0], row[1]) for row in _rows("entities/spellings.tsv"))


def spelled_otherwise(name: str) -> set[str]:
    """A name with each word that has another spelling written the other way, every
    combination ("Organisation for Economic Co-operation" → "Organization for Economic
    Cooperation" …); the name itself included."""
    out = {name}
    for a, b in spellings():
        for word, other in ((a, b), (b, a)):
            if not any(word in n for n in out):
                continue  # most names have neither spelling: no pattern to run
            pat = re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")
            out |= {pat.sub(other, n) for n in out}
    return out


@cache
def org_sector_cues() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Organisation sectors and the words or phrases of a name that give them, in priority
    order (``entities/org_sectors.tsv``)."""
    return tuple((row[0], tuple(w.strip().lower() for w in row[1].split("|") if w.strip()))
                 for row in _rows("entities/org_sectors.tsv"))


def entity_word_set(name: str) -> frozenset[str]:
    return entity_words()[name]


@cache
def entity_patterns() -> tuple[dict, ...]:
    """Token patterns of actor extraction (``entities/patterns.jsonl``): titles before a
    name, bylines and other contexts, for spaCy's ``Matcher``. ``"@name"`` in an ``IN`` list
    stands for the word set of that name in ``entities/words.tsv``."""
    sets = entity_words()

    def expand(value):
        if isinstance(value, dict):
            return {k: expand(v) for k, v in value.items()}
        if isinstance(value, list):
            out = []
            for v in value:
                if isinstance(v, str) and v.startswith("@"):
                    out += sorted(sets[v[1:]])
                else:
                    out.append(expand(v))
            return out
        return value

    return tuple({**row, "pattern": expand(row["pattern"])}
                 for row in _jsonl("entities/patterns.jsonl"))
