"""The record that flows through every stage: an Article and its parts.

The JSON shape is the contract of README.md ("The record"); ``Article.to_dict`` produces it and
``Article.from_dict`` reads it back unchanged, so the batch runner can ship articles
between processes and the store can rebuild what ``bilat extract`` printed.
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from functools import cache
from typing import Any

from bilat.vocab import FigureKind, Modality

ENTITY_KINDS = ("country", "person", "organization", "location")
ACTOR_SECTORS = (
    "GOV", "LEG", "JUD", "MIL", "POL", "BUS", "IGO", "NGO", "MED", "EDU", "CVL", "REB",
)
MODALITIES = tuple(m.value for m in Modality)
FIGURE_METRICS = (
    "trade_turnover", "exports", "imports", "investment", "aid", "production", "price", "other",
)
CHANGES = ("increase", "decrease", "stable")
FIGURE_KINDS = tuple(k.value for k in FigureKind)
RELATION_TYPES = ("member_of", "leads", "part_of", "located_in")
#: The longest article id bilat accepts. Ids derived by bilat are 20 characters (``url-``
#: or ``sha-`` and a digest); file stems and the ids of JSON records seen in practice are
#: under 100. A bound keeps every id storable in a PostgreSQL index (at most 2,704 bytes a
#: row) and every page cursor and article URL short; longer ids are set aside (BL-E011).
MAX_ID_CHARS = 200


def _copy(value: Any) -> Any:
    """A field's value as ``dataclasses.asdict`` copies it, for what records hold: lists,
    tuples and dicts copied all the way down; strings, numbers, None and ``StrEnum``
    members as they are (a deep copy of them is themselves); a record (``Evidence``) as
    its dict."""
    if isinstance(value, list):
        return [_copy(v) for v in value]
    if isinstance(value, dict):
        return {_copy(k): _copy(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return tuple(_copy(v) for v in value)
    if isinstance(value, (str, int, float)) or value is None:
        return value
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    return copy.deepcopy(value)


def _fields(record: Any, *later: str) -> dict[str, Any]:
    """``dataclasses.asdict(record)`` (the same dict, keys in the same order, made
    without ``asdict``'s general machinery); the fields named in ``later`` are None,
    for the caller to fill in their places."""
    return {name: None if name in later else _copy(getattr(record, name))
            for name in _names(type(record))}


@cache
def _names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


@dataclass
class Evidence:
    """A span of the repaired text, ``text[start:end]``."""

    start: int
    end: int

    def to_dict(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Evidence:
        return cls(int(d["start"]), int(d["end"]))


@dataclass
class Entity:
    id: str
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    title: str | None = None
    affiliation: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = _fields(self, "mentions")
        d["mentions"] = [list(m) for m in self.mentions]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Entity:
        kw = {f.name: d.get(f.name) for f in fields(cls) if f.name in d}
        kw["mentions"] = [(int(a), int(b)) for a, b in d.get("mentions") or []]
        kw["aliases"] = list(d.get("aliases") or [])
        return cls(**kw)


@dataclass
class Event:
    id: str
    type: str
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    actor_countries: list[str] = field(default_factory=list)
    recipient_countries: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    modality: str = Modality.ASSERTED
    date: str | None = None
    #: Where it happened: {"name", "country", "geonames_id", "lat", "lon", "kind",
    #: "source": "sentence" | "dateline"} (bilat.lexicon.places), None when unsaid.
    location: dict[str, Any] | None = None
    confidence: float = 0.5
    cameo: str | None = None
    trigger: str | None = None
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def countries(self) -> frozenset[str]:
        return frozenset(self.actor_countries) | frozenset(self.recipient_countries)

    def to_dict(self) -> dict[str, Any]:
        d = _fields(self, "evidence")
        d["evidence"] = [e.to_dict() for e in self.evidence]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        kw = {f.name: d[f.name] for f in fields(cls) if f.name in d}
        kw["evidence"] = [Evidence.from_dict(e) for e in d.get("evidence") or []]
        for name in ("context", "actors", "recipients", "actor_countries",
                     "recipient_countries", "sectors"):
            kw[name] = list(d.get(name) or [])
        return cls(**kw)


@dataclass
class Figure:
    """A number an article reports about one or more countries.

    ``countries``: reporter first, then partner ("China's exports to Japan": CHN, JPN);
    ``direction``: the flow of goods or money, ``"CHN>JPN"`` (exporter > importer,
    investor > host, giver > receiver), None for turnover and one-country figures;
    ``kind``: ``actual`` (measured), ``target`` (a goal) or ``forecast`` (an
    expectation), one of ``FIGURE_KINDS``; ``period``: the ISO 8601 date or interval the
    value covers (``2023``, ``2020-01/2020-09``, ``2005/2024-05-21``); ``base_period``:
    the ISO period a change is measured against, when the text states it.
    """

    metric: str
    countries: list[str] = field(default_factory=list)
    value: float | None = None
    unit: str | None = None
    period: str | None = None
    change: str | None = None
    change_pct: float | None = None
    label: str | None = None
    sectors: list[str] = field(default_factory=list)
    evidence: Evidence = field(default_factory=lambda: Evidence(0, 0))
    kind: str = FigureKind.ACTUAL.value
    direction: str | None = None
    base_period: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = _fields(self, "evidence")
        d["evidence"] = self.evidence.to_dict()
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Figure:
        kw = {f.name: d[f.name] for f in fields(cls) if f.name in d}
        kw["evidence"] = Evidence.from_dict(d["evidence"])
        kw["countries"] = list(d.get("countries") or [])
        kw["sectors"] = list(d.get("sectors") or [])
        # records written before figures had kinds are actuals
        kw["kind"] = d.get("kind") or FigureKind.ACTUAL.value
        return cls(**kw)


@dataclass
class Relation:
    type: str
    subject: str
    object: str
    evidence: Evidence = field(default_factory=lambda: Evidence(0, 0))

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "subject": self.subject, "object": self.object,
                "evidence": self.evidence.to_dict()}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Relation:
        return cls(d["type"], d["subject"], d["object"], Evidence.from_dict(d["evidence"]))


@dataclass
class Article:
    """One news article, from its raw text to everything bilat found in it.

    ``text`` is the repaired text once the repair stage has run; ``raw_text`` keeps
    what arrived, and ``edits`` the repair's changes as ``[raw_start, raw_end,
    replacement]`` in raw coordinates, so any offset can be mapped back.
    """

    id: str
    text: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None
    raw_text: str | None = None
    edits: list[tuple[int, int, str]] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        """A stable digest of what the article says, used to recognise the same article."""
        raw = self.raw_text if self.raw_text is not None else self.text
        return hashlib.sha256(" ".join(raw.split()).encode("utf-8")).hexdigest()

    def entity(self, entity_id: str) -> Entity | None:
        for e in self.entities:
            if e.id == entity_id:
                return e
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "date": self.date,
            "source": self.source,
            "url": self.url,
            "text": self.text,
            "raw_text": self.raw_text,
            "edits": [list(e) for e in self.edits],
            "entities": [e.to_dict() for e in self.entities],
            "events": [e.to_dict() for e in self.events],
            "figures": [f.to_dict() for f in self.figures],
            "relations": [r.to_dict() for r in self.relations],
            "extra": self.extra,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Article:
        return cls(
            id=d["id"],
            text=d["text"],
            title=d.get("title"),
            date=d.get("date"),
            source=d.get("source"),
            url=d.get("url"),
            raw_text=d.get("raw_text"),
            edits=[(int(a), int(b), str(r)) for a, b, r in d.get("edits") or []],
            entities=[Entity.from_dict(e) for e in d.get("entities") or []],
            events=[Event.from_dict(e) for e in d.get("events") or []],
            figures=[Figure.from_dict(f) for f in d.get("figures") or []],
            relations=[Relation.from_dict(r) for r in d.get("relations") or []],
            extra=dict(d.get("extra") or {}),
        )


@dataclass
class SetAside:
    """An input that could not be processed, kept with the reason so nothing is lost."""

    source: str
    code: str
    message: str
    article_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
