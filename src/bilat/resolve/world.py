"""Across articles: which world event a mention reports, and what it adds to it.

The resolve stage (``bilat.resolve``) merges the mentions of one event within an
article; this module decides the same across articles, for the store to persist
(``store/crossref.link_events`` finds the candidates and writes the rows).

A mention joins a world event with the same type, modality and set of countries whose
date agrees (:func:`window`): within ``ASSERTED_WINDOW_DAYS`` for asserted and negated
events, in the same month for future and potential ones (a month-precise date matches
its month). Never two mentions of one article, and never when the two say they are
about different things: disjoint sectors (except for CONSULT, where one meeting covers
many subjects), or different named objects ("memorandum on textiles" vs "agreement on
energy", :func:`object_words`). Among several candidates the nearest in date with the
most shared sectors and objects wins (:func:`choose`).

Candidates and world events are anything with the attributes used here (the store's
rows), so this module knows no table.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any, Protocol, TypeVar

from bilat import lexicon
from bilat.resolve import mode_rank
from bilat.vocab import EventType, Modality

#: Reports of one asserted event give dates this many days apart at most (a
#: meeting "on Tuesday" reported on Wednesday and summarised on Friday).
ASSERTED_WINDOW_DAYS = 2
#: Same reasoning as the resolve stage: more reports, more confidence, capped.
CONFIDENCE_PER_MENTION = 0.05
CONFIDENCE_CAP = 0.95
#: Two named objects are the same when this share of the smaller one's words recurs.
OBJECT_OVERLAP = 0.5
#: Days counted between two dates that cannot be compared (one is not a date).
UNKNOWN_DISTANCE = 15

STOPWORDS = frozenset(
    "a an the of in on for to and or with by at from about regarding concerning over "
    "into its their his her this that these those as is are was were be been".split())
#: Words that say an agreement exists but not what it is about.
GENERIC = frozenset(
    "cooperation cooperate field fields sphere spheres area areas mutual bilateral "
    "intergovernmental interstate interagency new joint strategic partnership comprehensive "
    "understanding sides parties two three several number series also further framework "
    "relevant main key major important agreement agreements document documents".split())
#: Words that end a named object's description.
BOUNDARY = frozenset(
    "between with by at during signed sign signing inked concluded reached adopted approved "
    "was were which that who will would has have had after before while".split())
_OBJECT_NOUN = re.compile(
    r"\b(agreements?|memorand(?:um|a|ums)|mous?|treat(?:y|ies)|protocols?|accords?|"
    r"contracts?|deals?|conventions?|road ?maps?|programmes?|programs?|declarations?|"
    r"plans?|bans?|embargo(?:es)?|tariffs?|loans?|grants?|credits?)\b", re.IGNORECASE)
_OF_KIND = re.compile(r"^\s+of\s+(understanding|intent|cooperation)\b", re.IGNORECASE)
_TOKEN = re.compile(r"\w+|[^\w\s]")
_OBJECT_PREPOSITIONS = frozenset(
    {"on", "in", "for", "about", "regarding", "concerning", "to", "of", "over"})


class Candidate(Protocol):
    """A world event as the matching sees it."""

    id: int
    day: str
    sectors: list[str]
    objects: list[str]


C = TypeVar("C", bound=Candidate)


def object_words(text: str) -> set[str]:
    """What an agreement, deal or ban is about, as stemmed content words.

    "signed a memorandum of understanding on cooperation in the textile industry" →
    ``{"texti", "indus"}``; "a gas supply agreement" → ``{"gas", "suppl"}``.
    """
    out: set[str] = set()
    folded = lexicon.fold(text)
    for m in _OBJECT_NOUN.finditer(folded):
        before = _TOKEN.findall(folded[max(0, m.start() - 60):m.start()])
        for tok in reversed(before[-3:]):
            low = tok.casefold()
            if not tok[0].isalnum() or low in STOPWORDS or low in BOUNDARY:
                break
            out.add(low)
        rest = folded[m.end():m.end() + 160]
        kind = _OF_KIND.match(rest)
        if kind:
            rest = rest[kind.end():]
        tokens = _TOKEN.findall(rest)
        if not tokens or tokens[0].casefold() not in _OBJECT_PREPOSITIONS:
            continue
        for tok in tokens[1:13]:
            low = tok.casefold()
            if not tok[0].isalnum() or low in BOUNDARY:
                break
            out.add(low)
    return {w[:5] for w in out
            if w not in STOPWORDS and w not in GENERIC and not w.isdigit() and len(w) > 1}


def sectors_overlap(a: Iterable[str], b: Iterable[str]) -> bool:
    """Whether two sector lists share a sector (a division matches its section)."""
    return any(x == y or x.startswith(y) or y.startswith(x) for x in a for y in b if x and y)


def objects_agree(a: set[str], b: set[str]) -> bool:
    """Whether two sets of object words may name the same thing (either is unnamed)."""
    return not a or not b or len(a & b) / min(len(a), len(b)) >= OBJECT_OVERLAP


def window(day: str, modality: str) -> tuple[str, str] | None:
    """The range of ``day`` strings a mention on ``day`` may merge with; None when the
    mention has no date to match on (it then starts a world event of its own)."""
    if len(day) < 7:
        return None
    if modality in (Modality.FUTURE, Modality.POTENTIAL) or len(day) == 7:
        return day[:7], day[:7] + "~"
    try:
        d = dt.date.fromisoformat(day[:10])
        lo = d - dt.timedelta(days=ASSERTED_WINDOW_DAYS)
        hi = d + dt.timedelta(days=ASSERTED_WINDOW_DAYS)
    except (ValueError, OverflowError):
        return None
    return lo.isoformat(), hi.isoformat()


def day_distance(a: str, b: str) -> int:
    """Days between two ISO dates (``UNKNOWN_DISTANCE`` when either is not a date)."""
    try:
        return abs((dt.date.fromisoformat(a[:10]) - dt.date.fromisoformat(b[:10])).days)
    except ValueError:
        return UNKNOWN_DISTANCE


def choose(candidates: Iterable[C], type_: str, day: str, sectors: list[str],
           objects: set[str], used: set[int]) -> C | None:
    """The world event among ``candidates`` (same type, modality, countries and date
    window) that a mention reports; None if none may take it.

    ``used``: the world events this article's other mentions joined already.
    """
    best: tuple[float, int] | None = None
    chosen = None
    for c in candidates:
        if c.id in used:
            continue
        if type_ != EventType.CONSULT and c.sectors and sectors and not sectors_overlap(c.sectors,
                                                                                sectors):
            continue
        theirs = set(c.objects)
        if not objects_agree(theirs, objects):
            continue
        score = (-day_distance(c.day, day)
                 + 2 * sectors_overlap(c.sectors, sectors) + 2 * bool(theirs & objects))
        if best is None or (score, -c.id) > best:
            best, chosen = (score, -c.id), c
    return chosen


def merge(world: Any, mention: Any, actors: list[str], recipients: list[str],
          objects: set[str]) -> None:
    """What a further report ``mention`` adds to ``world``: its countries, context and
    objects, a mode of higher priority, a date and CAMEO code if it had none, and more
    confidence (capped). The location is the store's to merge (``more_specific``)."""
    world.actor_countries = list(dict.fromkeys([*world.actor_countries, *[
        c for c in actors if c not in world.recipient_countries]]))
    world.recipient_countries = list(dict.fromkeys([*world.recipient_countries, *[
        c for c in recipients if c not in world.actor_countries]]))
    world.context = list(dict.fromkeys([*world.context, *mention.context]))
    world.objects = sorted(set(world.objects) | objects)
    if mention.mode and mode_rank(mention.mode) < mode_rank(world.mode):
        world.mode = mention.mode
    world.date = world.date or mention.date
    world.cameo = world.cameo or mention.cameo
    mine = mention.confidence if mention.confidence is not None else 0.0
    world.confidence = min(CONFIDENCE_CAP, max(world.confidence or 0.0, mine)
                           + CONFIDENCE_PER_MENTION)
