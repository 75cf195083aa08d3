"""Small questions about a dependency parse that the event rules ask again and again."""

from __future__ import annotations

from spacy.tokens import Token

# Named-entity types of a party to an event: states, peoples, organisations; with persons.
PARTY_ENTS = {"GPE", "NORP", "ORG"}
PERSON_ENTS = PARTY_ENTS | {"PERSON"}

# How far up a noun's heads to look for the verb that governs it: "the signing of an
# agreement on cooperation in energy" is six heads from "energy" to its verb at most in
# the development set's sentences.
GOVERNOR_REACH = 6


def governor(tok: Token) -> Token:
    """The verb that governs a token (the token itself if it is a verb)."""
    t = tok
    for _ in range(GOVERNOR_REACH):
        if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            return t
        t = t.head
    return t


def lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def descendant_lemmas(tok: Token) -> set[str]:
    return {lemma(t) for t in tok.subtree if t.i != tok.i}
