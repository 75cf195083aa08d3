"""The allowed values of bilat's records, one place for each: event types, modalities,
CONSULT's modes, entity kinds, figure kinds, and the cooperation stages of the pair
pages with the map from event type and modality to stage.

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


class ConsultMode(StrEnum):
    """How a CONSULT took place (its PLOVER modes, ``lexicon/data/event_types.tsv``), in
    priority order: when mentions of one meeting differ, the earlier mode wins (a call
    also reported as a visit stays a call; ``resolve.mode_rank``). Other types' modes
    (``withdraw``, ``disapprove`` …) are data, listed in the same file."""

    PHONE = "phone"
    VISIT = "visit"
    MULTILATERAL = "multilateral"
    THIRD_PARTY = "third-party"


class Stage(StrEnum):
    """How far an event takes a sector's cooperation between two countries, in order
    (docs/api-contract.md, the pair page's cooperation map)."""

    POTENTIAL = "potential"
    DISCUSSED = "discussed"
    AGREED = "agreed"
    SIGNED = "signed"
    UNDER_WAY = "under_way"


#: The stage an asserted event of each cooperation type reaches; a ``future`` event of
#: any of them is ``agreed`` (announced), a ``potential`` one ``potential``, a
#: ``negated`` one none. Other types have no stage.
STAGE_OF_TYPE: dict[str, Stage] = {
    EventType.CONSULT: Stage.DISCUSSED,
    EventType.AGREE: Stage.AGREED,
    EventType.SUPPORT: Stage.SIGNED,
    EventType.COOPERATE: Stage.UNDER_WAY,
    EventType.AID: Stage.UNDER_WAY,
}
#: The stage set by the modality whatever the type (of the types above).
STAGE_OF_MODALITY: dict[str, Stage] = {
    Modality.POTENTIAL: Stage.POTENTIAL,
    Modality.FUTURE: Stage.AGREED,
}


def stage(type_: str, modality: str) -> Stage | None:
    """The cooperation stage of an event of ``type_`` and ``modality``; None when it
    has none (a type not in ``STAGE_OF_TYPE``, or negated)."""
    if type_ not in STAGE_OF_TYPE or modality == Modality.NEGATED:
        return None
    return STAGE_OF_MODALITY.get(modality) or STAGE_OF_TYPE[type_]
