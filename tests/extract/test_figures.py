"""Figures: amounts, currencies, periods and changes parsed from strings; whole sentences."""

from __future__ import annotations

import pytest

from bilat.extract.figures import parse_amounts, parse_change, parse_number


@pytest.mark.parametrize("text,value,unit", [
    ("21 billion dlrs", 21e9, "USD"),
    ("$500 mln", 5e8, "USD"),
    ("1.2 bln US dollars", 1.2e9, "USD"),
    ("US$6 billion", 6e9, "USD"),
    ("USD 7.5 billion", 7.5e9, "USD"),
    ("$ 3.4 billion", 3.4e9, "USD"),
    ("one billion yen", 1e9, "JPY"),
    ("91 mln marks", 91e6, "DEM"),
    ("eight mln Canadian dlr", 8e6, "CAD"),
    ("1.62 billion rand", 1.62e9, "ZAR"),
    ("600 mln ECU", 6e8, "XEU"),
    ("2 trillion rubles", 2e12, "RUB"),
    ("88 million pounds", 88e6, "GBP"),
    ("210,000 barrels per day", 210000, "barrels_per_day"),
    ("5,000 tonnes", 5000, "tonnes"),
    ("five mln barrels", 5e6, "barrels"),
    ("44 U.S. Dlrs per tonne", 44, "USD"),
    # any ISO 4217 code in capitals, before or after the number
    ("GEL 300 million", 3e8, "GEL"), ("KGS 3 billion", 3e9, "KGS"), ("TMT 100 million", 1e8, "TMT"),
    ("500 million AMD", 5e8, "AMD"),
    ("150 billion Kazakh tenge", 1.5e11, "KZT"), ("5 billion Turkish lira", 5e9, "TRY"),
    ("10 bcm", 1e10, "cubic_metres"), ("$500m", 5e8, "USD"),
    # currencies of the region and of the wire by name
    ("2 billion afghanis", 2e9, "AFN"), ("10 trillion rials", 1e13, "IRR"),
    ("4.5 billion Pakistani rupees", 4.5e9, "PKR"), ("5 billion Norwegian crowns", 5e9, "NOK"),
    ("300 million Belarusian rubles", 3e8, "BYN"), ("5 billion tomans", 5e10, "IRR"),
    ("11.0 billion schillings", 11e9, "ATS"),
    # an abbreviated scale's dot before the currency
    ("15.6 mln. USD", 15.6e6, "USD"), ("2.1 bln. dollars", 2.1e9, "USD"),
    # a currency's name in the singular, as a modifier
    ("a 412 billion peseta debt", 412e9, "ESP"), ("a 20 mln Swiss franc loan", 20e6, "CHF"),
])
def test_parse_amounts_value_and_unit(text, value, unit):
    (a,) = parse_amounts(text)
    assert a.value == pytest.approx(value)
    assert a.unit == unit


@pytest.mark.parametrize("text,value", [("20 pct", 20), ("1-1/8 pct", 1.125),
                                        ("45-percent", 45), ("60%", 60), ("100 per cent", 100)])
def test_parse_amounts_percent(text, value):
    (a,) = parse_amounts(text)
    assert a.percent and a.unit == "percent"
    assert a.value == pytest.approx(value)


def test_parse_amounts_scaled_number_takes_previous_unit():
    amounts = parse_amounts("exports rose to 3.36 billion rand from 3.31 billion in January")
    assert [(a.value, a.unit) for a in amounts] == [(3.36e9, "ZAR"), (3.31e9, "ZAR")]


@pytest.mark.parametrize("text", ["in 1986", "on March 20", "3.5 million Russians", "150 jobs",
                                  "ALL 5 countries"])
def test_parse_amounts_skips_dates_and_counts(text):
    assert parse_amounts(text) == []


@pytest.mark.parametrize("text,values", [
    ("a record 7.6 mln bales (375 pounds each)", [7.6e6]),
    ("$280 million (SDR 205.94 million) is available", [280e6]),
    ("the Netherlands ($208 million, 16.5 percent)", [208e6, 16.5]),
])
def test_parse_amounts_parenthesis_after_an_amount_is_a_gloss(text, values):
    assert [a.value for a in parse_amounts(text)] == pytest.approx(values)


def test_parse_amounts_year_is_not_a_range():
    amounts = parse_amounts("for the first four months of 1987 to 5.82 billion rand")
    assert [a.value for a in amounts] == [5.82e9]


def test_parse_number_fractions_and_words():
    assert parse_number("1,500") == 1500
    assert parse_number("1-1/8") == 1.125
    assert parse_number("seven") == 7


@pytest.mark.parametrize("text,change", [
    ("rose 20 pct", "increase"), ("fell to", "decrease"), ("grew by", "increase"),
    ("remained unchanged", "stable"), ("totalled", None), ("reached a record high", "increase"),
])
def test_parse_change(text, change):
    assert parse_change(text) == change


@pytest.fixture(scope="module")
def figures_of():
    from bilat.ingest.records import article_from_record
    from bilat.pipeline import Pipeline

    pipe = Pipeline()

    def run(text: str):
        art = article_from_record({"id": "t", "title": "", "date": "1987-03-01", "text": text},
                                  "t")
        return list(pipe.process_many([art]))[0].figures
    return run


