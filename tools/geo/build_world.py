"""Build the dashboard's country outlines and each country's label point from Natural Earth.

    python tools/geo/build_world.py countries-50m.json

The input is ``countries-50m.json`` of the npm package ``world-atlas`` 2.0.2 (Mike Bostock's
TopoJSON of Natural Earth's 1:50m Admin 0 countries; Natural Earth is in the public domain,
world-atlas is ISC-licensed): ``npm pack world-atlas@2.0.2`` and unpack it. Writes

- ``src/bilat/web/static/world.json``: one outline per country, ``{"id": ISO3, "name",
  "rings": [[[lon, lat], …], …]}``, each ring simplified (Douglas–Peucker, ``TOLERANCE``
  degrees) and rounded to ``DIGITS`` decimals, rings smaller than ``MIN_AREA`` square degrees
  dropped (small islands), so the file stays small enough to ship;
- ``src/bilat/lexicon/data/places/country_points.tsv``: per country, the area-weighted
  centroid of its largest ring (where a country-level event location is drawn).

Run again only to change the simplification; the outputs are committed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[2]
TOLERANCE = 0.08
DIGITS = 2
MIN_AREA = 0.05
# Natural Earth areas without an ISO 3166 numeric code in world-atlas: name -> ISO3.
NO_NUMERIC = {"Kosovo": "XKX", "N. Cyprus": None, "Somaliland": None,
              "Indian Ocean Ter.": None, "Ashmore and Cartier Is.": None,
              "Siachen Glacier": None}


def decode(topo: dict) -> dict[str, tuple[str, list[list[list[float]]]]]:
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append([x * sx + tx, y * sy + ty])
        arcs.append(pts)

    def ring(indexes: list[int]) -> list[list[float]]:
        out: list[list[float]] = []
        for i in indexes:
            pts = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(pts if not out else pts[1:])
        return _unwrap(out)

    countries: dict[str, tuple[str, list[list[list[float]]]]] = {}
    for geom in topo["objects"]["countries"]["geometries"]:
        name = geom["properties"]["name"]
        code = _iso3(geom.get("id"), name)
        if code is None:
            continue
        polys = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]] \
            if geom["type"] == "Polygon" else []
        rings = [ring(r) for poly in polys for r in poly[:1]]  # outer rings only
        have = countries.get(code)
        countries[code] = (have[0] if have else name, (have[1] if have else []) + rings)
    return countries


def _unwrap(ring: list[list[float]]) -> list[list[float]]:
    """A ring that crosses the antimeridian (Russia's Chukotka, Fiji) made continuous:
    its western points moved east by 360°, so areas and centroids come out right."""
    if not any(abs(a[0] - b[0]) > 180 for a, b in zip(ring, ring[1:], strict=False)):
        return ring
    return [[x + 360 if x < 0 else x, y] for x, y in ring]


def _wrap(lon: float) -> float:
    return lon - 360 if lon > 180 else lon


def _iso3(numeric: str | None, name: str) -> str | None:
    if name in NO_NUMERIC:
        return NO_NUMERIC[name]
    if numeric is None:
        return None
    c = pycountry.countries.get(numeric=str(numeric).zfill(3))
    return c.alpha_3 if c else None


def simplify(pts: list[list[float]], tol: float) -> list[list[float]]:
    if len(pts) < 4:
        return pts
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        a, b = stack.pop()
        (x1, y1), (x2, y2) = pts[a], pts[b]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        best, idx = 0.0, None
        for i in range(a + 1, b):
            px, py = pts[i]
            d = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / norm if norm else \
                ((px - x1) ** 2 + (py - y1) ** 2) ** 0.5
            if d > best:
                best, idx = d, i
        if idx is not None and best > tol:
            keep[idx] = True
            stack += [(a, idx), (idx, b)]
    return [p for p, k in zip(pts, keep, strict=True) if k]


def area_centroid(pts: list[list[float]]) -> tuple[float, float, float]:
    a = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(pts, pts[1:] + pts[:1], strict=True):
        cross = x1 * y2 - x2 * y1
        a += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    a /= 2
    if a == 0:
        return 0.0, pts[0][0], pts[0][1]
    return abs(a), cx / (6 * a), cy / (6 * a)


def main(path: str) -> int:
    topo = json.loads(Path(path).read_text("utf-8"))
    countries = decode(topo)
    features = []
    points = []
    for code in sorted(countries):
        name, rings = countries[code]
        measured = sorted((area_centroid(r) + (r,) for r in rings), key=lambda t: -t[0])
        big = measured[0]
        points.append((code, round(big[2], 4), round(_wrap(big[1]), 4)))
        kept = []
        for area, _x, _y, r in measured:
            if area < MIN_AREA and kept:
                continue
            s = simplify(r, TOLERANCE)
            if len(s) >= 4:
                # drawn on a map from -180° to 180°: what lies past the antimeridian is
                # pressed onto its edge
                kept.append([[round(min(x, 180.0), DIGITS), round(y, DIGITS)] for x, y in s])
        features.append({"id": code, "name": name, "rings": kept})
    out = ROOT / "src/bilat/web/static/world.json"
    out.write_text(json.dumps({"source": "Natural Earth 1:50m Admin 0 (public domain), "
                                         "via world-atlas 2.0.2; simplified by "
                                         "tools/geo/build_world.py",
                               "countries": features}, separators=(",", ":")), "utf-8")
    tsv = ROOT / "src/bilat/lexicon/data/places/country_points.tsv"
    tsv.parent.mkdir(parents=True, exist_ok=True)
    lines = ["# Where a country-level event location is drawn: the area-weighted centroid of the",
             "# country's largest outline in Natural Earth 1:50m (public domain), computed by",
             "# tools/geo/build_world.py from world-atlas 2.0.2. Not a capital, not a border.",
             "# code\tlat\tlon"]
    lines += [f"{c}\t{lat}\t{lon}" for c, lat, lon in points]
    tsv.write_text("\n".join(lines) + "\n", "utf-8")
    print(f"{len(features)} countries; {out.stat().st_size:,} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
