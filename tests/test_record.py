"""The record survives to_dict/from_dict and JSON unchanged; the pipeline never crashes."""

from __future__ import annotations

import json
from dataclasses import asdict

from hypothesis import given, settings
from hypothesis import strategies as st

from bilat.record import Article, Entity, Event, Evidence, Figure, Relation, SetAside

_text = st.text(max_size=40)
_codes = st.lists(st.sampled_from(["AZE", "UZB", "RUS", "USA", "SUN"]), max_size=3, unique=True)
_spans = st.tuples(st.integers(0, 500), st.integers(0, 500))
_evidence = st.builds(Evidence, st.integers(0, 500), st.integers(0, 500))

_entity = st.builds(Entity, id=_text, name=_text, kind=st.sampled_from(["country", "person"]),
                    country=st.none() | st.sampled_from(["AZE", "UZB"]),
                    sector=st.none() | st.just("GOV"), title=st.none() | _text,
                    affiliation=st.none() | _text, mentions=st.lists(_spans, max_size=3),
                    aliases=st.lists(_text, max_size=2))
_event = st.builds(Event, id=_text, type=st.sampled_from(["CONSULT", "AGREE"]),
                   mode=st.none() | st.just("phone"), context=st.lists(_text, max_size=2),
                   actors=st.lists(_text, max_size=2), recipients=st.lists(_text, max_size=2),
                   actor_countries=_codes, recipient_countries=_codes,
                   sectors=st.lists(st.sampled_from(["C27", "D35"]), max_size=2),
                   modality=st.sampled_from(["asserted", "future"]),
                   date=st.none() | st.just("2024-05-14"),
                   confidence=st.floats(0, 1), cameo=st.none() | st.just("04"),
                   trigger=st.none() | _text, evidence=st.lists(_evidence, max_size=3))
_figure = st.builds(Figure, metric=st.sampled_from(["exports", "other"]), countries=_codes,
                    value=st.none() | st.floats(-1e12, 1e12), unit=st.none() | st.just("USD"),
                    period=st.none() | _text, change=st.none() | st.just("increase"),
                    change_pct=st.none() | st.floats(-100, 1000), label=st.none() | _text,
                    sectors=st.lists(st.just("A01"), max_size=1), evidence=_evidence,
                    kind=st.sampled_from(["actual", "target", "forecast"]),
                    direction=st.none() | st.just("AZE>UZB"),
                    base_period=st.none() | st.just("2023-01/2023-06"))
_relation = st.builds(Relation, type=st.just("member_of"), subject=_text, object=_text,
                      evidence=_evidence)
_article = st.builds(Article, id=_text, text=st.text(max_size=200), title=st.none() | _text,
                     date=st.none() | st.just("2024-05-14"), source=st.none() | _text,
                     url=st.none() | _text, raw_text=st.none() | st.text(max_size=50),
                     edits=st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9), _text), max_size=2),
                     entities=st.lists(_entity, max_size=3), events=st.lists(_event, max_size=3),
                     figures=st.lists(_figure, max_size=2), relations=st.lists(_relation, max_size=2),
                     extra=st.dictionaries(_text, st.integers() | _text, max_size=2))


@given(_article)
def test_record_round_trips_through_dict_and_json(article):
    d = article.to_dict()
    assert Article.from_dict(d) == article
    assert Article.from_dict(json.loads(json.dumps(d))).to_dict() == json.loads(json.dumps(d))


_location = st.none() | st.fixed_dictionaries(
    {"name": _text, "country": st.sampled_from(["AZE", "UZB"]), "lat": st.floats(-90, 90),
     "geonames_id": st.none() | st.integers(1, 10**7), "kind": st.just("city")})


@given(_entity, _event, _figure, _location)
def test_record_parts_to_dict_as_asdict_makes_them(entity, event, figure, location):
    # the dicts (and their JSON, keys in order) are what dataclasses.asdict makes
    event.location = location
    expected = {
        "entity": {**asdict(entity), "mentions": [list(m) for m in entity.mentions]},
        "event": {**asdict(event), "evidence": [e.to_dict() for e in event.evidence]},
        "figure": {**asdict(figure), "evidence": figure.evidence.to_dict()}}
    made = {"entity": entity.to_dict(), "event": event.to_dict(), "figure": figure.to_dict()}
    assert json.dumps(made) == json.dumps(expected)
    assert made["event"]["location"] is not location or location is None  # a copy


def test_record_set_aside_to_dict():
    item = SetAside("a.txt", "BL-E003", "[BL-E003] a.txt is empty", None)
    assert item.to_dict() == {"source": "a.txt", "code": "BL-E003",
                              "message": "[BL-E003] a.txt is empty", "article_id": None}


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=400))
def test_pipeline_never_crashes_on_arbitrary_unicode(pipeline, text):
    items = list(pipeline.process_many([Article(id="x", text=text)]))
    assert len(items) == 1
    rec = items[0]
    if isinstance(rec, Article):
        n = len(rec.text)
        for ev in rec.events:
            assert all(0 <= s.start <= s.end <= n for s in ev.evidence)


def test_record_figure_written_before_kinds_reads_as_actual():
    old = {"metric": "exports", "countries": ["JPN"], "value": 1.0, "unit": "USD",
           "period": "1986", "change": None, "change_pct": None, "label": None,
           "sectors": [], "evidence": {"start": 0, "end": 5}}
    f = Figure.from_dict(old)
    assert (f.kind, f.direction, f.base_period) == ("actual", None, None)