def test_sentence_rise_to_and_from_baseline(figures_of):
    figs = figures_of("South Africa's exports rose to 4.12 billion rand in May from "
                      "3.95 billion in April but imports fell to 2.06 billion from 2.58 billion.")
    got = {(f.metric, f.value, f.change) for f in figs}
    assert ("exports", 4.12e9, "increase") in got
    assert ("exports", 3.95e9, None) in got
    assert ("imports", 2.06e9, "decrease") in got
    assert ("imports", 2.58e9, None) in got
    assert all(f.countries == ["ZAF"] for f in figs)


def test_sentence_possessor_and_complement_countries(figures_of):
    figs = figures_of("Japan's exports to the United States rose 20 pct to 5 billion dlrs in 1986.")
    (f,) = figs
    assert (f.metric, set(f.countries), f.value, f.change, f.change_pct) == \
        ("exports", {"JPN", "USA"}, 5e9, "increase", 20)


def test_sentence_comparison_gives_change(figures_of):
    figs = figures_of("Chile's June exports totalled 0.82 billion dlrs, against 0.91 billion "
                      "dlrs in May.")
    got = {(f.value, f.change) for f in figs}
    assert got == {(0.82e9, "decrease"), (0.91e9, None)}


@pytest.fixture(scope="module")
def figures_at():
    from bilat.ingest.records import article_from_record
    from bilat.pipeline import Pipeline

    pipe = Pipeline()

    def run(text: str, date: str | None):
        art = article_from_record({"id": "t", "title": "", "date": date, "text": text}, "t")
        return list(pipe.process_many([art]))[0].figures
    return run


def test_sentence_goal_is_a_target_with_its_year(figures_at):
    (f,) = figures_at("Georgia and Armenia aim to raise trade turnover to $3 billion "
                      "by 2032.", "2024-08-07")
    assert (f.metric, set(f.countries), f.value, f.kind, f.period, f.change) == \
        ("trade_turnover", {"GEO", "ARM"}, 3e9, "target", "2032", None)


def test_sentence_agreed_to_raise_is_a_target(figures_at):
    figs = figures_at("Azerbaijan and Uzbekistan agreed to raise trade to $1 billion. Trade "
                      "between Azerbaijan and Uzbekistan reached $110 million in 2023.",
                      "2024-05-21")
    got = {(f.value, f.kind, f.period) for f in figs}
    assert got == {(1e9, "target", None), (110e6, "actual", "2023")}


def test_sentence_expectation_is_a_forecast(figures_at):
    (f,) = figures_at("Trade between Azerbaijan and Uzbekistan is expected to reach $2 billion "
                      "this year.", "2024-05-21")
    assert (f.kind, f.period) == ("forecast", "2024")


def test_sentence_reporter_and_partner_with_direction(figures_at):
    (f,) = figures_at("China's exports to Japan fell 5 pct to 10 billion dlrs in 2023.",
                      "2024-02-01")
    assert (f.countries, f.direction, f.change, f.change_pct, f.period) == \
        (["CHN", "JPN"], "CHN>JPN", "decrease", 5, "2023")


def test_sentence_change_keeps_its_base_period(figures_at):
    (f,) = figures_at("In the first half of 2023, trade turnover between Azerbaijan and "
                      "Uzbekistan reached $120 million, up 20 percent compared to the same "
                      "period last year.", "2023-08-01")
    assert (f.value, f.change, f.change_pct, f.period, f.base_period) == \
        (120e6, "increase", 20, "2023-01/2023-06", "2022-01/2022-06")


def test_sentence_since_runs_to_the_article_date(figures_at):
    (f,) = figures_at("Trade turnover between Azerbaijan and Uzbekistan has exceeded $5.4 "
                      "billion since 2005.", "2024-05-21")
    assert (f.value, f.period, f.kind) == (5.4e9, "2005/2024-05-21", "actual")


@pytest.mark.parametrize("text,countries", [
    # the verb's complement, however far the parse puts it from the amount
    ("Britain exported 2.2 billion stg worth of goods to Kuwait last year.",
     ["GBR", "KWT"]),
    ("In October Kazakhstan exported 41,700 tons of flour and 12,300 tons of barley to "
     "Afghanistan.", ["KAZ", "AFG"]),
    # "that country" stands for the last other country named
    ("Britain sells arms to Saudi Arabia, and British imports from that country totalled "
     "436 mln stg last year.", ["GBR", "SAU"]),
])
def test_sentence_flow_partner_from_the_verb_or_an_anaphor(figures_at, text, countries):
    figs = figures_at(text, "2021-10-20")
    assert figs and all(f.countries == countries for f in figs)


def test_sentence_currency_is_no_country_for_the_next_sentence(figures_at):
    figs = figures_at("Bangladesh's current account deficit narrowed to 3.03 mln U.S. dlrs in "
                      "November. The trade deficit rose to 88 mln dlrs.", "1987-01-10")
    assert [f.countries for f in figs] == [["BGD"], ["BGD"]]


