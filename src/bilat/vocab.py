"""The allowed values of bilat's records, one place for each: event types, modalities,
modes, entity kinds, figure kinds.

``StrEnum`` members compare equal to their strings, so records, the store and the API
keep plain strings in JSON and SQL while the code names the values it means.
"""

from __future__ import annotations

from enum import StrEnum


class EventType(StrEnum):
    """The 16 PLOVER 1.0 event types (``lexicon/data/event_types.tsv``)."""

    AGREE = "AGREE"
    CONSULT = "CONSULT"
    SUPPORT = "SUPPORT"
    CONCEDE = "CONCEDE"
    COOPERATE = "COOPERATE"
    AID = "AID"
    RETREAT = "RETREAT"
    REQUEST = "REQUEST"
    ACCUSE = "ACCUSE"
    REJECT = "REJECT"
    THREATEN = "THREATEN"
    PROTEST = "PROTEST"
    SANCTION = "SANCTION"
    MOBILIZE = "MOBILIZE"
    COERCE = "COERCE"
    ASSAULT = "ASSAULT"


class Modality(StrEnum):
    """Whether an event happened (asserted), is announced or planned (future), only
    possible (potential) or did not happen (negated)."""

    ASSERTED = "asserted"
    FUTURE = "future"
    POTENTIAL = "potential"
    NEGATED = "negated"


class EntityKind(StrEnum):
    COUNTRY = "country"
    PERSON = "person"
    ORGANIZATION = "organization"
    LOCATION = "location"


class FigureKind(StrEnum):
    """A measured value, a goal, or an expectation: targets and forecasts are never
    actuals."""

    ACTUAL = "actual"
    TARGET = "target"
    FORECAST = "forecast"
