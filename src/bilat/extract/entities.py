"""Actors: countries, persons with their titles, organisations with their sector and country."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from functools import cache

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from bilat import lexicon
from bilat.extract import groups
from bilat.extract.context import PAIR_PHRASES, Context, Mention
from bilat.lexicon import places as known_places
from bilat.record import Entity

GAZ_KEY = "bilat"

_W = lexicon.entity_word_set
# The word sets of actor extraction, data in ``lexicon/data/entities/words.tsv``.
TITLE_WORDS = _W("title_words")
HEAD_TITLE_WORDS = _W("head_titles")
NAME_PARTICLES = _W("name_particles")
FOREIGN_PREPS = _W("foreign_preps")
ORG_HEADS = _W("org_heads")
PORTFOLIO_WORDS = _W("portfolio_words")
COMPANY_WORDS = _W("company_words")
NOT_PERSON_HEADS = _W("not_person_heads")
COMPANY_NOUNS = _W("company_nouns")
LEGAL_PREFIXES = _W("legal_prefixes")
TITLE_LINKS = _W("title_links")
HONORIFICS = _W("honorifics")

# Organisation sector from words in its name; first match wins (entities/org_sectors.tsv).
ORG_SECTOR_WORDS = lexicon.org_sector_cues()

ORG_JUNK = _W("org_junk")
LEGAL_FORMS = _W("legal_forms")
PERSON_NOUNS = _W("person_nouns")

QUOTED_ORG = re.compile(
    r"[\"“]([A-Z][\w&.\- ]{1,40}?)[,]?[\"”]\s*(Association|Company|Corporation|Group|Holding|"
    r"JSC|LLC|Concern|Union|Agency|Foundation|Bank)\b"
)
QUOTED_LIST = re.compile(
    r"((?:[\"“][A-Z][\w&.\- ]{0,40}?[,]?[\"”](?:\s*,\s*|\s+and\s+)?)+)\s*(companies|company|firms|brands|enterprises)\b"
)
QUOTED_AFTER = re.compile(
    r"\b(?:companies|company|firms|brands|enterprises)\s+(?:such as|like|including)\s+"
    r"((?:[\"“][A-Z][\w&.\- ]{0,40}?[,]?[\"”](?:\s*,\s*|\s+and\s+)?)+)"
)
QUOTED_NAME = re.compile(r"[\"“]([A-Z][\w&.\- ]{0,40}?)[,]?[\"”]")
_CAP = r"[A-Z][\w\-]+"
_CAPN = r"(?!(?:Ministry|Ministries|Minister|State|The|National|Federal)\b)[A-Z][\w\-]+"
_PORTFOLIO = (r"\s+(?:of|for)\s+(?:the\s+)?" + _CAP
              + r"(?:(?:\s+|\s+(?:and|of|for|of\s+the)\s+)" + _CAPN + r")*")
# "Ministry of Foreign Trade", "Energy Ministry", "Uzbek Ministry of Foreign Trade"
MINISTRY = re.compile(
    r"\b(?:(?:the\s+)?Ministry" + _PORTFOLIO +
    r"|(?:(?!Ministry\b)" + _CAP + r"\s+(?:and\s+|&\s+)?){1,4}Ministry(?:" + _PORTFOLIO
    + r")?)"
)
# "State Service of Ukraine for Geology and Subsoil", "State Border Service".
STATE_BODY = re.compile(
    r"\b(?:State|National|Federal)\s+(?:" + _CAP + r"\s+){0,3}"
    r"(?:Service|Committee|Agency|Inspectorate|Commission|Bureau|Administration|Guard)"
    r"(?:\s+of\s+(?:the\s+)?" + _CAP + r"(?:\s+of\s+" + _CAP + r"|\s+" + _CAP + r")?)?"
    r"(?:\s+(?:for|on)\s+" + _CAP + r"(?:(?:,\s+|\s+and\s+|\s+)" + _CAPN + r")*)?"
)
EMBASSY = re.compile(
    r"\b(?:the\s+)?Embassy\s+of\s+(?:the\s+)?" + _CAP + r"(?:\s+" + _CAP + r")*"
    r"(?:\s+(?:in|to)\s+(?:the\s+)?" + _CAP + r")?"
)
# A lower-case body after a country: "a Venezuelan energy and mines ministry source".
LOWER_BODY_WORDS = _W("lower_bodies")


@dataclass
class _Found:
    start: int
    end: int
    kind: str
    name: str
    country: str | None = None
    sector: str | None = None
    key: str | None = None  # canonical name for known entities
    role: str = "name"
    title: tuple[int, int] | None = None  # tokens of the title a pattern found before a name


def org_sector(name: str) -> str | None:
    low = name.lower()
    words = set(re.findall(r"[a-z][a-z\-]*", low))
    for sector, cues in ORG_SECTOR_WORDS:
        for cue in cues:
            if (" " in cue and cue in low) or cue in words:
                return sector
    return None


def person_sector(title: str | None, affiliation: Entity | None) -> str | None:
    if affiliation is not None and affiliation.sector:
        return affiliation.sector
    if not title:
        return None
    low = title.lower()
    if any(w in low for w in ("senator", "parliament", "speaker", "congressman", "deputy of")):
        return "LEG"
    if any(w in low for w in ("general", "admiral", "colonel", "commander", "marshal")) and \
            "secretary" not in low and "director" not in low and "prosecutor" not in low:
        return "MIL"
    if any(w in low for w in ("chief executive", "ceo", "managing director", "founder",
                              "board of directors", "company")):
        return "BUS"
    if any(w in low for w in ("president", "minister", "premier", "ambassador", "secretary",
                              "chancellor", "governor", "king", "emir", "envoy", "spokes",
                              "representative", "commissioner", "official", "adviser",
                              "advisor", "head of state", "prince", "sultan", "mayor")):
        return "GOV"
    return None


def _known_person(name: str, date: str | None, surname_only: bool = True) -> lexicon.KnownPerson | None:
    """The person of the people table this name stands for on ``date``, accents ignored."""
    folded = lexicon.fold(name)
    last = folded.split()[-1] if folded.split() else folded
    fallback = None
    for p, full, surname in lexicon.people_names():
        if folded in full:
            if p.in_office(date):
                return p
            continue
        if surname_only and p.in_office(date) and fallback is None and (
                folded == surname
                or (len(folded.split()) >= 2 and any(
                    n.split()[-1] == last and n.split()[0] == folded.split()[0] for n in full))):
            fallback = p
    return fallback


def _overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def _gazetteer(doc: Doc, date: str | None) -> list[_Found]:
    known_orgs = {o.name: o for o in lexicon.organizations()}
    out = []
    for span in doc.spans.get(GAZ_KEY, []):
        label, key = span.label_, span.kb_id_
        if label in ("COUNTRY", "DEMONYM", "CAPITAL"):
            code = lexicon.country_at(key, date)
            if code is None:
                continue
            if label == "DEMONYM" and _demonym_is_language(span):
                continue
            if label == "COUNTRY" and key == "USA" and span.text == "US" and _us_is_pronoun(span):
                continue
            kind = {"COUNTRY": "country", "DEMONYM": "country", "CAPITAL": "location"}[label]
            role = {"COUNTRY": "name", "DEMONYM": "demonym", "CAPITAL": "capital"}[label]
            out.append(_Found(span.start_char, span.end_char, kind, span.text, code, "GOV",
                              key, role))
        elif label == "ORG":
            org = known_orgs[key]
            if org.kind == "seat" and _building(span):
                out.append(_Found(span.start_char, span.end_char, "location", span.text,
                                  org.country, "GOV", org.name, "capital"))
                continue
            if _title_before_name(span) and org.country:
                # the title still says whose office it is
                out.append(_Found(span.start_char, span.end_char, "country", span.text,
                                  org.country, "GOV", org.country, "demonym"))
                continue
            out.append(_Found(span.start_char, span.end_char, "organization", span.text,
                              org.country, org.sector, org.name))
        elif label == "PERSON":
            p = _known_person(key, date, surname_only=False)
            out.append(_Found(span.start_char, span.end_char, "person", span.text,
                              p.country if p else None, None, key))
        elif label == "SURNAME" and _government_of(span):
            p = _known_person(key, date, surname_only=False)
            nxt = span.doc[span.end]
            out.append(_Found(span.start_char, nxt.idx + len(nxt), "organization",
                              f"{span.text} {nxt.text}",
                              lexicon.country_at(p.country, date) if p else None, "GOV"))
        elif label == "SURNAME":
            p = _surname_person(span, date)
            if p is not None:
                out.append(_Found(span.start_char, span.end_char, "person", span.text,
                                  p.country, None, p.name))
    return out


def _title_before_name(span: Span) -> bool:
    """A known body named by its head's title, before that head's name ("U.S. Trade
    Representative Clayton Yeutter"): the person's title, no mention of the body (only of
    its country)."""
    doc = span.doc
    return span[-1].lower_ in HEAD_TITLE_WORDS - ORG_HEADS and span.end + 1 < len(doc) and \
        doc[span.end].is_title and doc[span.end + 1].is_title and \
        doc[span.end].lower_ not in TITLE_WORDS


SEAT_PREPS = _W("seat_preps")
ROYAL_TITLES = _W("royal_titles")
# Words after a leader's name that make it his government: "the Reagan administration".
GOVERNMENT_AFTER = _W("government_words")
UNIT_WORDS = _W("unit_words")


def _government_of(span: Span) -> bool:
    """A leader's surname naming his government: "the Reagan administration"."""
    return span.end < len(span.doc) and span.doc[span.end].lower_ in GOVERNMENT_AFTER


def _building(span: Span) -> bool:
    """A seat of government named as a place ("talks in the Kremlin", "at Akorda")."""
    i = span.start - 1
    if i >= 0 and span.doc[i].lower_ == "the":
        i -= 1
    return i >= 0 and span.doc[i].lower_ in SEAT_PREPS


def _surname_person(span: Span, date: str | None) -> lexicon.KnownPerson | None:
    """A known person named by surname alone ("Reagan", "Mr Putin"), if nothing says otherwise."""
    doc = span.doc
    if span.root.ent_type_ in ("GPE", "LOC", "FAC", "NORP"):
        return None
    prev = doc[span.start - 1] if span.start > 0 else None
    if prev is not None and prev.is_alpha and prev.is_title and prev.lower_ not in TITLE_WORDS \
            and prev.lower_ not in HONORIFICS and not prev.is_sent_start:
        return None  # "Howard Baker" is not James Baker
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.is_title and nxt.ent_type_ == "PERSON":
        return None
    folded = lexicon.fold(span.text)
    for p in lexicon.people():
        # an undated story speaks of the present: only those still in office
        if (p.in_office(date) if date else not p.end) and any(lexicon.fold(n).split()[-1] == folded
                                     for n in (p.name, *p.aliases)):
            return p
    return None


def _demonym_is_language(span: Span) -> bool:
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    return nxt is not None and nxt.lower_ in ("language", "speakers", "-speaking")


def _us_is_pronoun(span: Span) -> bool:
    prev = span.doc[span.start - 1] if span.start > 0 else None
    return span.sent.text.isupper() is False and prev is not None and prev.lower_ in (
        "let", "for", "to", "with", "of")


def _spacy_entities(doc: Doc, gaz: list[_Found], blocked: list[tuple[int, int]]) -> list[_Found]:
    """spaCy's PERSON/ORG/GPE/LOC/FAC entities, cleaned, that no earlier finder took.

    spaCy's small model often glues a country or an organisation to the name after it
    ("Ukraine Volodymyr Zelenskyy" as ORG, "Alstom Henri Poupart-Lafarge" as PERSON): a
    name after a title is kept as a person, a body named with a country as an organisation.
    """
    gaz_spans = [(f.start, f.end) for f in gaz]
    # the words the article writes in lower case, and their lemmas ("approved": "approve",
    # for a headline's "Approves")
    lower_words = {w for t in doc if t.is_lower and t.is_alpha for w in (t.text, t.lemma_)}
    person_spans = [(f.start, f.end) for f in gaz if f.kind == "person"]
    # a text cut off mid-word ("… endorsed by Ankara and Mosco"): its last word is no name
    body = doc.text.rstrip()
    cut = len(body) if body[-1:].isalnum() else None
    out = []
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG", "GPE", "FAC", "LOC", "NORP"):
            continue
        if ent.label_ in ("PERSON", "ORG") and ent.end < len(doc) and \
                doc[ent.end].lower_ in LEGAL_FORMS and not doc[ent.end].is_lower:
            ent = Span(doc, ent.start, ent.end + 1, label="ORG")  # "Bakht Tekstil| LLC"
        if ent.end_char == cut:
            continue
        span = (ent.start_char, ent.end_char)
        if _overlaps(span, blocked):
            continue
        if ent.label_ == "ORG" and _overlaps(span, person_spans):
            continue  # "Industry and Trade Laziz Kudratov": a title glued to a known name
        inside = [i for i in range(ent.start, ent.end)
                  if _overlaps((doc[i].idx, doc[i].idx + len(doc[i])), gaz_spans)]
        if inside:
            if ent.label_ == "ORG" and _headline_words(ent, lower_words):
                continue  # "Russia Limited Import Of Wheat": a headline with a country in it
            if _route([p for p in re.split(r"\s*[-–]\s*", ent.text.strip()) if p]):
                continue  # "Angren-Tashkent-Termez": a route through a known place
            found = _possessed(doc, ent, inside, gaz) or _split_glued(doc, ent, inside, gaz_spans)
            if found is not None:
                out.append(found)
            continue
        if ent.label_ == "NORP":
            continue
        if ent.label_ != "PERSON" and _titled_name(doc, ent.start, ent.end, gaz_spans):
            out.append(_person_found(doc, ent.start, ent.end))
            continue
        text = ent.text.strip(" \"'“”,.<>")
        if ent.label_ == "ORG" and ent[0].lower_ == "the":
            text = text[4:] if text.lower().startswith("the ") else text
            span = (ent[1].idx, ent.end_char) if len(ent) > 1 else span
        if not text or text.lower() in ORG_JUNK or not text[0].isupper() or _glued_title(ent):
            continue
        if ent.label_ == "PERSON":
            if len(text) < 3 or text.isupper() or any(ch.isdigit() for ch in text):
                continue
            kind = _person_or_not(doc, ent, lower_words)
            if kind == "organization":
                org = _org_found(doc, ent.start, ent.end)
                if org is not None:
                    org.sector = org.sector or "BUS"
                    out.append(org)
            elif kind == "location":
                out.append(_Found(span[0], span[1], "location", text))
            elif kind == "person":
                out.append(_person_found(doc, ent.start, ent.end))
        elif ent.label_ == "ORG" and _place_or_thing(doc, ent, text):
            out.append(_Found(span[0], span[1], "location", text))
        elif ent.label_ == "ORG" and (_headline_words(ent, lower_words)
                                      or _thing_acronym(doc, ent)):
            continue
        elif ent.label_ == "ORG":
            if len(ent) == 1 and (ent.root.pos_ == "ADJ" or (
                    not text.isupper() and text.endswith(("ic", "ian", "ese", "ish")))):
                continue  # "Turkic", "Soviet": an adjective spaCy took for a name
            if any(ch.isdigit() for ch in text) and not re.search(r"[A-Za-z]{3}", text):
                continue
            if _titled_after(doc, ent) or _person_noun_before(doc, ent):
                out.append(_person_found(doc, ent.start, ent.end))
                continue
            org = _org_found(doc, ent.start, ent.end)
            if org is not None:
                out.append(org)
        elif _company_noun_before(doc, ent) and not _is_place(text):
            org = _org_found(doc, ent.start, ent.end)  # "the Georgian company Nikora"
            if org is not None:
                org.sector = org.sector or "BUS"
                out.append(org)
        else:
            out.append(_Found(span[0], span[1], "location", text))
    return [f for f in out if f is not None]