def test_sentence_estimated_to_be_is_actual_and_past_by_is_no_goal(figures_at):
    (f,) = figures_at("Turkey's investment in the Georgian economy is estimated to be "
                      "around 2.3 billion euros.", "2022-03-01")
    assert f.kind == "actual"
    figs = figures_at("By the end of 2024, Kazakhstan's grain exports reached 8.1 million "
                      "tons.", "2025-03-20")
    assert [(f.value, f.kind, f.period) for f in figs] == [(8.1e6, "actual", "2024")]


def test_sentence_from_to_on_a_forecast_keeps_its_change(figures_at):
    figs = figures_at("Uruguayan rice exports to Brazil will increase from 420,000 tonnes "
                      "in 1987 to 0.6 mln tonnes in 1990, the pact said.", "1987-03-01")
    assert ("increase", 0.6e6, "1990") in {(f.change, f.value, f.period) for f in figs}


def test_sentence_ranking_keeps_the_reporter_of_the_flow(figures_at):
    figs = figures_at("In the first three months, Uzbekistan exported buses for $41.8 million, "
                      "of which $36.2 million falls on the share of Kyrgyzstan. Georgia is in "
                      "second place ($2.4 million), the third is Tajikistan ($1.9 million).",
                      "2021-04-10")
    got = {f.value: f.countries for f in figs}
    assert got[36.2e6] == ["UZB", "KGZ"]
    assert got[2.4e6] == ["UZB", "GEO"] and got[1.9e6] == ["UZB", "TJK"]


def test_sentence_change_next_to_its_level_is_one_figure(figures_at):
    figs = figures_at("Trade turnover between Armenia and Georgia grew by $31.2 "
                      "million in January-September 2022. The volume of trade turnover reached "
                      "$287.5 million.", "2022-10-20")
    assert [(f.value, f.change, f.period) for f in figs] == \
        [(287.5e6, "increase", "2022-01/2022-09")]
    # a change of its own period stays apart from a level without one
    figs = figures_at("Trade between Azerbaijan and Georgia is almost a quarter billion USD. "
                      "In the last four months trade between Azerbaijan and Georgia grew by 200 "
                      "percent.", "2025-06-11")
    assert {(f.value, f.change) for f in figs} == {(250e6, None), (None, "increase")}


def test_sentence_from_a_country_is_no_baseline(figures_at):
    figs = figures_at("Georgia's exports to Armenia fell 10% to $200 million, while imports from "
                      "Armenia rose to $150 million.", "2024-03-01")
    assert {(f.metric, f.value, f.change) for f in figs} == \
        {("exports", 200e6, "decrease"), ("imports", 150e6, "increase")}


def test_sentence_direction_from_the_amounts_own_clause(figures_at):
    figs = figures_at("Azerbaijan's investment in the Italian economy is estimated at 1.7 "
                      "billion euros, with Italy investing approximately 770 million euros in "
                      "Azerbaijan.", "2022-03-01")
    assert {f.value: f.direction for f in figs} == {1.7e9: "AZE>ITA", 770e6: "ITA>AZE"}
    figs = figures_at("Britain sold 2.2 billion stg worth of goods to Kuwait in 1986, "
                      "and British imports from that country were 510 mln stg.",
                      "1987-03-01")
    assert {f.value: f.direction for f in figs} == {2.2e9: "GBR>KWT", 510e6: "KWT>GBR"}


def test_sentence_a_figure_has_two_countries_at_most(figures_at):
    figs = figures_at("He said that Tajikistan has over $300 million bilateral trade with "
                      "Afghanistan and, with more effort on both sides, Tajikistan and "
                      "Pakistan could raise the two-way trade volume to $2 "
                      "billion within five years.", "2019-05-01")
    assert {f.value: set(f.countries) for f in figs} == {300e6: {"TJK", "AFG"},
                                                         2e9: {"TJK", "PAK"}}


def test_sentence_since_then_after_a_year(figures_at):
    figs = figures_at("The ADB's first assistance to Tajikistan was in 1998. Since then, ADB "
                      "has mobilized over $1.8 billion for the country.", "2020-06-18")
    assert [(f.value, f.period) for f in figs] == [(1.8e9, "1998/2020-06-18")]


def test_sentence_amount_takes_the_head_of_its_noun_phrase(figures_at):
    figs = figures_at("The World Bank last week granted Kenya a 150 mln dlr trade "
                      "adjustment loan.", "1987-03-24")
    assert [(f.metric, f.value) for f in figs] == [("aid", 150e6)]


def test_sentence_conjoined_owners_are_all_parties(figures_at):
    (f,) = figures_at("Uzbekistan and Saudi Arabia signed agreements worth $12 billion during "
                      "the visit.", "2024-05-01")
    assert (f.label, set(f.countries), f.value) == ("agreements_value", {"UZB", "SAU"}, 12e9)


def test_sentence_period_of_a_change_told_in_words_carries_on(figures_at):
    figs = figures_at("Tajikistan's trade with Iran fell sharply in 2023. The volume of trade "
                      "decreased by 30 percent to $150 million.", "2024-05-01")
    assert [(f.value, f.change, f.period) for f in figs] == [(150e6, "decrease", "2023")]


