"""Figure series: the numbers of a relationship across articles, each with its sources.

Resolution (``link``, in ``Store.add``'s transaction, for canonical articles only, so a
reissue counts once): every figure joins the *observation* with the same metric (and
label), set of countries, direction, kind, unit and period, or creates it. Its value is
one of the observation's reported values; values within ``VALUE_TOLERANCE`` of each
other agree (they are already in units, "$1.2 bn" = 1.2e9, and in ISO 4217 currencies:
different currencies are different units, never compared), otherwise the observation is
*disputed* and keeps every value. A target or a forecast is never the same observation
as an actual. A figure that states no period is filed under its article's month (a stock
"as of" the report), or, in an undated article, under that article alone.

A change with a stated base period ("up 20% compared to the same period last year") also
names the observation it is measured against (``base_id``), as soon as both are stored.

Reading (``SeriesApi``, mixed into ``Store``): a pair's or a country's observations,
sorted by period, each with its values and its newest sources and their evidence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from bilat.amounts import format_amount
from bilat.errors import UsageError
from bilat.extract import periods
from bilat.record import FIGURE_KINDS, FIGURE_METRICS
from bilat.store.known import Known, kept
from bilat.store.known import known as _known
from bilat.store.models import (
    ArticleRow,
    FigureObservationCountryRow,
    FigureObservationPairRow,
    FigureObservationRow,
    FigureRow,
    FigureSourceRow,
)

#: Values this far apart (relative) agree; the evaluation's tolerance for the same figure.
VALUE_TOLERANCE = 0.01
#: Sources listed with each observation (the newest); ``source_count`` gives them all.
SOURCES_SHOWN = 10
#: Observations one request returns at most (the newest periods, returned oldest first):
#: for a pair, and for a country with all its partners.
MAX_OBSERVATIONS = 1000
MAX_COUNTRY_OBSERVATIONS = 500
#: Distinct values kept per observation; more are folded into the nearest kept one.
MAX_VALUES = 50
#: Values listed per observation (the most reported first; ``value_count`` counts all):
#: for a pair, and in a country's long list.
VALUES_SHOWN = 20
VALUES_SHOWN_COUNTRY = 3


@dataclass(frozen=True)
class Reported:
    """A figure as a source of an observation: what ``link`` needs of a ``figures`` row."""

    figure_id: int
    metric: str
    label: str | None
    countries: list[str]
    direction: str | None
    kind: str
    unit: str | None
    period: str | None
    value: float | None
    change: str | None
    change_pct: float | None
    base_period: str | None

    @classmethod
    def of(cls, f: FigureRow) -> Reported:
        return cls(f.id, f.metric, f.label, list(f.countries), f.direction, f.kind or "actual",
                   f.unit, f.period, f.value, f.change, f.change_pct, f.base_period)


@dataclass(frozen=True)
class Period:
    """Where an observation sits in time: its key and first and last month."""

    key: str
    start: str
    end: str


def period_fields(period: str | None, day: str, article_id: str) -> Period:
    """The period an observation is filed under.

    The days the ISO period covers; for a figure without one, its article's month
    (``as-of:YYYY-MM``: a level "as of" the report); for an undated article, the article
    itself (``article:<id>``), which agrees with nothing else.
    """
    d = periods.days(period)
    if d is not None:
        return Period(f"{d[0].isoformat()}/{d[1].isoformat()}", d[0].isoformat()[:7],
                      d[1].isoformat()[:7])
    if len(day) >= 7:
        return Period(f"as-of:{day[:7]}", day[:7], day[:7])
    return Period(f"article:{article_id}", "", "")


def base_key(base_period: str | None) -> str | None:
    d = periods.days(base_period)
    return None if d is None else f"{d[0].isoformat()}/{d[1].isoformat()}"


def agree(a: float, b: float) -> bool:
    """Whether two reported values are the same value (within ``VALUE_TOLERANCE``)."""
    return abs(a - b) <= VALUE_TOLERANCE * max(abs(a), abs(b))


def summarise(values: list[dict[str, Any]]) -> tuple[float | None, bool]:
    """The agreed value of an observation and whether it is disputed.

    ``values``: ``[{"value", "sources", "last_day"}]``. Values that agree form a group;
    the group most sources give wins (then the one reported most recently) and its most
    reported value is the observation's. More than one group: disputed.
    """
    if not values:
        return None, False
    ordered = sorted(values, key=lambda v: v["value"])
    groups: list[list[dict[str, Any]]] = []
    for v in ordered:
        if groups and agree(groups[-1][0]["value"], v["value"]):
            groups[-1].append(v)
        else:
            groups.append([v])
    best = max(groups, key=lambda g: (sum(v["sources"] for v in g),
                                      max(v["last_day"] for v in g)))
    top = max(best, key=lambda v: (v["sources"], v["last_day"]))
    return top["value"], len(groups) > 1


def add_value(values: list[dict[str, Any]], value: float, day: str) -> list[dict[str, Any]]:
    """``values`` with one more source of ``value`` (a new list)."""
    out = [dict(v) for v in values]
    for v in out:
        if v["value"] == value:
            v["sources"] += 1
            v["last_day"] = max(v["last_day"], day)
            return out
    if len(out) >= MAX_VALUES:
        nearest = min(out, key=lambda v: abs(v["value"] - value))
        nearest["sources"] += 1
        nearest["last_day"] = max(nearest["last_day"], day)
        return out
    out.append({"value": value, "sources": 1, "last_day": day})
    return out


def add_recent(recent: list[list[Any]], day: str, figure_id: int) -> list[list[Any]]:
    """``recent`` (``[[day, figure id], …]``, newest first) with one more source, cut to
    ``SOURCES_SHOWN`` (a new list)."""
    out = sorted([*[list(r) for r in recent], [day, figure_id]],
                 key=lambda r: (r[0], r[1]), reverse=True)
    return out[:SOURCES_SHOWN]


# -- resolution ------------------------------------------------------------------------


def link(session: Session, article_id: str, day: str, figures: Iterable[Reported]) -> None:
    """File each figure of a canonical article under its observation, creating it.

    The observations are looked up in the transaction's ``known.Known`` (read for the
    whole batch by ``prefetch``; a ``Known`` of its own, written when this returns,
    when there is none)."""
    with kept(session) as known:
        for f in figures:
            _file(session, known, article_id, day, f)


def _key(f: Reported, day: str, article_id: str) -> tuple[dict[str, str], Period] | None:
    """The observation key a figure is filed under, and its period; None for a figure
    with no country."""
    countries = [c for c in dict.fromkeys(f.countries) if isinstance(c, str) and c]
    if not countries:
        return None
    when = period_fields(f.period, day, article_id)
    return {"metric": f.metric, "label": f.label or "",
            "country_key": " ".join(sorted(countries)), "direction": f.direction or "",
            "kind": f.kind, "unit": f.unit or "", "period_key": when.key}, when


def prefetch(session: Session, figures: Iterable[tuple[str, str, Reported]]) -> None:
    """Read at once the observations ``link`` will look up for ``figures`` ((article
    id, day, figure) of a batch): by their period keys and their base periods'."""
    wanted = set()
    for article_id, day, f in figures:
        found = _key(f, day, article_id)
        if found is None:
            continue
        key = found[0]
        wanted.add((key["metric"], key["country_key"], key["period_key"]))
        base = base_key(f.base_period)
        if base is not None:
            wanted.add((key["metric"], key["country_key"], base))
    _known(session).prefetch_observations(session, wanted)


