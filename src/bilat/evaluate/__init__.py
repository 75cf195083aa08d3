"""Accuracy of the pipeline against the annotated sets (``tests/data/dev/GUIDELINES.md``).

- :mod:`bilat.evaluate.articles`: whole articles (events, figures, persons, organisations);
- :mod:`bilat.evaluate.sentences`: the sentence bank (the types of single sentences);
- :mod:`bilat.evaluate.split`: the tuning/test split, fixed before annotation.

``python -m bilat.evaluate`` prints the tables; ``--part test`` (the default) scores the
test part only, the figures to report.
"""

from __future__ import annotations

from bilat.evaluate.articles import PRF, Report, evaluate, load_gold, markdown
from bilat.evaluate.split import TEST_SHARE, corpus_of, part_of

__all__ = ["PRF", "Report", "TEST_SHARE", "corpus_of", "evaluate", "load_gold", "markdown",
           "part_of"]
