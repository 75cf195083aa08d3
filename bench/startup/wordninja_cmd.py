"""The baseline command of bench_startup.py: wordninja over every letter run of a JSONL
file's texts (as bench/repair scores it), the repaired texts to stdout.

    python bench/startup/wordninja_cmd.py SAMPLE.jsonl > /dev/null
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import wordninja

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "repair"))

from pairs import per_run  # noqa: E402

if __name__ == "__main__":
    repair = per_run(wordninja.split)
    with open(sys.argv[1], encoding="utf-8") as fh:
        for line in fh:
            sys.stdout.write(repair(json.loads(line)["text"]) + "\n\n")