def _file(session: Session, known: Known, article_id: str, day: str, f: Reported) -> None:
    found = _key(f, day, article_id)
    if found is None:
        return
    key, when = found
    countries = [c for c in dict.fromkeys(f.countries) if isinstance(c, str) and c]
    obs = _find(session, known, key)
    if obs is None:
        obs = FigureObservationRow(
            **key, countries=countries, period=f.period, period_start=when.start,
            period_end=when.end, value=None, disputed=False, reported=[], change=None,
            change_pct=None, base_period=None, base_key=None, base_id=None, n_sources=0,
            first_day=day, last_day=day, recent_sources=[])
        obs.id = known.ids.next(session, FigureObservationRow.__table__)
        session.add(obs)
        known.created_observation(obs)
        _index(known, obs, countries)
        _link_bases_to(session, known, obs)
    known.insert(FigureSourceRow, figure_id=f.figure_id, observation_id=obs.id,
                 article_id=article_id, day=day, value=f.value)
    obs.n_sources += 1
    if f.value is not None:
        obs.reported = add_value(obs.reported, f.value, day)
        obs.value, obs.disputed = summarise(obs.reported)
    if obs.change is None and f.change is not None:
        obs.change, obs.change_pct = f.change, f.change_pct
    if obs.base_period is None and f.base_period and (f.change or f.change_pct is not None):
        obs.base_period, obs.base_key = f.base_period, base_key(f.base_period)
        if obs.base_key is not None:
            known.based_on_key(obs)
        base = _base_of(session, known, obs)
        if base is not None:
            known.set_base(obs, base)
    obs.recent_sources = add_recent(obs.recent_sources, day, f.figure_id)
    if day:
        obs.first_day = min(obs.first_day or day, day)
        obs.last_day = max(obs.last_day, day)