def test_sentence_foreign_trade_is_with_the_world_and_lists_its_partners(figures_at):
    figs = figures_at("Uzbekistan's foreign trade turnover amounted to $30 billion in "
                      "January-June 2024. China ($5.1 billion), Russia ($4.8 billion) and "
                      "Kazakhstan ($2.1 billion) were the main trading partners.", "2024-07-20")
    got = {f.value: f.countries for f in figs}
    assert got[30e9] == ["UZB"]
    assert got[4.8e9] == ["UZB", "RUS"] and got[2.1e9] == ["UZB", "KAZ"]
    # a share of it is the pair's
    figs = figures_at("Azerbaijan's trade turnover with Georgia amounted to $800 million. The "
                      "share of Georgia in Azerbaijan's total foreign trade was 3.1 percent.",
                      "2024-10-20")
    assert {f.value: set(f.countries) for f in figs}[3.1] == {"AZE", "GEO"}


def test_sentence_expectation_by_a_year_stays_a_forecast(figures_at):
    (f,) = figures_at("Trade between Kazakhstan and Russia could reach $30 billion by 2027.",
                      "2024-05-01")
    assert (f.kind, f.period) == ("forecast", "2027")


@pytest.mark.parametrize("text,want", [
    ("Kazakhstan plans to export 10 million tons of grain to China this year.",
     ("exports", ["KAZ", "CHN"], 10e6, "target", "2024")),
    ("Azerbaijan will supply 1 billion cubic meters of gas to Hungary next year.",
     ("exports", ["AZE", "HUN"], 1e9, "forecast", "2025")),
])
def test_sentence_base_form_flow_verb_before_its_amount(figures_at, text, want):
    (f,) = figures_at(text, "2024-05-01")
    assert (f.metric, f.countries, f.value, f.kind, f.period) == want


@pytest.mark.parametrize("text,value", [
    ("will produce 270 gigawatt-hours per year", 270e6),
    ("300 GWh of electricity", 300e6),
    ("2 TWh", 2e9),
    ("450 megawatt-hours", 450e3),
])
def test_parse_amounts_energy_units_in_kwh(text, value):
    (a,) = parse_amounts(text)
    assert (a.value, a.unit) == (value, "kwh")


def test_sentence_raising_a_flow_to_an_amount_is_a_goal_of_its_subject(figures_at):
    (f,) = figures_at("Uzbekistan will raise its exports to Russia to $2 billion.", "2024-05-01")
    assert (f.countries, f.kind) == (["UZB", "RUS"], "target")
    (f,) = figures_at("The World Bank will lend up to $60 million for the plant in Uzbekistan.",
                      "2024-05-01")
    assert f.kind == "actual"  # "up to" is a ceiling, and a loan promised a commitment


def test_sentence_aid_from_a_giver_goes_to_the_story_s_country(figures_at):
    figs = figures_at("The EBRD will finance a solar plant in Uzbekistan. Uzbekistan's energy "
                      "ministry welcomed it. The EBRD mobilised $20 million from Canada for the "
                      "project.", "2024-05-01")
    assert [(f.metric, f.countries) for f in figs if f.value == 20e6] == \
        [("aid", ["CAN", "UZB"])]


def test_sentence_a_shipment_in_a_two_country_story_goes_to_the_other_side(figures_at):
    figs = figures_at("Kazakhstan and Afghanistan discussed grain trade in Kabul. Last year "
                      "Kazakhstan shipped over 3 mln tons of wheat and flour.", "2021-10-14")
    assert [(f.metric, f.countries, f.period) for f in figs] == \
        [("exports", ["KAZ", "AFG"], "2020")]
    # "Kazakhstan's exports" are its exports to the world
    figs = figures_at("Kazakhstan and Afghanistan discussed grain trade in Kabul. Kazakhstan's "
                      "exports reached $80 billion last year.", "2021-10-14")
    assert [f.countries for f in figs] == [["KAZ"]]


def test_sentence_each_amount_takes_the_giver_after_it(figures_at):
    figs = figures_at("The EBRD will finance a solar plant in Uzbekistan. Uzbekistan's energy "
                      "ministry welcomed it. The EBRD mobilised $20 million from Canada, $5 "
                      "million from Finland and $3 million from Norway.", "2024-05-01")
    got = {f.value: (f.countries, f.change) for f in figs}
    assert got[20e6] == (["CAN", "UZB"], None)
    assert got[5e6] == (["FIN", "UZB"], None)  # not Canada's, not the base of a change
    assert got[3e6] == (["NOR", "UZB"], None)


def test_sentence_our_countries_are_the_sides_the_text_names(figures_at):
    figs = figures_at("Baku, Azerbaijan, May 3\n\nTrend:\n\nThe Kyrgyz-Kazakh board met in "
                      "Almaty. Kyrgyzstan prizes its ties with Kazakhstan, the Kyrgyz minister "
                      "said. Kazakhstan agreed. “We will bring the trade turnover between our "
                      "countries to $2 billion,” he said.", "2018-05-03")
    assert [set(f.countries) for f in figs] == [{"KGZ", "KAZ"}]