def _company_noun_before(doc: Doc, ent: Span) -> bool:
    """A lower-case noun that says company right before a name ("the company Nikora")."""
    prev = doc[ent.start - 1] if ent.start > 0 else None
    return prev is not None and prev.is_lower and (prev.lower_ in COMPANY_NOUNS
                                                   or prev.lemma_.lower() in COMPANY_NOUNS)


def _person_noun_before(doc: Doc, ent: Span) -> bool:
    """A name of two or three words, none a body's or a company's, right after a
    lower-case noun that says who a person is ("Kazakh businessman Bulat Utemuratov")."""
    prev = doc[ent.start - 1] if ent.start > 0 else None
    return prev is not None and prev.is_lower and prev.lower_ in PERSON_NOUNS and \
        2 <= len(ent) <= 3 and all(t.is_title and t.is_alpha for t in ent) and \
        not {t.lower_ for t in ent} & (ORG_HEADS | COMPANY_WORDS | TITLE_WORDS)


def _titled_after(doc: Doc, ent: Span) -> bool:
    """A name of two or three proper nouns, none a body's or a company's word, followed by an
    appositive title with a head's title in it ("Ilhom Norkulov, First Deputy Head of the
    Ministry …", "Seyed Mahdi Farshadan, head of …"): a person spaCy took for a body."""
    if not 2 <= len(ent) <= 3 or not all(t.is_title and t.is_alpha for t in ent):
        return False
    if {t.lower_ for t in ent} & (ORG_HEADS | COMPANY_WORDS | TITLE_WORDS | PLACE_HEADS):
        return False
    right = _title_right(doc, ent)
    return right is not None and any(t.lower_ in HEAD_TITLE_WORDS for t in right)


GLUED = re.compile(r"[a-z]([A-Z][a-z]+)$")


def _glued_title(ent: Span) -> bool:
    """A transcript's speaker line run together ("Kassym-JomartPresident of …", "NikolPrime
    Minister"): a word that ends in a capitalised title word glued to it."""
    for t in ent:
        m = GLUED.search(t.text)
        if m and m.group(1).lower() in HEAD_TITLE_WORDS | TITLE_WORDS:
            return True
    return False


def _is_place(name: str) -> bool:
    """``name`` is exactly the name of a known place (a GeoNames city, a listed region)."""
    return any(m.exact for m in known_places.candidates(name))


def _place_or_thing(doc: Doc, ent: Span, text: str) -> bool:
    """An "organisation" that is a known place, places joined by dashes ("Batken-Isfana"),
    or a name before a lower-case word saying it is a place or a thing ("Solton-Sary
    field", "Kurgantepa district")."""
    if _is_place(text):
        return True
    parts = [p for p in re.split(r"\s*[-–]\s*", text) if p]
    if len(parts) >= 2 and all(_is_place(p) for p in parts):
        return True
    if _route(parts):
        return True
    # "the port of Hairatan", "the provinces of Balkh, Samangan"
    if ent.start >= 2 and doc[ent.start - 1].lower_ == "of" and \
            doc[ent.start - 2].lower_ in PLACE_NOUNS and doc[ent.start - 2].is_lower:
        return True
    words = {t.lower_ for t in ent}
    if words & (ORG_HEADS | COMPANY_WORDS):
        return False
    nxt = doc[ent.end] if ent.end < len(doc) else None
    return nxt is not None and nxt.is_lower and (nxt.lower_ in PLACE_HEADS
                                                 or nxt.lower_ in NOT_PERSON_HEADS
                                                 or nxt.lower_ in NOT_BODY_WORDS)


def _route(parts: list[str]) -> bool:
    """Three places or more joined by dashes ("Angren – Tashkent – Termez", "Dostyk-Aktogay-
    Ayagoz"), some too small to be known: one-word names, one of them a known place."""
    return len(parts) >= 3 and all(" " not in p and p[:1].isupper() for p in parts) and \
        any(_is_place(p) for p in parts) and \
        not {p.lower() for p in parts} & (ORG_HEADS | COMPANY_WORDS)


def _thing_acronym(doc: Doc, ent: Span) -> bool:
    """The short form in brackets of a programme, a document or a site ("Stand-By
    Arrangement (SBA)", "Free Trade Agreement (FTA)"), or of common nouns written in lower
    case ("plain paper copiers (PPC)", "government selling price (GSP)"): no body either."""
    i = ent.start
    if not (len(ent) == 1 and ent.text.isupper() and i >= 2 and doc[i - 1].text == "("):
        return False
    if doc[i - 2].lower_ in NOT_BODY_WORDS and not doc[i - 2].is_lower:
        return True
    n = len(ent.text)
    words = doc[max(0, i - 1 - n): i - 1]
    return len(words) == n and all(t.is_lower and t.is_alpha for t in words) and \
        "".join(t.text[0] for t in words) == ent.text.lower()


def _headline_words(ent: Span, lower_words: set[str]) -> bool:
    """Words of a headline spaCy took for a name ("Ban Tomato Supplies Unexpected", "IMF
    Approves", "Russia Limited Import Of Wheat"): the sentence, or the article's first line
    (its title, which spaCy may run into the next sentence), is capitalised throughout, and
    a word of the name is written in lower case elsewhere in the article. A body's word
    makes it a name even in a headline, and so does a company's word that ends the name or
    comes before "of" ("Keremet Bank", "Bank of Georgia"; "Limited" in the headline above
    is a verb)."""
    words = [t for t in ent if t.is_alpha]
    if any(t.lower_ in ORG_HEADS or (t.lower_ in COMPANY_WORDS and (
            t.i == words[-1].i or (t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "of")))
           for t in words):
        return False
    line_end, title = _first_line(ent.doc)
    unit = title if title is not None and ent.start_char < line_end else ent.sent
    sent = [t for t in unit if t.is_alpha and len(t) > 3]
    return bool(sent) and sum(t.is_title or t.is_upper for t in sent) >= \
        HEADLINE_SHARE * len(sent) and any(
            _word_forms(t) & lower_words for t in words if len(t) > 3)


def _first_line(doc: Doc) -> tuple[int, Span | None]:
    """Where the article's first line (its title) ends, and its tokens (None when it is
    blank); read once per Doc (``doc.text`` is rebuilt from the tokens on every access)."""
    key = "bilat_first_line"
    if key not in doc.user_data:
        text = doc.text
        first = text.lstrip().split("\n", 1)[0]
        end = text.find(first) + len(first)
        doc.user_data[key] = (end, doc[:doc.char_span(0, end, alignment_mode="contract").end]
                              if first.strip() else None)
    return doc.user_data[key]


def _word_forms(t: Token) -> set[str]:
    """A word in lower case, its lemma, and the verb or noun without its "-s"/"-es" (spaCy
    takes a headline's "Approves" for a name and keeps it as its own lemma)."""
    low = t.lower_
    forms = {low, t.lemma_.lower()}
    if low.endswith("s"):
        forms |= {low[:-1], low[:-2] if low.endswith("es") else low[:-1]}
    return forms


def _person_or_not(doc: Doc, ent: Span, lower_words: set[str]) -> str | None:
    """What a name spaCy took for a person is: "organization" when a word of it or the noun
    before it says company ("Kalyon Enerji", "Qazaq Camel LLP", "Chinese company Zhong Ji
    Mining"), "location" when it is a known place, None when it ends like a place or a
    project ("Constantine Palace", "Zangezur Corridor") or is a headline's common words
    ("Ban Tomato Supplies Unexpected": words the article also writes in lower case)."""
    words = [t.lower_ for t in ent if t.is_alpha]
    if not words:
        return None
    prev = doc[ent.start - 1] if ent.start > 0 else None
    nxt = doc[ent.end] if ent.end < len(doc) else None
    if any(w in COMPANY_WORDS for w in words[1:]) or (
            prev is not None and prev.lower_ in COMPANY_NOUNS and prev.is_lower):
        return "organization"
    if prev is not None and prev.is_upper and prev.lower_ in LEGAL_PREFIXES:
        return "organization"  # "employees of LLC Shahin SM"
    if _listed_after_company_noun(doc, ent) is not None:
        return "organization"
    # Reuters writes an unlisted company's name in angle brackets: "<La Metalli Industriale>"
    if (prev is not None and prev.text == "<") or (nxt is not None and nxt.text == ">") or \
            ent.text.endswith(">"):
        return "organization"
    if words[-1] in NOT_PERSON_HEADS or words[-1] in PLACE_HEADS:
        return None
    if nxt is not None and nxt.is_lower and (nxt.lower_ in NOT_PERSON_HEADS
                                             or nxt.lower_ in NOT_BODY_WORDS):
        return None  # "Azerbaijan's Shah Deniz project"
    if _is_place(ent.text) or _large_place(ent.text):
        return "location"
    if _headline_words(ent, lower_words):
        return None
    return "person"


# A city this large is no one's name under any of its GeoNames names ("Nizhny Novgorod"
# for "Nizhniy Novgorod"); smaller places' alternate names are too often surnames. No
# full name in people.tsv is one of them.
LARGE_PLACE_POPULATION = 100_000


def _large_place(name: str) -> bool:
    return len(name.split()) >= 2 and any(
        m.place.population >= LARGE_PLACE_POPULATION for m in known_places.candidates(name))


LIST_INTRO = ("such as", "like", "including")


def _listed_after_company_noun(doc: Doc, ent: Span) -> int | None:
    """A name in a list after "companies such as" ("textile companies such as Kipas
    Holding, Molcem Nano, and Elif Iplik"): every item is a company. The index of the word
    that introduces the list ("such"), None if the name is in no such list."""
    i = ent.start - 1
    while i >= 0 and (doc[i].is_title or doc[i].is_upper or doc[i].text in (",", "and", "&")):
        i -= 1
    for intro in LIST_INTRO:
        words = intro.split()
        lo = i - len(words) + 1
        if lo >= 1 and [t.lower_ for t in doc[lo:i + 1]] == words:
            noun = doc[lo - 1]
            if noun.is_lower and (noun.lower_ in COMPANY_NOUNS
                                  or noun.lemma_.lower() in COMPANY_NOUNS):
                return lo
            return None
    return None


# A sentence whose long words are capitalised at least this often is a headline. Measured
# on the tuning part of the regional articles: body sentences have a median share of 0.2,
# 98% of them stay under 0.7; a headline in title case is near 1.0.
HEADLINE_SHARE = 0.7


def _possessed(doc: Doc, ent: Span, inside: list[int], gaz: list[_Found]) -> _Found | None:
    """A name after a country's or a capital's "'s" ("Kyrgyzstan's Keremet Bank",
    "Tajikistan's Sughd"): a body named with a body's word is that country's body under its
    own name; a name without one is a place in that country, no body."""
    if ent.label_ != "ORG" or inside[0] != ent.start:
        return None
    owner = next((f for f in gaz if f.start == doc[ent.start].idx
                  and (f.kind == "country" or f.role == "capital")), None)
    if owner is None or not owner.country:
        return None
    k = ent.start
    while k < ent.end and doc[k].idx < owner.end:
        k += 1
    if k + 1 >= ent.end or doc[k].text not in ("'s", "’s"):
        return None
    rest = doc[k + 1: ent.end]
    if not {t.lower_ for t in rest} & (ORG_HEADS | COMPANY_WORDS):
        return _Found(rest.start_char, rest.end_char, "location", rest.text)
    org = _org_found(doc, k + 1, ent.end)
    if org is not None:
        org.country = owner.country
    return org


def _split_glued(doc: Doc, ent: Span, inside: list[int],
                 gaz_spans: list[tuple[int, int]]) -> _Found | None:
    """An entity that contains a gazetteer match: a titled person after it, or a body."""
    after = (inside[-1] + 1, ent.end)
    if after[1] - after[0] >= 2 and _titled_name(doc, after[0], after[1], gaz_spans):
        return _person_found(doc, after[0], after[1])
    before = (ent.start, inside[0])
    if ent.label_ == "PERSON":
        for a, b in (after, before):
            if b - a >= 2 and all(doc[i].is_title for i in range(a, b)):
                return _person_found(doc, a, b)
        return None
    if ent.label_ != "ORG":
        return None
    # Only a body wholly containing its gazetteer matches: "Russian Armed Forces".
    if any(not (ent.start_char <= s and e <= ent.end_char)
           for s, e in gaz_spans if ent.start_char < e and s < ent.end_char):
        return None
    rest = [doc[i] for i in range(ent.start, ent.end) if i not in inside]
    if not any(t.is_title or t.is_upper for t in rest if t.lower_ not in TITLE_LINKS):
        return None
    return _org_found(doc, ent.start, ent.end)


# Words that end a place's name and never a person's: "Governor of the Astrakhan Region Igor
# Babushkin" is a title, a region, then a name.
PLACE_HEADS = _W("place_heads")
PLACE_NOUNS = _W("place_nouns")
MAX_NAME_TOKENS = 5  # "Etienne de Poncins", "Henri Poupart - Lafarge" (the hyphen is a token)


_MATCHERS: dict[int, Matcher] = {}


def actor_patterns(doc: Doc) -> dict[str, list[tuple[int, int]]]:
    """The token spans of the actor patterns (``entities/patterns.jsonl``) in ``doc``, by
    label; one Matcher per vocabulary, built once."""
    matcher = _MATCHERS.get(id(doc.vocab))
    if matcher is None:
        matcher = Matcher(doc.vocab)
        for row in lexicon.entity_patterns():
            matcher.add(row["label"], [row["pattern"]])
        _MATCHERS[id(doc.vocab)] = matcher
    out: dict[str, list[tuple[int, int]]] = {}
    for match_id, start, end in matcher(doc):
        out.setdefault(doc.vocab.strings[match_id], []).append((start, end))
    return out