def _find(session: Session, known: Known, key: dict[str, str]) -> FigureObservationRow | None:
    """The observation of ``key``. A change told without a value (no unit) joins the
    observation of its series and period whatever its unit (the one with the most
    sources, then the first); a value joins a change-only observation of its period,
    which takes its unit."""
    same = known.observations(session, (key["metric"], key["label"], key["country_key"],
                                        key["direction"], key["kind"], key["period_key"]))
    for o in same:
        if o.unit == key["unit"]:
            return o
    if key["unit"] == "":
        return min(same, key=lambda o: (-o.n_sources, o.id), default=None)
    for o in same:
        if o.unit == "":
            o.unit = key["unit"]
            return o
    return None


def link_article(session: Session, article: Any) -> None:
    """``link`` for a stored article (its ``id``, ``day`` and ``figures`` rows)."""
    link(session, article.id, article.day, (Reported.of(f) for f in article.figures))


def reported(articles: Iterable[Any]) -> Iterator[tuple[str, str, Reported]]:
    """(article id, day, figure) for the figures of ``articles`` (as ``link_article``)."""
    for article in articles:
        for f in article.figures:
            yield article.id, article.day, Reported.of(f)


def _index(known: Known, obs: FigureObservationRow, countries: list[str]) -> None:
    codes = sorted(set(countries))
    for c in codes:
        known.insert(FigureObservationCountryRow, observation_id=obs.id, country=c,
                     metric=obs.metric, period_start=obs.period_start)
    for i, a in enumerate(codes):
        for b in codes[i + 1:]:
            known.insert(FigureObservationPairRow, observation_id=obs.id, country_a=a,
                         country_b=b, metric=obs.metric, period_start=obs.period_start)


def _base_of(session: Session, known: Known, obs: FigureObservationRow) -> int | None:
    """The actual observation of the same series in ``obs``'s base period, if stored."""
    if obs.base_key is None:
        return None
    for o in known.observations(session, (obs.metric, obs.label, obs.country_key,
                                          obs.direction, "actual", obs.base_key)):
        if o.unit == obs.unit:
            return o.id
    return None


def _link_bases_to(session: Session, known: Known, obs: FigureObservationRow) -> None:
    """A new actual observation is the base of the stored changes that name its period."""
    if obs.kind != "actual":
        return
    for o in known.based_on(session, (obs.metric, obs.label, obs.country_key, obs.direction,
                                      obs.period_key)):
        if o.unit == obs.unit and known.base_id(o) is None and o.id != obs.id:
            known.set_base(o, obs.id)


# -- reading ---------------------------------------------------------------------------


