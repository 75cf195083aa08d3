"""Benchmark: how long people wait for `bilat` to start, and `bilat repair` against the
wordninja command on the same file (whole processes, start-up included).

Three timings, each the median wall time of --repeats runs, all in one run of this
script so that their ratios share the machine's load:

- `bilat --help`;
- `bilat repair` on a one-line input;
- `bilat repair` on --n damaged Reuters articles (built as in bench/repair: each
  paragraph's wrapped lines joined with no space), against `wordninja_cmd.py` on the
  same JSONL file.

The repair lexicon's compiled cache is built once before timing, and the Python
sources (bilat's, and bench/repair's for the wordninja command) compiled to bytecode
(as `make install` does: an environment with PYTHONDONTWRITEBYTECODE set, as on the
bench machine, would otherwise recompile every module at every start); pass --cold to
time the first run after deleting the lexicon too. On the default sample (--n 500
--offset 0) it also checks that `bilat repair`'s output is byte for byte what it was
before the speed-ups of issue 15.

    .venv/bin/python bench/startup/bench_startup.py [--n 500] [--repeats 5]
"""

from __future__ import annotations

import argparse
import compileall
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "repair"))

from pairs import load_pairs  # noqa: E402

BIN = Path(sys.executable).parent
BILAT = str(BIN / "bilat")

# sha256 of `bilat repair` on the default sample (500 articles, offset 0), taken with the
# code before the speed-ups of issue 15 (main at 1c8b0e6); the speed-ups keep it.
REPAIR_500_SHA256 = "d398f3747bd12fce0a1c190ef9f2f8d4e9ff15f35f7623fd1a22b76335dc6e00"


def wall(cmd: list[str], repeats: int) -> list[float]:
    """Wall times of ``repeats`` runs of ``cmd`` (stdout discarded; a failure stops)."""
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=500, help="Reuters articles in the sample")
    ap.add_argument("--offset", type=int, default=0)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--cold", action="store_true",
                    help="also time `bilat repair` on one line with no compiled lexicon")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp, "one.txt")
        one.write_text("The ministers signed an agreementon trade and energy.\n")
        sample = Path(tmp, "reuters.jsonl")
        with sample.open("w", encoding="utf-8") as fh:
            for i, (damaged, _gold) in enumerate(load_pairs(args.n, args.offset)):
                fh.write(json.dumps({"id": f"reuters-{i}", "text": damaged}) + "\n")
        size_kb = sample.stat().st_size / 1024

        import bilat

        for src in (Path(bilat.__file__).parent, HERE.parent / "repair"):
            compileall.compile_dir(str(src), quiet=1)
        subprocess.run([BILAT, "repair", str(one)], check=True, stdout=subprocess.DEVNULL)
        rows: list[tuple[str, list[float]]] = []
        if args.cold:
            from bilat.repair.lexicon import cache_path

            cold = []
            for _ in range(args.repeats):
                cache_path().unlink(missing_ok=True)
                cold += wall([BILAT, "repair", str(one)], 1)
            rows.append(("bilat repair, one line, lexicon not yet compiled", cold))
        rows.append(("bilat --help", wall([BILAT, "--help"], args.repeats)))
        rows.append(("bilat repair, one line", wall([BILAT, "repair", str(one)], args.repeats)))
        ninja = [sys.executable, str(HERE / "wordninja_cmd.py"), str(sample)]
        # alternated, so that both see the same load on a shared machine
        ours, theirs = [], []
        for _ in range(args.repeats):
            ours += wall([BILAT, "repair", str(sample)], 1)
            theirs += wall(ninja, 1)
        rows.append((f"bilat repair, {args.n} Reuters articles ({size_kb:.0f} KB)", ours))
        rows.append(("wordninja command, same file", theirs))
        same = None
        if (args.n, args.offset) == (500, 0):
            out = subprocess.run([BILAT, "repair", str(sample)], check=True,
                                 stdout=subprocess.PIPE).stdout
            same = hashlib.sha256(out).hexdigest() == REPAIR_500_SHA256

    print(f"median of {args.repeats} runs each (wall seconds, whole process); "
          f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f}")
    print("| command | median s | min s | max s |")
    print("|---|---:|---:|---:|")
    for name, ts in rows:
        print(f"| {name} | {statistics.median(ts):.3f} | {min(ts):.3f} | {max(ts):.3f} |")
    ratio = statistics.median(ours) / statistics.median(theirs)
    print(f"\nbilat repair / wordninja command: {ratio:.2f}× (target ≤ 0.5×)")
    if same is not None:
        print(f"bilat repair output byte-identical to before issue 15's speed-ups: {same}")


if __name__ == "__main__":
    main()