def _line_start(doc: Doc, i: int) -> bool:
    """Token ``i`` begins a line (or the text): a byline's "By" does, a sentence's "by" not."""
    if i == 0:
        return True
    prev = doc[i - 1]
    return prev.is_space or "\n" in prev.whitespace_ or prev.text in ("|", "•")


def bylines(doc: Doc, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character spans of authors' names in bylines ("By Sabina Mammadli" on its own line)."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans, key=lambda x: (x[0], -x[1])):
        if not _line_start(doc, s) or any(a <= doc[s].idx < b for a, b in out):
            continue
        out.append((doc[s].idx, doc[e - 1].idx + len(doc[e - 1])))
    return out


def _name_word(t: Token, covered: set[int]) -> bool:
    """A capitalised word that may be part of a personal name (no title, body, place or
    company word, no gazetteer match)."""
    low = t.lower_
    if t.i in covered or not t.is_title or low in TITLE_WORDS or low in PORTFOLIO_WORDS \
            or low in ORG_HEADS or low in PLACE_HEADS or low in HONORIFICS \
            or low in TITLE_LINKS or low in COMPANY_WORDS or t.ent_type_ == "DATE":
        return False
    return bool(re.fullmatch(r"[^\W\d_][^\W\d_'’]*(?:-[^\W\d_]+)*\.?", t.text))


def _name_run(doc: Doc, i: int, covered: set[int]) -> tuple[int, int] | None:
    """The personal name of 2–4 words that starts at token ``i`` and ends before a small
    word or punctuation (particles and hyphens may sit inside), or None."""
    if i >= len(doc) or not _name_word(doc[i], covered):
        return None
    j = i + 1
    while j < len(doc) and not doc[j].is_sent_start:
        t = doc[j]
        if _name_word(t, covered):
            j += 1
        elif j + 1 < len(doc) and _name_word(doc[j + 1], covered) and (
                (t.lower_ in NAME_PARTICLES and t.is_lower)
                or (t.text == "-" and not t.whitespace_ and not doc[j - 1].whitespace_)):
            j += 1
        else:
            break
    words = [t for t in doc[i:j] if t.text != "-" and t.lower_ not in NAME_PARTICLES]
    if not 2 <= len(words) <= 4:
        return None
    nxt = doc[j] if j < len(doc) else None
    if nxt is not None and (nxt.is_title and nxt.is_alpha or nxt.text == "-"):
        return None  # the run goes on into a longer capitalised phrase
    return i, j


def _titled_by_pattern(doc: Doc, gaz: list[_Found], blocked: list[tuple[int, int]],
                       titles: list[tuple[int, int]]) -> list[_Found]:
    """Names right after an official's title (the TITLE patterns): "Minister of Investment,
    Industry and Trade Laziz Kudratov", "Minister of Trade and Integration Arman Shakkaliyev",
    "Deputy Prime Minister – Minister of Foreign Affairs Murat Nurtleu", "Ambassador of
    Uzbekistan, Furqat Sidikov". Of the titles that end where a name may begin, the shortest
    one after which 2–4 name words stand wins: a capitalised word after "of", "and" or a
    comma belongs to the title, the words after it to the name."""
    covered: set[int] = set()
    for s, e in [(f.start, f.end) for f in gaz] + blocked:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            covered.update(range(span.start, span.end))
    starts: dict[int, int] = {}
    for s, e in titles:
        starts[e] = min(s, starts.get(e, s))
    out: list[_Found] = []
    taken: set[int] = set()
    for e in sorted(starts):
        if e in taken or e >= len(doc):
            continue
        first = e + 1 if doc[e].text == "," else e
        run = _name_run(doc, first, covered)
        if run is None or any(i in taken for i in range(*run)):
            continue
        if first > e:  # "Ambassador of Uzbekistan, Furqat Sidikov": an apposition, closed
            after = doc[run[1]] if run[1] < len(doc) else None
            if after is not None and after.is_alpha and after.pos_ not in ("VERB", "AUX"):
                continue
        taken.update(range(starts[e], run[1]))
        span = doc[run[0]:run[1]]
        out.append(_Found(span.start_char, span.end_char, "person", span.text,
                          title=(starts[e], e)))
    return out


# How many words before a comma a holder's title may begin ("the Russian ambassador in
# Tehran, Alexei Dedov", "The head of Uzbekistan's Tourism Committee, Umid Shadiev").
COMMA_TITLE_REACH = 10


def _comma_titled_persons(doc: Doc, gaz: list[_Found],
                          blocked: list[tuple[int, int]]) -> list[_Found]:
    """Names of two to four words set off by commas after a holder's title ("the Russian
    ambassador in Tehran, Alexei Dedov, met …"), which spaCy's small model often misses
    or glues to the place before them."""
    covered: set[int] = set()
    for s, e in [(f.start, f.end) for f in gaz if f.kind != "country"] + blocked:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            covered.update(range(span.start, span.end))
    out: list[_Found] = []
    for i in range(2, len(doc)):
        if doc[i - 1].text != "," or doc[i].is_sent_start:
            continue
        run = _name_run(doc, i, covered)
        if run is None or run[1] >= len(doc) or doc[run[1]].text not in (",", ";"):
            continue
        k, titled = i - 2, False
        while k >= 0 and i - 2 - k < COMMA_TITLE_REACH and not doc[k].is_sent_start:
            t = doc[k]
            if t.lower_ in HEAD_TITLE_WORDS:
                titled = True
                break
            # "the head of the Turkish company Kalyon Holding, Cemal …": a company noun
            if not (t.lower_ in TITLE_WORDS | TITLE_LINKS | FOREIGN_PREPS | COMPANY_NOUNS
                    or t.is_title or t.text in ("'s", "’s", "-")):
                break
            k -= 1
        if titled:
            span = doc[run[0]:run[1]]
            out.append(_Found(span.start_char, span.end_char, "person", span.text))
    return out


def _known_titles(doc: Doc, gaz: list[_Found], titles: list[tuple[int, int]]) -> None:
    """The title a pattern finds right before a known person's name ("Minister of
    Investment, Industry and Trade Laziz Kudratov"), the longest that ends there."""
    starts: dict[int, int] = {}
    for s, e in titles:
        starts[e] = min(s, starts.get(e, s))
    for f in gaz:
        if f.kind != "person":
            continue
        span = doc.char_span(f.start, f.end, alignment_mode="expand")
        if span is None:
            continue
        end = span.start - 1 if span.start > 0 and doc[span.start - 1].text == "," else span.start
        if end in starts:
            f.title = (starts[end], end)


def _titled_persons(doc: Doc, gaz: list[_Found], blocked: list[tuple[int, int]]) -> list[_Found]:
    """Names right after a title that spaCy's small model does not tag: "Minister of Internal
    Affairs of Ukraine Denys Monastyrsky", "Ambassador of France to Ukraine Etienne de Poncins",
    "Governor of the Astrakhan Region Igor Babushkin", "Minister of Trade of Turkey Mehmet Muş".

    A run of capitalised words (with name particles and hyphens inside) that no gazetteer
    match or earlier finder took, is not a title, a body or a place, and follows a title."""
    gaz_spans = [(f.start, f.end) for f in gaz]
    covered: set[int] = set()  # tokens some finder took, built once
    for s, e in gaz_spans + blocked:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            covered.update(range(span.start, span.end))
    out: list[_Found] = []

    def name_like(i: int) -> bool:
        t = doc[i]
        low = t.lower_
        if low in TITLE_WORDS or low in ORG_HEADS or low in PLACE_HEADS or low in HONORIFICS \
                or low in TITLE_LINKS:
            return False
        if i in covered:
            return False
        return t.is_title and bool(re.fullmatch(r"[^\W\d_][^\W\d_'’]*", t.text))

    def inner(i: int) -> bool:
        """A particle or a hyphen that may sit between two name words."""
        t = doc[i]
        if i + 1 >= len(doc) or not name_like(i + 1):
            return False
        if t.text == "-":
            return not t.whitespace_ and not doc[i - 1].whitespace_
        return t.lower_ in NAME_PARTICLES and t.is_lower

    i = 0
    while i < len(doc):
        if not name_like(i):
            i += 1
            continue
        j = i + 1
        while j < len(doc) and doc[j].sent_start != 1 and (name_like(j) or inner(j)):
            j += 1
        words = [t for t in doc[i:j] if t.text != "-" and t.lower_ not in NAME_PARTICLES]
        run = doc[i:j]
        # a name ends before a small word or punctuation, not before "Territories" or a
        # glued "-JomartPresident"
        nxt = doc[j] if j < len(doc) else None
        ends = nxt is None or not (nxt.is_title or nxt.text == "-")
        # a royal goes by one name ("King Fahd of Saudi Arabia", "Emir Tamim")
        regnal = len(words) == 1 and i > 0 and doc[i - 1].lower_ in ROYAL_TITLES \
            and doc[i - 1].is_title
        if ends and (2 <= len(words) <= 4 or regnal) and j - i <= MAX_NAME_TOKENS + 1 \
                and org_sector(run.text) is None \
                and not any(t.ent_type_ in ("GPE", "LOC", "FAC", "DATE") for t in run) \
                and _title_before(doc, i, gaz_spans):
            out.append(_Found(run.start_char, run.end_char, "person", run.text))
        i = j
    return out


def _titled_name(doc: Doc, start: int, end: int, gaz_spans: list[tuple[int, int]]) -> bool:
    """Tokens [start, end) look like a personal name and a title stands before them."""
    n = end - start
    if n < 2 or n > 5:
        return False
    toks = doc[start:end]
    if not (toks[0].is_title and toks[-1].is_title):
        return False
    for t in toks:
        low = t.lower_
        if low in NAME_PARTICLES or t.text in ("-",):
            continue
        if not t.is_title or not re.fullmatch(r"[^\W\d_][^\W\d_'’\-]*(?:[\-'’][^\W\d_]+)*", t.text):
            return False
        if low in TITLE_WORDS or low in ORG_HEADS or low in TITLE_LINKS:
            return False
        if _overlaps((t.idx, t.idx + len(t)), gaz_spans):
            return False
    return _title_before(doc, start, gaz_spans)


def _title_before(doc: Doc, start: int, gaz_spans: list[tuple[int, int]]) -> bool:
    """A head title word ends the phrase before token ``start``, within a few words."""
    i, steps = start - 1, 0
    while i >= 0 and steps < 10:
        t = doc[i]
        low = t.lower_
        if low in HEAD_TITLE_WORDS and (t.is_title or t.is_upper or t.is_lower):
            return True
        in_gaz = _overlaps((t.idx, t.idx + len(t)), gaz_spans)
        if not (in_gaz or low in TITLE_LINKS or low in TITLE_WORDS or t.is_title or t.is_upper
                or t.text in ("'s", "’s", "-", "\"", "“", "”")):
            return False
        if t.is_punct and t.text not in ("-", "\"", "“", "”"):
            return False
        i -= 1
        steps += 1
    return False


def _person_found(doc: Doc, start: int, end: int) -> _Found:
    """A person's name, with spaCy's usual slips undone."""
    # "Chairman and CEO of Alstom Henri Poupart-Lafarge": the organisation glued in front.
    if end - start >= 3 and start > 0:
        prev = doc[start - 1]
        glued = prev.lower_ in ("of", "at", "the") or (
            prev.is_title and prev.lower_ not in HEAD_TITLE_WORDS and not prev.is_sent_start
            and prev.ent_type_ != "PERSON" and prev.lower_ not in HONORIFICS)
        if glued and _known_person(doc[start:end].text, None, surname_only=False) is None:
            start += 1
    # "Fernando Santos Alvite": a last name spaCy left out.
    if end < len(doc):
        nxt = doc[end]
        if nxt.is_title and nxt.pos_ == "PROPN" and nxt.ent_type_ == "" and nxt.is_alpha \
                and nxt.lower_ not in TITLE_WORDS and nxt.lower_ not in ORG_HEADS:
            end += 1
    # "Greeting Zuzana Čaputová": a sentence's first verb glued to the name
    if end - start >= 3 and doc[start].pos_ == "VERB" and doc[start].lower_.endswith("ing"):
        start += 1
    # "Mr Babushkin", "Rep. Sam Gibbons", "King Fahd": the honorific or the title is not
    # part of the name.
    while end - start >= 2 and (doc[start].lower_ in HONORIFICS
                                or doc[start].lower_ in ROYAL_TITLES):
        start += 1
    # "Kirill Dmitriev Dmitriev Kirill": a name repeated in a transcript's speaker line.
    seen: set[str] = set()
    for i in range(start, end):
        low = doc[i].lower_
        if low in seen:
            end = i
            break
        seen.add(low)
    span = doc[start:end]
    text = span.text.strip(" \"'“”,.")
    return _Found(span.start_char, span.start_char + len(text), "person", text)


def _org_found(doc: Doc, start: int, end: int) -> _Found | None:
    """An organisation's name without "the", legal prefixes, brackets or a dangling "of"."""
    while start < end and (doc[start].lower_ in ("the", "<", "\"", "“") or doc[start].is_punct
                           or doc[start].lower_ in UNIT_WORDS):
        start += 1
    # "Rector of ADA University", "Chairman of the Board of …": the holder's title is no
    # part of the body's name
    while start + 2 < end and doc[start].lower_ in HEAD_TITLE_WORDS - ORG_HEADS and \
            doc[start + 1].lower_ == "of":
        start += 2 + (doc[start + 2].lower_ == "the")
    while end > start and (doc[end - 1].lower_ in TITLE_LINKS or doc[end - 1].text in
                           (">", "\"", "”", ",", "(", "'s", "’s")):
        end -= 1
    if end <= start:
        return None
    span = doc[start:end]
    text = span.text
    first_word = text.split(" ", 1)[0]
    if first_word.isupper() and first_word.lower() in LEGAL_PREFIXES and \
            len(text) > len(first_word) + 3:
        text = text[len(first_word) + 1:]
    first = span.end_char - len(text)
    if not text or text.lower() in ORG_JUNK or not text[0].isupper() or _not_a_body(span):
        return None
    if DATE_LIKE.match(text) or _holder_not_body(text):
        return None
    return _Found(first, span.end_char, "organization", text, None, org_sector(span.text))


# A date written as a name ("Dec.23", "Sept 5"): spaCy's small model tags some as bodies.
DATE_LIKE = re.compile(r"^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s*"
                       r"\d{1,2}(?:st|nd|rd|th)?$")


def _holder_not_body(text: str) -> bool:
    """A name that ends in its holder's title with no "of" before it names a person, not a
    body: "the Kazakh Government Head said" (but "Office of the President" is a body)."""
    words = text.lower().split()
    return len(words) >= 2 and words[-1] in HEAD_TITLE_WORDS - ORG_HEADS and "of" not in words


# Words that name a document, an event or a route, not a body: "Free Trade Agreement",
# "Eastern Partnership Summit", "Recovery Plan", "Baltic Pipeline".
NOT_BODY_WORDS = _W("not_body")


def _not_a_body(span: Span) -> bool:
    """A capitalised phrase spaCy took for an organisation that names something else: a
    document or event (NOT_BODY_WORDS), a bare title ("Internal Affairs", "Finance"), or
    a country with a common noun ("U.S. Firms", "U.K. Subsidiary")."""
    words = [t.lower_ for t in span if t.is_alpha]
    if not words:
        return False
    # "Minister of Foreign Affairs of Uzbekistan": a title; "Azerbaijanis", "Tajiks": people
    if words[0] in _W("title_not_body") or (
            len(span) == 1 and span.text.endswith("s") and span.text[:-1] in _country_words()):
        return True
    if any(w in NOT_BODY_WORDS for w in words) and words[-1] not in ORG_HEADS - {"plant"}:
        return True
    # "Trade Representative", "Azerbaijan Energy", "Trade and Transport of Uzbekistan": the
    # portfolio of a title ("… Minister"), with or without its country
    # ("Investment Canada", a body, is neither after "of" nor before a title)
    named = [t.lower_ for t in span if t.is_alpha and t.text not in _country_words()]
    doc = span.doc
    in_title = len(named) == len(words) or (
        span.start > 0 and doc[span.start - 1].lower_ in ("of", "for", ",", "and")) or (
        span.end < len(doc) and doc[span.end].lower_ in HEAD_TITLE_WORDS)
    if named and in_title and all(w in TITLE_WORDS or w in TITLE_LINKS or w in PORTFOLIO_WORDS
                                  for w in named) and not any(w in ORG_HEADS for w in words):
        return True
    # "U.S. Semiconductor", "U.S. Cattle": a country and one word that names no body
    if len(span) == 2 and span[0].text in _country_words() and \
            span[1].lower_ not in ORG_HEADS and org_sector(span[1].text) is None:
        return True
    return False


@cache
def _country_words() -> frozenset[str]:
    """Every country name and demonym as written, for one-look-up tests."""
    return frozenset(n for c in lexicon.countries().values() for n in (*c.names, *c.demonyms))


def _pattern_orgs(doc: Doc, gaz: list[_Found],
                  bodies: list[tuple[int, int]] = ()) -> list[_Found]:  # type: ignore[assignment]
    """Organisations found by their form; they may contain a country ("… of Ukraine");
    ``bodies``: the token spans of the BODY patterns (entities/patterns.jsonl)."""
    text = doc.text
    out: list[_Found] = []
    gaz_spans = [(f.start, f.end) for f in gaz]
    person_spans = [(f.start, f.end) for f in gaz if f.kind == "person"]

    def add(start: int, end: int, name: str, sector: str | None,
            country: str | None = None) -> None:
        for f in out:
            if f.start < end and start < f.end:
                return
        # a gazetteer match may sit inside, never across the edge, and never be the whole
        for s, e in gaz_spans:
            if s < end and start < e and (s < start or e > end or (s, e) == (start, end)):
                return
        if _overlaps((start, end), person_spans):
            return
        out.append(_Found(start, end, "organization", name, country, sector))

    for s, e in sorted(bodies, key=lambda x: (x[0], -x[1])):
        body = doc[s:e]
        if s < e and not any(f.start < body.end_char and body.start_char < f.end for f in out):
            out.append(_Found(body.start_char, body.end_char, "organization", body.text, None,
                              "GOV"))
    for f in _headed_bodies(doc, gaz):
        if f.kind == "person":
            if not _overlaps((f.start, f.end), gaz_spans + [(g.start, g.end) for g in out]):
                out.append(f)
        else:
            add(f.start, f.end, f.name, f.sector)
    for m in QUOTED_ORG.finditer(text):
        name = f"{m.group(1).strip()} {m.group(2)}"
        add(m.start(), m.end(), name, org_sector(name) or "BUS")
    for m in [*QUOTED_LIST.finditer(text), *QUOTED_AFTER.finditer(text)]:
        for q in QUOTED_NAME.finditer(m.group(1)):
            add(m.start(1) + q.start(1), m.start(1) + q.end(1), q.group(1).strip(), "BUS")
    for rx in (MINISTRY, STATE_BODY, EMBASSY):
        for m in rx.finditer(text):
            name = m.group(0).strip()
            name = re.sub(r"^the\s+", "", name)
            name = re.sub(r"\s+(and|of|for|the)$", "", name)
            start = m.start() + m.group(0).find(name)
            if name.split()[0] in ("The", "A", "This", "That", "Its", "His", "Her"):
                continue
            end = _cut_after_country(text, start, start + len(name), gaz)
            add(start, end, text[start:end], "GOV")
    for f in _extended_orgs(doc, gaz):
        add(f.start, f.end, f.name, f.sector, f.country)
    for f in _lower_bodies_of(doc, gaz):
        add(f.start, f.end, f.name, f.sector, f.country)
    for f in _named_after_company_noun(doc, gaz):
        add(f.start, f.end, f.name, f.sector, f.country)
    return out


# How many capitalised words at most a company's name after "the Iranian company" has.
MAX_COMPANY_WORDS = 4


def _named_after_company_noun(doc: Doc, gaz: list[_Found]) -> list[_Found]:
    """A capitalised name right after a country's word and a lower-case company noun ("the
    Iranian company Pars Energy", "Uzbekistan's carmaker Roodell Motors"), which spaCy's
    small model often misses: a company of that country."""
    countries = {doc.char_span(f.start, f.end, alignment_mode="expand").end: f
                 for f in gaz if f.kind == "country"}
    starts = [t.idx for t in doc]
    covered = {i for f in gaz for i in range(bisect_left(starts, f.start),
                                               bisect_left(starts, f.end))}
    out = []
    for t in doc:
        if not (t.is_lower and t.lower_ in COMPANY_NOUNS) or t.i + 1 >= len(doc):
            continue
        k = t.i
        while k > 0 and doc[k - 1].is_lower and doc[k - 1].pos_ in ("ADJ", "NOUN"):
            k -= 1  # "the Turkish construction company"
        if k > 0 and doc[k - 1].text in ("'s", "’s"):
            k -= 1
        country = countries.get(k)
        if country is None:
            continue
        j = t.i + 1
        while j < len(doc) and j - t.i <= MAX_COMPANY_WORDS and j not in covered and (
                doc[j].is_title or doc[j].is_upper) and doc[j].is_alpha \
                and not doc[j].is_sent_start:
            j += 1
        if j == t.i + 1 or j - t.i > MAX_COMPANY_WORDS or (j < len(doc) and j in covered):
            continue
        found = _org_found(doc, t.i + 1, j)
        if found is not None and not _is_place(found.name):
            found.country, found.sector = country.country, found.sector or "BUS"
            out.append(found)
    return out


LOWER_BODIES_OF = _W("lower_bodies_of")


def _lower_bodies_of(doc: Doc, gaz: list[_Found]) -> list[_Found]:
    """A body written in lower case before "of" and its country: "the government of
    Uzbekistan", "the parliament of Georgia"."""
    out = []
    for f in gaz:
        if f.kind != "country" or f.role != "name":
            continue
        span = doc.char_span(f.start, f.end, alignment_mode="expand")
        if span is None:
            continue
        i = span.start - 1
        if i >= 0 and doc[i].lower_ == "the":
            i -= 1
        if i < 1 or doc[i].lower_ != "of" or not doc[i - 1].is_lower or \
                doc[i - 1].lower_ not in LOWER_BODIES_OF:
            continue
        body = doc[i - 1: span.end]
        out.append(_Found(body.start_char, body.end_char, "organization", body.text, f.country,
                          org_sector(body.text) or "GOV"))
    return out


BODY_HEADS = _W("body_heads")
BODY_LINKS = _W("body_links")
SURNAME_ENDINGS = tuple(sorted(_W("surname_endings")))
GOV_HEADS = _W("gov_heads")
TITLE_MODIFIERS = _W("title_modifiers")
# How many capitalised words before a body's head may qualify it ("State Tax Committee",
# "Veterinary and Phytosanitary Inspectorate").
MAX_BODY_MODIFIERS = 4


def _headed_bodies(doc: Doc, gaz: list[_Found]) -> list[_Found]:
    """Bodies named by a head word and their portfolio: "Agency for Strategic Reforms",
    "State Committee for Investments", "Customs Committee of the Ministry of Finance",
    "Border Service of the State Committee for National Security". The name takes the
    capitalised words before the head, and after "of"/"for"/"on" capitalised words joined
    by "and", "&" or commas, and "of the" a body above it; it stops before a country or
    capital ("… of Kyrgyzstan", which gives the body its country), a personal name, a
    holder's title or a lower-case word."""
    stops: set[int] = set()  # countries, capitals and known persons: never inside a name
    gaz_tokens: set[int] = set()  # countries, places and persons of the gazetteer
    countries: dict[int, tuple[int, int]] = {}  # token → its country name's tokens
    known: list[tuple[int, int]] = []  # known bodies' tokens
    for f in gaz:
        span = doc.char_span(f.start, f.end, alignment_mode="expand")
        if span is None:
            continue
        if f.kind == "organization":
            known.append((span.start, span.end))
        if f.kind != "organization":
            gaz_tokens.update(range(span.start, span.end))
        nxt = doc[span.end] if span.end < len(doc) else None
        place = nxt is not None and nxt.lower_ in PLACE_HEADS  # "Tashkent region"
        if f.kind in ("country", "person") or (f.role == "capital" and not place):
            stops.update(range(span.start, span.end))
        if f.kind == "country" and f.role == "name":
            countries.update({k: (span.start, span.end) for k in range(span.start, span.end)})

    def cap(t: Token) -> bool:
        return (t.is_title or (t.is_upper and len(t) > 1)) and t.is_alpha

    def name_start(t: Token) -> bool:
        """A personal name begins here: spaCy's person, not a word of a body's name."""
        return t.ent_type_ == "PERSON" and t.ent_iob_ == "B" and t.lower_ not in \
            PORTFOLIO_WORDS | ORG_HEADS | TITLE_WORDS

    def portfolio(k: int) -> int | None:
        """The end of the capitalised run of a portfolio starting at token ``k``."""
        m, last = k, None
        while m < len(doc) and (m == k or not doc[m].is_sent_start):
            w = doc[m]
            if m in stops or name_start(w) or w.ent_type_ in ("DATE", "TIME") or (
                    w.lower_ in PLACE_HEADS and m + 1 < len(doc) and doc[m + 1].lower_ == "of"
                    and not doc[m + 1].is_title) or (
                    m > k and w.lower_ in HEAD_TITLE_WORDS - ORG_HEADS and cap(w)
                    and doc[m - 1].lower_ not in TITLE_MODIFIERS):
                break
            if cap(w):
                last = m
            elif not joins(m, last):
                break
            m += 1
        return None if last is None else last + 1

    def joins(m: int, last: int | None) -> bool:
        """A small word that keeps a portfolio's capitalised run going."""
        w, nxt = doc[m], doc[m + 1] if m + 1 < len(doc) else None
        if w.text in ("'s", "’s"):  # "Department of the Government's Office"
            return last == m - 1 and nxt is not None and cap(nxt) and nxt.lower_ in ORG_HEADS
        if w.lower_ in ("and", "&"):
            return last is not None and nxt is not None and cap(nxt) and m + 1 not in stops
        if w.text == ",":
            return last is not None and _listed_portfolio(doc, m)
        return w.text == "-" and not w.whitespace_ and last is not None

    out: list[_Found] = []
    i = 0
    while i < len(doc) - 2:
        t = doc[i]
        if not (cap(t) and t.lower_ in BODY_HEADS and doc[i + 1].lower_ in BODY_LINKS):
            i += 1
            continue
        lo = i
        while lo > 0 and i - lo < MAX_BODY_MODIFIERS:
            p = doc[lo - 1]
            if cap(p) and p.pos_ in ("PROPN", "NOUN", "ADJ") and lo - 1 not in gaz_tokens \
                    and p.lower_ not in HEAD_TITLE_WORDS and p.lower_ not in TITLE_LINKS:
                lo -= 1
            elif (p.lower_ == "and" or (p.text == "-" and not p.whitespace_)) and \
                    lo - 2 >= 0 and cap(doc[lo - 2]) and lo - 2 not in gaz_tokens and lo < i:
                lo -= 1  # "Veterinary and Phytosanitary Inspectorate", "Export-Import Bank"
            elif lo - 3 >= 0 and lo - 1 in gaz_tokens and doc[lo - 2].text in ("-", "–") \
                    and not doc[lo - 2].whitespace_ and lo - 3 in gaz_tokens:
                lo -= 3  # "Russian-Mongolian Intergovernmental Commission": two sides
                break
            else:
                break
        while lo < i and not cap(doc[lo]):
            lo += 1
        end, j = i + 1, i + 1
        while j < len(doc) and doc[j].lower_ in BODY_LINKS:
            k = j + 1 + (j + 1 < len(doc) and doc[j + 1].lower_ == "the")
            stop = portfolio(k) if k < len(doc) else None
            if stop is None:
                break
            end = j = stop
        for gs, ge in known:
            if gs <= i < ge < end and doc[ge].lower_ not in BODY_LINKS:
                end = ge  # "Office of the President of Ukraine | Ihor Zhovkva": a known name
        full = end
        end = _name_after_body(doc, i + 1, end)
        name: tuple[int, int] | None = (end, full) if end < full else None
        if end < len(doc) and name_start(doc[end]) and end - 1 > i + 1 and \
                end - 1 not in stops and _loose_word(doc[end - 1]):
            # "… and Diplomacy Firdavs | Abdukhalikov": spaCy took the surname alone
            stop = end + 1
            while stop < len(doc) and doc[stop].ent_iob_ == "I":
                stop += 1
            if stop == end + 1:
                end, name = end - 1, (end - 1, stop)
        if end == i + 1 and (lo == i or i + 2 >= len(doc) or doc[i + 1].lower_ != "of"
                             or i + 2 + (doc[i + 2].lower_ == "the") not in stops):
            i += 1
            continue  # "Development Bank of Kazakhstan": the head qualified, then its country
        if end in countries and countries[end][0] == end and end - 1 not in stops and (
                countries[end][1] >= len(doc) or doc[countries[end][1]].text not in ("'s", "’s")):
            # "Chairman of the Cabinet of Ministers Kyrgyzstan Adylbek Kasymaliev": the
            # country written after the body without "of"
            end = countries[end][1]
        span = doc[lo:end]
        sector = org_sector(span.text) or ("GOV" if t.lower_ in GOV_HEADS or doc[lo].lower_ in
                                           ("state", "national", "federal") else None)
        if lo in gaz_tokens and lo + 2 in gaz_tokens and doc[lo + 1].text in ("-", "–"):
            sector = "IGO"  # a body of two countries is neither's (as the annotations have it)
        out.append(_Found(span.start_char, span.end_char, "organization", span.text, None,
                          sector))
        if name is not None and name[0] == end:
            # the name cut from the body's: a person, the holder of the title before it
            person = doc[name[0]:name[1]]
            out.append(_Found(person.start_char, person.end_char, "person", person.text))
        i = max(end, i + 1)
    return out


def _loose_word(t: Token) -> bool:
    """A capitalised word that is no title, portfolio, body, place or company word."""
    return t.is_title and t.is_alpha and t.lower_ not in \
        TITLE_WORDS | PORTFOLIO_WORDS | ORG_HEADS | PLACE_HEADS | COMPANY_WORDS


def _name_after_body(doc: Doc, lo: int, end: int) -> int:
    """Where a body's portfolio (tokens [lo, end)) ends when a personal name follows it
    ("State Committee for Investments | Azamat Zhamangulov"): two or three words that are
    no title, portfolio or body word, after such a word."""
    k = end
    while k > lo and _loose_word(doc[k - 1]):
        k -= 1
    before = doc[k - 1] if k > lo else None
    if 2 <= end - k <= 3 and before is not None and before.is_title and \
            before.lower_ in TITLE_WORDS | PORTFOLIO_WORDS | ORG_HEADS:
        return k
    # "Centre for Economic Research and Reforms | Obid Khakimov": a surname's ending
    if end - k >= 3 and doc[end - 1].lower_.endswith(SURNAME_ENDINGS):
        return end - 2
    return end


def _listed_portfolio(doc: Doc, comma: int) -> bool:
    """The comma at token ``comma`` joins the parts of a portfolio ("Investment, Industry
    and Trade"): capitalised words follow, then "and" or another comma, then capitalised
    words again."""
    m = comma + 1
    seen = False
    while m < len(doc) and (doc[m].is_title and doc[m].is_alpha) and \
            doc[m].lower_ in PORTFOLIO_WORDS | TITLE_WORDS:
        m, seen = m + 1, True
    return seen and m + 1 < len(doc) and doc[m].lower_ in (",", "and", "&") and \
        doc[m + 1].is_title


def _cut_after_country(text: str, start: int, end: int, gaz: list[_Found]) -> int:
    """End a body's name at its country: "Ministry of Economy of Azerbaijan| Mikayil Jabbarov",
    also where a known body's name ends in it ("State Revenue Committee of Kazakhstan| Marat
    …")."""
    for f in gaz:
        if f.kind == "country" and start < f.start and f.end < end and \
                re.match(r"\s+(?:and\s+)?[A-Z]", text[f.end:end]) and \
                re.search(r"\bof\s+(?:the\s+)?$", text[start:f.start]):
            return f.end
        if f.kind == "organization" and f.country and start <= f.start and f.end < end and \
                re.match(r"\s+(?:and\s+)?[A-Z]", text[f.end:end]) and any(
                    _norm(text[f.start:f.end]).endswith(" of " + n)
                    for n in _country_words_of(f.country)):
            return f.end
    return end


def _extended_orgs(doc: Doc, gaz: list[_Found]) -> list[_Found]:
    """A country, capital or known body followed by the name of a body under it:
    "Senate Finance Committee", "GATT Council", "Russian Direct Investment Fund",
    "Japan Livestock Industry Promotion Corporation", "U.S. Trade Representative's Office",
    "a Venezuelan energy and mines ministry source"."""
    out = []
    for f in gaz:
        if f.kind not in ("country", "organization") and f.role != "capital":
            continue
        span = doc.char_span(f.start, f.end, alignment_mode="expand")
        if span is None:
            continue
        i, last_head = span.end, None
        lower_body = None
        while i < len(doc) and i - span.end < 7:
            t = doc[i]
            if t.text in ("'s", "’s") and i == span.end:
                i += 1  # "Iran's national army", "MVM Group's strategy"
                continue
            if t.text == "-" and i + 1 < len(doc) and doc[i + 1].is_title:
                i += 1
                continue
            if t.is_title or t.is_upper:
                if t.lower_ in HEAD_TITLE_WORDS - ORG_HEADS or t.ent_type_ == "PERSON":
                    break
                if t.lower_ in ORG_HEADS:
                    last_head = i
            elif t.lower_ in ("and", "of", "&") and i > span.end and i + 1 < len(doc) and \
                    (doc[i + 1].is_title or doc[i + 1].is_lower):
                pass
            elif t.is_lower and t.is_alpha and f.kind == "country":
                if t.lower_ in LOWER_BODY_WORDS:
                    lower_body = i
                    break
                if t.lower_ not in TITLE_WORDS:
                    break
            else:
                break
            i += 1
        if lower_body is not None and lower_body >= span.end:
            first = span.end + (1 if doc[span.end].text in ("'s", "’s") else 0)
            if first == lower_body:
                first = span.start  # "the French embassy": the body is named by its country
            start = doc[first].idx
            body = doc[first: lower_body + 1]
            out.append(_Found(start, body.end_char, "organization", body.text, f.country,
                              org_sector(body.text)))
            continue
        if last_head is None:
            continue
        body = doc[span.start: last_head + 1]
        if any(not (t.is_title or t.is_upper or t.lower_ in ("and", "of", "&", "-", "'s", "’s"))
               for t in body):
            continue
        country = f.country if f.kind == "country" or f.role == "capital" else f.country
        # two countries joined ("Russian-French … Council"): a bilateral body, no country
        if "-" in [t.text for t in body] and any(
                g is not f and g.kind == "country" and body.start_char <= g.start < body.end_char
                for g in gaz):
            country = None
        sector = org_sector(body.text) or f.sector if f.kind == "organization" else \
            org_sector(body.text)
        out.append(_Found(body.start_char, body.end_char, "organization", body.text, country,
                          sector))
    return out





def _title_text(phrase: Span) -> str:
    """Keep the title words and the links between them; stop at the first name."""
    words = []
    for t in phrase:
        low = t.lower_
        if low in TITLE_WORDS and (t.is_title or t.is_upper):
            words.append(t.text)
        elif low in TITLE_LINKS and words:
            words.append(t.text)
        elif words:
            break
    while words and words[-1].lower() in TITLE_LINKS:
        words.pop()
    title = " ".join(words)
    return title


def build(ctx: Context) -> None:
    """Find every actor in the article and resolve its mentions to entities."""
    doc, art = ctx.doc, ctx.article
    date = art.date
    ctx.patterns = actor_patterns(doc)
    gaz = _gazetteer(doc, date)
    bylined = bylines(doc, ctx.patterns.get("BYLINE", []))
    gaz = [f for f in gaz if not (f.kind == "person" and _overlaps((f.start, f.end), bylined))]
    patterns = _pattern_orgs(doc, gaz, ctx.patterns.get("BODY", []))
    blocked = [(f.start, f.end) for f in patterns] + bylined
    by_title = _titled_by_pattern(doc, gaz, blocked, ctx.patterns.get("TITLE", []))
    blocked += [(f.start, f.end) for f in by_title]
    titled = _titled_persons(doc, gaz, blocked)
    blocked += [(f.start, f.end) for f in titled]
    after_comma = _comma_titled_persons(doc, gaz, blocked)
    titled += after_comma
    blocked += [(f.start, f.end) for f in after_comma]
    _known_titles(doc, gaz, ctx.patterns.get("TITLE", []))
    found = gaz + patterns + by_title + titled + _spacy_entities(doc, gaz, blocked)
    # a known body inside a longer body's name ("Uzeltexsanoat" in "Uzeltexsanoat
    # Association") is that body's mention, not one of its own
    orgs = [(f.start, f.end) for f in found if f.kind == "organization"]
    known = [(f.start, f.end) for f in found if f.kind == "organization" and f.key]
    found = [f for f in found if f.kind != "organization" or not any(
        s <= f.start and f.end <= e and (s, e) != (f.start, f.end) for s, e in orgs)
        and (f.key or not any(s < f.end and f.start < e and not (f.start <= s and e <= f.end)
                              for s, e in known))]
    found.sort(key=lambda f: f.start)

    entities: dict[tuple[str, str], Entity] = {}
    counter = 0

    def entity_for(f: _Found) -> Entity:
        nonlocal counter
        if f.kind == "country" or (f.kind == "location" and f.role == "capital"):
            key = ("country", f.country or f.name) if f.kind == "country" else ("location", f.name)
        else:
            key = (f.kind, _norm(f.key or f.name))
            same = entities.get(key)
            # "Tajikistan's foreign ministry" and "Afghanistan's foreign ministry": one
            # name, two bodies
            own = f.kind == "organization" and f.country is not None and same is not None \
                and same.country not in (None, f.country)
            if own:
                key = (f.kind, f"{key[1]} ({f.country})")
            alias = None if own else _alias_of(f, entities)
            if alias is not None:
                alias.mentions.append((f.start, f.end))
                if f.name != alias.name and f.name not in alias.aliases:
                    alias.aliases.append(f.name)
                return alias
        ent = entities.get(key)
        if ent is None:
            counter += 1
            if f.kind == "country":
                name = lexicon.country_name(f.country or f.name)
            else:
                name = f.name if f.kind == "location" else (f.key or f.name)
            ent = Entity(id=f"e{counter}", name=name, kind=f.kind, country=f.country,
                         sector=f.sector if f.kind != "country" else None)
            entities[key] = ent
        ent.mentions.append((f.start, f.end))
        if f.name != ent.name and f.kind != "country" and f.name not in ent.aliases:
            ent.aliases.append(f.name)
        return ent

    mentions: list[Mention] = []
    for f in found:
        if _lone_word(doc, f, entities):
            continue
        if f.kind == "person" and f.key is None and (_not_a_name(f.name)
                                                     or _signature(ctx.text, f)):
            continue
        if f.kind == "organization" and f.key is None and (
                _surname_of(f.name, entities) or _person_named(f.name, entities, date)):
            f.kind = "person"  # "Mustafayev said": spaCy took a named person's surname for a body
        if f.kind == "organization" and f.key is None and _lone_head(f.name):
            # "the Commission said": a body named before, or no name at all
            earlier = _named_before(f.name, entities)
            if earlier is None:
                continue
            f.key = earlier.name
        ent = entity_for(f)
        if f.title is not None:
            ctx.titles[f.start] = f.title
        country = f.country if f.kind in ("country", "location") else ent.country
        mentions.append(Mention(f.start, f.end, ent, country, f.role))

    ctx.entities = list(entities.values())
    ctx.mentions = mentions
    for e in ctx.entities:
        if e.kind == "country" and e.country:
            ctx.country_ids[e.country] = e.id
    _home_and_pair(ctx)
    _speaker(ctx)
    _attributes(ctx)
    _merge_same_bodies(ctx)
    _pair_mentions(ctx)
    groups.group_mentions(ctx)
    for m in ctx.mentions:
        if m.entity is not None and m.role == "name" and m.entity.kind != "country":
            m.country = m.entity.country


# How many words at least the shorter of two names of one body has when the longer only
# adds words after it ("Hengshui Decheng Machinery" and "… Machinery and Equipment Co.
# Ltd"); two-word heads ("State Committee") are too common to stand for one body.
MIN_PREFIX_WORDS = 3


@cache
def _country_words_of(code: str) -> frozenset[str]:
    """The normalised names and demonyms of a country ("kyrgyzstan", "kyrgyz republic")."""
    c = lexicon.countries().get(code)
    if c is None:
        return frozenset()
    return frozenset(_norm(n) for n in (*c.names, *c.demonyms) if _norm(n))


def _core_name(name: str, country: str | None) -> list[str]:
    """A body's name without what only says whose it is or its legal form: "Cabinet of
    Ministers of Kyrgyzstan", "Kyrgyzstan's Cabinet of Ministers" → cabinet of ministers;
    "OJSC Keremet Bank" → keremet bank; "Chinese X Co. Ltd" → x."""
    words = _norm(name).split()
    if words[:1] == ["the"]:
        words = words[1:]
    own = _country_words_of(country) if country else frozenset()
    for n in sorted(own, key=len, reverse=True):
        nw = n.split()
        if words[: len(nw)] == nw and len(words) > len(nw):
            words = words[len(nw):]
            if words[:1] == ["s"] and len(words) > 1:  # "Kyrgyzstan's" → kyrgyzstan s
                words = words[1:]
            break
    for n in sorted(own, key=len, reverse=True):
        for lead in (["of", "the", "republic", "of"], ["of", "republic", "of"], ["of", "the"],
                     ["of"]):
            tail = lead + n.split()
            if len(words) > len(tail) and words[-len(tail):] == tail:
                words = words[: -len(tail)]
                break
    if len(words) == 1 and words[0] in ORG_HEADS:
        # "Bank of China", "Chinese Bank": the country names the body, it is no qualifier
        words = [w for w in _norm(name).split() if w != "the"]
    while len(words) > 1 and words[0] in FORM_WORDS:
        words = words[1:]
    while len(words) > 1 and words[-1] in FORM_WORDS:
        words = words[:-1]
    # "Ministry of Finance" is the "Finance Ministry", "Ministry of Foreign Affairs" the
    # "Foreign Ministry", "Department of the Treasury" the "Treasury Department"
    if len(words) >= 3 and words[0] in ORG_HEADS and words[1] == "of" \
            and "of" not in words[2:]:
        rest = words[3:] if words[2] == "the" and len(words) > 3 else words[2:]
        words = [*rest, words[0]]
    if len(words) >= 3 and words[-2] == "affairs":
        words = [*words[:-2], words[-1]]
    return words


def _same_body(a: list[str], b: list[str]) -> bool:
    short, long_ = sorted((a, b), key=len)
    return short == long_ or (len(short) >= MIN_PREFIX_WORDS
                              and long_[: len(short)] == short
                              and long_[len(short)] in ("and", "for"))


def _merge_same_bodies(ctx: Context) -> None:
    """One body named twice in one article, once with whose it is or its legal form and
    once without ("the Ministry of Foreign Affairs of Azerbaijan … the Ministry of Foreign
    Affairs", "Kyrgyzstan's Keremet Bank … Keremet Bank"), or in the two orders of its
    words ("Ministry of Finance", "Finance Ministry"), is one organisation of that
    country: its mentions, aliases and the persons it employs go to the entity named
    first, under the name that says most about the body itself (the guidelines' "longest
    form once", without the country)."""
    orgs = [e for e in ctx.entities if e.kind == "organization" and e.sector != "IGO"]
    gone: dict[str, Entity] = {}
    for i, ent in enumerate(orgs):
        if ent.id in gone:
            continue
        for other in orgs[i + 1:]:
            if other.id in gone or None not in (ent.sector, other.sector) \
                    and other.sector != ent.sector:
                continue
            country = ent.country or other.country
            if country is None or None not in (ent.country, other.country) \
                    and ent.country != other.country:
                continue
            other_core = _core_name(other.name, country)
            core = _core_name(ent.name, country)
            if not core:
                continue
            # the same name, or another name either goes by ("Treasury" also written
            # "Treasury Department" and "Department of the Treasury")
            cores = {tuple(_core_name(n, country)) for n in (ent.name, *ent.aliases)}
            other_cores = {tuple(_core_name(n, country)) for n in (other.name, *other.aliases)}
            # a body named once with no country is that body only under the same name
            if not (cores & other_cores - {()} or ent.country == other.country
                    and _same_body(core, other_core)):
                continue
            if (len(other_core), -len(other.name)) > (len(core), -len(ent.name)):
                ent.name, other.name = other.name, ent.name
            ent.country, ent.sector = country, ent.sector or other.sector
            for n in (other.name, *other.aliases):
                if n != ent.name and n not in ent.aliases:
                    ent.aliases.append(n)
            ent.aliases = [n for n in ent.aliases if n != ent.name]
            ent.mentions = sorted({*ent.mentions, *other.mentions})
            gone[other.id] = ent
    if not gone:
        return
    ctx.entities = [e for e in ctx.entities if e.id not in gone]
    for m in ctx.mentions:
        if m.entity is not None and m.entity.id in gone:
            m.entity = gone[m.entity.id]
    for e in ctx.entities:
        if e.affiliation in gone:
            e.affiliation = gone[e.affiliation].id


def _lone_word(doc: Doc, f: _Found, entities: dict[tuple[str, str], Entity]) -> bool:
    """A one-word "person" that is no one: not a known person, not the surname of a person
    named before, not after a title or "Mr" ("Kharkiv", "Donbass", "Majesty", "Louvre").
    A one-word company named before ("Ricoh") is kept: it is that company's mention."""
    if f.kind != "person" or f.key is not None or len(f.name.split()) != 1 or "-" in f.name:
        return f.kind == "person" and f.key is None and _place_compound(f.name)
    if _alias_of(f, entities) is not None:
        return False
    span = doc.char_span(f.start, f.end, alignment_mode="expand")
    prev = doc[span.start - 1] if span is not None and span.start > 0 else None
    return not (prev is not None and (prev.lower_ in HONORIFICS or prev.lower_ in HEAD_TITLE_WORDS))


def _signature(text: str, f: _Found) -> bool:
    """A name alone on the article's last line: its author's signature, no actor."""
    return not text[f.end:].strip(" \t\r\n.") and \
        text[:f.start].rstrip(" \t").endswith(("\n", "\r")) if f.start else False


def _not_a_name(name: str) -> bool:
    """A "person" whose last word names a place, a project, a thing or a body ("Constantine
    Palace", "Amur Region", "Agriculture Committees"), who is all title words ("Acting
    Chair"), or who is a known place ("Nizhny Novgorod")."""
    words = name.lower().split()
    return bool(words) and (words[-1] in NOT_PERSON_HEADS or words[-1] in PLACE_HEADS
                            or words[-1] in ORG_HEADS or words[-1].rstrip("s") in ORG_HEADS
                            or all(w in TITLE_WORDS for w in words)  # "Acting Chair"
                            or (len(words) >= 2 and _is_place(name)))


def _person_named(name: str, entities: dict[tuple[str, str], Entity], date: str | None) -> bool:
    """``name`` of two words or more is a known person's or the end of the full name of a
    person named before ("Recep Tayyip Erdoğan's visit", "Santos Alvite said")."""
    low = _norm(lexicon.fold(name))
    if len(low.split()) < 2:
        return False
    return _known_person(name, date, surname_only=False) is not None or any(
        kind == "person" and (key == low or key.endswith(" " + low))
        for kind, key in ((k, _norm(lexicon.fold(n))) for k, n in entities))


def _lone_head(name: str) -> bool:
    """One capitalised word that only says what kind of body it is ("Commission",
    "Chamber", "Association")."""
    return " " not in name.strip() and name.lower() in ORG_HEADS


def _named_before(head: str, entities: dict[tuple[str, str], Entity]) -> Entity | None:
    """The latest body named before whose name has ``head`` among its words."""
    low = head.lower()
    found = None
    for (kind, key), ent in entities.items():
        if kind == "organization" and low in key.split():
            found = ent
    return found


def _surname_of(name: str, entities: dict[tuple[str, str], Entity]) -> bool:
    """``name`` is one word, the last name of a person already found."""
    low = _norm(name)
    return bool(low) and " " not in low and any(
        kind == "person" and len(key.split()) >= 2 and key.split()[-1] == low
        for kind, key in entities)


def _place_compound(name: str) -> bool:
    """"Ust-Luga", "Nagorno-Karabakh": one hyphenated word is a place more often than a
    person (a person's double-barrelled surname comes after a first name)."""
    return len(name.split()) == 1 and "-" in name


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.lower()).strip()


