"""Senses of trigger words that are no events: a question put, a market's demand or rally,
a word inside an organisation's name, a motive, a judgement of no party's practice."""

from __future__ import annotations

import pytest

from tests.extract.test_rules import _types

pytestmark = pytest.mark.usefixtures("rules_alone")


@pytest.mark.parametrize("text", [
    "Asked whether Austria would lift its ban, the Austrian minister said no decision was taken.",
    "The Austrian diplomat, who asked not to be named, said the talks went well.",
    "Asked about the dispute with Hungary, the Austrian minister smiled.",
])
def test_a_question_is_no_request(text):
    assert "REQUEST" not in _types(text)


def test_an_event_asked_about_is_no_event():
    assert "AGREE" not in _types(
        "Peskov was asked whether a meeting between the leaders of Austria and Hungary was planned.")


def test_a_request_with_ask_stays():
    assert "REQUEST" in _types("Austria asked Hungary to reopen the border crossing.")


@pytest.mark.parametrize("text", [
    "Prices of Austrian wheat rose on strong demand from Hungary.",
    "Foreign demand for Austrian steel surged in Hungary last month.",
])
def test_market_demand_is_no_request(text):
    assert "REQUEST" not in _types(text)


def test_a_demand_of_a_party_stays():
    assert "REQUEST" in _types("Austria repeated its demand that Hungary reopen the border.")


def test_a_market_rally_is_no_protest():
    assert "PROTEST" not in _types(
        "The rally in Austrian stocks lifted shares of Hungarian banks, traders said.")


@pytest.mark.parametrize("text, typ", [
    ("Austria met officials of the Federal Investigation Bureau of Hungary in Vienna.", "ACCUSE"),
    ("The Hungarian Sanctions Compliance Office opened a branch in Austria.", "SANCTION"),
])
def test_a_word_inside_an_organisation_name_is_no_trigger(text, typ):
    assert typ not in _types(text)


def test_retaliation_as_a_motive_is_no_sanction():
    types = _types("Austria struck targets in Hungary in retaliation for the attack.")
    assert "SANCTION" not in types and "ASSAULT" in types


def test_retaliation_taken_stays_a_sanction():
    assert "SANCTION" in _types("Austria took retaliation against Hungarian steel makers.")


def test_a_generic_unfair_practice_is_no_accusation():
    assert "ACCUSE" not in _types(
        "The bill would force Austria to retaliate against countries with unfair trade practices.")


@pytest.mark.parametrize("text", [
    "Austria criticised what it termed unfair subsidies, Hungarian officials said.",
    "Austria said Hungary's unfair subsidies hurt its farmers.",
])
def test_an_unfair_practice_judged_or_of_a_party_stays(text):
    assert "ACCUSE" in _types(text)


def test_a_demand_made_by_marching_is_a_protest():
    types = _types("Austrian farmers marched to the ministry in Vienna to demand higher prices from Hungary.")
    assert "PROTEST" in types and "REQUEST" not in types


def test_a_protest_made_by_blocking_a_road_is_no_accusation():
    types = _types("Austrian farmers blocked the bridge to Hungary to protest water deliveries.")
    assert "PROTEST" in types and "ACCUSE" not in types


@pytest.mark.parametrize("text, typ", [
    ("Austria will fight the planned sale of the Hungarian company.", "ASSAULT"),
    ("The fiscal policy of Austria is under attack from Hungary.", "ASSAULT"),
    ("The legislation would require Austria to cut imports from Hungary.", "REQUEST"),
    ("The Austrian loan will support the construction of a road in Hungary.", "SUPPORT"),
    ("An Austrian bank placed its loans to Hungary on non-accrual status.", "AID"),
    ("Airlines added flights from Austria to Hungary to meet rising demand.", "REQUEST"),
])
def test_figurative_senses_are_no_events(text, typ):
    assert typ not in _types(text)


def test_fighting_an_armed_enemy_stays_an_assault():
    assert "ASSAULT" in _types("Austrian troops fought Hungarian rebels near the border.")


def test_a_trade_boycott_is_a_sanction():
    assert "SANCTION" in _types("The Austrian trade boycott of Hungary took effect on Monday.")


def test_a_prospect_of_cooperation_is_agree():
    types = _types("Austria and Hungary have opportunities for further cooperation in energy.")
    assert "AGREE" in types and "COOPERATE" not in types


@pytest.mark.parametrize("text", [
    "Austria was disturbed by the Hungarian decision to close the border.",
    "Austria expressed disquiet over the Hungarian plans to close the border.",
    "Austria protested over the Hungarian decision to close its ports.",
    "Austria's protest reached the Hungarian government on Monday.",
    "Austria reported Hungary's violations of the border treaty.",
    "Austria imposed tariffs in retaliation for Hungary's failure to honour the trade pact.",
])
def test_disapproval_blame_and_violations_are_accusations(text):
    assert "ACCUSE" in _types(text)


