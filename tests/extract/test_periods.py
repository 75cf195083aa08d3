"""Periods of figures as ISO 8601, resolved against the article's date."""

from __future__ import annotations

import datetime as dt

import pytest

from bilat.extract import periods


@pytest.mark.parametrize("text,ref,expected", [
    ("trade grew in 2023 to $5bn", "2024-05-21", [("2023", "period")]),
    ("In the first five months of 2024, the figure", None,
     [("2024-01/2024-05", "period")]),
    ("In January-March, turnover reached $2.8 billion.", "2024-07-03",
     [("2024-01/2024-03", "period")]),
    ("in January-November 2023", None, [("2023-01/2023-11", "period")]),
    ("Last year, the value", "2024-07-01", [("2023", "period")]),
    ("since 2005", "2024-05-21", [("2005/2024-05-21", "since")]),
    ("since the beginning of the year", "2025-04-01", [("2025-01/2025-04-01", "since")]),
    ("to $10 billion by 2030", None, [("2030", "by")]),
    ("the first half of 2023", None, [("2023-01/2023-06", "period")]),
    ("Q1 2023", None, [("2023-01/2023-03", "period")]),
    ("in the last 10 months of the current year", "2019-12-09",
     [("2019-01/2019-10", "period")]),
    ("in 11 months of 2023", None, [("2023-01/2023-11", "period")]),
    ("the 1985/86 coffee year", None, [("1985/1986", "period")]),
    ("in May 2023", None, [("2023-05", "period")]),
    ("in January-June this year", "2019-08-16", [("2019-01/2019-06", "period")]),
    ("This September and early October", "2021-10-14", [("2021-09/2021-10", "period")]),
    ("Between September 2024 and early March", "2025-03-20", [("2024-09/2025-03", "period")]),
    ("between March 24 and August 31, 1987", "1987-03-17",
     [("1987-03-24/1987-08-31", "period")]),
    ("Last May, a trade mission", "2024-01-08", [("2023-05", "period")]),
    ("the last six months of 1987", "1987-03-01", [("1987-07/1987-12", "period")]),
    ("exports rose last month", "1987-03-05", [("1987-02", "period")]),
    # a year before the figure's own period, not the article's last year (see shift)
    ("compared to the same period last year", "2025-06-11", [(None, "same")]),
    ("against the same period of 2023", "2025-06-11", [("2023", "same")]),
    ("39.1% y/y", None, [(None, "same")]),
    ("invested $12 billion between 1996 and 2023", None, [("1996/2023", "period")]),
    ("in 2017-2023", None, [("2017/2023", "period")]),
    ("from 2017 to 2020", None, [("2017/2020", "period")]),
    ("loaned 10.7 billion dlrs over the past 20 years", "1987-03-24",
     [("1967/1987-03-24", "since")]),
    ("in the last three years", "2024-05-21", [("2021/2024-05-21", "since")]),
    ("in 1H 2023", None, [("2023-01/2023-06", "period")]),
    ("in the first three quarters of this year", "2021-11-19", [("2021-01/2021-09", "period")]),
    ("to $1 billion by the end of this year", "2024-05-21", [("2024", "by")]),
])
def test_find_resolves_periods(text, ref, expected):
    assert [(p.iso, p.role) for p in periods.find(text, ref)] == expected


def test_find_year_before_article_month():
    # "the fourth quarter" read in February is last year's
    (p,) = periods.find("in the fourth quarter", "2024-02-01")
    assert p.iso == "2023-10/2023-12" and not p.explicit_year


@pytest.mark.parametrize("text", ["may increase", "2,000 tons", "on June 26", "$2025 million"])
def test_find_ignores_non_periods(text):
    assert [p.iso for p in periods.find(text, "2024-06-28")] == []


def test_find_relative_periods_need_a_date():
    assert [p.iso for p in periods.find("last year", None)] == [None]


def test_reference_from_text_when_article_is_undated():
    ref, exact = periods.reference(None, "In the first five months of 2024 trade rose, with "
                                         "a goal of $1 billion by 2030.")
    assert ref == dt.date(2024, 12, 31) and not exact
    assert periods.find("since 2005", ref, exact)[0].iso == "2005/2024"
    assert periods.reference("2024-05-21T10:00", "") == (dt.date(2024, 5, 21), True)


@pytest.mark.parametrize("iso,bounds", [
    ("2023", ("2023-01", "2023-12")), ("2020-01/2020-09", ("2020-01", "2020-09")),
    ("2005/2024-05-21", ("2005-01", "2024-05")), ("2024-07-01", ("2024-07", "2024-07")),
    ("1985/1986", ("1985-01", "1986-12")), ("junk", None), ("2024-13", None), (None, None),
])
def test_bounds(iso, bounds):
    assert periods.bounds(iso) == bounds


def test_shift_and_full_years():
    assert periods.shift("2023-01/2023-06", -1) == "2022-01/2022-06"
    assert periods.shift("2024-02-29", -1) == "2023-02-28"
    assert periods.full_years("2023") and periods.full_years("2022/2023")
    assert not periods.full_years("2023-01/2023-06")


def test_reference_from_the_month_of_the_address():
    # an undated article at ".../201603/..." or ".../2016/03/...": "last year" is 2015
    assert periods.reference(None, "Trade grew in 2015.", "2016-03") == (dt.date(2016, 3, 1),
                                                                        False)
    found = periods.find("Trade fell last year.", dt.date(2016, 3, 1), exact=False)
    assert [p.iso for p in found] == ["2015"]


def test_since_then_runs_from_the_last_year_named():
    (p,) = periods.since_then("Since then, ADB has mobilized $1.8 billion.", 1998,
                              dt.date(2020, 6, 18))
    assert (p.iso, p.role) == ("1998/2020-06-18", periods.SINCE)
    assert periods.since_then("Since then, trade grew.", None, dt.date(2020, 6, 18)) == []
    assert periods.years_named("In 1998, and by 2030, and in 2005") == [1998, 2005]


def test_reference_from_a_month_folder_of_the_address():
    text = "The agreement was signed in June 2014. Trade grew last year."
    assert periods.reference(None, text, None, "http://news.example.com/201603/news_1.html") == \
        (dt.date(2016, 3, 1), False)
    # six digits that cannot be the month of writing are an id
    assert periods.reference(None, text, None, "http://example.com/201102/news_1.html") == \
        (dt.date(2014, 12, 31), False)