# Words that make a company's name formal without changing whose it is ("Akfa Group" =
# "AKFA", "Desautel Group" = "Desautel SAS", "Ricoh" = "Ricoh Co Ltd").
FORM_WORDS = _W("form_words")


def _alias_of(f: _Found, entities: dict[tuple[str, str], Entity]) -> Entity | None:
    """A later short mention of an entity already seen: "Bashirli", "Akfa Group" for "AKFA".

    A one-word "person" that is the first word of a company already named ("Ricoh said"
    after "Ricoh Co Ltd") is that company: spaCy's small model takes many firms for people."""
    n = _norm(f.key or f.name)
    if not n:  # no Latin letter or digit ("Путин"): nothing these rules can compare
        return None
    firm = None
    for (kind, key), ent in entities.items():
        if not key:
            continue
        if f.kind == "person" and kind == "organization" and key == n:
            return ent  # a company named before, taken for a person here ("Molcem Nano")
        if f.kind == "person" and kind == "organization" and firm is None and \
                len(n.split()) == 1 and len(key.split()) >= 2 and key.split()[0] == n and \
                (ent.sector == "BUS" or key.split()[-1] in FORM_WORDS):
            firm = ent
        if kind != f.kind:
            continue
        if f.kind == "person":
            parts = key.split()
            if n == parts[-1] or (len(n.split()) == 1 and n in parts) or key.endswith(" " + n):
                return ent
            if n.split()[-1] == parts[-1] and len(parts) >= 2 and n.split()[0][:1] == parts[0][:1]:
                return ent
        elif f.kind == "organization":
            if n == key:
                return ent
            nw, kw = n.split(), key.split()
            if len(nw) > len(kw) and nw[: len(kw)] == kw and nw[-1] in FORM_WORDS:
                return ent
            if len(kw) > len(nw) and kw[: len(nw)] == nw and kw[-1] in FORM_WORDS:
                return ent
            # "Desautel Group" and "Desautel SAS": one name, two legal forms
            if len(nw) >= 2 and len(kw) >= 2 and nw[:-1] == kw[:-1] and nw[-1] in FORM_WORDS \
                    and kw[-1] in FORM_WORDS:
                return ent
            initials = "".join(w[0] for w in kw if w not in ("of", "the", "and", "for"))
            if len(n) >= 2 and n == initials:
                return ent
    return firm


