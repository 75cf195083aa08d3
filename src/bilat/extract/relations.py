"""Relations between actors: member_of, leads, part_of."""

from __future__ import annotations

import re

from bilat.extract.context import Context
from bilat.record import Evidence, Relation

MEMBER = re.compile(r"\b(members?|member states?|membership|member countries|joined|join)\b", re.I)
HEAD_TITLES = ("president", "prime minister", "chairman", "chairwoman", "king", "chancellor",
               "premier", "emir", "sultan", "ceo", "chief executive", "head", "governor",
               "secretary-general", "secretary general", "director general", "director-general")


def find(ctx: Context) -> list[Relation]:
    out: list[Relation] = []
    seen: set[tuple[str, str, str]] = set()

    def add(kind: str, subject: str, obj: str, start: int, end: int) -> None:
        key = (kind, subject, obj)
        if key not in seen and subject != obj:
            seen.add(key)
            out.append(Relation(kind, subject, obj, Evidence(start, end)))

    for sent in ctx.doc.sents:
        if not MEMBER.search(sent.text):
            continue
        ms = ctx.mentions_in(sent.start_char, sent.end_char)
        igos = [m for m in ms if m.entity is not None and m.entity.sector == "IGO"]
        members = [m for m in ms if m.codes and (m.entity is None or m.entity.kind == "country")]
        for igo in igos:
            for m in members:
                if m.start > igo.start and m.role != "pair":
                    continue  # "the EU and Japan are members …" reads left to right
                for code in m.codes:
                    add("member_of", code, igo.entity.id, sent.start_char,
                        sent.end_char)
    for ent in ctx.entities:
        if ent.kind != "person" or not ent.title or not ent.mentions:
            continue
        low = ent.title.lower()
        if any(low.startswith(w) for w in ("deputy", "vice", "first deputy", "acting")):
            continue
        if not any(low.startswith(h) for h in HEAD_TITLES):
            continue
        start, end = ent.mentions[0]
        sent = ctx.sentence_of(start)
        target = ent.affiliation or None
        if target is None and ent.country and low.split(" of ")[0] in (
                "president", "prime minister", "king", "chancellor", "premier", "emir"):
            target = ent.country
        if target is not None:
            add("leads", ent.id, target, sent.start_char, sent.end_char)
    return out
