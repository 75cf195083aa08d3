"""Actors: countries, persons with their titles, organisations with their sector and country."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from bilat import lexicon
from bilat.extract.context import PAIR_PHRASES, Context, Mention
from bilat.record import Entity

GAZ_KEY = "bilat"

# Words that make up a person's title ("Deputy Minister", "Chairman of the Board").
TITLE_WORDS = {
    "president", "vice", "prime", "minister", "ministers", "deputy", "first", "foreign", "trade",
    "finance", "secretary", "chairman", "chairwoman", "chair", "head", "director", "general",
    "ambassador", "governor", "chancellor", "king", "queen", "emir", "sheikh", "premier",
    "spokesman", "spokeswoman", "spokesperson", "commissioner", "representative", "senator",
    "chief", "executive", "officer", "ceo", "mayor", "speaker", "leader", "adviser", "advisor",
    "assistant", "undersecretary", "under", "state", "economy", "economic", "agriculture",
    "commerce", "industry", "energy", "defence", "defense", "affairs", "board", "directors",
    "crown", "prince", "supreme", "commander", "managing", "economics", "development",
    "investment", "investments", "international", "external", "relations",
    "industrial", "cooperation", "agricultural", "treasury", "transport", "justice",
    "interior", "internal", "culture", "education", "health", "labour", "labor", "digital",
    "transformation", "emergency", "situations", "presidential", "administration", "office",
    "security", "council", "federal", "national", "central", "bank", "member",
    "parliament", "chairperson", "co-chair", "co-chairman", "envoy", "special", "sultan",
    "pope", "patriarch", "metropolitan", "his", "her", "majesty", "highness", "excellency",
    "lieutenant", "colonel", "admiral", "marshal", "major", "captain", "sergeant",
    "senior", "official", "officials", "analyst", "economist", "counsellor", "counselor",
    "attache", "consul", "founder", "owner", "partner", "vice-president", "vice-premier",
    "director-general", "deputy-director", "undersecretary-general", "oil", "mines", "mining",
    "petroleum", "infrastructure", "policy", "food", "planning", "acting",
    "telecommunications", "communications", "fuel", "power", "agrarian", "reintegration",
    "resources", "environment", "technology", "technologies", "tourism", "sports", "youth",
    "chairman-designate", "governor-general", "secretary-general", "extraordinary",
    "plenipotentiary",
}
# Title words that head a title: the word right before a name ("President", "CEO").
HEAD_TITLE_WORDS = {
    "president", "minister", "premier", "chairman", "chairwoman", "chairperson", "chair", "ceo",
    "director", "director-general", "ambassador", "governor", "king", "queen", "sultan", "emir",
    "sheikh", "secretary", "chancellor", "head", "leader", "representative", "envoy", "mayor",
    "senator", "officer", "executive", "spokesman", "spokeswoman", "spokesperson", "prince",
    "commissioner", "deputy", "vice", "official", "attache", "consul", "counsellor", "counselor",
    "adviser", "advisor", "undersecretary", "speaker", "commander", "general", "founder",
    "vice-president", "vice-premier", "aide", "negotiator", "delegate", "economist", "analyst",
}
# Small words inside personal names ("Etienne de Poncins", "Zaid bin Sultan al-Nahayan").
NAME_PARTICLES = {"de", "da", "das", "do", "dos", "du", "van", "von", "der", "den", "bin", "ibn",
                  "al", "el", "la", "le", "di", "del", "ben", "y"}
# Prepositions after which a country in a title is not the person's own:
# "Ambassador of France to Ukraine", "Special Envoy for Syria".
FOREIGN_PREPS = {"to", "in", "for", "at", "with", "from", "on", "towards", "against"}
# Words that end an organisation's name ("… Finance Committee", "… Investment Fund").
ORG_HEADS = {
    "council", "committee", "commission", "corporation", "corp", "company", "co", "fund", "bank",
    "agency", "office", "service", "ministry", "department", "railways", "railway", "airlines",
    "airways", "navy", "army", "forces", "guard", "university", "institute", "association",
    "federation", "confederation", "union", "chamber", "authority", "bureau", "administration",
    "board", "group", "holding", "museums", "museum", "gallery", "assembly", "parliament",
    "plant", "works", "secretariat", "court", "party", "inc", "ltd", "plc", "sa", "ag", "centre",
    "center", "exchange", "foundation", "academy", "senate", "congress", "cabinet", "inspectorate",
    "directorate", "concern", "consortium", "trust", "organisation", "organization", "platform",
}
LEGAL_PREFIXES = ("JSC ", "PJSC ", "OJSC ", "CJSC ", "LLC ", "OOO ", "PAO ", "OAO ", "ZAO ")
TITLE_LINKS = {"of", "the", "for", "and", "on", "to", "&", "at"}
HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "madam"}
HEAD_TITLES = ("president", "prime minister", "chairman", "chairwoman", "head", "king",
               "chancellor", "ceo", "chief executive", "director general", "governor",
               "premier", "emir", "sultan", "leader", "secretary general", "secretary-general")

# Organisation sector from words in its name; first match wins. PLOVER/POLECAT actor codes.
ORG_SECTOR_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("MED", ("news agency", "newspaper", "television", "broadcasting", "radio", "news")),
    ("JUD", ("court", "tribunal", "prosecutor", "judiciary")),
    ("POL", ("police",)),
    ("MIL", ("army", "navy", "air force", "armed forces", "military", "troops", "guard")),
    ("LEG", ("parliament", "congress", "senate", "duma", "rada", "national assembly",
             "legislature", "diet", "majlis", "mazhilis", "oliy")),
    ("EDU", ("university", "institute", "academy", "school", "college")),
    ("GOV", ("ministry", "ministries", "department", "government", "cabinet", "agency",
             "administration", "central bank", "customs", "commission", "committee",
             "council of ministers", "presidential", "embassy", "treasury", "office",
             "state service", "directorate", "inspectorate", "authority", "bureau")),
    ("BUS", ("inc", "corp", "co", "ltd", "llc", "jsc", "plc", "ag", "sa", "nv", "spa", "gmbh",
             "group", "holding", "holdings", "company", "companies", "corporation",
             "association", "chamber of commerce", "bank", "airlines", "airways", "motors",
             "oil", "petroleum", "industries", "enterprises", "exchange", "steel", "electric",
             "chemical", "mining", "union of industrialists", "federation of industries",
             "manufacturers", "exporters", "producers", "trading", "partners", "capital",
             "investments", "energy", "gas", "telecom", "pharma", "textile", "sanoat")),
    ("NGO", ("foundation", "red cross", "red crescent", "charity", "fund")),
)

ORG_JUNK = {"reuter", "reuters", "the board of directors", "board of directors", "board",
            "mln", "bln", "dlrs", "pct", "ec", "ministry", "government", "the government",
            "cabinet", "parliament", "state", "treasury", "coronavirus", "covid-19", "covid",
            "mou", "mous", "memorandum", "agreement", "treaty"}

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
MINISTRY = re.compile(
    r"\b(?:(?:the\s+)?Ministry\s+(?:of|for)\s+(?:the\s+)?" + _CAP
    + r"(?:(?:\s+|\s+(?:and|of|for|of\s+the)\s+)" + _CAPN + r")*"
    r"|(?:" + _CAP + r"\s+(?:and\s+|&\s+)?){1,4}Ministry)"
)
# "State Service of Ukraine for Geodesy, Cartography and Cadastre", "State Border Service".
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
LOWER_BODY_WORDS = ("ministry", "embassy", "parliament", "congress")


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
            out.append(_Found(span.start_char, span.end_char, "organization", span.text,
                              org.country, org.sector, org.name))
        elif label == "PERSON":
            p = _known_person(key, date, surname_only=False)
            out.append(_Found(span.start_char, span.end_char, "person", span.text,
                              p.country if p else None, None, key))
        elif label == "SURNAME":
            p = _surname_person(span, date)
            if p is not None:
                out.append(_Found(span.start_char, span.end_char, "person", span.text,
                                  p.country, None, p.name))
    return out


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
    if not date:
        return None
    folded = lexicon.fold(span.text)
    for p in lexicon.people():
        if p.in_office(date) and any(lexicon.fold(n).split()[-1] == folded
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
    out = []
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG", "GPE", "FAC", "LOC", "NORP"):
            continue
        span = (ent.start_char, ent.end_char)
        if _overlaps(span, blocked):
            continue
        inside = [i for i in range(ent.start, ent.end)
                  if _overlaps((doc[i].idx, doc[i].idx + len(doc[i])), gaz_spans)]
        if inside:
            found = _split_glued(doc, ent, inside, gaz_spans)
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
        if not text or text.lower() in ORG_JUNK or not text[0].isupper():
            continue
        if ent.label_ == "PERSON":
            if len(text) < 3 or text.isupper() or any(ch.isdigit() for ch in text):
                continue
            out.append(_person_found(doc, ent.start, ent.end))
        elif ent.label_ == "ORG":
            if len(ent) == 1 and (ent.root.pos_ == "ADJ" or (
                    not text.isupper() and text.endswith(("ic", "ian", "ese", "ish")))):
                continue  # "Turkic", "Soviet": an adjective spaCy took for a name
            if any(ch.isdigit() for ch in text) and not re.search(r"[A-Za-z]{3}", text):
                continue
            org = _org_found(doc, ent.start, ent.end)
            if org is not None:
                out.append(org)
        else:
            out.append(_Found(span[0], span[1], "location", text))
    return [f for f in out if f is not None]


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
PLACE_HEADS = {"region", "oblast", "territory", "territories", "republic", "province", "city",
               "district", "krai", "county", "okrug", "island", "islands", "area", "valley"}
MAX_NAME_TOKENS = 5  # "Etienne de Poncins", "Henri Poupart - Lafarge" (the hyphen is a token)


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
        if ends and 2 <= len(words) <= 4 and j - i <= MAX_NAME_TOKENS + 1 and org_sector(run.text) is None \
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
    # "Mr Babushkin": the honorific is not part of the name.
    while end - start >= 2 and doc[start].lower_ in HONORIFICS:
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
    while start < end and (doc[start].lower_ in ("the", "<", "\"", "“") or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].lower_ in TITLE_LINKS or doc[end - 1].text in
                           (">", "\"", "”", ",", "(", "'s", "’s")):
        end -= 1
    if end <= start:
        return None
    span = doc[start:end]
    text = span.text
    for prefix in LEGAL_PREFIXES:
        if text.startswith(prefix) and len(text) > len(prefix) + 2:
            text = text[len(prefix):]
            break
    first = span.end_char - len(text)
    if not text or text.lower() in ORG_JUNK or not text[0].isupper() or _not_a_body(span):
        return None
    return _Found(first, span.end_char, "organization", text, None, org_sector(span.text))


# Words that name a document, an event or a route, not a body: "Free Trade Agreement",
# "Eastern Partnership Summit", "Recovery Plan", "Baltic Pipeline".
NOT_BODY_WORDS = {"agreement", "agreements", "memorandum", "understanding", "treaty", "declaration",
                  "protocol", "plan", "programme", "program", "strategy", "initiative", "roadmap",
                  "summit", "forum", "pipeline", "pipelines", "road", "highway", "bridge",
                  "subsidiary", "unit", "units", "firms", "companies", "official", "officials",
                  "position"}


def _not_a_body(span: Span) -> bool:
    """A capitalised phrase spaCy took for an organisation that names something else: a
    document or event (NOT_BODY_WORDS), a bare title ("Internal Affairs", "Finance"), or
    a country with a common noun ("U.S. Firms", "U.K. Subsidiary")."""
    words = [t.lower_ for t in span if t.is_alpha]
    if not words:
        return False
    if any(w in NOT_BODY_WORDS for w in words) and words[-1] not in ORG_HEADS - {"plant"}:
        return True
    if all(w in TITLE_WORDS or w in TITLE_LINKS for w in words) and \
            not any(w in ORG_HEADS for w in words):
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


def _pattern_orgs(doc: Doc, gaz: list[_Found]) -> list[_Found]:
    """Organisations found by their form; they may contain a country ("… of Ukraine")."""
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
    return out


def _cut_after_country(text: str, start: int, end: int, gaz: list[_Found]) -> int:
    """End a body's name at its country: "Ministry of Economy of Azerbaijan| Mikayil Jabbarov"."""
    for f in gaz:
        if f.kind == "country" and start < f.start and f.end < end and \
                re.match(r"\s+(?:and\s+)?[A-Z]", text[f.end:end]) and \
                re.search(r"\bof\s+(?:the\s+)?$", text[start:f.start]):
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
            if t.text in ("'s", "’s") and i == span.end and f.kind == "organization":
                i += 1
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
        if lower_body is not None and lower_body > span.end:
            start = doc[span.end].idx
            body = doc[span.end: lower_body + 1]
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
    gaz = _gazetteer(doc, date)
    patterns = _pattern_orgs(doc, gaz)
    blocked = [(f.start, f.end) for f in patterns]
    titled = _titled_persons(doc, gaz, blocked)
    blocked += [(f.start, f.end) for f in titled]
    found = gaz + patterns + titled + _spacy_entities(doc, gaz, blocked)
    found.sort(key=lambda f: f.start)

    entities: dict[tuple[str, str], Entity] = {}
    counter = 0

    def entity_for(f: _Found) -> Entity:
        nonlocal counter
        if f.kind == "country" or (f.kind == "location" and f.role == "capital"):
            key = ("country", f.country or f.name) if f.kind == "country" else ("location", f.name)
        else:
            key = (f.kind, _norm(f.key or f.name))
            alias = _alias_of(f, entities)
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
        ent = entity_for(f)
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
    _pair_mentions(ctx)
    for m in ctx.mentions:
        if m.entity is not None and m.role == "name" and m.entity.kind != "country":
            m.country = m.entity.country


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