def _home_and_pair(ctx: Context) -> None:
    """The article's home country (its publisher's or first named) and its main pair."""
    art = ctx.article
    source = (art.source or "").lower()
    home = None
    code, _own = lexicon.publisher(source)
    if code is not None:
        home = lexicon.country_at(code, art.date)
        # only a publisher's own releases (the Kremlin's) speak for its country; an agency
        # in Baku writing about Japan and Uzbekistan gives no one its country
        ctx.home_from_source = home is not None and _own
    salience = ctx.country_salience()
    countries_in_order = [m.country for m in ctx.mentions
                          if m.country and m.role in ("name", "demonym")
                          and not ctx.names_what_was(m)]
    # an agency in Baku writing about Uzbekistan and Japan: its unnamed bodies ("the
    # Ministry of Finance and Economy") are the story's, not Baku's. A publisher's country
    # is the home of a story that names it most often, else the first country named is.
    named = Counter(m.country for m in ctx.mentions if m.entity is not None
                    and m.entity.kind == "country" and m.role in ("name", "demonym")
                    and not ctx.names_what_was(m))
    if home is not None and not ctx.home_from_source and (
            home not in named or named[home] < max(named.values())):
        home = None
    if home is None and countries_in_order:
        home = countries_in_order[0]
    ctx.home = home
    ranked = [c for c, _ in salience.most_common()]
    pair: list[str] = []
    # the publisher's country belongs to the pair when the release is its own (the
    # Kremlin's) or the story names it; an agency in Baku reporting Japan–Uzbekistan
    # talks does not make Azerbaijan a party
    if home and (home in salience or (source and _own)):
        pair.append(home)
    for c in ranked:
        if c not in pair:
            pair.append(c)
        if len(pair) == 2:
            break
    if len(pair) == 2 and salience[pair[1]] >= 1:
        ctx.pair = tuple(pair)





