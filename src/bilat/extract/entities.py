"""Actors: countries, persons with their titles, organisations with their sector and country."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

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
    "investment", "investments", "foreign", "international", "external", "relations",
    "industrial", "cooperation", "agricultural", "treasury", "transport", "justice",
    "interior", "internal", "culture", "education", "health", "labour", "labor", "digital",
    "transformation", "emergency", "situations", "presidential", "administration", "office",
    "security", "council", "federal", "trade", "national", "central", "bank", "member",
    "parliament", "chairperson", "co-chair", "co-chairman", "envoy", "special", "sultan",
    "pope", "patriarch", "metropolitan", "his", "her", "majesty", "highness", "excellency",
    "lieutenant", "colonel", "admiral", "marshal", "major", "captain", "sergeant",
    "senior", "official", "officials", "analyst", "economist", "counsellor", "counselor",
    "attache", "consul", "founder", "owner", "partner", "vice-president", "vice-premier",
}
TITLE_LINKS = {"of", "the", "for", "and", "on", "to", "&"}
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
MINISTRY = re.compile(
    r"\b(?:(?:the\s+)?Ministry\s+(?:of|for)\s+(?:[A-Z][\w\-]+(?:\s+(?:and|of|for)\s+|\s+)?)+"
    r"|(?:[A-Z][\w\-]+\s+){1,3}Ministry)"
)


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


def _known_person(name: str, date: str | None) -> lexicon.KnownPerson | None:
    for p in lexicon.people():
        if p.name == name or p.name.split()[-1] == name:
            if date and ((p.start and date[:10] < p.start) or (p.end and date[:10] > p.end)):
                continue
            return p
    return None


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
            out.append(_Found(span.start_char, span.end_char, "organization", org.name,
                              org.country, org.sector, org.name))
        elif label == "PERSON":
            p = _known_person(key, date)
            out.append(_Found(span.start_char, span.end_char, "person", key,
                              p.country if p else None, None, key))
    return out


def _demonym_is_language(span: Span) -> bool:
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    return nxt is not None and nxt.lower_ in ("language", "speakers", "-speaking")


def _us_is_pronoun(span: Span) -> bool:
    prev = span.doc[span.start - 1] if span.start > 0 else None
    return span.doc.text.isupper() is False and prev is not None and prev.lower_ in (
        "let", "for", "to", "with", "of")


def _spacy_entities(doc: Doc, taken: list[tuple[int, int]]) -> list[_Found]:
    out = []
    for ent in doc.ents:
        span = (ent.start_char, ent.end_char)
        if ent.label_ not in ("PERSON", "ORG", "GPE", "FAC", "LOC"):
            continue
        text = ent.text.strip(" \"'“”,.")
        if ent.label_ == "ORG" and ent[0].lower_ == "the":
            text = text[4:] if text.lower().startswith("the ") else text
            span = (ent[1].idx, ent.end_char) if len(ent) > 1 else span
        if not text or text.lower() in ORG_JUNK or not text[0].isupper():
            continue
        if _overlaps(span, taken):
            continue
        if ent.label_ == "PERSON":
            if len(text) < 3 or text.isupper() or any(ch.isdigit() for ch in text):
                continue
            out.append(_Found(span[0], span[1], "person", text))
        elif ent.label_ == "ORG":
            if len(ent) == 1 and (ent.root.pos_ == "ADJ" or (
                    not text.isupper() and text.endswith(("ic", "ian", "ese", "ish")))):
                continue  # "Turkic", "Soviet": an adjective spaCy took for a name
            if any(ch.isdigit() for ch in text) and not re.search(r"[A-Za-z]{3}", text):
                continue
            out.append(_Found(span[0], span[1], "organization", text, None, org_sector(text)))
        else:
            out.append(_Found(span[0], span[1], "location", text))
    return out


def _pattern_orgs(text: str, taken: list[tuple[int, int]]) -> list[_Found]:
    out: list[_Found] = []

    def add(start: int, end: int, name: str, sector: str | None) -> None:
        span = (start, end)
        for f in out:
            if f.start < end and start < f.end:
                return
        if not _overlaps(span, taken):
            out.append(_Found(start, end, "organization", name, None, sector))

    for m in QUOTED_ORG.finditer(text):
        name = f"{m.group(1).strip()} {m.group(2)}"
        add(m.start(), m.end(), name, org_sector(name) or "BUS")
    for m in [*QUOTED_LIST.finditer(text), *QUOTED_AFTER.finditer(text)]:
        for q in QUOTED_NAME.finditer(m.group(1)):
            add(m.start(1) + q.start(1), m.start(1) + q.end(1), q.group(1).strip(), "BUS")
    for m in MINISTRY.finditer(text):
        name = m.group(0).strip()
        name = re.sub(r"^the\s+", "", name)
        name = re.sub(r"\s+(and|of|for)$", "", name)
        start = m.start() + m.group(0).find(name)
        if name.split()[0] in ("The", "A", "This", "That", "Its", "His", "Her"):
            continue
        add(start, start + len(name), name, "GOV")
    return out


def _title_left(doc: Doc, span: Span) -> tuple[Span | None, list[int]]:
    """The title words just before a person's name: "Deputy Minister", "President of Uzbekistan"."""
    i = span.start - 1
    first = None
    while i >= 0:
        t = doc[i]
        low = t.lower_
        if t.is_punct and t.text not in ("-", "'s", "’s"):
            break
        if low in TITLE_WORDS and (t.is_title or t.is_upper or low in ("of",)):
            first = i
        elif low in TITLE_LINKS or t.ent_type_ in ("GPE", "NORP", "ORG") or t.text in ("'s", "’s"):
            pass
        elif low in HONORIFICS:
            pass
        else:
            break
        i -= 1
    if first is None:
        return None, []
    j = first
    while j > 0 and (doc[j - 1].ent_type_ in ("GPE", "NORP") or doc[j - 1].text in ("'s", "’s")):
        j -= 1
    return doc[j:span.start], list(range(j, span.start))


