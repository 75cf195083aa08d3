"""Blank lines end sentences: a headline, a byline, a photo caption or a paragraph is not
the start of the sentence after it.

spaCy's small parser often runs a headline into the story's first sentence ("EBRD backs
solar in Uzbekistan\\n\\nBy Will Norman\\n\\nThe European Bank … will invest"), so the
headline's words become parties of the story's first event. Before the parser runs, the
first word after a blank line is made a sentence start — unless the text is hard-wrapped
with blank lines between its lines, which shows as blank lines followed by a lower-case
word ("security forces and Afghan\\n\\nTaliban … crossing in\\n\\nnorthwestern").
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

# Blank lines followed by a lower-case word: more than this many, and the text is
# hard-wrapped (its blank lines fall inside sentences).
MAX_WRAPPED_BREAKS = 1


@Language.component("bilat_paragraphs")
def mark_paragraphs(doc: Doc) -> Doc:
    starts = [nxt for tok in doc if _blank_line(tok) and (nxt := _next_word(tok)) is not None]
    if sum(1 for t in starts if t.is_lower) > MAX_WRAPPED_BREAKS:
        return doc
    for t in starts:
        if not t.is_lower:
            t.is_sent_start = True
    return doc


def _blank_line(tok: Token) -> bool:
    return (tok.is_space and tok.text.count("\n") >= 2) or tok.whitespace_.count("\n") >= 2


def _next_word(tok: Token) -> Token | None:
    i = tok.i + 1
    while i < len(tok.doc) and tok.doc[i].is_space:
        i += 1
    return tok.doc[i] if i < len(tok.doc) else None