def _bare_head(title: str) -> bool:
    return title.lower() in ("president", "the president", "head of state", "prime minister")


# The head of state who speaks in a publisher's releases, by the publisher's home country.
SPEAKERS = {"RUS": "Vladimir Putin", "UKR": "Volodymyr Zelenskyy"}
SPEAKER_REF = re.compile(
    r"\b(?:[Tt]he\s+)?(?:(?:Ukrainian|Russian)\s+)?(?:President|Head\s+of\s+State)\b"
    r"(?!\s+(?:of\s+(?!Ukraine\b|Russia\b)|[A-Z]))")


def _speaker(ctx: Context) -> None:
    """In a Kremlin or President of Ukraine release, "the President" and "the Head of State"
    are the publisher's head of state even where the text never names him."""
    if not ctx.home_from_source or ctx.home not in SPEAKERS:
        return
    name = SPEAKERS[ctx.home]
    known = _known_person(name, ctx.article.date, surname_only=False)
    if known is None:
        return
    if any(e.kind == "person" and _known_person(e.name, ctx.article.date) is known
           for e in ctx.entities):
        return
    refs = [m for m in SPEAKER_REF.finditer(ctx.text)]
    taken = [(m.start, m.end) for m in ctx.mentions]
    refs = [m for m in refs if not _overlaps((m.start(), m.end()), taken)]
    if not refs:
        return
    ent = _add_entity(ctx, Entity(id="", name=known.name, kind="person", country=ctx.home,
                                  sector="GOV", title=known.title))
    for m in refs:
        ent.mentions.append((m.start(), m.end()))
        ctx.mentions.append(Mention(m.start(), m.end(), ent, ctx.home, "name"))
    ctx.mentions.sort(key=lambda x: x.start)


def _add_entity(ctx: Context, ent: Entity) -> Entity:
    """Add an entity found after the mentions were resolved, under an id not yet taken."""
    taken = {e.id for e in ctx.entities}
    n = len(ctx.entities) + 1
    while f"e{n}" in taken:
        n += 1
    ent.id = f"e{n}"
    ctx.entities.append(ent)
    return ent


def ctx_entity(ctx: Context, eid: str | None) -> Entity | None:
    if eid is None:
        return None
    for e in ctx.entities:
        if e.id == eid:
            return e
    return None


def _attributes(ctx: Context) -> None:
    """Titles, affiliations and countries of persons and organisations."""
    doc = ctx.doc
    by_start = {m.start: m for m in ctx.mentions}
    tok_mentions = _token_mentions(ctx)
    _split_by_country(ctx)
    for m in ctx.mentions:
        ent = m.entity
        if ent is None or ent.kind not in ("person", "organization"):
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        if ent.kind == "person":
            _person_attributes(ctx, ent, span, by_start, tok_mentions)
        else:
            _org_country(ctx, ent, span)
    # A government body named without a country belongs to the one country its sentence,
    # or else the sentence before, names ("… after the withdrawal from Afghanistan.
    # However, a spokesman for the Ministry of Interior Affairs said …"); else to the home
    # country; in a publisher's own releases (Kremlin, President of Ukraine) so does any
    # other body.
    # A government body in an official's title whose country the title or the table of
    # people gives ("Chairman of the Cabinet of Ministers Adylbek Kasymaliev met the Chinese
    # ambassador") is his country's, before any country its sentence names.
    _bodies_of_officials(ctx)
    if not ctx.home_from_source:
        for m in ctx.mentions:
            ent = m.entity
            if ent is not None and ent.kind == "organization" and ent.country is None \
                    and ent.sector in STATE_SECTORS | {"PTY"} and m.role == "name":
                ent.country = _local_country(ctx, m)
    for ent in ctx.entities:
        if ent.kind == "organization" and ent.country is None and ent.sector != "IGO" and (
                ent.sector in STATE_SECTORS | {"PTY"} or ctx.home_from_source):
            ent.country = ctx.home
    for m in ctx.mentions:
        ent = m.entity
        if ent is not None and ent.kind == "organization" and ent.country is None \
                and ent.sector == "BUS":
            codes = _sentence_countries(ctx, m, with_orgs=False)
            if len(codes) == 1:
                ent.country = codes.pop()
    for ent in ctx.entities:
        if ent.kind == "person":
            aff = ctx_entity(ctx, ent.affiliation)
            if ent.country is None and aff is not None:
                ent.country = aff.country
            ent.sector = ent.sector or person_sector(ent.title, aff)
    _title_ministries(ctx)
    _person_fallbacks(ctx)
    _bodies_of_officials(ctx)


def _bodies_of_officials(ctx: Context) -> None:
    """A government body with no country that is an official's takes the official's."""
    for ent in ctx.entities:
        if ent.kind == "person" and ent.affiliation:
            aff = ctx_entity(ctx, ent.affiliation)
            if aff is not None and aff.country is None and aff.sector == "GOV":
                aff.country = ent.country