def _title_right(doc: Doc, span: Span) -> Span | None:
    """An appositive title: "Mirziyod Yunusov, the Chairman of the Board of Directors of …"."""
    i = span.end
    if i >= len(doc) or doc[i].text != ",":
        return None
    j = i + 1
    if j < len(doc) and doc[j].lower_ in ("the", "a", "an"):
        j += 1
    if j >= len(doc) or doc[j].lower_ not in TITLE_WORDS or not (doc[j].is_title or doc[j].is_upper):
        return None
    k = j
    while k < len(doc) and doc[k].text not in (",", ";", ".", "(", ")") and k - j < 25:
        if doc[k].ent_type_ == "PERSON":
            break
        k += 1
    return doc[j:k]


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
    found = _gazetteer(doc, date)
    taken = [(f.start, f.end) for f in found]
    found += _pattern_orgs(doc.text, taken)
    taken = [(f.start, f.end) for f in found]
    found += _spacy_entities(doc, taken)
    found.sort(key=lambda f: f.start)

    entities: dict[tuple[str, str], Entity] = {}
    counter = 0

    def entity_for(f: _Found) -> Entity:
        nonlocal counter
        if f.kind == "country" or (f.kind == "location" and f.role == "capital"):
            key = ("country", f.country or f.name) if f.kind == "country" else ("location", f.key or f.name)
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
                name = f.key or f.name
            ent = Entity(id=f"e{counter}", name=name, kind=f.kind, country=f.country,
                         sector=f.sector if f.kind != "country" else None)
            entities[key] = ent
        ent.mentions.append((f.start, f.end))
        if f.name != ent.name and f.kind != "country" and f.name not in ent.aliases:
            ent.aliases.append(f.name)
        return ent

    mentions: list[Mention] = []
    for f in found:
        ent = entity_for(f)
        country = f.country if f.kind in ("country", "location") else ent.country
        mentions.append(Mention(f.start, f.end, ent, country, f.role))

    ctx.entities = list(entities.values())
    ctx.mentions = mentions
    for e in ctx.entities:
        if e.kind == "country" and e.country:
            ctx.country_ids[e.country] = e.id
    _home_and_pair(ctx)
    _attributes(ctx)
    _pair_mentions(ctx)
    for m in ctx.mentions:
        if m.entity is not None and m.role == "name" and m.entity.kind != "country":
            m.country = m.entity.country


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.lower()).strip()


def _alias_of(f: _Found, entities: dict[tuple[str, str], Entity]) -> Entity | None:
    """A later short mention of an entity already seen: "Bashirli", "Akfa Group" for "AKFA"."""
    n = _norm(f.key or f.name)
    for (kind, key), ent in entities.items():
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
            if len(nw) > len(kw) and nw[: len(kw)] == kw and nw[-1] in ("group", "association",
                                                                         "company", "corp",
                                                                         "inc", "co", "ltd"):
                return ent
            if len(kw) > len(nw) and kw[: len(nw)] == nw and kw[-1] in ("group", "association",
                                                                         "company", "corp",
                                                                         "inc", "co", "ltd"):
                return ent
            initials = "".join(w[0] for w in kw if w not in ("of", "the", "and", "for"))
            if len(n) >= 2 and n == initials:
                return ent
    return None