def test_sentence_development_finance_goes_on_in_the_next_sentence(figures_at):
    figs = figures_at("The EBRD will invest almost $200 million in a solar project in "
                      "Uzbekistan. The $195.5 million investment will support the construction "
                      "of the plant.", "2026-01-15")
    assert {(f.value, f.metric, tuple(f.countries)) for f in figs} == \
        {(200e6, "aid", ("UZB",)), (195.5e6, "aid", ("UZB",))}


def test_sentence_the_base_keeps_its_own_period(figures_at):
    figs = figures_at("The UAE's exports declined to 37.2 billion dirhams from 54.2 billion in "
                      "1985.", "1987-03-01")
    # (the level's own period is the year after its base's, not the base's)
    assert {f.value: f.period for f in figs} == {37.2e9: "1986", 54.2e9: "1985"}


def test_sentence_what_is_traded_between_cue_and_partner(figures_at):
    (f,) = figures_at("U.S. exports of farm goods to Japan totalled 5.1 billion dlrs in "
                      "calendar 1986.", "1987-04-10")
    assert (f.countries, f.value, f.period) == (["USA", "JPN"], 5.1e9, "1986")


@pytest.mark.parametrize("text", [
    "Japan agreed to buy 200,000 tonnes of Thai rice.",
    "Egypt plans to purchase 500,000 tonnes of U.S. wheat.",
])
def test_sentence_a_purchase_agreed_or_planned_is_a_target(figures_at, text):
    (f,) = figures_at(text, "1987-04-10")
    assert (f.metric, f.kind) == ("imports", "target")


@pytest.mark.parametrize("text,value", [
    ("$12,5 billion", 12.5e9), ("1,5 million tons", 1.5e6), ("1,500 million dlrs", 1.5e9),
])
def test_parse_amounts_decimal_comma_before_a_scale_word(text, value):
    (a,) = parse_amounts(text)
    assert a.value == value


def test_sentence_over_the_months_is_the_period_not_a_base(figures_at):
    (f,) = figures_at("Over the 10 months of this year, trade between Kazakhstan and Uzbekistan "
                      "amounted to $3.5 billion.", "2024-11-20")
    assert (f.period, f.base_period) == ("2024-01/2024-10", None)


def test_sentence_a_goal_takes_a_year_to_come_before_it(figures_at):
    (f,) = figures_at("In 2025, trade turnover between Kazakhstan and Uzbekistan is planned to "
                      "reach $2 billion.", "2024-05-01")
    assert (f.kind, f.period) == ("target", "2025")
    (f,) = figures_at("In 2023, Kazakhstan and Uzbekistan agreed to raise trade to $5 billion.",
                      "2024-05-01")
    assert (f.kind, f.period) == ("target", None)  # when it was agreed, not its year


def test_sentence_a_change_alone_joins_its_level_two_sentences_back(figures_at):
    figs = figures_at("Azerbaijan's trade turnover with Georgia amounted to $800 million in "
                      "January-September 2024. Of this, exports amounted to $600 million. "
                      "Compared to the same period last year, the turnover increased by 12 "
                      "percent.", "2024-10-20")
    turnover = [f for f in figs if f.metric == "trade_turnover"]
    assert [(f.value, f.change, f.change_pct) for f in turnover] == [(800e6, "increase", 12)]


@pytest.mark.parametrize("text,kind", [
    ("A cement plant worth $85 million is set to be constructed in Tajikistan by a "
     "Chinese company.", "target"),
    ("China expands investments: $120 million plant to be built in Uzbekistan.", "target"),
    ("China's CNPC will build a gas processing plant worth $2 billion in Turkmenistan.",
     "target"),
    ("The project in Uzbekistan is expected to attract up to $400 million in Chinese "
     "investment.", "forecast"),
])
def test_sentence_a_planned_investment_is_its_investor_s_goal(figures_at, text, kind):
    (f,) = figures_at(text, "2024-03-03")
    assert (f.metric, f.kind) == ("investment", kind)


def test_sentence_coordinated_changes_share_the_period_after_them(figures_at):
    figs = figures_at("China's exports to Japan fell 5 pct and imports from Japan rose 2 pct in "
                      "March.", "1987-04-10")
    assert [(f.metric, f.period) for f in figs] == [("exports", "1987-03"),
                                                   ("imports", "1987-03")]


def test_sentence_we_is_not_the_publisher_s_country(figures_at):
    figs = figures_at("Baku, Azerbaijan, May 5\n\nTrend:\n\nKazakhstan's trade minister met "
                      "business leaders in Astana. “We have exported 2 million tons of wheat "
                      "this year,” he said.", "2024-05-05")
    assert [f.countries for f in figs] == [["KAZ"]]


@pytest.mark.parametrize("text,countries,direction", [
    ("Exports from China to Japan fell 5 pct to 10 billion dlrs.", ["CHN", "JPN"], "CHN>JPN"),
    ("Imports to Turkey from Georgia rose 10 pct to 5 billion dlrs.", ["TUR", "GEO"],
     "GEO>TUR"),
])
def test_sentence_reporter_named_by_from_or_to(figures_at, text, countries, direction):
    (f,) = figures_at(text, "2024-04-10")
    assert (f.countries, f.direction) == (countries, direction)


