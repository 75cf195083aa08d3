"""A realistic store of N world events, written straight into the tables.

    .venv/bin/python bench/store/generate.py --url sqlite:////tmp/bench.db --events 1000000

Not through the pipeline: the rows ``Store.save`` and ``crossref.link`` would write for
the same articles are computed here and bulk-loaded (PostgreSQL ``COPY``, SQLite
``executemany`` in large transactions, secondary indexes dropped during the load and
rebuilt after). ``bench/store/validate.py`` proves the two agree: it re-saves a small
generated store's articles through ``Store.add`` and compares every table.

What the data looks like (all draws from one seeded ``numpy`` generator):

- 150 countries with Zipf weights (exponent ``COUNTRY_ZIPF``); an event's pair is drawn
  from ``w_a * w_b * lognormal affinity``, so a few pairs are very busy and most are
  rare; 12 % of events have three countries and 3 % four.
- PLOVER types with the frequencies of ``TYPE_FREQ`` (CONSULT most common, then
  COOPERATE, AGREE, ACCUSE …); modalities asserted 80 %, future 12 %, potential 5 %,
  negated 3 %; a mode for half of the events whose type has modes.
- ISIC divisions (Zipf over the 88 divisions) for 55 % of cooperation events and 20 % of
  conflict ones, one or two each.
- Ten years of days (2015-2024), volume growing about 2.3x over the decade; 60 % of
  events give their own date, the rest take their first article's.
- Mentions per event: 1 (50 %) up to 6, about 1.9 on average, in articles up to two
  days apart; articles report one to four events of the same day.
- Each article names the countries of its events and, for 60 % of events, a person of
  the actor country (a pool per country, Zipf within it) and for 15 % an organisation;
  trade figures in 20 % of articles, filed under their observations (one per pair and
  year) as ``store.series`` would.

Generated articles are long enough for ``Store.save`` to compute a MinHash signature;
this generator leaves ``articles.minhash`` NULL and ``minhash_bands`` empty (the
near-duplicate index is never read by the API, and hashing a million texts would take
longer than the rest of the load). A later ``Store.add`` of one of these texts is still
caught as an exact copy by its content hash.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import logging
import sys
import time
import zlib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from bilat import lexicon
from bilat.resolve import world as across
from bilat.store import crossref, series

logger = logging.getLogger("bench.store.generate")

SEED = 20240615
FIRST_DAY = dt.date(2015, 1, 1)
DAYS = (dt.date(2025, 1, 1) - FIRST_DAY).days
#: Zipf exponent of country activity: the top country is in ~9 % of events.
COUNTRY_ZIPF = 1.0
#: Spread of the per-pair affinity (lognormal sigma): neighbours and allies talk more.
PAIR_AFFINITY_SIGMA = 1.2
COUNTRIES_PER_EVENT = {2: 0.85, 3: 0.12, 4: 0.03}
TYPE_FREQ = {
    "CONSULT": 0.28, "COOPERATE": 0.12, "AGREE": 0.10, "ACCUSE": 0.08, "SUPPORT": 0.06,
    "REQUEST": 0.06, "AID": 0.04, "SANCTION": 0.04, "REJECT": 0.04, "THREATEN": 0.03,
    "PROTEST": 0.03, "COERCE": 0.03, "ASSAULT": 0.03, "MOBILIZE": 0.02, "CONCEDE": 0.02,
    "RETREAT": 0.02,
}
MODALITY_FREQ = {"asserted": 0.80, "future": 0.12, "potential": 0.05, "negated": 0.03}
MENTION_FREQ = {1: 0.50, 2: 0.25, 3: 0.12, 4: 0.07, 5: 0.04, 6: 0.02}
EVENTS_PER_ARTICLE = {1: 0.35, 2: 0.35, 3: 0.20, 4: 0.10}
OWN_DATE_SHARE = 0.6
PERSON_SHARE = 0.6
ORG_SHARE = 0.15
FIGURE_SHARE = 0.2
INGESTED_AT = dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=dt.UTC)

#: 150 sovereign states, roughly by how much they appear in international news.
COUNTRIES = """
USA CHN RUS GBR FRA DEU UKR IND TUR IRN JPN ISR SAU KOR PRK PAK AFG IRQ SYR EGY
ITA CAN AUS BRA MEX ESP POL KAZ UZB AZE ARM GEO BLR QAT ARE VNM IDN PHL THA MYS
SGP NGA ZAF ETH KEN VEN COL ARG CHL PER CUB NLD BEL SWE NOR FIN DNK AUT CHE GRC
HUN CZE ROU BGR SRB HRV SVK SVN LTU LVA EST MDA KGZ TJK TKM MNG LBN JOR KWT OMN
BHR YEM LBY TUN DZA MAR SDN SSD SOM UGA TZA RWA COD AGO MOZ ZWE ZMB GHA CIV SEN
MLI NER TCD CMR BFA BGD LKA NPL MMR KHM LAO NZL PNG FJI ECU BOL PRY URY DOM HTI
GTM HND SLV NIC CRI PAN JAM IRL PRT LUX ISL CYP MLT ALB MKD MNE BIH XKX BTN MDV
BRN TLS ERI DJI GAB COG BEN TGO LBR SLE GIN MRT NAM BWA MWI MDG
""".split()
#: Subjects of agreements, plans and deals: one word each, distinct in their first five
#: letters, so two events with different subjects have disjoint ``crossref`` objects.
TOPICS = """
textiles energy railways pipelines shipping aviation tourism banking insurance pharmacy
vaccines hospitals agriculture fisheries forestry mining copper uranium lithium cobalt
steel aluminium cement chemicals fertiliser petroleum refining power dams
solar wind biofuels hydrogen nuclear telecoms broadband satellites software cybersecurity
semiconductors robotics education universities scholarships museums theatre cinema
football olympics archives customs visas migration asylum policing narcotics smuggling
piracy demining landmines irrigation desalination drought flooding earthquakes wildfires
housing highways bridges tunnels ports airports logistics warehouses containers trucks
automobiles tractors machinery gadgets furniture leather cotton wool silk grain
wheat barley maize rice sugar coffee cocoa tea dairy poultry livestock seafood fruit
vegetables wine tobacco diamonds gold silver platinum gemstones taxation pensions
statistics standards metrology patents trademarks copyright judiciary prisons ballots
voting municipalities sanitation recycling plastics climate emissions wetlands
biodiversity glaciers meteorology geology oceans antarctica rocketry drones armour
artillery submarines frigates helicopters ammunition uniforms veterans cadets
""".split()
SOURCES = ["reuters.example", "apnews.example", "afp.example", "tass.example",
           "xinhua.example", "trend.example", "kun.example", "bbc.example",
           "aljazeera.example", "dw.example", "kyodo.example", "yonhap.example",
           "anadolu.example", "interfax.example", "ukrinform.example", "irna.example",
           "pti.example", "dawn.example", "gulfnews.example", "allafrica.example",
           "mercopress.example", "efe.example", "ansa.example", "rferl.example",
           "eurasianet.example", "akipress.example", "azertag.example", "uza.example",
           "armenpress.example", "agenda.example"]
FIRST_NAMES = """
Alexander Maria Ahmed Fatima Ivan Olga Li Wei Chen Hiroshi Yuki Carlos Ana Jose Lucia
Mohammed Aisha Ali Sara John Emma James Anna David Elena Pierre Sophie Hans Petra Mehmet
Ayse Rustam Dilnoza Ilham Leyla Nikol Irakli Nino Kassym Aigul Shavkat Sardor Bakhyt
Rahul Priya Kwame Amina Juan Rosa Jan Eva Lars Ingrid Mikhail Svetlana Omar Layla
""".split()
TITLES = ["President", "Prime Minister", "Foreign Minister", "Minister of Economy",
          "Minister of Energy", "Minister of Defence", "Ambassador", "Deputy Prime Minister",
          "Minister of Trade", "Minister of Agriculture"]
ORG_WORDS = ["National", "State", "Development", "Export", "Investment", "Central",
             "Railway", "Energy", "Shipping", "Mining"]
ORG_KINDS = ["Bank", "Agency", "Fund", "Railways", "Airlines", "Chamber", "Institute",
             "Authority", "Council", "Board"]
SYLLABLES = ("ka ro mi tan sel vor du lek pa zim or bat gul shen nar ti mos kev la "
             "dor fi rem bu sak ven zo hal ter nu gor pi lan res tok vi mar").split()
FILLER = ("officials markets observers regional talks week statement ministry meeting "
          "capital delegation visit sides government reporters analysts region month "
          "year officials interview press briefing programme progress issues details "
          "results prospects partners economy trade relations security dialogue ties "
          "schedule agenda summit framework cooperation projects initiative").split()
#: Evidence sentences per type: {a} the actor country, {b} the other parties, {t} the
#: subject. Every one holds one object noun followed by "on/for {t}", so
#: ``across.object_words`` gives exactly ``{t[:5]}``.
TEMPLATES = {
    "CONSULT": ("{a} and {b} held talks on a plan for {t}.", "held talks"),
    "COOPERATE": ("{a} and {b} launched a programme on {t}.", "launched"),
    "AGREE": ("{a} and {b} agreed on a memorandum on {t}.", "agreed"),
    "ACCUSE": ("{a} accused {b} of breaking a deal on {t}.", "accused"),
    "SUPPORT": ("{a} and {b} signed an agreement on {t}.", "signed"),
    "REQUEST": ("{a} asked {b} for a loan for {t}.", "asked"),
    "AID": ("{a} sent {b} a grant for {t}.", "sent"),
    "SANCTION": ("{a} imposed on {b} a ban on {t}.", "imposed"),
    "REJECT": ("{a} rejected a proposal by {b}, a plan for {t}.", "rejected"),
    "THREATEN": ("{a} threatened {b} with a tariff on {t}.", "threatened"),
    "PROTEST": ("{a} protested to {b} over a contract for {t}.", "protested"),
    "COERCE": ("{a} pressed {b} to cancel a deal on {t}.", "pressed"),
    "ASSAULT": ("{a} struck targets of {b} during a programme on {t}.", "struck"),
    "MOBILIZE": ("{a} moved troops near {b} under a plan for {t}.", "moved troops"),
    "CONCEDE": ("{a} conceded to {b} a protocol on {t}.", "conceded"),
    "RETREAT": ("{a} withdrew from {b} under an accord on {t}.", "withdrew"),
}
MODALITY_LEAD = {"asserted": "", "future": "Officials said that soon ",
                 "potential": "Officials said that possibly ", "negated": "It is denied that "}
CONTEXT_OF = {"CONSULT": "diplomatic", "COOPERATE": "economic", "AGREE": "economic",
              "SUPPORT": "economic", "AID": "humanitarian", "REQUEST": "economic",
              "SANCTION": "economic", "THREATEN": "security", "MOBILIZE": "military",
              "ASSAULT": "military", "COERCE": "security", "ACCUSE": "diplomatic",
              "PROTEST": "diplomatic", "REJECT": "diplomatic", "CONCEDE": "diplomatic",
              "RETREAT": "military"}

#: Column order of every table this generator writes.
TABLES: dict[str, tuple[str, ...]] = {
    "articles": ("id", "title", "date", "source", "url", "text", "raw_text", "content_hash",
                 "edits", "extra", "record", "ingested_at", "duplicate_of", "day", "minhash"),
    "entities": ("id", "article_id", "position", "local_id", "name", "kind", "country",
                 "sector", "title", "affiliation", "mentions", "aliases"),
    "events": ("id", "article_id", "position", "local_id", "type", "mode", "modality", "date",
               "day", "location", "confidence", "cameo", "trigger", "context", "sectors",
               "actors", "recipients", "evidence", "evidence_start", "evidence_end"),
    "event_countries": ("event_id", "role", "position", "country"),
    "figures": ("id", "article_id", "position", "metric", "countries", "value", "unit",
                "period", "change", "change_pct", "label", "sectors", "evidence_start",
                "evidence_end", "day", "kind", "direction", "base_period"),
    "world_entities": ("id", "kind", "name", "country", "sector", "title", "title_day",
                       "names", "n_articles", "n_mentions", "first_day", "last_day"),
    "entity_aliases": ("kind", "key", "country", "entity_id"),
    "entity_links": ("entity_row_id", "world_entity_id", "article_id", "day"),
    "world_events": ("id", "type", "quad_class", "modality", "mode", "date", "day", "month",
                     "country_key", "actor_countries", "recipient_countries", "sectors",
                     "context", "confidence", "cameo", "objects", "n_mentions", "search_text",
                     "updated_at"),
    "event_mentions": ("event_row_id", "world_event_id", "article_id", "day", "evidence"),
    "world_event_countries": ("world_event_id", "country", "day"),
    "event_pairs": ("world_event_id", "country_a", "country_b", "day", "month", "type",
                    "quad_class", "modality"),
    "event_sectors": ("world_event_id", "sector", "section", "day"),
    "event_entities": ("world_event_id", "world_entity_id", "day"),
    "figure_countries": ("figure_id", "country", "day"),
    "figure_observations": ("id", "metric", "label", "country_key", "countries", "direction",
                            "kind", "unit", "period_key", "period", "period_start",
                            "period_end", "value", "disputed", "reported", "change",
                            "change_pct", "base_period", "base_key", "base_id", "n_sources",
                            "first_day", "last_day", "recent_sources"),
    "figure_sources": ("figure_id", "observation_id", "article_id", "day", "value"),
    "figure_obs_pairs": ("observation_id", "country_a", "country_b", "metric",
                         "period_start"),
    "figure_obs_countries": ("observation_id", "country", "metric", "period_start"),
}
#: Tables the loader fills from the others (``crossref`` keeps them at save time).
ROLLUPS: dict[str, tuple[str, ...]] = {
    "pair_months": ("country_a", "country_b", "month", "type", "quad_class", "events"),
    "pair_entities": ("country_a", "country_b", "world_entity_id", "kind", "events"),
    "pair_sector_events": ("world_event_id", "country_a", "country_b", "sector", "type",
                           "modality", "day"),
    "pair_places": ("country_a", "country_b", "name_key", "geonames_id", "location_country",
                    "quad_class", "type", "mode", "country_key", "events", "last_day",
                    "last_id"),
    "pair_sector_stages": ("country_a", "country_b", "sector", "stage", "day",
                           "world_event_id"),
}
#: Rows buffered per table before they are handed to the writer.
BATCH_ROWS = 50_000

_dumps = json.JSONEncoder(ensure_ascii=False).encode
_quote = json.encoder.encode_basestring  # type: ignore[attr-defined]


@lru_cache(maxsize=200_000)
def _strs(items: tuple[str, ...]) -> str:
    """A JSON list of strings (cached: the same few lists recur millions of times)."""
    return _dumps(list(items))


def _spans(spans: list[list[int]]) -> str:
    return "[" + ", ".join(f"[{a}, {b}]" for a, b in spans) + "]"


def _fold(s: str) -> str:
    # lexicon.fold only changes non-ASCII characters
    return s.casefold() if s.isascii() else lexicon.fold(s).casefold()


def _choice(rng: np.random.Generator, freq: dict[Any, float], n: int) -> np.ndarray:
    keys = list(freq)
    p = np.array([freq[k] for k in keys], dtype=float)
    idx = rng.choice(len(keys), size=n, p=p / p.sum())
    return np.array(keys, dtype=object)[idx]


def _check_vocabulary() -> None:
    stems = [t[:5] for t in TOPICS]
    bad = {t for t in TOPICS if t in across.GENERIC or t in across.STOPWORDS
           or t in across.BOUNDARY}
    if len(set(stems)) != len(stems) or bad:
        raise ValueError(f"TOPICS must be distinct in their first five letters: {bad}")


@dataclass
class WorldEntity:
    id: int
    kind: str
    name: str
    country: str | None
    sector: str | None
    title: str | None
    n_articles: int = 0
    n_mentions: int = 0
    first_day: str = ""
    last_day: str = ""
    title_day: str = ""
    last_article: str = ""


@dataclass
class OpenEvent:
    """A world event some of whose mentions are still to come."""

    id: int
    index: int
    day: str
    date: str | None
    confidence: float
    search_text: str = ""
    n_mentions: int = 0
    members: set[int] = field(default_factory=set)


class Generator:
    """Yields ``(table, rows)`` batches for ``n_events`` world events."""

    def __init__(self, n_events: int, seed: int = SEED, timestamp: Any = INGESTED_AT,
                 days: int = DAYS) -> None:
        _check_vocabulary()
        self.n = n_events
        #: Days the events are spread over, from ``FIRST_DAY``.
        self.days = days
        self.rng = np.random.default_rng(seed)
        known = lexicon.countries()
        self.countries = [c for c in COUNTRIES if c in known]
        self.names = {c: lexicon.country_name(c) for c in self.countries}
        self.types = lexicon.event_types()
        divisions = [s for s in lexicon.isic_titles() if len(s) == 3]
        self.divisions = divisions
        self.buffers: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
        self.world_entities: dict[tuple[str, str, str], WorldEntity] = {}
        self.next_entity_id = 1
        self.next_event_row = 1
        self.next_entity_row = 1
        self.next_figure = 1
        #: Figure observations by ``series`` key, written when every article is made.
        self.observations: dict[tuple[str, ...], dict[str, Any]] = {}
        self.next_observation = 1
        self.next_world_event = 1
        #: ``ingested_at`` and ``updated_at``, as the writer wants them.
        self.ingested = timestamp
        self._people: dict[str, list[tuple[str, str]]] = {}
        self._orgs: dict[str, list[str]] = {}
        self._make_pools()

    # -- pools of people and organisations -----------------------------------------

    def _word(self, used: set[str], key: Any) -> str:
        rng = self.rng
        while True:
            n = int(rng.integers(2, 4))
            w = "".join(SYLLABLES[int(i)] for i in rng.integers(0, len(SYLLABLES), n))
            k = key(w)
            if k not in used:
                used.add(k)
                return w.capitalize()

    def _make_pools(self) -> None:
        rng = self.rng
        surnames: set[str] = set()
        org_names: set[str] = set()
        n = len(self.countries)
        for rank, c in enumerate(self.countries):
            n_people = 15 + int(400 / (rank + 1) ** 0.8)
            self._people[c] = [
                (f"{FIRST_NAMES[int(rng.integers(len(FIRST_NAMES)))]} "
                 f"{self._word(surnames, crossref.skeleton)}",
                 TITLES[int(rng.integers(len(TITLES)))])
                for _ in range(n_people)]
            n_orgs = 5 + int(100 / (rank + 1) ** 0.8)
            self._orgs[c] = [
                f"{self._word(org_names, str.lower)} {ORG_WORDS[int(rng.integers(10))]} "
                f"{ORG_KINDS[int(rng.integers(10))]}" for _ in range(n_orgs)]
        logger.info("%d countries, %d people, %d organisations", n,
                    sum(map(len, self._people.values())), sum(map(len, self._orgs.values())))

    def _zipf_pick(self, pool_size: int) -> int:
        # rank r with weight 1/(r+1): a few ministers are everywhere, most are rare
        u = self.rng.random()
        return min(pool_size - 1, int((pool_size + 1) ** u) - 1)

    # -- the events ------------------------------------------------------------------

    def _draw_events(self) -> dict[str, Any]:
        rng, n = self.rng, self.n
        nc = len(self.countries)
        w = 1.0 / np.arange(1, nc + 1) ** COUNTRY_ZIPF
        iu = np.triu_indices(nc, 1)
        affinity = rng.lognormal(0.0, PAIR_AFFINITY_SIGMA, size=len(iu[0]))
        pw = w[iu[0]] * w[iu[1]] * affinity
        pair = rng.choice(len(pw), size=n, p=pw / pw.sum())
        a, b = iu[0][pair], iu[1][pair]
        flip = rng.random(n) < 0.5
        actor = np.where(flip, b, a)
        other = np.where(flip, a, b)
        k = _choice(rng, COUNTRIES_PER_EVENT, n).astype(int)
        extra = rng.choice(nc, size=(n, 2), p=w / w.sum())
        # days: volume grows linearly from 0.6 to 1.4 over the decade
        t = np.sqrt(rng.random(n) * (1.4 ** 2 - 0.6 ** 2) + 0.6 ** 2)
        day = ((t - 0.6) / 0.8 * self.days).astype(int).clip(0, self.days - 1)
        types = _choice(rng, TYPE_FREQ, n)
        modality = _choice(rng, MODALITY_FREQ, n)
        mentions = _choice(rng, MENTION_FREQ, n).astype(int)
        order = np.argsort(day, kind="stable")
        return {"actor": actor[order], "other": other[order], "k": k[order],
                "extra": extra[order], "day": day[order], "type": types[order],
                "modality": modality[order], "mentions": mentions[order],
                "own_date": (rng.random(n) < OWN_DATE_SHARE)[order],
                "conf": rng.uniform(0.5, 0.95, size=(n, 6)).round(2),
                "r": rng.random((n, 8))}

    def _event_specs(self) -> list[dict[str, Any]]:
        d = self._draw_events()
        rng = self.rng
        topic_seq: dict[tuple[str, str, str], int] = defaultdict(int)
        sector_w = 1.0 / np.arange(1, len(self.divisions) + 1) ** 1.1
        sector_w /= sector_w.sum()
        sector_draw = rng.choice(len(self.divisions), size=(self.n, 2), p=sector_w)
        specs = []
        for i in range(self.n):
            actor = self.countries[d["actor"][i]]
            parties = [actor, self.countries[d["other"][i]]]
            for j in range(int(d["k"][i]) - 2):
                c = self.countries[d["extra"][i][j]]
                if c not in parties:
                    parties.append(c)
            type_ = str(d["type"][i])
            modality = str(d["modality"][i])
            et = self.types[type_]
            r = d["r"][i]
            key = " ".join(sorted(parties))
            # Round-robin subjects within (type, modality, countries): two events that
            # crossref could merge (same type, modality and countries, close dates) always
            # have different subjects, hence disjoint objects, so each stays its own event.
            seq = topic_seq[(type_, modality, key)]
            topic_seq[(type_, modality, key)] = seq + 1
            topic = TOPICS[(seq + zlib.crc32(key.encode())) % len(TOPICS)]
            cooperation = (et.quad_class or "").endswith("cooperation")
            sectors: list[str] = []
            if r[0] < (0.55 if cooperation else 0.2):
                sectors = [self.divisions[sector_draw[i][0]]]
                if r[1] < 0.3 and sector_draw[i][1] != sector_draw[i][0]:
                    sectors.append(self.divisions[sector_draw[i][1]])
                if r[2] < 0.05:
                    sectors[0] = sectors[0][0]  # a whole section, e.g. "C"
            day = (FIRST_DAY + dt.timedelta(days=int(d["day"][i]))).isoformat()
            mode = et.modes[int(r[3] * len(et.modes))] if et.modes and r[4] < 0.5 else None
            people = []
            if r[5] < PERSON_SHARE:
                people.append(("person", actor))
            if r[6] < ORG_SHARE:
                people.append(("organization", actor))
            specs.append({
                "index": i, "type": type_, "quad": et.quad_class, "cameo": et.cameo,
                "modality": modality, "mode": mode, "day": day, "own_date": bool(d["own_date"][i]),
                "actors": [actor], "recipients": parties[1:], "countries": sorted(parties),
                "key": key, "topic": topic, "sectors": sectors, "members": people,
                "context": [CONTEXT_OF[type_]], "mentions": int(d["mentions"][i]),
                "conf": d["conf"][i], "r7": r[7]})
        return specs

    # -- articles ---------------------------------------------------------------------

    def _articles(self, specs: list[dict[str, Any]]) -> Iterator[tuple[str, list[tuple[int, int]]]]:
        """``(article day, [(event index, mention number)])`` in save order."""
        rng = self.rng
        by_day: dict[str, list[tuple[float, int, int]]] = defaultdict(list)
        for s in specs:
            base = dt.date.fromisoformat(s["day"])
            for m in range(s["mentions"]):
                # dated events are reported up to two days later; undated ones on the day
                # (their day is their first article's)
                off = 0 if m == 0 or not s["own_date"] else int(rng.integers(0, 3))
                day = (base + dt.timedelta(days=off)).isoformat()
                by_day[day].append((m + rng.random(), s["index"], m))
        n_mentions = sum(len(v) for v in by_day.values())
        draws = iter(_choice(rng, EVENTS_PER_ARTICLE, n_mentions + 1).tolist())
        for day in sorted(by_day):
            items = sorted(by_day[day])
            pos = 0
            while pos < len(items):
                size = next(draws)
                chunk: list[tuple[int, int]] = []
                seen: set[int] = set()
                while pos < len(items) and len(chunk) < size:
                    _, idx, m = items[pos]
                    if idx in seen:  # never two mentions of one event in one article
                        break
                    seen.add(idx)
                    chunk.append((idx, m))
                    pos += 1
                yield day, chunk

    def rows(self) -> Iterator[tuple[str, list[tuple[Any, ...]]]]:
        t = time.perf_counter()
        specs = self._event_specs()
        logger.info("drew %d events in %.1f s", len(specs), time.perf_counter() - t)
        open_events: dict[int, OpenEvent] = {}
        n_articles = 0
        for day, chunk in self._articles(specs):
            n_articles += 1
            self._article(n_articles, day, [specs[i] for i, _ in chunk],
                          [m for _, m in chunk], open_events)
            for table, buf in self.buffers.items():
                if len(buf) >= BATCH_ROWS:
                    yield table, buf
                    self.buffers[table] = []
            if n_articles % 100_000 == 0:
                logger.info("%d articles, %d world events, %.0f s", n_articles,
                            self.next_world_event - 1, time.perf_counter() - t)
        if open_events:
            raise RuntimeError(f"{len(open_events)} world events never got all their mentions")
        self._flush_entities()
        self._flush_observations()
        for table, buf in self.buffers.items():
            if buf:
                yield table, buf
        self.buffers.clear()
        self.n_articles = n_articles
        logger.info("%d articles, %d world events, %d world entities in %.0f s", n_articles,
                    self.next_world_event - 1, self.next_entity_id - 1, time.perf_counter() - t)

    def _article(self, number: int, day: str, events: list[dict[str, Any]],
                 mention_nos: list[int], open_events: dict[int, OpenEvent]) -> None:
        rng = self.rng
        out = self.buffers
        aid = f"bench-{number:08d}"
        source = SOURCES[min(len(SOURCES) - 1, int(rng.pareto(1.2)))]
        first = events[0]
        names = self.names
        title = (f"{names[first['actors'][0]]} and {names[first['recipients'][0]]}: "
                 f"{TEMPLATES[first['type']][1]} on {first['topic']}")
        parts: list[str] = []
        length = 0

        def add(s: str) -> tuple[int, int]:
            nonlocal length
            start = length + (1 if parts else 0)
            parts.append(s)
            length = start + len(s)
            return start, length

        entities: list[dict[str, Any]] = []
        local: dict[tuple[str, str, str], str] = {}

        def entity(kind: str, name: str, country: str | None, title_: str | None,
                   span: tuple[int, int]) -> str:
            key = (kind, name, country or "")
            if key in local:
                e = entities[int(local[key][1:]) - 1]
                e["mentions"].append(list(span))
                return local[key]
            lid = f"e{len(entities) + 1}"
            local[key] = lid
            entities.append({"id": lid, "name": name, "kind": kind, "country": country,
                             "sector": {"person": "GOV", "organization": "BUS"}.get(kind),
                             "title": title_, "affiliation": None, "mentions": [list(span)],
                             "aliases": []})
            return lid

        ev_dicts = []
        for pos, (s, m) in enumerate(zip(events, mention_nos, strict=True)):
            a_name = names[s["actors"][0]]
            b_names = " and ".join(names[c] for c in s["recipients"])
            template, trigger = TEMPLATES[s["type"]]
            lead = MODALITY_LEAD[s["modality"]]
            sentence = lead + template.format(a=a_name, b=b_names, t=s["topic"])
            if lead:
                sentence = sentence[0].upper() + sentence[1:]
            date_note = ""
            if s["own_date"]:
                date_note = f" It happened on {s['day']}."
            start, end = add(sentence + date_note)
            ev_start, ev_end = start, start + len(sentence)
            a_at = sentence.index(a_name)
            country_ids = {s["actors"][0]: entity("country", a_name, s["actors"][0], None,
                                                  (start + a_at, start + a_at + len(a_name)))}
            at = sentence.index(b_names, a_at + len(a_name))
            for c in s["recipients"]:
                n = names[c]
                at = sentence.index(n, at)
                country_ids[c] = entity("country", n, c, None, (start + at, start + at + len(n)))
                at += len(n)
            actors = [country_ids[s["actors"][0]]]
            for kind, c in s["members"]:
                if kind == "person":
                    pool = self._people[c]
                    name, ptitle = pool[self._zipf_pick(len(pool))]
                    span = add(f"{ptitle} {name} attended.")
                    p0 = span[0] + len(ptitle) + 1
                    actors.append(entity("person", name, c, ptitle, (p0, p0 + len(name))))
                else:
                    pool2 = self._orgs[c]
                    name = pool2[self._zipf_pick(len(pool2))]
                    span = add(f"The {name} took part.")
                    p0 = span[0] + 4
                    actors.append(entity("organization", name, c, None, (p0, p0 + len(name))))
            conf = float(s["conf"][m])
            ev_dicts.append({
                "id": f"v{pos + 1}", "type": s["type"], "mode": s["mode"],
                "context": list(s["context"]), "actors": actors,
                "recipients": [country_ids[c] for c in s["recipients"]],
                "actor_countries": list(s["actors"]), "recipient_countries": list(s["recipients"]),
                "sectors": list(s["sectors"]), "modality": s["modality"],
                "date": s["day"] if s["own_date"] else None, "location": None,
                "confidence": conf, "cameo": s["cameo"], "trigger": trigger,
                "evidence": [{"start": ev_start, "end": ev_end}],
            })
        figures = []
        if rng.random() < FIGURE_SHARE:
            a, b = first["countries"][:2]
            value = round(float(rng.lognormal(5, 1.5)), 1)
            year = int(day[:4]) - 1
            pct = round(float(rng.normal(5, 15)), 1)
            change = "increase" if pct > 0 else "decrease"
            span = add(f"Trade turnover between {names[a]} and {names[b]} reached "
                       f"${value} million in {year}, a change of {pct}%.")
            figures.append({"metric": "trade_turnover", "countries": [a, b], "value": value,
                            "unit": "USD million", "period": str(year), "change": change,
                            "change_pct": pct, "label": "trade turnover", "sectors": [],
                            "evidence": {"start": span[0], "end": span[1]}, "kind": "actual",
                            "direction": None, "base_period": None})
        words = rng.integers(0, len(FILLER), 24)
        add(" ".join(FILLER[int(i)] for i in words).capitalize() + f" ({aid}).")
        text = " ".join(parts)
        record = {"id": aid, "title": title, "date": day, "source": source,
                  "url": f"https://{source}/news/{aid}", "text": text, "raw_text": None,
                  "edits": [], "entities": entities, "events": ev_dicts, "figures": figures,
                  "relations": [], "extra": {}}
        content_hash = hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()
        out["articles"].append((aid, title, day, source, record["url"], text, None, content_hash,
                                "[]", "{}", _dumps(record), self.ingested, None, day, None))
        # the article's own rows
        entity_row_ids = {}
        for pos, e in enumerate(entities):
            rid = self.next_entity_row
            self.next_entity_row += 1
            entity_row_ids[e["id"]] = rid
            out["entities"].append((rid, aid, pos, e["id"], e["name"], e["kind"], e["country"],
                                    e["sector"], e["title"], None, _spans(e["mentions"]), "[]"))
        event_row_ids = []
        for pos, v in enumerate(ev_dicts):
            rid = self.next_event_row
            self.next_event_row += 1
            event_row_ids.append(rid)
            ev = v["evidence"][0]
            out["events"].append((
                rid, aid, pos, v["id"], v["type"], v["mode"], v["modality"], v["date"],
                v["date"] or day, None, v["confidence"], v["cameo"], v["trigger"],
                _strs(tuple(v["context"])), _strs(tuple(v["sectors"])),
                _strs(tuple(v["actors"])), _strs(tuple(v["recipients"])),
                f'[{{"start": {ev["start"]}, "end": {ev["end"]}}}]', ev["start"], ev["end"]))
            for role, key in (("actor", "actor_countries"), ("recipient", "recipient_countries")):
                for i, c in enumerate(v[key]):
                    out["event_countries"].append((rid, role, i, c))
        for pos, f in enumerate(figures):
            fid = self.next_figure
            self.next_figure += 1
            out["figures"].append((fid, aid, pos, f["metric"], _strs(tuple(f["countries"])),
                                   f["value"], f["unit"], f["period"], f["change"], f["change_pct"],
                                   f["label"], "[]", f["evidence"]["start"],
                                   f["evidence"]["end"], day, "actual", None, None))
            for c in sorted(set(f["countries"])):
                out["figure_countries"].append((fid, c, day))
            self._observe(fid, aid, day, f)
        # crossref.link_entities
        world_ids: dict[str, int] = {}
        counted: set[int] = set()
        for e in entities:
            key = (e["kind"], e["name"], e["country"] or "")
            w = self.world_entities.get(key)
            if w is None:
                name = self.names[e["country"]] if e["kind"] == "country" else e["name"]
                w = WorldEntity(self.next_entity_id, e["kind"], name, e["country"], e["sector"],
                                None, first_day=day, last_day=day)
                self.next_entity_id += 1
                self.world_entities[key] = w
            if w.id not in counted:
                w.n_articles += 1
                counted.add(w.id)
            w.n_mentions += max(1, len(e["mentions"]))
            if e["title"] and (w.title is None or day >= w.title_day):
                w.title, w.title_day = e["title"], day
            w.first_day = min(w.first_day or day, day)
            w.last_day = max(w.last_day, day)
            world_ids[e["id"]] = w.id
            out["entity_links"].append((entity_row_ids[e["id"]], w.id, aid, day))
        # crossref.link_events
        title_folded = _fold(title)
        for s, m, v, rid in zip(events, mention_nos, ev_dicts, event_row_ids,
                                 strict=True):
            idx = s["index"]
            ev = v["evidence"][0]
            ev_text = text[ev["start"]:ev["end"]]
            spans = (f'[{{"start": {ev["start"]}, "end": {ev["end"]}, '
                     f'"text": {_quote(ev_text)}}}]')
            ev_day = (v["date"] or day)[:10]
            o = open_events.get(idx)
            if o is None:
                if m != 0:
                    raise RuntimeError(f"event {idx}: mention {m} comes before its first")
                o = OpenEvent(self.next_world_event, idx, ev_day, v["date"], v["confidence"])
                self.next_world_event += 1
                open_events[idx] = o
                for c in s["countries"]:
                    out["world_event_countries"].append((o.id, c, ev_day))
                cs = s["countries"]
                for i, a in enumerate(cs):
                    for b in cs[i + 1:]:
                        out["event_pairs"].append((o.id, a, b, ev_day, ev_day[:7], s["type"],
                                                   s["quad"], s["modality"]))
                for sec in s["sectors"]:
                    out["event_sectors"].append((o.id, sec, sec[:1], ev_day))
            else:
                o.date = o.date or v["date"]
                o.confidence = min(across.CONFIDENCE_CAP, max(o.confidence, v["confidence"])
                                   + across.CONFIDENCE_PER_MENTION)
            t_ = title_folded
            if t_ and t_ in o.search_text:
                t_ = ""
            search = _fold(" ".join(x for x in (v["trigger"], ev_text) if x))
            added = " ".join(x for x in (t_, search) if x)
            if added and len(o.search_text) < crossref.SEARCH_TEXT_CHARS:
                o.search_text = (o.search_text + " " + added).strip()[:crossref.SEARCH_TEXT_CHARS]
            o.n_mentions += 1
            out["event_mentions"].append((rid, o.id, aid, day, spans))
            members = {world_ids[x] for x in [*v["actors"], *v["recipients"]] if x in world_ids}
            for mem in sorted(members - o.members):
                out["event_entities"].append((o.id, mem, o.day))
            o.members |= members
            if o.n_mentions == s["mentions"]:
                del open_events[idx]
                out["world_events"].append((
                    o.id, s["type"], s["quad"], s["modality"], s["mode"], o.date, o.day,
                    o.day[:7], s["key"], _strs(tuple(s["actors"])),
                    _strs(tuple(s["recipients"])), _strs(tuple(s["sectors"])),
                    _strs(tuple(s["context"])), o.confidence, s["cameo"],
                    _strs((s["topic"][:5],)), o.n_mentions, o.search_text, self.ingested))

    def _observe(self, fid: int, aid: str, day: str, f: dict[str, Any]) -> None:
        """``series.link`` for one generated figure (an actual trade turnover with a value)."""
        when = series.period_fields(f["period"], day, aid)
        countries = list(dict.fromkeys(f["countries"]))
        key = (f["metric"], f["label"] or "", " ".join(sorted(countries)), "", "actual",
               f["unit"] or "", when.key)
        o = self.observations.get(key)
        if o is None:
            o = self.observations[key] = {
                "id": self.next_observation, "countries": countries, "period": f["period"],
                "start": when.start, "end": when.end, "values": [], "n": 0, "change": None,
                "change_pct": None, "first_day": day, "last_day": day}
            self.next_observation += 1
            codes = sorted(set(countries))
            for c in codes:
                self.buffers["figure_obs_countries"].append((o["id"], c, f["metric"], when.start))
            for i, a in enumerate(codes):
                for b in codes[i + 1:]:
                    self.buffers["figure_obs_pairs"].append((o["id"], a, b, f["metric"],
                                                             when.start))
        self.buffers["figure_sources"].append((fid, o["id"], aid, day, f["value"]))
        o["n"] += 1
        o["values"] = series.add_value(o["values"], f["value"], day)
        if o["change"] is None and f["change"] is not None:
            o["change"], o["change_pct"] = f["change"], f["change_pct"]
        o["recent"] = series.add_recent(o.get("recent", []), day, fid)
        o["first_day"], o["last_day"] = min(o["first_day"], day), max(o["last_day"], day)

    def _flush_observations(self) -> None:
        for key, o in sorted(self.observations.items(), key=lambda kv: kv[1]["id"]):
            metric, label, country_key, direction, kind, unit, period_key = key
            value, disputed = series.summarise(o["values"])
            self.buffers["figure_observations"].append((
                o["id"], metric, label, country_key, _strs(tuple(o["countries"])), direction,
                kind, unit, period_key, o["period"], o["start"], o["end"], value, disputed,
                _dumps(o["values"]), o["change"], o["change_pct"], None, None, None, o["n"],
                o["first_day"], o["last_day"], _dumps(o["recent"])))

    def _flush_entities(self) -> None:
        out = self.buffers
        for (kind, name, country), w in sorted(self.world_entities.items(),
                                               key=lambda kv: kv[1].id):
            out["world_entities"].append((
                w.id, w.kind, w.name, w.country, w.sector, w.title, w.title_day,
                _dumps({name: w.n_articles}), w.n_articles, w.n_mentions, w.first_day,
                w.last_day))
            store_keys, _ = crossref.keys(kind, name, country or None)
            for k in sorted(store_keys):
                out["entity_aliases"].append((kind, k, country, w.id))


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from bench.store.load import load

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", required=True, help="store URL (the database is emptied first)")
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=SEED)
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    load(args.url, Generator(args.events, args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