class SeriesApi:
    """Figure series across articles; mixed into ``Store`` (which provides ``_sessions``)."""

    _sessions: Any

    def figure_series(self, pair: tuple[str, str] | None = None, country: str | None = None,
                      metric: str | None = None, kind: str | None = None,
                      since: str | None = None, until: str | None = None) -> dict[str, Any]:
        """The observations of a pair (``pair``) or of a country (``country``), oldest
        period first: ``{"series": [...], "truncated": bool}`` (docs/api-contract.md).

        ``since``/``until`` keep the observations whose period overlaps them (months or
        days, inclusive at their precision); ``kind`` one kind; ``metric`` one metric.
        A pair's observations list their ``SOURCES_SHOWN`` newest sources, a country's
        (with every partner, many more observations) only the newest.
        """
        from bilat.store.queries import Filters

        f = Filters(pair=pair, country=country, since=since, until=until).checked()
        problems = []
        if f.pair is None and f.country is None:
            problems.append("give a pair or a country")
        if metric is not None and metric not in FIGURE_METRICS:
            problems.append(f"unknown metric {metric!r}; use one of " + ", ".join(FIGURE_METRICS))
        if kind is not None and kind not in FIGURE_KINDS:
            problems.append(f"unknown kind {kind!r}; use one of " + ", ".join(FIGURE_KINDS))
        if problems:
            raise UsageError("; ".join(problems))
        o = FigureObservationRow
        if f.pair is not None:
            a, b = sorted(f.pair)
            p = FigureObservationPairRow
            ids = select(p.observation_id).where(p.country_a == a, p.country_b == b)
            col = p
        else:
            p2 = FigureObservationCountryRow
            ids = select(p2.observation_id).where(p2.country == f.country)
            col = p2  # type: ignore[assignment]
        if metric:
            ids = ids.where(col.metric == metric)
        if f.until:
            # a period that starts after "until" is out; "" (unknown) is kept
            ids = ids.where(col.period_start <= f.until[:7])
        stmt = select(o).where(o.id.in_(ids.scalar_subquery()))
        if kind:
            stmt = stmt.where(o.kind == kind)
        if f.since:
            stmt = stmt.where(or_(o.period_end == "", o.period_end >= f.since[:7]))
        cap = MAX_OBSERVATIONS if f.pair is not None else MAX_COUNTRY_OBSERVATIONS
        # the newest periods when there are too many (unknown periods first), shown in order
        stmt = stmt.order_by((o.period_start == "").desc(), o.period_start.desc(),
                             o.period_end.desc(), o.metric.desc(), o.kind.desc(),
                             o.id.desc()).limit(cap + 1)
        with self._sessions() as session:
            rows = list(session.scalars(stmt))
            truncated = len(rows) > cap
            rows = rows[:cap][::-1]
            sources = _sources(session, rows, SOURCES_SHOWN if f.pair is not None else 1)
        shown = VALUES_SHOWN if f.pair is not None else VALUES_SHOWN_COUNTRY
        return {"series": [observation_dict(r, sources.get(r.id, []), shown) for r in rows],
                "truncated": truncated}

    def figure_observations(self) -> Iterable[dict[str, Any]]:
        """Every observation, for export: period order within metric and countries."""
        o = FigureObservationRow
        last = 0
        while True:
            with self._sessions() as session:
                page = list(session.scalars(select(o).where(o.id > last).order_by(o.id)
                                            .limit(500)))
                sources = _sources(session, page, SOURCES_SHOWN)
            for r in page:
                yield observation_dict(r, sources.get(r.id, []))
            if len(page) < 500:
                return
            last = page[-1].id


#: Columns of ``export_figures(fmt="csv")``: one observation per row.
CSV_COLUMNS = ("id", "metric", "label", "countries", "direction", "kind", "period",
               "period_start", "period_end", "value", "unit", "value_text", "disputed",
               "values", "change", "change_pct", "base_period", "source_count", "articles")