def _place_compound(name: str) -> bool:
    """"Ust-Luga", "Nagorno-Karabakh": one hyphenated word is a place more often than a
    person (a person's double-barrelled surname comes after a first name)."""
    return len(name.split()) == 1 and "-" in name


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.lower()).strip()


# Words that make a company's name formal without changing whose it is ("Akfa Group" =
# "AKFA", "Desautel Group" = "Desautel SAS", "Ricoh" = "Ricoh Co Ltd").
FORM_WORDS = {"group", "association", "company", "corp", "corporation", "inc", "co", "ltd",
              "sas", "s a s", "sa", "plc", "gmbh", "llc", "ag", "nv", "holding", "holdings",
              "jsc", "pjsc"}


def _alias_of(f: _Found, entities: dict[tuple[str, str], Entity]) -> Entity | None:
    """A later short mention of an entity already seen: "Bashirli", "Akfa Group" for "AKFA".

    A one-word "person" that is the first word of a company already named ("Ricoh said"
    after "Ricoh Co Ltd") is that company: spaCy's small model takes many firms for people."""
    n = _norm(f.key or f.name)
    firm = None
    for (kind, key), ent in entities.items():
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
                          if m.country and m.role in ("name", "demonym")]
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
    ent = Entity(id=f"e{len(ctx.entities) + 1}", name=known.name, kind="person",
                 country=ctx.home, sector="GOV", title=known.title)
    while any(e.id == ent.id for e in ctx.entities):
        ent.id = f"e{int(ent.id[1:]) + 1}"
    ctx.entities.append(ent)
    for m in refs:
        ent.mentions.append((m.start(), m.end()))
        ctx.mentions.append(Mention(m.start(), m.end(), ent, ctx.home, "name"))
    ctx.mentions.sort(key=lambda x: x.start)


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
    # Government bodies named without a country belong to the home country; in a
    # publisher's own releases (Kremlin, President of Ukraine) so does any other body.
    for ent in ctx.entities:
        if ent.kind == "organization" and ent.country is None and ent.sector != "IGO" and (
                ent.sector in ("GOV", "LEG", "MIL") or ctx.home_from_source):
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
    _person_fallbacks(ctx)