def _home_and_pair(ctx: Context) -> None:
    """The article's home country (its publisher's or first named) and its main pair."""
    art = ctx.article
    source = (art.source or "").lower()
    home = None
    for cue, code in (("kremlin", "RUS"), ("president of russia", "RUS"),
                      ("president.gov.ua", "UKR"), ("president of ukraine", "UKR"),
                      ("azernews", "AZE")):
        if cue in source:
            home = lexicon.country_at(code, art.date)
            break
    salience = ctx.country_salience()
    countries_in_order = [m.country for m in ctx.mentions
                          if m.country and m.role in ("name", "demonym")]
    if home is None and countries_in_order:
        home = countries_in_order[0]
    ctx.home = home
    ranked = [c for c, _ in salience.most_common()]
    pair: list[str] = []
    if home and (home in salience or source):
        pair.append(home)
    for c in ranked:
        if c not in pair:
            pair.append(c)
        if len(pair) == 2:
            break
    if len(pair) == 2 and salience[pair[1]] >= 1:
        ctx.pair = tuple(pair)


def _attributes(ctx: Context) -> None:
    """Titles, affiliations and countries of persons and organisations."""
    doc = ctx.doc
    by_start = {m.start: m for m in ctx.mentions}
    for m in ctx.mentions:
        ent = m.entity
        if ent is None or ent.kind not in ("person", "organization"):
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        if ent.kind == "person":
            _person_attributes(ctx, ent, span, by_start)
        else:
            _org_country(ctx, ent, span)
    # Government bodies named without a country belong to the home country.
    for ent in ctx.entities:
        if ent.kind == "organization" and ent.country is None and ent.sector in ("GOV", "LEG"):
            ent.country = ctx.home
    for m in ctx.mentions:
        ent = m.entity
        if ent is not None and ent.kind == "organization" and ent.country is None \
                and ent.sector == "BUS":
            sent = ctx.sentence_of(m.start)
            codes = {x.country for x in ctx.mentions_in(sent.start_char, sent.end_char)
                     if x.country and x.role in ("name", "demonym")
                     and x.entity is not None and x.entity.kind == "country"}
            if len(codes) == 1:
                ent.country = codes.pop()
    for ent in ctx.entities:
        if ent.kind == "person":
            aff = ctx_entity(ctx, ent.affiliation)
            if ent.country is None and aff is not None:
                ent.country = aff.country
            ent.sector = ent.sector or person_sector(ent.title, aff)
            if ent.country is None and ent.title and ent.sector == "GOV" and _bare_head(ent.title):
                ent.country = ctx.home


def _bare_head(title: str) -> bool:
    return title.lower() in ("president", "the president", "head of state", "prime minister")


def ctx_entity(ctx: Context, eid: str | None) -> Entity | None:
    if eid is None:
        return None
    for e in ctx.entities:
        if e.id == eid:
            return e
    return None


def _person_attributes(ctx: Context, ent: Entity, span: Span, by_start: dict[int, Mention]) -> None:
    doc = ctx.doc
    phrases = []
    left, _ = _title_left(doc, span)
    if left is not None:
        phrases.append(left)
    right = _title_right(doc, span)
    if right is not None:
        phrases.append(right)
    for phrase in phrases:
        title = _title_text(phrase)
        if title and not ent.title:
            ent.title = title
        for x in ctx.mentions_in(phrase.start_char, phrase.end_char):
            if x.entity is None or x.entity is ent:
                continue
            if x.entity.kind == "organization" and ent.affiliation is None:
                ent.affiliation = x.entity.id
            if x.country and ent.country is None and x.role != "pair":
                ent.country = x.country
        if ent.affiliation is None and title and "minist" in title.lower():
            ministry = _nearest_ministry(ctx, span)
            if ministry is not None:
                ent.affiliation = ministry.id
    known = _known_person(ent.name, ctx.article.date)
    if known is not None:
        ent.country = ent.country or lexicon.country_at(known.country, ctx.article.date)
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
    if ent.country is not None:
        return
    doc = ctx.doc
    # "… of Uzbekistan" right after the name
    after = doc[span.end: span.end + 3]
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


def _pair_mentions(ctx: Context) -> None:
    """Mark "the two countries", "both sides" … as mentions of the article's pair."""
    if len(ctx.pair) != 2:
        return
    low = ctx.doc.text.lower()
    taken: list[tuple[int, int]] = []
    for phrase in sorted(PAIR_PHRASES, key=len, reverse=True):
        for m in re.finditer(r"\b" + re.escape(phrase) + r"\b", low):
            span = (m.start(), m.end())
            if _overlaps(span, taken):
                continue
            taken.append(span)
            ctx.mentions.append(Mention(m.start(), m.end(), None, None, "pair", ctx.pair))
    ctx.mentions.sort(key=lambda x: x.start)