def test_a_violation_of_no_party_is_no_accusation():
    assert "ACCUSE" not in _types("No violations of the treaty were recorded in Austria last year.")


@pytest.mark.parametrize("text", [
    "Austrian forces staged exercises near the border with Hungary.",
    "The Austrian army has deployed heavy weapons near the border with Hungary.",
    "Austrian warships sailed into waters claimed by Hungary.",
    "Austria dispatched frigates to the coast of Hungary.",
])
def test_shows_of_force_are_mobilize(text):
    assert "MOBILIZE" in _types(text)


def test_weapons_sent_to_a_country_stay_aid():
    types = _types("Austria sent weapons to Hungary.")
    assert "AID" in types and "MOBILIZE" not in types


def test_a_rally_against_a_border_agreement_is_a_protest():
    assert "PROTEST" in _types("About 200 people rallied in Vienna against the border agreement with Hungary.")


@pytest.mark.parametrize("text, typ", [
    ("Hungary would face retaliation from Austria.", "THREATEN"),
    ("Austria raised tariffs on Hungarian goods.", "SANCTION"),
    ("Austria took retaliatory measures against Hungarian diplomats.", "SANCTION"),
    ("Austria freed ten Hungarian soldiers on Friday.", "RETREAT"),
    ("Austria handed over five Hungarian prisoners to Hungary.", "RETREAT"),
    ("Austria opened its market to livestock products from Hungary.", "RETREAT"),
    ("Austria allowed imports of tomatoes from Hungary.", "RETREAT"),
    ("Austrian troops completed their withdrawal from Hungary.", "RETREAT"),
])
def test_material_concessions_and_sanctions(text, typ):
    assert typ in _types(text)


def test_tariff_cuts_are_a_concession_not_a_sanction():
    types = _types("Austria announced import tariff cuts on Hungarian goods.")
    assert "RETREAT" in types and "SANCTION" not in types


@pytest.mark.parametrize("text", [
    "During the talks, the Austrian minister praised the Hungarian reforms.",
    "The talks between the Austrian and Hungarian ministers focused on trade.",
    "The issue of the Hungarian border was raised separately by Austria.",
    "Particular attention was paid to trade between Austria and Hungary.",
])
def test_meetings_reported_as_frames_took_place(text):
    assert "CONSULT" in _types(text)


def test_seeking_a_removal_is_a_request():
    assert "REQUEST" in _types("Austria sought the removal of Hungarian tariffs on wine.")


def test_sanctions_said_to_be_needed_are_a_request():
    types = _types("Sanctions against Hungary must be applied by Austria.")
    assert "REQUEST" in types and "SANCTION" not in types


def test_agreeing_to_reschedule_a_debt_is_aid():
    assert "AID" in _types("Austria agreed to reschedule the debt of Hungary.")


def test_agreeing_to_surrender_weapons_is_a_concession():
    assert "CONCEDE" in _types("Hungarian forces agreed to surrender their weapons to Austria.")


def test_a_contract_named_as_the_basis_of_a_delivery_is_no_signing():
    assert "SUPPORT" not in _types("Austria delivered gas to Hungary under the contract signed last year.")


def test_what_a_grant_supports_is_no_endorsement():
    assert "SUPPORT" not in _types("The Austrian grant is to support the Hungarian government.")


@pytest.mark.parametrize("text, typ", [
    ("Austrian investors sold Hungarian shares on Monday.", "COOPERATE"),
    ("Debt rescheduling talks between Austria and Hungary reopen on Tuesday.", "AID"),
    ("A free trade pact would open new markets for Austria in Hungary.", "RETREAT"),
])
def test_market_trades_topics_and_prospects_are_no_such_events(text, typ):
    assert typ not in _types(text)


def test_mutual_assistance_is_cooperation_not_aid():
    types = _types("Austria and Hungary provide mutual assistance in customs matters.")
    assert "AID" not in types


@pytest.mark.parametrize("text", [
    "Austrian farmers blocked the border crossings with Hungary.",
    "Hungarian air traffic controllers are expected to strike on Saturday over pay.",
    "Hungarian opposition supporters will take to the streets of Budapest on Saturday.",
])
def test_civilians_blocking_striking_marching_protest(text):
    assert "PROTEST" in _types(text)


def test_civilians_blocking_a_road_do_not_coerce():
    assert "COERCE" not in _types("Austrian farmers blocked the road to Hungary.")


def test_announced_plans_to_put_tariffs_are_a_threat():
    types = _types("Austria announced plans to put tariffs on imports of Hungarian wine.")
    assert "THREATEN" in types and "AGREE" not in types