def test_sentence_a_total_so_far_takes_no_period_from_the_sentence_before(figures_at):
    figs = figures_at("Trade turnover between Ukraine and Poland last year amounted to almost "
                      "$7.5 billion. Polish companies have invested more than $1 billion in the "
                      "Ukrainian economy.", "2021-11-20")
    assert {f.metric: f.period for f in figs} == {"trade_turnover": "2020", "investment": None}


def test_sentence_level_joined_after_a_comparison_is_no_base(figures_at):
    figs = figures_at("Trade between Armenia and Georgia grew by 12 percent compared to 2022 and "
                      "amounted to $800 million in 2023.", "2024-02-01")
    assert [(f.value, f.change, f.change_pct, f.period) for f in figs] == \
        [(800e6, "increase", 12, "2023")]
    # a second base after "and" stays a base
    figs = figures_at("Brazil's exports totalled 1.4 billion dlrs in March, against 1.5 billion "
                      "dlrs in February and 1.6 billion dlrs in January.", "1987-04-01")
    assert {(f.value, f.change) for f in figs} == {(1.4e9, "decrease"), (1.5e9, None),
                                                   (1.6e9, None)}


def test_sentence_same_period_last_year_is_a_year_before_the_figure(figures_at):
    (f,) = figures_at("Trade between Turkey and Azerbaijan amounted to $7 billion in "
                      "January-September 2023, up 15 percent compared to the same period last "
                      "year.", "2024-05-21")
    assert (f.period, f.base_period) == ("2023-01/2023-09", "2022-01/2022-09")


def test_sentence_lender_named_without_a_country_after_an_igo(figures_at):
    figs = figures_at("Japan and Indonesia signed a trade pact in Tokyo. \"Indonesia can rely on "
                      "the support of the World Bank,\" Conable said. The Bank has loaned "
                      "Indonesia two billion dlrs over the past ten years.", "1987-03-24")
    assert [(f.metric, f.countries, f.value, f.period) for f in figs] == \
        [("aid", ["IDN"], 2e9, "1977/1987-03-24")]
    # a lender with a country stays the giver
    figs = figures_at("Japan and Indonesia signed a trade pact in Tokyo. The World Bank praised "
                      "the reforms. Japan's Ex-Im bank announced a 900 mln dlr credit to "
                      "Indonesia last month.", "1987-03-24")
    assert [(f.metric, f.direction) for f in figs] == [("aid", "JPN>IDN")]


@pytest.mark.parametrize("text, pct", [
    ("Trade increased twofold in 2023", 100), ("exports grew threefold", 200),
    ("a 2-fold rise", 100), ("grew 1.5-fold to $3 billion", 50),
])
def test_parse_amounts_fold_is_a_multiplier(text, pct):
    a = parse_amounts(text)[0]
    assert (a.value, a.unit, a.change) == (pct, "percent", "increase")


def test_sentence_flow_lists_its_reporter_first(figures_at):
    figs = figures_at("Exports of Kyrgyz goods to Kazakhstan amounted to $700 million in 2023. "
                      "Georgia's imports from Turkey reached $2 billion.", "2024-05-21")
    assert [(f.countries, f.direction) for f in figs] == \
        [(["KGZ", "KAZ"], "KGZ>KAZ"), (["GEO", "TUR"], "TUR>GEO")]
    # "that country" gives its preposition's side too
    (f,) = figures_at("Britain sells arms to Saudi Arabia, and British imports from that country "
                      "totalled 436 mln stg last year.", "1987-03-01")
    assert (f.countries, f.direction) == (["GBR", "SAU"], "SAU>GBR")


def test_sentence_partner_of_the_other_flow_gives_no_direction(figures_at):
    figs = figures_at("Georgia's exports to Armenia amounted to $30 million, and imports - $57 "
                      "million.", "2024-05-21")
    assert [(f.metric, f.countries, f.direction) for f in figs] == \
        [("exports", ["GEO", "ARM"], "GEO>ARM"), ("imports", ["GEO", "ARM"], "ARM>GEO")]


def test_sentence_level_compared_with_a_years_base_is_the_year_after(figures_at):
    figs = figures_at("The UAE's trade deficit narrowed to 6.8 billion dirhams from 25.5 billion "
                      "in 1985.", "1987-03-01")
    assert {(f.value, f.period, f.base_period) for f in figs} == \
        {(6.8e9, "1986", "1985"), (25.5e9, "1985", None)}


def test_sentence_amount_with_its_own_past_verb_is_actual(figures_at):
    figs = figures_at("Serbia signed a contract with Azerbaijan to buy 400 million cubic meters "
                      "of gas, and 120 million cubic meters have already been shipped to "
                      "Serbia in 2024.", "2024-08-01")
    assert {(f.value, f.kind) for f in figs} >= {(120e6, "actual")}
    figs = figures_at("Kazakhstan plans to export 10 million tons of grain, of which 3 million "
                      "tons were exported to Uzbekistan.", "2024-08-01")
    assert {(f.value, f.kind) for f in figs} == {(10e6, "target"), (3e6, "actual")}
    # a goal said so stays one
    (f,) = figures_at("The Asian Development Bank plans to allocate $500 million, and $200 "
                      "million has been earmarked for Tajikistan.", "2024-08-01")
    assert (f.value, f.kind) == (200e6, "target")


