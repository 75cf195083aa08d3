"""The resolve stage: one event record per real-world event in an article.

Event mentions with the same PLOVER type, modality and parties are one event; a mention
that names only one of the parties of another mention of the same type ("the meeting
… with the Uzbek side") joins it. Every mention's evidence is kept.
"""

from __future__ import annotations

from bilat.record import Article, Event

# Each further mention of the same event makes it likelier to be right (development set:
# 58% of single-mention events right, 78% of those with two mentions, 90% with three or
# more); capped so that a repeated but mis-coded trigger never looks certain.
CONFIDENCE_PER_MENTION = 0.1
CONFIDENCE_CAP = 0.95
MODE_PRIORITY = ("phone", "visit", "multilateral", "third-party")


def _key(ev: Event) -> tuple[str, str, frozenset[str]]:
    return ev.type, ev.modality, ev.countries


def _rank(mode: str) -> int:
    return MODE_PRIORITY.index(mode) if mode in MODE_PRIORITY else len(MODE_PRIORITY)


def _merge_into(target: Event, ev: Event) -> None:
    for name in ("actors", "recipients", "sectors", "context"):
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
    if ev.mode and (target.mode is None or _rank(ev.mode) < _rank(target.mode)):
        target.mode = ev.mode
    target.confidence = round(min(CONFIDENCE_CAP, max(target.confidence, ev.confidence)
                                  + CONFIDENCE_PER_MENTION), 2)


def merge_events(events: list[Event]) -> list[Event]:
    merged: dict[tuple[str, str, frozenset[str]], Event] = {}
    for ev in events:
        key = _key(ev)
        if key in merged:
            _merge_into(merged[key], ev)
        else:
            merged[key] = ev
    # a mention naming fewer parties joins the unique fuller event of the same type
    out = list(merged.values())
    for ev in sorted(out, key=lambda e: len(e.countries)):
        supersets = [o for o in out if o is not ev and o.type == ev.type and
                     o.modality == ev.modality and ev.countries < o.countries]
        if len(supersets) == 1:
            _merge_into(supersets[0], ev)
            out.remove(ev)
    out.sort(key=lambda e: e.evidence[0].start if e.evidence else 0)
    for i, ev in enumerate(out, 1):
        ev.id = f"v{i}"
        ev.evidence.sort(key=lambda s: s.start)
    return out


def run(article: Article) -> Article:
    article.events = merge_events(article.events)
    return article
