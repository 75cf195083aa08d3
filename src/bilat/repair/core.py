"""repair_text: mojibake, then layout, then lost spaces; every edit kept in raw offsets."""

from __future__ import annotations

import logging

from bilat.errors import RepairError
from bilat.record import Article
from bilat.repair.edits import Edit, Repaired, apply_edits, compose
from bilat.repair.glue import glue_edits
from bilat.repair.layout import layout_edits
from bilat.repair.lexicon import lexicon
from bilat.repair.mojibake import mojibake_edits

logger = logging.getLogger(__name__)

MAX_ROUNDS = 3  # lost spaces, then mojibake and layout again, at most this often


def repair_text(raw: str) -> Repaired:
    """Repair ``raw``: fix mojibake, normalise whitespace and line ends, restore lost spaces.

    No character other than whitespace changes, except ftfy's encoding fixes and
    hyphens removed where a word was broken across a line end.
    """
    lex = lexicon()
    edits: list[Edit] = []
    text = raw

    def step(found: list[Edit]) -> bool:
        nonlocal edits, text
        if not found:
            return False
        edits = compose(raw, edits, text, found) if edits else found
        text = apply_edits(text, found)
        return True

    step(mojibake_edits(text))
    step(layout_edits(text, lex))
    # A restored space can change what the earlier stages see: "»Â€" becomes "» Â€",
    # whose "Â€" ftfy then reads as mojibake; "00000000000000>0>0" is 18 characters,
    # under MIN_WRAP_WIDTH, but 20 once repaired. So they run again on the result,
    # and lost spaces again after them, until nothing changes: repairing the result
    # then changes nothing.
    for _ in range(MAX_ROUNDS):
        if not step(glue_edits(text, lex)):
            break
        again = step(mojibake_edits(text))
        if "\n" in text:
            again = step(layout_edits(text, lex)) or again
        if not again:
            break
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