def export_figures(observations: Iterable[dict[str, Any]], fmt: str, out: Any) -> int:
    """Write observations (``SeriesApi.figure_observations``) to ``out`` as ``jsonl`` (one
    observation with its sources per line) or ``csv`` (``CSV_COLUMNS``; lists joined with
    ";", ``articles`` the ids of the newest sources); returns the rows written."""
    import csv
    import json

    if fmt not in ("jsonl", "csv"):
        raise UsageError(f"unknown export format {fmt!r}; use jsonl or csv")
    writer = csv.writer(out, lineterminator="\n") if fmt == "csv" else None
    if writer is not None:
        writer.writerow(CSV_COLUMNS)
    n = 0
    for d in observations:
        n += 1
        if writer is None:
            out.write(json.dumps(d, ensure_ascii=False) + "\n")
            continue
        row = dict(d, countries=";".join(d["countries"]),
                   values=";".join(repr(v["value"]) for v in d["values"]),
                   articles=";".join(dict.fromkeys(s["article_id"] for s in d["sources"])))
        writer.writerow(["" if row[c] is None else row[c] for c in CSV_COLUMNS])
    return n


def _source_dicts(rows: Iterable[Any]) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for oid, aid, value, title, date, start, end, evidence in rows:
        out[oid].append({"article_id": aid, "article_title": title, "date": date,
                         "value": value,
                         "evidence": {"start": start, "end": end,
                                      "text": evidence if end > start >= 0 else ""}})
    return out


def _evidence_text() -> Any:
    fr, a = FigureRow, ArticleRow
    return func.substr(a.text, fr.evidence_start + 1, fr.evidence_end - fr.evidence_start)


def _sources(session: Session, rows: list[FigureObservationRow], shown: int
             ) -> dict[int, list[dict[str, Any]]]:
    """The ``shown`` newest sources of each observation with their evidence, newest first:
    read by primary key from ``recent_sources``, however many sources an observation has."""
    wanted: dict[int, tuple[int, int]] = {}  # figure id -> (observation id, rank)
    for r in rows:
        for rank, (_, fid) in enumerate(r.recent_sources[:shown]):
            wanted[int(fid)] = (r.id, rank)
    if not wanted:
        return {}
    fr, a = FigureRow, ArticleRow
    stmt = (select(fr.id, fr.article_id, fr.value, a.title, a.date, fr.evidence_start,
                   fr.evidence_end, _evidence_text())
            .join(a, a.id == fr.article_id).where(fr.id.in_(list(wanted))))
    found = sorted(((wanted[fid], rest) for fid, *rest in session.execute(stmt)),
                   key=lambda x: x[0])
    return _source_dicts((oid, *rest) for (oid, _), rest in found)


def observation_dict(r: FigureObservationRow, sources: list[dict[str, Any]],
                     values_shown: int = MAX_VALUES) -> dict[str, Any]:
    """An observation as the API gives it (docs/api-contract.md)."""
    reported = sorted(r.reported, key=lambda v: (-v["sources"], v["value"]))
    as_of = r.period_key.startswith(("as-of:", "article:"))
    return {
        "id": str(r.id), "metric": r.metric, "label": r.label or None,
        "countries": list(r.countries), "direction": r.direction or None, "kind": r.kind,
        "period": r.period, "period_start": r.period_start or None,
        "period_end": r.period_end or None, "as_of_report": as_of,
        "full_years": not as_of and periods.full_years(r.period),
        "value": r.value, "unit": r.unit or None,
        "value_text": format_amount(r.value, r.unit or None) if r.value is not None else None,
        "disputed": r.disputed,
        "values": [{"value": v["value"], "value_text": format_amount(v["value"], r.unit or None),
                    "sources": v["sources"]} for v in reported[:values_shown]],
        "value_count": len(reported),
        "change": r.change, "change_pct": r.change_pct, "base_period": r.base_period,
        "base_id": str(r.base_id) if r.base_id is not None else None,
        "source_count": r.n_sources, "sources": sources,
    }


__all__ = ["SeriesApi", "link", "link_article", "period_fields", "summarise"]