@cache
def _known_orgs_by_name() -> dict[str, lexicon.KnownOrg]:
    """Known organisations by every name they go by, normalised."""
    out: dict[str, lexicon.KnownOrg] = {}
    for org in lexicon.organizations():
        for n in (org.name, *org.aliases):
            out.setdefault(_norm(n), org)
    return out


MINISTER_OF = re.compile(r"(?<!Prime )\bMinister\s+(?:of|for)\s+(?!State\b)(?:the\s+)?(.+)$")


def _title_ministries(ctx: Context) -> None:
    """The ministry a minister's title names ("Minister of Investment, Industry and Trade"
    → "Ministry of Investment, Industry and Trade", in the minister's country), unless the
    article names it already; two ministers of the same portfolio from two countries have
    two ministries."""
    for ent in list(ctx.entities):
        if ent.kind != "person" or not ent.title:
            continue
        m = MINISTER_OF.search(ent.title)
        if m is None:
            continue
        portfolio = re.split(r"\s+(?:of|to|in)\s+(?=[A-Z])", m.group(1))[0].strip(" ,")
        name = f"Ministry of {portfolio}"
        if not portfolio:
            continue
        aff = ctx_entity(ctx, ent.affiliation)
        if aff is not None and _norm(portfolio) in _norm(aff.name):
            continue  # the article names the ministry ("Ministry of Economy of Azerbaijan")
        # a ministry only one country has ("Ministry of Trade and Integration": Kazakhstan)
        # tells its minister's country
        known = _known_orgs_by_name().get(_norm(name))
        if known is not None and known.country and ent.country is None:
            ent.country = lexicon.country_at(known.country, ctx.article.date)
        # named already, perhaps with its country ("Ministry of Agriculture of Kazakhstan")
        same = [e for e in ctx.entities if e.kind == "organization"
                and (_norm(e.name) in (_norm(name), _norm(known.name) if known else "")
                     or (e.country is not None and _norm(e.name).startswith(_norm(name) + " of ")))
                and e.country in (ent.country, None)]
        if same:
            ent.affiliation = same[0].id
            continue
        org = _add_entity(ctx, Entity(id="", name=known.name if known else name,
                                      kind="organization", country=ent.country, sector="GOV"))
        if known is not None and name != known.name:
            org.aliases.append(name)
        ent.affiliation = org.id


def _person_fallbacks(ctx: Context) -> None:
    """Countries of persons no title placed: the table by surname, the publisher's head of
    state ("the President" in a Kremlin release), or the one country of their sentence."""
    date = ctx.article.date
    for ent in ctx.entities:
        if ent.kind != "person" or ent.country is not None:
            continue
        aff = ctx_entity(ctx, ent.affiliation)
        if aff is not None and aff.sector == "IGO":
            continue  # an international organisation's officer serves no one country
        known = _known_person(ent.name, date)
        if known is not None:
            ent.country = lexicon.country_at(known.country, date)
            ent.title = ent.title or known.title
            ent.sector = ent.sector or "GOV"
            continue
        if ent.title and ctx.home_from_source and ent.sector == "GOV" and _bare_head(ent.title):
            ent.country = ctx.home
            continue
        # In a publisher's own release, an official named by a bare title ("Minister of
        # Infrastructure Oleksandr Kubrakov") is the publisher's unless his sentence names
        # one other country; a firm named beside him does not make him foreign.
        official = ctx.home_from_source and ent.sector == "GOV"
        for m in ctx.mentions:
            if m.entity is ent:
                codes = _sentence_countries(ctx, m, with_orgs=not official, person=True)
                if len(codes) == 1:
                    ent.country = codes.pop()
                    break
        if ent.country is None and ctx.home_from_source:
            ent.country = ctx.home
        # an official whose title and sentence name no country serves the article's
        # home country ("Deputy Prime Minister Serik Zhumangarin said …" in Kazinform)
        if ent.country is None and ent.title and ent.title.lower() not in HONORIFICS:
            ent.country = ctx.home


def _local_country(ctx: Context, m: Mention) -> str | None:
    """The country or place named nearest before ``m`` in its sentence ("the Iranian
    Foreign Ministry said the head of its Eurasia Directorate met the Russian ambassador",
    "the Sverdlovsk division of the Investigative Committee"), else the one named after it
    there, else the one named in the sentence before."""
    sent = ctx.sentence_of(m.start)

    def named(lo: int, hi: int) -> list[Mention]:
        return [x for x in ctx.mentions_in(lo, hi) if x.entity is not None and x.country
                and x.entity.sector != "IGO" and x.role in ("name", "demonym")
                and x.entity.kind in ("country", "location", "organization")]

    before = named(sent.start_char, m.start)
    if before:
        return before[-1].country
    codes = {x.country for x in named(m.end, sent.end_char)}
    if not codes and sent.start > 0:
        prev = ctx.doc[sent.start - 1].sent
        codes = {x.country for x in named(prev.start_char, prev.end_char)}
    return codes.pop() if len(codes) == 1 else None


def _sentence_countries(ctx: Context, m: Mention, with_orgs: bool,
                        person: bool = False) -> set[str]:
    """The countries of ``m``'s sentence (and its bodies' with ``with_orgs``); for a
    ``person``, not those after "with", "to", "in" …, the other side's."""
    sent = ctx.sentence_of(m.start)
    codes = set()
    for x in ctx.mentions_in(sent.start_char, sent.end_char):
        if x.entity is None or x is m or not x.country or x.role not in ("name", "demonym"):
            continue
        # "relations with Iran", "his visit to Baku": the other side, not the person's own
        tok = ctx.doc.char_span(x.start, x.end, alignment_mode="expand") if person else None
        if tok is not None and tok.start > 0 and ctx.doc[tok.start - 1].lower_ in FOREIGN_PREPS:
            continue
        # an agency told or quoted ("told Reuters") is no side of the story
        if x.entity.kind == "country" or (with_orgs and x.entity.kind == "organization"
                                          and x.entity.sector not in ("IGO", "MED")):
            codes.add(x.country)
    return codes


def _token_mentions(ctx: Context) -> dict[int, list[Mention]]:
    """Token index → the mentions covering it (for the title scans)."""
    out: dict[int, list[Mention]] = {}
    for m in ctx.mentions:
        span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        for i in range(span.start, span.end):
            out.setdefault(i, []).append(m)
    return out


def _title_left(doc: Doc, span: Span,
                tok_mentions: dict[int, list[Mention]] | None = None) -> tuple[Span | None, list[int]]:
    """The title just before a person's name: "Deputy Minister", "President of Uzbekistan",
    "Iranian Oil Minister", "Ecuador's deputy energy minister", "MITI vice minister"."""
    tok_mentions = tok_mentions or {}
    sent_start = span.sent.start
    i = span.start - 1
    lo, has_title = span.start, False
    while i >= max(sent_start, span.start - 16):
        t = doc[i]
        low = t.lower_
        ms = tok_mentions.get(i, [])
        if any(x.entity is not None and x.entity.kind == "person" for x in ms):
            break
        if low in ("and", ",") and i - 1 >= sent_start and _ends_name(doc[i - 1], tok_mentions):
            break  # "… Oleksandr Kamyshin and Chairman and CEO of Alstom Henri …"
        if t.text == ")" and i - 2 >= sent_start and doc[i - 2].text == "(" and \
                doc[i - 1].is_upper:
            i -= 3  # "Secretary General of the Organization of Turkic States (OTS) …"
            continue
        if low in TITLE_WORDS or low in HEAD_TITLE_WORDS:
            has_title = True
        elif low == "," and i == span.start - 1:
            pass  # "Russia's chargé d'affaires in Azerbaijan, Pyotr Volokovykh"
        elif ms or low in TITLE_LINKS or low in FOREIGN_PREPS or low in HONORIFICS or t.text in (
                "'s", "’s", "-", "–", "—", "\"", "“", "”"):
            pass
        elif low == "its":
            pass  # "led by its vice president …": the office of a body named before
        elif low in COMPANY_NOUNS and t.is_lower:
            pass  # "the head of the Turkish company Kalyon Holding, Cemal Kalyoncu"
        elif (t.is_title or t.is_upper) and t.is_alpha and t.pos_ in ("PROPN", "NOUN", "ADJ"):
            pass
        elif t.text in lexicon.company_suffixes():
            pass  # "Vice President for Europe at Airbus S.A.S. Jean …"
        else:
            break
        i -= 1
        lo = i + 1
    if not has_title:
        return None, []
    while lo < span.start and (doc[lo].lower_ in TITLE_LINKS or doc[lo].is_punct):
        lo += 1
    # the phrase must end in a title word or a country/organisation, not in loose words
    return doc[lo:span.start], list(range(lo, span.start))


def _ends_name(t: Token, tok_mentions: dict[int, list[Mention]]) -> bool:
    """Token ``t`` is the last word of a personal name no finder took (not a title word)."""
    return t.is_title and t.is_alpha and t.lower_ not in TITLE_WORDS and \
        t.lower_ not in ORG_HEADS and not tok_mentions.get(t.i) and t.pos_ == "PROPN" and \
        t.i > 0 and t.doc[t.i - 1].is_title and t.doc[t.i - 1].lower_ not in TITLE_WORDS


def _title_right(doc: Doc, span: Span) -> Span | None:
    """An appositive title: "Mirziyod Yunusov, the Chairman of the Board of Directors of …",
    "Roberto Fendt, Brazil's finance minister", "Warren Lavorel, a U.S. Trade official"."""
    i = span.end
    if i >= len(doc) or doc[i].text != ",":
        return None
    j = i + 1
    if j < len(doc) and doc[j].lower_ in ("the", "a", "an"):
        j += 1
    k, has_title = j, False
    while k < len(doc) and doc[k].text not in (",", ";", ".", "(", ")") and k - j < 25:
        t = doc[k]
        if t.ent_type_ == "PERSON" and k > j:
            break
        if t.lower_ in TITLE_WORDS and (k - j < 5 or has_title):
            has_title = True
        elif not has_title and k - j >= 4:
            return None
        elif not has_title and not (t.is_title or t.is_upper or t.text in ("'s", "’s", "-")
                                    or t.ent_type_ in ("GPE", "NORP", "ORG")):
            return None
        if t.pos_ in ("VERB", "AUX") and t.lower_ not in TITLE_WORDS:
            break
        k += 1
    if not has_title or k == j:
        return None
    return doc[j:k]


def _phrase_country(ctx: Context, phrase: Span, prefer_org: bool) -> str | None:
    """The country a title phrase gives its holder: the first country not after "to", "in",
    "for" … ("Ambassador of France to Ukraine" → France), or the body's country."""
    doc = ctx.doc
    countries, orgs = [], []
    for x in ctx.mentions_in(phrase.start_char, phrase.end_char):
        if x.entity is None or not x.country or x.role == "pair":
            continue
        tok = doc.char_span(x.start, x.end, alignment_mode="expand")
        # "according to Turkish Ambassador …": a preposition before the title is not its own
        prev = doc[tok.start - 1].lower_ if tok is not None and tok.start > phrase.start else ""
        if x.entity.kind == "country" or x.role == "capital":
            if prev in FOREIGN_PREPS:
                continue
            countries.append(x.country)
        elif x.entity.kind == "organization" and x.entity.sector != "IGO":
            orgs.append(x.country)
    order = (orgs, countries) if prefer_org else (countries, orgs)
    for group in order:
        if group:
            # the body or country nearest the name: the last one of a title before it
            return group[0] if prefer_org else group[-1]
    return None


def _person_attributes(ctx: Context, ent: Entity, span: Span, by_start: dict[int, Mention],
                       tok_mentions: dict[int, list[Mention]] | None = None) -> None:
    doc = ctx.doc
    known = _known_person(ent.name, ctx.article.date, surname_only=False)
    if known is not None and ent.country is None:
        ent.country = lexicon.country_at(known.country, ctx.article.date)
    found_title = ctx.titles.get(span.start_char)
    if found_title is not None:
        lo = _title_reach(ctx, found_title[0], tok_mentions or {})
        left: Span | None = doc[lo:span.start]
        if doc[found_title[0]].lower_ not in HONORIFICS:
            ent.title = ent.title or doc[found_title[0]:found_title[1]].text.strip(" ,–—-")
    else:
        left, _ = _title_left(doc, span, tok_mentions)
    right = _title_right(doc, span)
    for phrase, prefer_org in ((left, False), (right, True)):
        if phrase is None or len(phrase) == 0:
            continue
        title = _title_text(phrase)
        if title and not ent.title:
            ent.title = title
        bodies = [x.entity for x in ctx.mentions_in(phrase.start_char, phrase.end_char)
                  if x.entity is not None and x.entity is not ent
                  and x.entity.kind == "organization"]
        back = _refers_back(phrase) if not bodies else None
        if back is not None:
            # "China Road and Bridge Corporation … led by its vice president Wang Lei",
            # "Talco … the company's economics director, Pavel Dyck"
            owner = _body_before(ctx, phrase, countries=back == "its")
            bodies = [owner] if owner is not None else []
        if bodies and ent.affiliation is None:
            # the body nearest the name: "Chairman and CEO of Alstom Henri Poupart-Lafarge"
            ent.affiliation = (bodies[0] if phrase is right else bodies[-1]).id
            if ent.country is None and bodies[-1].country is not None and back is not None:
                ent.country = bodies[-1].country
        if ent.country is None:
            ent.country = _phrase_country(ctx, phrase, prefer_org)
        if ent.country is None:
            # "akim of Almaty region", "former Syunik governor": the office's place
            code = _title_place(phrase)
            ent.country = lexicon.country_at(code, ctx.article.date) if code else None
        if ent.affiliation is None and title and "minist" in title.lower():
            ministry = _nearest_ministry(ctx, span)
            if ministry is not None:
                ent.affiliation = ministry.id
    # "Zhao Ziyang of China", "Manaspas Xuto of Thailand"
    if ent.country is None and span.end + 1 < len(doc) and doc[span.end].lower_ == "of":
        nxt = doc[span.end + 1: span.end + 4]
        for x in ctx.mentions_in(nxt.start_char, nxt.end_char):
            if x.entity is not None and x.entity.kind == "country" and x.country and \
                    x.start == doc[span.end + 1 if doc[span.end + 1].lower_ != "the"
                                   else span.end + 2].idx:
                ent.country = x.country
                break
    # "his Kazakh counterpart Bakhtiyor …", "the Afghan counterpart, Nuruddin Azizi"
    if ent.country is None:
        for s, e in ctx.patterns.get("COUNTERPART", []):
            if e == span.start:
                ent.country = _phrase_country(ctx, doc[s:e], False)
                break
    # "Russian deserter Dmitry Setrakov", "Kazakh businessman …": a country's word and the
    # common nouns that say who the person is
    if ent.country is None:
        ent.country = _country_before(ctx, span)
    if known is not None:
        ent.title = ent.title or known.title