def _person_fallbacks(ctx: Context) -> None:
    """Countries of persons no title placed: the table by surname, the publisher's head of
    state ("the President" in a Kremlin release), or the one country of their sentence."""
    date = ctx.article.date
    for ent in ctx.entities:
        if ent.kind != "person" or ent.country is not None:
            continue
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
                codes = _sentence_countries(ctx, m, with_orgs=not official)
                if len(codes) == 1:
                    ent.country = codes.pop()
                    break
        if ent.country is None and ctx.home_from_source:
            ent.country = ctx.home


def _sentence_countries(ctx: Context, m: Mention, with_orgs: bool) -> set[str]:
    sent = ctx.sentence_of(m.start)
    codes = set()
    for x in ctx.mentions_in(sent.start_char, sent.end_char):
        if x.entity is None or x is m or not x.country or x.role not in ("name", "demonym"):
            continue
        if x.entity.kind == "country" or (with_orgs and x.entity.kind == "organization"
                                          and x.entity.sector != "IGO"):
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
        if low in TITLE_WORDS or low in HEAD_TITLE_WORDS:
            has_title = True
        elif ms or low in TITLE_LINKS or low in HONORIFICS or t.text in (
                "'s", "’s", "-", "–", "—", "\"", "“", "”"):
            pass
        elif (t.is_title or t.is_upper) and t.is_alpha and t.pos_ in ("PROPN", "NOUN", "ADJ"):
            pass
        elif t.text in lexicon.company_suffixes():
            pass  # "Vice President for Eurasia at Thales International S.A.S. Christoph …"
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
        prev = doc[tok.start - 1].lower_ if tok is not None and tok.start > 0 else ""
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
        if bodies and ent.affiliation is None:
            # the body nearest the name: "Chairman and CEO of Alstom Henri Poupart-Lafarge"
            ent.affiliation = (bodies[0] if phrase is right else bodies[-1]).id
        if ent.country is None:
            ent.country = _phrase_country(ctx, phrase, prefer_org)
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
    if known is not None:
        ent.title = ent.title or known.title


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


