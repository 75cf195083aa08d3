"""repair_text: mojibake, then layout, then lost spaces; every edit kept in raw offsets."""

from __future__ import annotations

import logging

from bilat.errors import RepairError
from bilat.record import Article
from bilat.repair.edits import Repaired, apply_edits, compose
from bilat.repair.glue import glue_edits
from bilat.repair.layout import layout_edits
from bilat.repair.lexicon import lexicon
from bilat.repair.mojibake import mojibake_edits

logger = logging.getLogger(__name__)


def repair_text(raw: str) -> Repaired:
    """Repair ``raw``: fix mojibake, normalise whitespace and line ends, restore lost spaces.

    No character other than whitespace changes, except ftfy's encoding fixes and
    hyphens removed where a word was broken across a line end.
    """
    lex = lexicon()
    edits = mojibake_edits(raw)
    text = apply_edits(raw, edits) if edits else raw
    for stage in (layout_edits, glue_edits):
        step = stage(text, lex)
        if step:
            edits = compose(raw, edits, text, step)
            text = apply_edits(text, step)
    return Repaired(raw=raw, text=text, edits=edits)


def run(article: Article) -> Article:
    """The pipeline stage: repair ``article.text``, keeping the original in ``raw_text``."""
    try:
        r = repair_text(article.text)
    except Exception as exc:  # one bad article must not stop a batch; report it coded
        raise RepairError(
            f"repair failed on article {article.id}: {exc!r}; "
            "report it with the article text", source=article.id,
        ) from exc
    if r.edits:
        article.raw_text = article.text
        article.text = r.text
        article.edits = list(r.edits)
    else:
        article.raw_text = None
        article.edits = []
    return article
