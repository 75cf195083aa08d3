"""Throughput per core: bilat's full pipeline against bare spaCy, same texts, same run.

    .venv/bin/python bench/batch/bench_throughput.py [--repeats 3]

Runs ``bench/extract/bench_extract.py`` (one process, runs alternating, medians) on both
corpora; the batch runner runs exactly this pipeline in each worker, so this is its
per-core throughput. Target: bilat time / spaCy time <= 1.5.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--corpus", action="append", choices=["reuters", "kremlin"])
    args = ap.parse_args()
    for corpus in args.corpus or ["reuters", "kremlin"]:
        cmd = [sys.executable, str(ROOT / "bench" / "extract" / "bench_extract.py"),
               "--corpus", corpus, "--repeats", str(args.repeats)]
        print("$", " ".join(cmd[1:]), flush=True)
        subprocess.run(cmd, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
