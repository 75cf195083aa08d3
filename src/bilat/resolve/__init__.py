"""The resolve stage: one event record per real-world event in an article.

Event mentions with the same PLOVER type, modality and parties are one event; a mention
that names only one of the parties of another mention of the same type ("the meeting
… with the Uzbek side") joins it. Every mention's evidence is kept. An event left with
one country and no international organisation as its other party is dropped — bilat
records relations, and such events are domestic ("held a working meeting with the
Governor") or lost their counterpart — unless its type is one that is an event on one
country's soil too (protests, arrests, troop movements, attacks: ``type_roles.tsv``).
"""

from __future__ import annotations

import re

from bilat import lexicon
from bilat.lexicon.places import first_stated
from bilat.record import Article, Event
from bilat.resolve import reported
from bilat.vocab import ConsultMode

# Each further mention of the same event makes it likelier to be right (development set:
# 58% of single-mention events right, 78% of those with two mentions, 90% with three or
# more); capped so that a repeated but mis-coded trigger never looks certain.
CONFIDENCE_PER_MENTION = 0.1
CONFIDENCE_CAP = 0.95
#: When mentions of one event differ in mode, the first of these wins (``ConsultMode``);
#: the resolve stage within an article and the store across articles both use it.
MODE_PRIORITY = tuple(m.value for m in ConsultMode)
# A lone country dealing with its creditors (banks, creditor governments) stands alone like
# one dealing with an IGO: the development set's Reuters debt stories annotate "Venezuela
# and its bank advisory committee agreed" as a one-country event. Only in reports by others:
# a president's own releases have no such events.
CREDITORS = re.compile(r"\b(?:banks?|bankers?|creditors?|lenders?|debts?|rescheduling|"
                       r"refinanc\w*)\b", re.I)


def _key(ev: Event) -> tuple[str, str, frozenset[str]]:
    return ev.type, ev.modality, ev.countries


def mode_rank(mode: str | None) -> int:
    """``mode``'s place in ``MODE_PRIORITY``: lower wins; no mode or another ranks last."""
    return MODE_PRIORITY.index(mode) if mode in MODE_PRIORITY else len(MODE_PRIORITY)


def _merge_into(target: Event, ev: Event, country_of: dict[str, str | None] | None = None) -> None:
    """Add mention ``ev`` to event ``target``. Its parties join the side of ``target`` that
    holds their country (``country_of``: entity id → country): SOCAR, an actor of "SOCAR
    and Uzbekneftegaz signed", is on Azerbaijan's side of "Uzbekistan met Azerbaijan"."""
    country_of = country_of or {}
    for x in (*ev.actors, *ev.recipients):
        if x in target.actors or x in target.recipients:
            continue
        c = country_of.get(x)
        if c in target.recipient_countries and c not in target.actor_countries:
            target.recipients.append(x)
        elif c in target.actor_countries or x in ev.actors:
            target.actors.append(x)
        else:
            target.recipients.append(x)
    for name in ("sectors", "context"):
        lst = getattr(target, name)
        for x in getattr(ev, name):
            if x not in lst:
                lst.append(x)
    for c in ev.actor_countries:
        if c not in target.actor_countries and c not in target.recipient_countries:
            target.actor_countries.append(c)
    for c in ev.recipient_countries:
        if c not in target.actor_countries and c not in target.recipient_countries:
            target.recipient_countries.append(c)
    for span in ev.evidence:
        if all((span.start, span.end) != (e.start, e.end) for e in target.evidence):
            target.evidence.append(span)
    if ev.mode and (target.mode is None or mode_rank(ev.mode) < mode_rank(target.mode)):
        target.mode = ev.mode
    target.location = first_stated(target.location, ev.location)
    target.confidence = round(min(CONFIDENCE_CAP, max(target.confidence, ev.confidence)
                                  + CONFIDENCE_PER_MENTION), 2)


def merge_events(events: list[Event], igo_ids: frozenset[str] = frozenset(),
                 text: str | None = None, pair: tuple[str, ...] = (),
                 own_release: bool = False,
                 country_of: dict[str, str | None] | None = None) -> list[Event]:
    """Merge the mentions of one event; ``igo_ids`` are the ids of international
    organisations, whose events with one country stand alone ("the EC accused the U.S."),
    as do those whose evidence in ``text`` (given for reports by others) names creditors.
    In a text about fewer than two countries (``pair``) — a single sentence, a domestic
    story — events with one country or none are what it reports, and are kept; but not
    the cooperative ones of a president's ``own_release`` (a working meeting with a
    governor is domestic business, not a relation)."""
    merged: dict[tuple[str, str, frozenset[str]], Event] = {}
    for ev in events:
        key = _key(ev)
        if key in merged:
            _merge_into(merged[key], ev, country_of)
        else:
            merged[key] = ev
    # a mention naming one party joins the unique fuller event of the same type; two
    # named parties are an event of their own ("bilateral meetings" beside a trilateral)
    out = list(merged.values())
    for ev in sorted(out, key=lambda e: len(e.countries)):
        if len(ev.countries) > 1 or _alone(ev, igo_ids, text):
            continue
        supersets = [o for o in out if o is not ev and o.type == ev.type and
                     o.modality == ev.modality and ev.countries < o.countries]
        if len(supersets) == 1:
            _merge_into(supersets[0], ev, country_of)
            out.remove(ev)
    out = [ev for ev in out if len(ev.countries) >= 2 or _alone(ev, igo_ids, text)
           or (not pair and len(ev.countries) <= 1 and not (
               own_release and ev.type in lexicon.type_roles()["cooperative"]))]
    out.sort(key=lambda e: e.evidence[0].start if e.evidence else 0)
    for ev in out:
        if ev.mode == ConsultMode.PHONE and (ev.location or {}).get("source") == "sentence":
            ev.location = None  # a call is made from two places; one named is another occasion's
    for i, ev in enumerate(out, 1):
        ev.id = f"v{i}"
        ev.evidence.sort(key=lambda s: s.start)
    return out


def _with_igo(ev: Event, igo_ids: frozenset[str]) -> bool:
    return len(ev.countries) == 1 and any(i in igo_ids for i in (*ev.actors, *ev.recipients))


def _alone(ev: Event, igo_ids: frozenset[str], text: str | None) -> bool:
    """A one-country event that stands alone: of a domestic type (a protest, an arrest),
    with an IGO, or with the country's creditors."""
    if ev.type in lexicon.type_roles()["domestic"] or _with_igo(ev, igo_ids):
        return True
    return text is not None and len(ev.countries) == 1 and any(
        CREDITORS.search(text[e.start:e.end]) for e in ev.evidence)


def run(article: Article) -> Article:
    """Merge the article's event mentions, then keep the events it reports."""
    merge(article)
    kept = reported.active()
    if kept is not None and reported.applies(article):
        article.events = kept.keep(article)
        for i, ev in enumerate(article.events, 1):
            ev.id = f"v{i}"
    return article


def merge(article: Article) -> Article:
    # An organisation (the IAEA, the CSTO) and one country are an event of that country, in
    # a president's own release too (the president met the head of the WHO).
    own_release = lexicon.publisher(article.source)[1]
    igo_ids = frozenset(e.id for e in article.entities if e.sector == "IGO")
    article.events = merge_events(article.events, igo_ids,
                                  None if own_release else article.text,
                                  tuple(article.extra.get("pair") or ()), own_release,
                                  {e.id: e.country for e in article.entities})
    return article