def _refers_back(phrase: Span) -> str | None:
    """Whether a title names its body by a word that refers back: "its" ("its vice
    president"), or "the" and a body's noun ("the company's economics director")."""
    for t in phrase:
        if t.lower_ == "its":
            return "its"
        if t.text in ("'s", "’s") and t.i >= phrase.start + 1 and t.i >= 2 and \
                phrase.doc[t.i - 2].lower_ == "the" and phrase.doc[t.i - 1].is_lower and \
                phrase.doc[t.i - 1].lower_ in COMPANY_NOUNS | ORG_HEADS:
            return "noun"
    return None


def _body_before(ctx: Context, phrase: Span, countries: bool = True) -> Entity | None:
    """The organisation a title refers back to: the last actor named before the title in
    its sentence, else in the sentence before, when that actor is an organisation
    ("Kazakhstan … its President" is the country's); with ``countries`` False ("the
    company's director"), the last organisation named before, whatever countries come
    after it."""
    sent = phrase.sent
    spans = [(sent.start_char, phrase.start_char)]
    if not countries:
        spans = [(0, phrase.start_char)]  # "the company" may be named paragraphs before
    elif sent.start > 0:
        prev = ctx.doc[sent.start - 1].sent
        spans.append((prev.start_char, prev.end_char))
    kinds = ("organization", "country") if countries else ("organization",)
    for lo, hi in spans:
        named = [x.entity for x in ctx.mentions_in(lo, hi)
                 if x.entity is not None and x.entity.kind in kinds]
        if named:
            return named[-1] if named[-1].kind == "organization" else None
    return None


# A city in a title gives its holder's country when at least this large (a region always
# does): smaller towns' names are too often words or surnames elsewhere.
TITLE_CITY_POPULATION = 100_000


def _title_place(phrase: Span) -> str | None:
    """The country of the one region or large city a title names ("akim of Almaty region",
    "former Syunik governor"), if every place of that name is in that one country."""
    for t in phrase:
        if not t.is_title or not t.is_alpha or t.lower_ in TITLE_WORDS | TITLE_LINKS:
            continue
        nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
        # a city by spaCy's tag or the word after it ("Almaty region"); a region as it is
        tagged = t.ent_type_ in ("GPE", "LOC") or (nxt is not None and nxt.lower_ in PLACE_HEADS)
        exact = [m.place for m in known_places.candidates(t.text) if m.exact]
        if exact and len({p.country for p in exact}) == 1 and any(
                p.kind == "region" or (tagged and p.population >= TITLE_CITY_POPULATION)
                for p in exact):
            return exact[0].country
    return None


def _title_reach(ctx: Context, start: int, tok_mentions: dict[int, list[Mention]]) -> int:
    """Where a title found at token ``start`` really begins: back over the country, demonym
    or capital before it ("Uzbekistan's Minister of …", "Kazakh Minister of …", "Tashkent
    regional administrator …")."""
    doc, i = ctx.doc, start
    while i > 0 and start - i < TITLE_REACH:
        t = doc[i - 1]
        low = t.lower_
        if t.text in ("'s", "’s") or low in TITLE_WORDS or low in PORTFOLIO_WORDS or \
                low in ORG_HEADS or low == "its" or (t.is_lower and t.pos_ == "ADJ") or any(
                    m.entity is not None and (m.entity.kind in ("country", "organization")
                                              or m.role == "capital")
                    for m in tok_mentions.get(i - 1, [])):
            i -= 1
        else:
            break
    while i < start and doc[i].lower_ in TITLE_LINKS:
        i += 1
    return i


# How many words before a title found by a pattern may still be part of it: "Azerbaijani
# interior affairs ministry | spokesman", "Russian Foreign Ministry | spokesperson".
TITLE_REACH = 8


def _nearest_ministry(ctx: Context, span: Span) -> Entity | None:
    sent = span.sent
    best, dist = None, 10**9
    for x in ctx.mentions_in(sent.start_char, sent.end_char):
        if x.entity is not None and x.entity.kind == "organization" and \
                "ministry" in x.entity.name.lower():
            d = abs(x.start - span.start_char)
            if d < dist:
                best, dist = x.entity, d
    return best


def _country_after(ctx: Context, span: Span) -> str | None:
    """"… of Uzbekistan" right after a body's name, "<Gandalf Technologies Inc> of Canada",
    "Daiwa Securities Co Ltd, of Tokyo, plans …"."""
    doc = ctx.doc
    end = span.end + (1 if span.end < len(doc) and doc[span.end].text in (">", ")") else 0)
    end += 1 if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ == "of" else 0
    after = doc[end: end + 3]
    if len(after) >= 2 and after[0].lower_ in ("of", "in"):
        for x in ctx.mentions_in(after[1].idx, after[-1].idx + len(after[-1])):
            if x.role in ("name", "demonym", "capital") and x.country:
                return x.country
        # "… of the Republic of Kazakhstan": a country's long name that runs on
        first = after[2] if after[1].lower_ == "the" and len(after) > 2 else after[1]
        for x in ctx.mentions:
            if x.start == first.idx and x.role == "name" and x.country and \
                    x.entity is not None and x.entity.kind == "country":
                return x.country
    return None


def _stated_country(ctx: Context, span: Span) -> str | None:
    """The country the text states at one mention of a body: after it ("Ministry of
    Agriculture of Kazakhstan") or before it ("Japanese Ministry", "Uzbekistan's Artel",
    "U.S. Commerce Department", "Chinese construction giant Yunnan …", "Tajikistan's
    state-owned aluminium company Talco", "Russia's consumer rights watchdog,
    Rospotrebnadzor")."""
    return _country_after(ctx, span) or _country_before(ctx, span)


def _split_by_country(ctx: Context) -> None:
    """One name, two bodies: "Tajikistan's foreign ministry" and "Afghanistan's foreign
    ministry", "the ministries of agriculture of Russia and of Kazakhstan". Mentions of a
    body with no country of its own that state another country than its first stated one
    become a body of that country; mentions that state none stay with the first."""
    doc = ctx.doc
    for ent in list(ctx.entities):
        if ent.kind != "organization" or ent.country is not None or ent.sector == "IGO" \
                or len(ent.mentions) < 2:
            continue
        stated: list[tuple[Mention, str | None]] = []
        for m in ctx.mentions:
            if m.entity is ent and m.role == "name":
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                stated.append((m, _stated_country(ctx, span) if span is not None else None))
        codes = list(dict.fromkeys(c for _, c in stated if c))
        if len(codes) < 2:
            continue
        ent.country = codes[0]
        for code in codes[1:]:
            other = _add_entity(ctx, Entity(id="", name=ent.name, kind=ent.kind, country=code,
                                            sector=ent.sector))
            for m, c in stated:
                if c == code:
                    m.entity = other
                    ent.mentions.remove((m.start, m.end))
                    other.mentions.append((m.start, m.end))


def _org_country(ctx: Context, ent: Entity, span: Span) -> None:
    if ent.country is not None or ent.sector == "IGO":
        return  # an international organisation belongs to no one country
    code = _org_name_country(ctx, span) if ent.sector not in STATE_SECTORS else None
    if code is not None:
        ent.country = code
        return
    code = _stated_country(ctx, span)
    listed = _listed_after_company_noun(ctx.doc, span)
    if code is None and listed is not None:
        # "major Turkish textile companies such as Kipas Holding, Molcem Nano"
        code = _country_before(ctx, ctx.doc[listed:listed + 1])
    if code is not None:
        ent.country = code
        return
    for x in ctx.mentions_in(span.start_char, span.end_char):
        if x.entity is not None and x.country and (x.entity.kind == "country"
                                                   or x.role == "capital"):
            ent.country = x.country
            return
    code = _known_body_in_name(span)
    if code is not None:
        # "Kazakhtelecom JSC", "Management Board of Uzbekneftegaz": a known body's country
        ent.country = lexicon.country_at(code, ctx.article.date)
        return
    code = _city_in_name(span)
    if code is not None:
        ent.country = lexicon.country_at(code, ctx.article.date)
        return
    inner = lexicon.countries()
    for t in span:
        for code, c in inner.items():
            if t.text in c.names or t.text in c.demonyms:
                ent.country = lexicon.country_at(code, ctx.article.date)
                return
    code = _glued_prefix(span)
    if code is not None:
        ent.country = lexicon.country_at(code, ctx.article.date)


# How many letters at least follow a country's prefix glued into a name ("Uz|kimyosanoat");
# fewer is a word of its own ("Kazan", a Russian city).
MIN_GLUED_REST = 3


def _glued_prefix(span: Span) -> str | None:
    """The country of a name's first word that begins with a country's prefix glued to the
    rest ("Uzbekneftegaz", "KazMunayGas", "Azerenerji"; org_countries.tsv, kind prefix)."""
    word = span[0].text
    for cue, code in lexicon.name_prefixes().items():
        rest = word[len(cue):]
        if word.startswith(cue) and len(rest) >= MIN_GLUED_REST and rest.isalpha() and \
                word not in _country_words():
            return code
    return None


def _known_body_in_name(span: Span) -> str | None:
    """The country of a known body (not an IGO) that begins or ends a longer body's name
    ("Kazakhtelecom JSC", "Management Board of Uzbekneftegaz"); a lone head word ("Congress"
    in "International Mathematics Congress") is no known body there."""
    known = {o.name: o for o in lexicon.organizations()}
    for g in span.doc.spans.get(GAZ_KEY, []):
        if g.label_ == "ORG" and span.start <= g.start and g.end <= span.end and \
                (g.start, g.end) != (span.start, span.end) and \
                (g.start == span.start or g.end == span.end) and \
                g.text.lower() not in ORG_HEADS:
            org = known.get(g.kb_id_)
            if org is not None and org.country and org.sector != "IGO":
                return org.country
    return None


# A city whose name inside a body's name gives the body its country ("Toronto Stock
# Exchange", "Bankers Trust New York Corp"): a large city, far larger than any other place
# of that name in another country (a small town's name is too often a word or a surname).
CITY_POPULATION = 500_000


def _city_in_name(span: Span) -> str | None:
    for n in (2, 1):
        for i in range(span.start, span.end - n + 1):
            words = span.doc[i:i + n]
            if not all(t.is_title for t in words):
                continue
            matches = sorted(known_places.candidates(words.text),
                             key=lambda m: -m.place.population)
            if not matches or matches[0].place.kind != "city" or \
                    matches[0].place.population < CITY_POPULATION:
                continue
            best = matches[0].place
            # "New York" for New York City, never "Mosco" (a cut word) for Moscow
            if not matches[0].exact and (best.population < 2 * CITY_POPULATION or
                                         best.name.split()[:n] != [t.text for t in words]):
                continue
            if any(m.place.country != best.country and m.place.population * 4 > best.population
                   for m in matches[1:]):
                continue
            return best.country
    return None


# How far before an organisation's name a country may stand when common nouns that
# introduce the name come between ("Tajikistan's state-owned aluminium company Talco").
NOUN_REACH = 7


def _country_before(ctx: Context, span: Span) -> str | None:
    """The country named right before an organisation ("Uzbekistan's Artel"), or before the
    lower-case words that introduce it when one of them says what it is ("Kyrgyz company
    Zhongzi")."""
    doc = ctx.doc
    ends = {m.end: m for m in ctx.mentions
            if m.entity is not None and m.entity.kind == "country" and m.country
            and m.role in ("name", "demonym")}
    i, noun = span.start, False
    while i > 0 and span.start - i < NOUN_REACH:
        t = doc[i - 1]
        m = ends.get(t.idx + len(t))
        if m is not None:
            return m.country if (noun or span.start - i <= 1) else None
        if t.text in ("'s", "’s"):
            pass
        elif t.is_lower and (t.text == "-" or (t.is_alpha and t.pos_ in ("ADJ", "NOUN"))):
            # "Japan's ruling Liberal Democratic Party", "Chinese construction giant X"
            noun = noun or t.lower_ in COMPANY_NOUNS or t.lemma_ in COMPANY_NOUNS \
                or t.pos_ == "ADJ"
        elif t.text in (",", "-") and i == span.start:
            pass
        else:
            return None
        i -= 1
    return None


STATE_SECTORS = {"GOV", "LEG", "MIL", "JUD", "POL"}
TICKER = re.compile(r"\s*<[A-Z0-9&]{1,8}(?:\.([A-Z]{1,2}))?>")


def _org_name_country(ctx: Context, span: Span) -> str | None:
    """A company's country from its own name and the marks around it, which outweigh the
    countries of its sentence: a Reuters code "<RICT.T>", a legal form of one country
    ("Desautel SAS"), a word of the name ("Nippon Oil"), "Tokyo-based"."""
    doc, date = ctx.doc, ctx.article.date
    m = TICKER.match(ctx.text, span.end_char)
    if m and (m.group(1) or "") in lexicon.ticker_exchanges():
        return lexicon.country_at(lexicon.ticker_exchanges()[m.group(1) or ""], date)
    suffixes, words = lexicon.company_suffixes(), lexicon.name_words()
    tail = doc[span.end] if span.end < len(doc) else None
    for t in [*span, *([tail] if tail is not None else [])]:
        if t.text in suffixes and t.i > span.start:
            return lexicon.country_at(suffixes[t.text], date)
    for t in span:
        if t.text in words:
            return lexicon.country_at(words[t.text], date)
    # "Tokyo-based Nippon Oil", "a Paris-based company"
    if span.start >= 3 and doc[span.start - 1].lower_ == "based" and \
            doc[span.start - 2].text == "-":
        place = doc[span.start - 3]
        for x in ctx.mentions_in(place.idx, place.idx + len(place)):
            if x.country and x.role in ("name", "demonym", "capital"):
                return x.country
    return None


def _pair_mentions(ctx: Context) -> None:
    """Mark "the two countries", "both sides" … as mentions of the article's pair."""
    if len(ctx.pair) != 2:
        return
    low = ctx.text.lower()
    taken: list[tuple[int, int]] = []
    for phrase in sorted(PAIR_PHRASES, key=len, reverse=True):
        for m in re.finditer(r"\b" + re.escape(phrase) + r"\b", low):
            span = (m.start(), m.end())
            if _overlaps(span, taken):
                continue
            taken.append(span)
            ctx.mentions.append(Mention(m.start(), m.end(), None, None, "pair", ctx.pair))
    ctx.mentions.sort(key=lambda x: x.start)
