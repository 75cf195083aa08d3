"""Event coding rules on short synthetic sentences (issue 4)."""

from __future__ import annotations

from bilat.pipeline import Pipeline
from bilat.record import Article, Event

PIPELINE = Pipeline()


def _events(text: str, source: str = "Reuters") -> list[Event]:
    date = "1987-04-01" if source == "Reuters" else "2022-04-01"  # the two corpora's eras
    return PIPELINE.process(Article(id="t", text=text, source=source, date=date)).events


def _sigs(text: str, source: str = "Reuters") -> set[tuple[str, frozenset[str]]]:
    return {(e.type, e.countries) for e in _events(text, source)}


def test_events_talks_with_named_party_after_the_fact():
    sigs = _sigs("The U.S. Commerce Department made the statement after talks with Canadian "
                 "officials.")
    assert ("CONSULT", frozenset({"CAN", "USA"})) in sigs


def test_events_whether_to_retaliate_is_a_threat_and_alleged_an_accusation():
    sigs = _sigs("The White House council made a recommendation to President Reagan whether "
                 "to retaliate against Japan for alleged unfair practices in chip trade, U.S. "
                 "officials said.")
    assert ("THREATEN", frozenset({"JPN", "USA"})) in sigs
    assert ("SANCTION", frozenset({"JPN", "USA"})) not in sigs
    assert ("ACCUSE", frozenset({"JPN", "USA"})) in sigs


def test_events_accusation_word_points_at_the_described_party():
    sigs = _sigs("Vladimir Putin drew President Macron's attention to the provocative nature "
                 "of the exercises conducted by the US in the Black Sea.", source="Kremlin")
    assert ("ACCUSE", frozenset({"RUS", "USA"})) in sigs
    assert ("ACCUSE", frozenset({"FRA", "RUS"})) not in sigs


def test_events_meeting_a_requirement_is_no_meeting():
    assert not any(t == "CONSULT" for t, _ in _sigs(
        "The conciliatory move by the United States meets one of Britain's main concerns."))


def test_events_talks_with_journalists_are_no_relation():
    assert not any(t == "CONSULT" for t, _ in _sigs(
        "In a conversation with local journalists, the Colombian minister said the U.S. "
        "attitude would have serious consequences."))


def test_events_between_names_exactly_the_parties():
    evs = _events("The Head of State is also waiting for a conversation between the Presidents "
                  "of the United States and Russia.", source="President of Ukraine")
    assert {e.countries for e in evs} == {frozenset({"RUS", "USA"})}
    assert evs[0].type == "AGREE"  # waited for: a future conversation


def test_events_will_continue_to_develop_cooperation_is_a_plan():
    sigs = _sigs("Ukraine and France will continue to develop cooperation in aviation.",
                 source="President of Ukraine")
    assert ("AGREE", frozenset({"FRA", "UKR"})) in sigs


def test_events_cooperation_as_subject_is_a_topic():
    sigs = _sigs("I am confident that cooperation between Russia and Uzbekistan will help "
                 "increase the wellbeing of citizens.", source="Kremlin")
    assert ("AGREE", frozenset({"RUS", "UZB"})) not in sigs


def test_events_today_we_will_discuss_is_the_meeting_itself():
    sigs = _sigs("Vladimir Putin met Prime Minister of Armenia Nikol Pashinyan. "
                 "Today, we will also discuss security.", source="Kremlin")
    assert ("AGREE", frozenset({"ARM", "RUS"})) not in sigs
    assert ("CONSULT", frozenset({"ARM", "RUS"})) in sigs


def test_events_bilateral_meetings_beside_a_trilateral_stay_apart():
    sigs = _sigs("Vladimir Putin, Ilham Aliyev and Nikol Pashinyan will meet in Sochi. "
                 "Vladimir Putin is also expected to have bilateral meetings with Ilham Aliyev "
                 "and Nikol Pashinyan.", source="Kremlin")
    assert {("AGREE", frozenset({"ARM", "AZE", "RUS"})), ("AGREE", frozenset({"AZE", "RUS"})),
            ("AGREE", frozenset({"ARM", "RUS"}))} <= sigs


def test_events_one_country_without_organisation_is_dropped():
    # a domestic working meeting in a president's own release is no relation
    assert _events("Vladimir Putin held a working meeting with the Governor of the Astrakhan "
                   "Region.", source="Kremlin") == []


def test_events_one_country_with_an_organisation_is_kept():
    sigs = _sigs("The European Community accused the United States of violating a commitment "
                 "to free trade.")
    assert ("ACCUSE", frozenset({"USA"})) in sigs


def test_events_place_possessive_is_no_party():
    sigs = _sigs("From your territory, the troops of the Russian Federation launch rockets "
                 "into Ukraine.", source="President of Ukraine")
    assert all("BLR" not in c for _, c in sigs)


def test_events_a_country_quota_is_no_sanction():
    assert not any(t == "SANCTION" for t, _ in _sigs(
        "Among the options are for Venezuela to produce Ecuador's entire quota."))
