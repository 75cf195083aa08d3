"""Datelines of the region's agencies give a story its place and date (issue 11)."""

from __future__ import annotations

import pytest

from bilat.extract import dateline
from bilat.pipeline import Pipeline
from bilat.record import Article


@pytest.mark.parametrize("text,place,country,date", [
    ("BAKU, Azerbaijan, June 11. Delegations from Azerbaijan and Tajikistan will gather later.",  # Trend
     "BAKU", "AZE", "2025-06-11"),
    ("Baku, June 28, AZERTAC\n\nA vice-premier of Mongolia visited the exhibition.",
     "Baku", "AZE", "2025-06-28"),
    ("ASTANA. KAZINFORM – The 10th meeting of the council was held.", "ASTANA", "KAZ", None),
    ("TASHKENT, Uzbekistan (Kun.uz) — The presidents of Uzbekistan and Kyrgyzstan met.",
     "TASHKENT", "UZB", None),
    ("MOSCOW, May 21. /TASS/. Russian President Vladimir Putin met Ilham Aliyev.",
     "MOSCOW", "RUS", "2025-05-21"),
    ("ASTANA – Kazakh and Korean entrepreneurs concluded some 12 contracts.",  # Astana Times
     "ASTANA", "KAZ", None),
    ("YEREVAN, Armenia (AP) — Military forces of Armenia and Azerbaijan clashed.",
     "YEREVAN", "ARM", None),
    ("ANKARA, 14 May 2025 — Turkey and Azerbaijan signed a memorandum.", "ANKARA", "TUR",
     "2025-05-14"),
    ("GUBA, Azerbaijan, May 21. The Interregional Forum opened in Guba.", "GUBA", "AZE",
     "2025-05-21"),
    ("Armenia, Georgia hold border talks; two roads reopen\nYEREVAN, Armenia (AP) — "
     "Officials of Armenia and Georgia met at the frontier.", "YEREVAN", "ARM", None),
    ("TASHKENT (UrduPoint News / Sputnik - 14th March, 2022) Foreign ministers of Uzbekistan "
     "and Mongolia talked.", "TASHKENT", "UZB", "2022-03-14"),
    ("Bishkek, Nov. 17, 2018 / Kabar /. Ties with Mongolia grew stronger this autumn.",
     "Bishkek", "KGZ", "2018-11-17"),
    ("Baku, Azerbaijan, Dec. 23 By Leyla Aliyeva - Trend: Azerbaijan and Georgia signed.",
     "Baku", "AZE", "2025-12-23"),  # Trend's older format, with its byline
    ("Tashkent, 5 March 2024, 14:20 – Uzbekistan and China held talks.", "Tashkent", "UZB",
     "2024-03-05"),
    ("BISHKEK (AKIpress) - Kyrgyz President Sadyr Japarov met the ambassador of China.",
     "BISHKEK", "KGZ", None),
    ("YEREVAN, MARCH 5, ARMENPRESS. Armenia and Iran held talks.", "YEREVAN", "ARM",
     "2025-03-05"),
    ("ASTANA, March 5 /Kazinform/ – Kazakhstan and Uzbekistan held talks.", "ASTANA", "KAZ",
     "2025-03-05"),
    ("TEHRAN (IRNA) – Iran and Azerbaijan signed a deal.", "TEHRAN", "IRN", None),
    ("Baku. 14 May. REPORT.AZ. Azerbaijan and Turkey signed a deal.", "Baku", "AZE",
     "2025-05-14"),
    ("MOSCOW. May 14 (Interfax) - Russia and Kazakhstan held talks.", "MOSCOW", "RUS",
     "2025-05-14"),
    ("DUSHANBE, 01.02.2023. /Asia-Plus/ - Tajikistan and China held talks.", "DUSHANBE",
     "TJK", "2023-02-01"),
    ("MOSCOW, March 4. /TASS/. Russia and Uzbekistan held talks.", "MOSCOW", "RUS",
     "2025-03-04"),
    ("BEIJING, May 14 (Xinhua) -- China and Kazakhstan agreed to expand trade.", "BEIJING",
     "CHN", "2025-05-14"),
])
def test_dateline_formats_of_the_region(text, place, country, date):
    line = dateline.find(text, year=2025)
    assert line is not None and (line.place, line.country) == (place, country)
    assert line.date == date
    assert text[line.start:line.end].strip().startswith(place)