def test_sentence_country_selling_to_a_country_exports(figures_at):
    (f,) = figures_at("Australia sold 2.5 mln tonnes of wheat to China in the 1986/87 season.",
                      "1987-04-08")
    assert (f.metric, f.countries, f.direction) == ("exports", ["AUS", "CHN"], "AUS>CHN")
    # a firm selling a unit makes no export
    (f,) = figures_at("Schlumberger sold its semiconductor unit for 200 mln dlrs to Fujitsu of "
                      "Japan.", "1987-04-08")
    assert (f.metric, f.label) == ("other", "sales")



def test_parse_amounts_no_amount_starts_at_a_period_word():
    amounts = parse_amounts("the deficit grew during the fourth quarter to 38.4 billion dlrs")
    assert [(a.value, a.unit) for a in amounts] == [(38.4e9, "USD")]


def test_parse_amounts_denominator_of_a_rate_is_no_amount():
    amounts = parse_amounts("partners invested 9 rubles per 1 ruble of the Fund's money")
    assert amounts == []
    # a price per thousand is a price
    amounts = parse_amounts("gas at a price of $165 per 1,000 cubic meters")
    assert [(a.value, a.unit) for a in amounts] == [(165, "USD")]


def test_sentence_amount_someone_has_is_actual(figures_at):
    figs = figures_at("Spain's railway company hopes for a deal with its lenders on "
                      "restructuring its 412 billion peseta debt.", "1987-03-01")
    assert [(f.value, f.kind) for f in figs] == [(412e9, "actual")]
    (f,) = figures_at("Kazakhstan and Uzbekistan confirmed their $10 billion target for trade.",
                      "2024-05-21")
    assert (f.value, f.kind) == (10e9, "target")


def test_sentence_shared_currency_name_takes_the_figures_country(figures_at):
    figs = figures_at("Sweden's trade surplus grew to 4.2 billion crowns in May from 2.7 "
                      "billion in April. Norway's trade surplus grew to 3.3 billion crowns.",
                      "1987-06-14")
    assert [(f.value, f.unit) for f in figs] == [(4.2e9, "SEK"), (2.7e9, "SEK"), (3.3e9, "NOK")]


def test_sentence_trade_gap_is_a_deficit(figures_at):
    figs = figures_at("Canada's trade gap narrowed to 2.4 billion dlrs in June.", "1987-07-15")
    assert [(f.metric, f.label, f.value) for f in figs] == \
        [("other", "trade_deficit", 2.4e9)]


def test_sentence_change_said_again_for_another_period(figures_at):
    figs = figures_at("Trade between Poland and Kazakhstan rose by more than 12 percent last "
                      "year, and by more than 9 percent over the first nine months of this "
                      "year.", "2021-11-30")
    assert [(f.change, f.change_pct, f.period) for f in figs] == \
        [("increase", 12, "2020"), ("increase", 9, "2021-01/2021-09")]


def test_parse_amounts_bare_number_before_after_is_an_amount():
    amounts = parse_amounts("exports were 7.5 billion dlrs and imports 4.56 billion after 3.55 "
                            "billion")
    assert [a.value for a in amounts] == [7.5e9, 4.56e9, 3.55e9]


def test_sentence_after_a_base_compares(figures_at):
    figs = figures_at("The UAE's overall balance showed a surplus of 4.8 billion dirhams after "
                      "2.6 billion in 1985.", "1987-03-20")
    assert {(f.value, f.change, f.period) for f in figs} == \
        {(4.8e9, "increase", "1986"), (2.6e9, None, "1985")}


def test_sentence_period_of_an_unread_base_is_the_base(figures_at):
    (f,) = figures_at("Belgium said exports fell last year to 2,874.5 billion francs from 2,990.2 "
                      "in 1985.", "1987-03-20")
    assert (f.period, f.base_period) == ("1986", "1985")


def test_sentence_farm_produce_is_goods_not_production(figures_at):
    figs = figures_at("Taiwan's imports of U.S. farm produce last year amounted to 1.41 billion "
                      "dlrs.", "1987-03-20")
    assert [(f.metric, set(f.countries)) for f in figs] == [("imports", {"TWN", "USA"})]


def test_sentence_change_by_more_than_a_percentage(figures_at):
    figs = figures_at("Russia and Mongolia held talks. Our trade has increased by more "
                      "than 35 percent over the first quarter.", "2022-04-20")
    assert [(f.metric, f.change, f.change_pct, f.period) for f in figs] == \
        [("trade_turnover", "increase", 35, "2022-01/2022-03")]


@pytest.mark.parametrize("text, change", [
    ("(+20%)", "increase"), ("(-5.1%)", "decrease"), ("a -3% drop", "decrease"),
    ("imports - 5%", None), ("growth of 5%", None),
])
def test_parse_amounts_signed_percentage_is_a_change(text, change):
    (a,) = parse_amounts(text)
    assert a.change == change