def _org_country(ctx: Context, ent: Entity, span: Span) -> None:
    if ent.country is not None or ent.sector == "IGO":
        return  # an international organisation belongs to no one country
    doc = ctx.doc
    code = _org_name_country(ctx, span) if ent.sector not in STATE_SECTORS else None
    if code is not None:
        ent.country = code
        return
    # "… of Uzbekistan" right after the name, "<Gandalf Technologies Inc> of Canada"
    end = span.end + (1 if span.end < len(doc) and doc[span.end].text in (">", ")") else 0)
    after = doc[end: end + 3]
    if len(after) >= 2 and after[0].lower_ in ("of", "in"):
        for x in ctx.mentions_in(after[1].idx, after[-1].idx + len(after[-1])):
            if x.role in ("name", "demonym") and x.country:
                ent.country = x.country
                return
    # "Japanese Ministry", "Uzbekistan's Artel", "U.S. Commerce Department"
    before = doc[max(span.start - 2, 0): span.start]
    for x in ctx.mentions_in(before.start_char, before.end_char):
        if x.role in ("name", "demonym") and x.country and x.entity is not None and \
                x.entity.kind == "country":
            ent.country = x.country
            return
    for x in ctx.mentions_in(span.start_char, span.end_char):
        if x.entity is not None and x.entity.kind == "country" and x.country:
            ent.country = x.country
            return
    inner = lexicon.countries()
    for t in span:
        for code, c in inner.items():
            if t.text in c.names or t.text in c.demonyms:
                ent.country = lexicon.country_at(code, ctx.article.date)
                return


STATE_SECTORS = {"GOV", "LEG", "MIL", "JUD", "POL"}
TICKER = re.compile(r"\s*<[A-Z0-9&]{1,8}\.([A-Z]{1,2})>")


def _org_name_country(ctx: Context, span: Span) -> str | None:
    """A company's country from its own name and the marks around it, which outweigh the
    countries of its sentence: a Reuters code "<RICT.T>", a legal form of one country
    ("Desautel SAS"), a word of the name ("Nippon Oil"), "Tokyo-based"."""
    doc, date = ctx.doc, ctx.article.date
    m = TICKER.match(ctx.text, span.end_char)
    if m and m.group(1) in lexicon.ticker_exchanges():
        return lexicon.country_at(lexicon.ticker_exchanges()[m.group(1)], date)
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