@pytest.mark.parametrize("text", [
    "Mongolia and Tajikistan hope to lift mutual commerce to $3 billion.",
    "Hungary’s FM: Jointly with Serbia and Croatia we strengthen regional calm.",
    "President Ilham Aliyev: Opening of new rail line will deepen cooperation.",
    "The Islamic Development Bank (IsDB) has approved a US$35 million credit.",
])
def test_dateline_is_not_found_in_a_headline_or_a_sentence(text):
    assert dateline.find(text) is None


def test_dateline_time_stamp_dates_the_story():
    line = dateline.find("11:47 / 19.07.2021\nMongolia buys more Tajik dried fruit")
    assert line is not None and line.date == "2021-07-19" and line.source == "timestamp"


def test_dateline_year_from_the_story_when_the_line_has_none():
    text = ("GUBA, Azerbaijan, May 21. The forum discussed trade, which grew in 2023 and "
            "should reach $1 billion by 2030.")
    assert dateline.find(text).date == "2023-05-21"


def test_dateline_dates_an_undated_article_and_its_place_is_no_party():
    art = Pipeline().process(Article(
        id="d", text="BAKU, Azerbaijan, May 21. Uzbekistan and Kazakhstan signed an "
                     "agreement on energy in 2024."))
    assert art.date == "2024-05-21" and art.extra["date_from"] == "dateline"
    assert art.events and all("AZE" not in e.countries for e in art.events)
    assert all(e.date for e in art.events)


@pytest.mark.parametrize("text, date", [
    ("ANKARA, 14 May 2025 — Turkish and Azerbaijani officials held talks yesterday in Ankara.",
     "2025-05-13"),
    ("BAKU, Azerbaijan, May 21, 2024. Uzbekistan and Kazakhstan signed an agreement on "
     "energy on Monday.", "2024-05-20"),
    ("BAKU, Azerbaijan, May 21, 2024. Uzbekistan and Kazakhstan signed an agreement on "
     "energy.", "2024-05-21"),
])
def test_an_event_in_the_datelines_sentence_is_dated_by_its_own_words(text, date):
    """The first sentence holds the dateline: its date is the story's, and "yesterday" or
    "on Monday" after it count back from it."""
    art = Pipeline().process(Article(id="d", text=text))
    assert art.events and {e.date for e in art.events} == {date}


@pytest.mark.parametrize("url, date", [
    ("https://asiaplus.news/en/news/centralasia/20151026/japan-s-pm-pledges", "2015-10-26"),
    ("https://example.com/politics/2024/02/20/talks-in-baku/", "2024-02-20"),
    ("https://example.com/news/2024-02-20-talks", "2024-02-20"),
    ("https://example.com/2021/03/talks", "2021-03"),
    ("https://en.trend.az/business/4055089.html", None),  # an id, not a date
    ("https://example.com/a/202402/b", None),  # six digits alone: too often an id
    ("https://example.com/x?ref=20240101", None),  # the query is no part of the address
    ("https://example.com/2023/02/31/x", None),  # no such day
    ("https://example.com/2020/01/02/y/2021/05/06/", None),  # two dates: which?
    (None, None),
])
def test_url_date(url, date):
    assert dateline.url_date(url) == date


def test_the_address_gives_the_year_of_a_dateline_without_one():
    art = Pipeline().process(Article(
        id="u", url="https://example.com/news/20151026/japan-uzbekistan",
        text="TASHKENT, October 25. Japan and Uzbekistan signed an agreement on energy."))
    assert art.date == "2015-10-25" and art.extra["date_from"] == "dateline"


def test_the_address_dates_an_article_without_a_dateline():
    art = Pipeline().process(Article(
        id="v", url="https://example.com/2024/02/20/loan",
        text="Japan and Uzbekistan signed a loan agreement on energy."))
    assert art.date == "2024-02-20" and art.extra["date_from"] == "url"