def test_sentence_signed_percentages_in_a_statistics_line(figures_at):
    figs = figures_at("Exports from Uzbekistan to Kazakhstan amounted to $1.5 billion (+12.3%), "
                      "imports - $3 billion (-5.1%).", "2024-05-21")
    assert [(f.metric, f.countries, f.direction, f.change, f.change_pct) for f in figs] == [
        ("exports", ["UZB", "KAZ"], "UZB>KAZ", "increase", 12.3),
        ("imports", ["UZB", "KAZ"], "KAZ>UZB", "decrease", 5.1)]


def test_sentence_investors_listed_after_a_countrys_investment(figures_at):
    figs = figures_at("Georgia attracted $1.6 billion in foreign direct investment in 2023. The "
                      "largest investors were the UK ($400 million), the Netherlands ($200 "
                      "million) and Turkey ($150 million).", "2024-05-21")
    assert [(f.value, set(f.countries)) for f in figs] == [
        (1.6e9, {"GEO"}), (400e6, {"GEO", "GBR"}), (200e6, {"GEO", "NLD"}),
        (150e6, {"GEO", "TUR"})]


def test_sentence_change_told_in_words_between_two_names(figures_at):
    figs = figures_at("Trade between Tajikistan and China is declining.", "2024-05-21")
    assert [(f.metric, set(f.countries), f.change) for f in figs] == \
        [("trade_turnover", {"TJK", "CHN"}, "decrease")]


@pytest.mark.parametrize("text", [
    "The Turkish company will build a $300 million plant in Turkmenistan.",
    "A German firm opened a 50 million euro factory in Uzbekistan.",
])
def test_sentence_amount_right_before_a_plant_is_investment(figures_at, text):
    (f,) = figures_at(text, "2024-05-21")
    assert f.metric == "investment"


def test_parse_amounts_values_have_no_float_noise():
    assert [a.value for a in parse_amounts("$4.1 billion and 264.4 million dlrs")] == \
        [4_100_000_000.0, 264_400_000.0]


@pytest.mark.parametrize("text, want", [
    ("Trade between Kazakhstan and Kyrgyzstan reached $1.7 billion, an increase of $200 million "
     "compared to 2022.", (1.7e9, "increase", None)),
    ("Uzbekistan's imports from Turkmenistan fell by $50 million to $200 million.",
     (200e6, "decrease", None)),
    ("Trade between Georgia and Uzbekistan amounted to $96.2 million in January-September. "
     "This is $11.3 million or 13.3 percent more than in the same period last year.",
     (96.2e6, "increase", 13.3)),
    ("Trade between Azerbaijan and Uzbekistan amounted to $14.5 million in January-March, which "
     "is $1.3 million (9.8%) more than in the same period of 2023.", (14.5e6, "increase", 9.8)),
])
def test_sentence_size_of_a_change_is_the_change_of_its_level(figures_at, text, want):
    (f,) = figures_at(text, "2024-10-20")
    assert (f.value, f.change, f.change_pct) == want


@pytest.mark.parametrize("text, kind", [
    ("Trade between Russia and Kazakhstan is on track to hit $30 billion.", "forecast"),
    ("Trade between Russia and Kazakhstan is expected to exceed $30 billion.", "forecast"),
    ("Trade between Russia and Kazakhstan hit $30 billion last year.", "actual"),
    ("Russia and Kazakhstan aim to surpass $30 billion in trade.", "target"),
])
def test_sentence_infinitive_of_a_level_verb_takes_its_governors_kind(figures_at, text, kind):
    (f,) = figures_at(text, "2024-05-21")
    assert f.kind == kind


@pytest.mark.parametrize("text", [
    "The share of Turkey in Azerbaijan's exports reached 15.3 percent in 2023.",
    "Turkey's share in Azerbaijan's exports reached 15.3 percent in 2023.",
])
def test_sentence_holder_of_a_share_is_a_party(figures_at, text):
    (f,) = figures_at(text, "2024-05-21")
    assert (f.metric, f.label, f.countries, f.value) == \
        ("other", "export_share", ["AZE", "TUR"], 15.3)


@pytest.mark.parametrize("text, change", [
    ("imports rose only 2.9 pct", "increase"), ("exports were only 5 mln dlrs", "decrease"),
])
def test_parse_change_only_is_a_fall_where_nothing_else_says(text, change):
    assert parse_change(text) == change


def test_sentence_past_base_of_a_goal_is_actual(figures_at):
    figs = figures_at("Uzbekistan and Tajikistan plan to increase trade turnover to $2 billion in "
                      "the coming years, up from $600 million in 2023.", "2024-05-21")
    assert {(f.value, f.kind, f.period) for f in figs} == \
        {(2e9, "target", None), (600e6, "actual", "2023")}


def test_sentence_flow_glossed_from_a_pairs_turnover(figures_at):
    figs = figures_at("Bilateral trade between Kazakhstan and Turkey amounted to $6.4 billion, of "
                      "which Kazakhstan's exports accounted for $4.6 billion.", "2024-05-21")
    assert [(f.metric, f.countries, f.direction) for f in figs] == [
        ("trade_turnover", ["KAZ", "TUR"], None), ("exports", ["KAZ", "TUR"], "KAZ>TUR")]
