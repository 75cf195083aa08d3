"""Where an event happened: the place its sentence names, else the story's dateline.

A place is read from a phrase the parse ties to the event's trigger:

- after a preposition of place ("held in Bukhara", "at the Ak Orda presidential
  residence", "near the Armenian village of Tegh", "close to the enclave of Vorukh",
  "on the border");
- after a word of going ("a visit to Baku", "travelled to Iran", "withdrew from
  Kazakhstan"), or as the object of "visited" ("he visited Azerbaijan");
- before "visit" ("Masimov's China visit"), a town before an occasion ("the G-7
  Washington talks", "the Tashkent summit").

The phrase's names are looked up in the gazetteer (``bilat.lexicon.places``): a country,
a city (the article's countries choose among namesakes: Batumi, Georgia), a region or
a venue; the first place the phrase names is the most specific ("in Samarkand,
Uzbekistan", "the area of Tort-Kocho in Batken region"), a possessor city aside
("in Moscow's Mitino district": Moscow). Letters of an abbreviation ("the UN") are no
town. A name typed by its phrase ("the village of
X", "X Industrial Park") that the gazetteer lacks is kept, drawn at the place around
it when the phrase names one. A capital that speaks for its government ("Tashkent
said") is an actor, never a place.

The place is the event's when the parse links them closely enough: the phrase hangs
on the trigger, on a word above it in its clause, or on a meeting, visit or summit
that the trigger hangs on. Under another noun ("factories in Jizzakh region",
"investments in Uzbekistan") a place is where that thing is, which is the event's
place only for material events (aid, cooperation, attacks, arrests …) and for plans
to build.

Not the event's place: a place under the clause's active subject ("the CSTO Secretariat in
Moscow had not received …"), inside an organisation's name ("the Export-Import Bank of
Japan"), of a deed that is approved or thanked for ("praised Azerbaijan for hosting
refugees in Ganja"), or of an occasion still to come ("just before the summit in
Venice"). The event's place after all: the object of a support verb ("held talks in the
Kremlin") or of attending ("will attend the summit in Dushanbe"), a document signed
("signed an agreement in Tashkent"), where a party is said to be ("Lukashenko, who will
be in Russia", "Lavrov, in Tashkent for talks, said"), where the words of an event of
words were said ("Speaking at a press conference in Baku, Aliyev accused …"), the end of a
journey whose purpose the event is ("flew to Tashkent to sign"). Only the event's own
sentence: an occasion named again ("During the talks, …") is not placed from an earlier
sentence (on the tuning part that gave no right place and one wrong; on unannotated Reuters
articles one right and three wrong: "the failure of the London talks" for a sale of coffee,
"Spring" for "the IMF's Spring meetings"). A place in a clause with a subject of its own
below the trigger is that clause's event's ("noted the fact that the minister is visiting
Kyiv").

When no sentence of an event names a place, the dateline's place is used, marked
``"source": "dateline"``, for an event said to have happened in which the dateline's
country takes part.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from bilat import lexicon
from bilat.extract.context import Context
from bilat.extract.syntax import lemma
from bilat.lexicon import places as gazetteer
from bilat.lexicon.places import Place, cues
from bilat.record import Article
from bilat.vocab import EntityKind, Modality

# How far apart, in dependency arcs, a place phrase and a trigger may be: the trigger
# up to the word the phrase hangs on, plus the phrase's own arcs. Tuned on the tuning
# part of the regional set ("the meeting … was held in Bukhara": 2; "signed … at a
# meeting in Tashkent": 3).
MAX_ARCS = 5
# Types whose place may be that of the thing they concern ("a plant in Navoi region"
# for a loan or a plan to build it): material cooperation and conflict.
MATERIAL = frozenset({"AID", "COOPERATE", "RETREAT", "SANCTION", "MOBILIZE", "COERCE",
                      "ASSAULT", "PROTEST"})
# Verbal conflict: what is asked for, refused, threatened or criticised has a place of its
# own, below the trigger in the parse.
VERBAL = frozenset({"REQUEST", "ACCUSE", "REJECT", "THREATEN"})
# Approval and thanks: what is approved or thanked for, a deed below the trigger in the
# parse, has a place of its own.
APPROVALS = frozenset({"SUPPORT"})
# Events that gather people somewhere: a sentence about one that names a single town says
# where it was, whatever the parse hangs the town on.
GATHERINGS = frozenset({"CONSULT"})
# A namesake abroad is taken without the article's countries to choose it only when it is
# this populous (GeoNames): Paris is Paris, France; a town of 20,000 named like a place
# of the story's countries is not meant.
WELL_KNOWN = 1_000_000
# A namesake abroad wins over a town of the story's countries when GeoNames knows it by
# FAMOUS_NAMES names or more and FAMOUS_RATIO times as many, is at least as populous and
# the town has under 100,000 people (Geneva, Venice in Reuters stories about the US); or
# when it has 100,000 people or more and FAMOUS_POPULATION_RATIO times as many (Frankfurt).
# Set by reading the GeoNames entries of world cities and their namesakes in the US,
# Britain, France and the region, not on the annotated sets.
FAMOUS_NAMES = 30
FAMOUS_RATIO = 3
FAMOUS_POPULATION_RATIO = 9
_CACHE = "bilat_places"
# Dependencies that open a clause of its own: a place above one is not its event's.
CLAUSE_BOUNDARY = frozenset({"ccomp", "parataxis", "relcl", "advcl", "csubj"})
# An event noun in these roles is what another event is about ("discussed the events in
# Kazakhstan"), not the occasion it happens at ("signed during the forum in Samarkand").
OBJECT_DEPS = frozenset({"dobj", "attr", "oprd"})


@dataclass(frozen=True)
class PlacePhrase:
    """A place a sentence names, and the word of the parse it hangs on."""

    place: Place
    surface: str
    start: int  # token index of the name
    head: Token  # the word the phrase hangs on (the preposition's head, or the visit)
    link: Token  # the preposition (or the name itself)

    @property
    def place_token(self) -> Token:
        return self.head.doc[self.start]


def event_location(ctx: Context, sent: Span, trigger: Token, type_: str,
                   modality: str, countries: list[str]) -> dict | None:
    """The ``location`` of an event mention: the place its sentence names, else the
    dateline's (for events asserted, with the dateline's country a party), else None."""
    phrase = _nearest(ctx, sent, trigger, type_)
    if phrase is not None:
        return phrase.place.location(phrase.surface)
    return dateline_location(ctx, modality, countries)


def dateline_location(ctx: Context, modality: str, countries: list[str]) -> dict | None:
    line = ctx.article.extra.get("dateline") if ctx.dateline is not None else None
    if not isinstance(line, dict) or modality != Modality.ASSERTED or not line.get("place"):
        return None  # (an input record may carry a "dateline" field of its own)
    place = _dateline_place(ctx, line)
    if place is None or place.country not in countries or _names_places(ctx):
        return None
    return place.location(line["place"].title() if line["place"].isupper()
                          else line["place"], "dateline")


def _names_places(ctx: Context) -> bool:
    """Whether the story names a city, region or venue in a phrase of place anywhere: then
    its dateline says where it was filed, not where its events happened (a Baku dateline
    on a forum "held in Ürümqi")."""
    cache = ctx.doc.user_data.setdefault(_CACHE, {})
    if "names" not in cache:
        cache["names"] = any(p.place.kind != "country" for sent in ctx.doc.sents
                             for p in sentence_places(ctx, sent))
    return cache["names"]


def _dateline_place(ctx: Context, line: dict) -> Place | None:
    code = gazetteer.country_named(line["place"])
    if code:
        return gazetteer.country_place(code)
    wanted = [line["country"]] if line.get("country") else list(ctx.pair)
    return _choose(line["place"], wanted)


# --- finding the places of a sentence


def sentence_places(ctx: Context, sent: Span) -> list[PlacePhrase]:
    """The places ``sent`` names in a phrase of place, computed once per sentence."""
    cache = ctx.doc.user_data.setdefault(_CACHE, {})
    found = cache.get(sent.start)
    if found is None:
        found = cache[sent.start] = list(_find(ctx, sent))
    return found


def _find(ctx: Context, sent: Span):
    words = cues()
    for tok in sent:
        low = tok.lower_
        if tok.dep_ == "prep" and tok.i + 1 < sent.end:
            pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            head = tok.head
            if low in words["place_preps"]:
                # "invested $120 million in Georgia": what is invested in, not where
                ok = not (low == "in" and lemma(head) in words["object_in_heads"])
            elif low == "on":
                ok = lemma(pobj) in words["on_places"]
            elif low in words["destination_preps"]:
                ok = lemma(head) in words["destination_heads"] or \
                    head.lower_ in words["nearness_words"]  # "close to the enclave of Vorukh"
            elif low in words["away_preps"]:
                ok = lemma(head) in words["away_heads"]
            else:
                ok = False
            if ok:
                found = _place_in(ctx, pobj, sent)
                if found is not None:
                    yield PlacePhrase(found[0], found[1], found[2], head, tok)
        elif tok.dep_ in ("dobj", "nsubjpass") and lemma(tok.head) in words["visit_verbs"] \
                and tok.head.pos_ == "VERB":
            found = _place_in(ctx, tok, sent)
            if found is not None:
                yield PlacePhrase(found[0], found[1], found[2], tok.head, tok)
        elif tok.dep_ == "nsubj" and lemma(tok.head) in words["host_verbs"] and \
                tok.head.pos_ == "VERB" and (occasion := next(
                    (c for c in tok.head.children if c.dep_ == "dobj"
                     and lemma(c) in words["event_nouns"]), None)) is not None:
            # "Tashkent hosted a meeting of the ministers": the host of an occasion is where
            found = _place_in(ctx, tok, sent)
            if found is not None:
                yield PlacePhrase(found[0], found[1], found[2], occasion, tok)
        elif tok.dep_ in ("compound", "amod", "nmod") and \
                lemma(tok.head) in ("visit", "trip", "tour") and tok.i < tok.head.i:
            found = _place_in(ctx, tok, sent, subtree=False)
            if found is not None:
                yield PlacePhrase(found[0], found[1], found[2], tok.head, tok)
        elif lemma(tok) in words["event_nouns"] and tok.i > sent.start and \
                tok.nbor(-1).dep_ == "compound" and tok.nbor(-1).head.i == tok.i and \
                tok.nbor(-1).pos_ == "PROPN":
            # "the G-7 Washington talks", "the Astana summit": a town named before an
            # occasion is where it is held (a country or region there is its topic: "the
            # Karabakh talks", "the Iran talks")
            first = tok.nbor(-1)
            while first.i > sent.start and first.nbor(-1).dep_ == "compound" and \
                    first.nbor(-1).head.i in (tok.i, first.i):
                first = first.nbor(-1)
            place = _named_in(tok.doc[first.i: tok.i + 1], _context_countries(ctx, sent))
            if place is not None:
                yield PlacePhrase(place, place.name, first.i, tok, tok)


def _place_in(ctx: Context, root: Token, sent: Span,
              subtree: bool = True) -> tuple[Place, str, int] | None:
    """The most specific place a noun phrase names, with the words that name it."""
    tokens = _phrase_tokens(root) if subtree else [root]
    stray = {t.i for t in _stray_name(root)} if subtree else set()
    runs = [r for r in _name_runs(tokens)
            if (r[0].i in stray or _eligible(r, root)) and not _demonym(r)]
    if subtree and lemma(root) == "capital" and all(
            gazetteer.country_named(_run_text(r)) for r in runs):
        # "in the Georgian capital", "in Georgia's capital"
        capital = _capital_of(root, ctx.article.date)
        if capital is not None:
            return capital, capital.name, root.i
    if not runs:
        return None
    wanted = _context_countries(ctx, sent)
    words = cues()
    resolved: list[tuple[int, Place, str, int]] = []  # (rank, place, surface, token)
    for i, run in enumerate(runs):
        text = _run_text(run)
        nxt = _after(run)
        prev = run[0].nbor(-1) if run[0].i > 0 else None
        typed = None
        if nxt is not None and nxt.lower_ in words["settlement_nouns"] | words["region_nouns"] \
                | words["venue_nouns"]:
            typed = nxt.lower_  # "Chyr-Dobo area", "Solton-Sary field"
        elif prev is not None and prev.lower_ == "of" and prev.i > 0 and \
                prev.nbor(-1).lower_ in words["settlement_nouns"] | words["region_nouns"]:
            typed = prev.nbor(-1).lower_  # "the village of Konstantinovka"
        elif prev is not None and prev.lower_ in words["settlement_nouns"]:
            typed = prev.lower_  # "the capital Yerevan"
        place = _lookup(text, run, typed, wanted)
        if place is None:
            if typed is None:
                continue
            kind = _kind_of(typed)
            place = Place(text if kind != "region" or typed in text.lower()
                          else f"{text} {typed}", None, kind, None, None, None)
        resolved.append((i, place, text if place.kind != "country" else place.name,
                         run[0].i))
    if not resolved:
        return None
    resolved = _enclosed(resolved)
    best = _most_specific(resolved, runs)
    return best[1], best[2], best[3]


def _placeish(tok: Token) -> bool:
    words = cues()
    low = tok.lower_
    return low in words["settlement_nouns"] or low in words["region_nouns"] or \
        low in words["venue_nouns"] or low in words["place_nouns"] or lemma(tok) in \
        words["place_nouns"]


def _eligible(run: list[Token], root: Token) -> bool:
    """Whether a name in a phrase of place names the place, not something there:
    "in Samarkand, Uzbekistan", "the village of Tegh", "Moscow's Mitino district" and
    "Azerbaijan's Hajigabul Industrial Park" do; "sanctions on Kyrgyzstan's Keremet Bank",
    "in Azerbaijan's Foreign Ministry" do not."""
    ids = {t.i for t in run}
    t = next((x for x in run if x.head.i not in ids or x.head.i == x.i), run[0])
    for _ in range(8):
        if t.i == root.i or root.i in ids:
            return True
        h = t.head
        if h.i == t.i:
            return False
        if h.lower_ in cues()["boundary_nouns"]:
            return False  # "on the border of Kyrgyzstan and Tajikistan": a line, no place
        if t.dep_ == "poss":
            if not _placeish(h):
                return False
        elif t.dep_ == "pobj":
            if h.lower_ not in ("of", "in", "near") or not (
                    _placeish(h.head) or h.head.pos_ == "PROPN" or h.head.i == root.i):
                return False
        elif t.dep_ in ("compound", "appos", "conj", "amod", "nmod", "npadvmod", "prep",
                        "cc", "punct"):
            if t.dep_ != "prep" and not (_placeish(h) or h.pos_ == "PROPN" or h.i == root.i):
                return False
        else:
            return False
        t = h
    return False


@cache
def _demonyms() -> frozenset[str]:
    return frozenset(gazetteer.key(d) for c in lexicon.countries().values()
                     for d in c.demonyms)


@cache
def _demonym_codes() -> dict[str, str]:
    return {gazetteer.key(d): c.code for c in lexicon.countries().values() for d in c.demonyms}


def _capital_of(root: Token, date: str | None = None) -> Place | None:
    """The city "the Georgian capital" or "Georgia's capital" names: the seat of government
    of the country its modifier names (``countries.tsv``' capitals) on the article's date
    (``places/seats.tsv``: "the Kazakh capital" is Almaty before December 1997, Astana
    after)."""
    for child in root.children:
        if child.dep_ not in ("amod", "compound", "poss", "nmod"):
            continue
        text = root.doc[child.left_edge.i: child.i + 1].text
        code = _demonym_codes().get(gazetteer.key(child.text)) or gazetteer.country_named(text)
        if code in lexicon.countries():
            cities = {p for p in (_choose(c, [code]) for c in lexicon.countries()[code].capitals
                                  if gazetteer.seat_at(code, c, date))
                      if p is not None and p.kind == "city" and p.country == code}
            # one city by all the names of the seat of government (Kyiv, Kiev), else the
            # text does not say which (Bonn or Berlin, Almaty or Astana)
            return next(iter(cities)) if len(cities) == 1 else None
    return None


def _demonym(run: list[Token]) -> bool:
    """"the Tajik enclave of Vorukh": a people's word, no place; but "in New Zealand",
    a country's name that is also its adjective, is the country."""
    text = _run_text(run)
    return gazetteer.key(text) in _demonyms() and not gazetteer.country_named(text)


def _phrase_tokens(root: Token) -> list[Token]:
    """The tokens of a prepositional object, without clauses hung on it."""
    skip: set[int] = set()
    for t in root.subtree:
        if t.i != root.i and t.dep_ in ("relcl", "acl", "advcl", "ccomp", "appos") and \
                not t.is_title:
            skip |= {x.i for x in t.subtree}
    return [t for t in root.subtree if t.i not in skip] + _stray_name(root)


def _stray_name(root: Token) -> list[Token]:
    """The name after a settlement noun that the parse hung beside it rather than under it
    ("visited Georgia's capital Tbilisi" with "Tbilisi" on the verb): part of the phrase."""
    words = cues()
    if root.lower_ not in words["settlement_nouns"] | words["region_nouns"]:
        return []
    end = root.right_edge.i + 1
    out: list[Token] = []
    doc = root.doc
    while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title and \
            (doc[end].head.i == root.head.i or (out and doc[end].head in out)) and \
            doc[end].dep_ not in ("nsubj", "nsubjpass"):
        out.append(doc[end])
        end += 1
    return out


def _name_runs(tokens: list[Token]) -> list[list[Token]]:
    """Runs of capitalised words ("Hajigabul Industrial Park", "Nur - Sultan", "St. Petersburg")."""
    runs: list[list[Token]] = []
    cur: list[Token] = []
    for t in tokens:
        name_like = (t.is_title or (t.is_upper and len(t) > 1)) and t.is_alpha or \
            (t.text[:1].isupper() and any(ch.isalpha() for ch in t.text) and t.pos_ == "PROPN")
        joiner = (t.text in ("-", "–") or t.lower_ in cues()["name_particles"] or (
            t.lower_ == "of" and cur and cur[-1].lower_ in cues()["feature_words"])) and cur and \
            t.i + 1 < len(t.doc) and t.nbor(1).text[:1].isupper()
        # "Rio de Janeiro", "the Isle of Man", "the Sea of Azov"
        if cur and (t.i != cur[-1].i + 1):
            runs.append(cur)
            cur = []
        if name_like or joiner or (cur and t.text == "." and cur[-1].lower_ == "st"):
            if t.is_sent_start and t.lower_ in ("the", "in", "at"):
                continue
            cur.append(t)
        elif cur:
            runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    return [r for r in (_trim(r) for r in runs) if r]


def _trim(run: list[Token]) -> list[Token]:
    while run and (run[0].lower_ in ("the", "a") or run[0].text in ("-", "–")):
        run = run[1:]
    while run and run[-1].text in ("-", "–"):
        run = run[:-1]
    return run


def _run_text(run: list[Token]) -> str:
    doc = run[0].doc
    return doc[run[0].i: run[-1].i + 1].text


def _after(run: list[Token]) -> Token | None:
    last = run[-1]
    return last.nbor(1) if last.i + 1 < len(last.doc) else None


def _kind_of(typed: str) -> str:
    words = cues()
    if typed in words["settlement_nouns"]:
        return "city"
    if typed in words["region_nouns"]:
        return "region"
    return "venue"


def _is_actor(ctx: Context, phrase: PlacePhrase) -> bool:
    """A capital the event rules made an actor ("called on Washington to act"): asked when
    the place is used, after the rules have looked at the sentence."""
    tok = phrase.place_token
    return any(m.role == "name" and m.entity is not None and m.entity.kind == "location"
               and m.country is not None and m.start <= tok.idx < m.end for m in ctx.mentions)


def _hosts(phrase: PlacePhrase) -> bool:
    """A place that hosts an occasion ("Tashkent hosted the meeting"): a place, even where
    the entity rules read a capital as its government."""
    return phrase.link.dep_ == "nsubj" and lemma(phrase.link.head) in cues()["host_verbs"]


def _in_organization(ctx: Context, phrase: PlacePhrase) -> bool:
    """A name inside an organisation's name ("the Export-Import Bank of Japan", "the
    National Bank of Kazakhstan"): part of what the organisation is called, no place (a
    name it starts with may say where it is: "the Termez International Trade Center")."""
    tok = phrase.place_token
    return any(m.entity is not None and m.entity.kind == EntityKind.ORGANIZATION
               and m.start < tok.idx < m.end for m in ctx.mentions)


def _context_countries(ctx: Context, sent: Span) -> list[str]:
    """The countries that choose among namesakes: the sentence's, then the article's."""
    out: list[str] = []
    for m in ctx.mentions_in(sent.start_char, sent.end_char):
        for c in m.codes:
            if c not in out:
                out.append(c)
    for c in (*ctx.pair, *(c for c, _ in ctx.country_salience().most_common(6))):
        if c not in out:
            out.append(c)
    return out


def _lookup(text: str, run: list[Token], typed: str | None, wanted: list[str]) -> Place | None:
    """The place ``text`` names: a country, a listed region or venue, a city; a region
    named after its centre ("Navoi region"), a venue or event named after its city
    ("the Baku Energy Forum", "Termez International Trade Center")."""
    code = gazetteer.country_named(text)
    if code:
        return gazetteer.country_place(code)
    words = cues()
    if _abbreviation(text) or gazetteer.key(text) in words["not_places"]:
        return None
    if typed in words["region_nouns"]:
        place = _choose(f"{text} {typed}", wanted) or _choose(text, wanted, regions=True)
        if place is not None:
            return place
    place = _choose(text, wanted)
    if place is not None:
        return place
    # a name with a place inside: "Tashkent International Investment Forum"
    if len(run) >= 2:
        inside = _named_in(run, wanted)
        if inside is not None:
            return inside
    # a part of a country: "in Northwestern Pakistan", "Southern Kazakhstan"
    if len(run) >= 2 and run[0].lower_ in words["direction_words"]:
        code = gazetteer.country_named(_run_text(run[1:]))
        if code:
            return gazetteer.country_place(code)
    return None


def place_named(name: str, wanted: list[str]) -> Place | None:
    """The place a name alone most likely is in a story about ``wanted`` countries (the
    gazetteer's spelling and case do not matter: "TASHKENT"); letters of an abbreviation
    are none."""
    if _abbreviation(name):
        return None
    return _choose(name, wanted)


def locate_entities(article: Article) -> None:
    """A place in the article's entity list with no country yet (spaCy's, a dateline's in
    capitals: "TASHKENT") gets the one the gazetteer gives its name in a story about the
    article's countries. Run on the finished record (``Pipeline``, after ``resolve``): it
    says where a place is, and changes neither the parties of events nor what the
    reported-event filter reads."""
    wanted = [*(article.extra.get("pair") or []),
              *sorted({e.country for e in article.entities if e.kind == "country" and e.country})]
    for ent in article.entities:
        if ent.kind == "location" and ent.country is None:
            place = place_named(ent.name, wanted)
            if place is not None and place.kind != "country":
                ent.country = place.country


def _abbreviation(text: str) -> bool:
    """"UN", "EU", "G.C.C.": letters of an abbreviation, never a town (Un, India)."""
    letters = text.replace(".", "").replace(" ", "")
    return letters.isupper() and len(letters) <= 3


def _choose(name: str, wanted: list[str], regions: bool = False) -> Place | None:
    """The place ``name`` most likely names in a story about ``wanted`` countries."""
    matches = gazetteer.candidates(name)
    if not matches:
        return None
    for m in matches:  # "Washington" in a story about Britain and the US: the capital
        if m.exact and m.place.country in wanted and m.place.kind == "city" and \
                gazetteer.key(m.place.name) in _capitals().get(m.place.country, ()):
            return _as_region(m.place) if regions else m.place
    # "Samarkand" is Samarkand, not a Kazakh town once so called: a place of the story's
    # countries by its own name, else by another name unless a more populous city is
    # called so ("St Petersburg" in a story about Russia: Saint Petersburg, not Florida's)
    known = max((m for m in matches if m.exact and m.place.population >= WELL_KNOWN // 10),
                key=lambda m: m.place.population, default=None)
    for exact in (True, False):
        for code in wanted:
            for m in matches:
                if m.place.country == code and m.exact == exact and (exact or known is None or
                                                                     m.place.population >=
                                                                     known.place.population):
                    place = _famous_namesake(m, matches) or m.place
                    return _as_region(place) if regions else place
    best = matches[0]
    if best.place.population == 0 or (best.exact and best.place.population >= WELL_KNOWN // 10) \
            or best.place.population >= WELL_KNOWN:
        return _as_region(best.place) if regions else best.place
    return None


def _famous_namesake(chosen, matches) -> Place | None:
    """A namesake abroad far better known than the town of the story's countries that
    ``chosen`` names: "talks in Geneva" in a story about the US and the Soviet Union are in
    Geneva, Switzerland (60 names in GeoNames, 202,000 people), not Geneva, Illinois (11
    names, 22,000 people); "the Venice summit" in Venice, Italy, not California."""
    mine = chosen.place
    if mine.population == 0:  # hand-listed: the gazetteer's own word for the region
        return None
    for m in matches:
        other = m.place
        if other.country == mine.country or other.kind != "city" or (chosen.exact and not m.exact):
            continue
        if (other.names >= FAMOUS_NAMES and other.names >= FAMOUS_RATIO * max(mine.names, 1)
                and other.population >= mine.population and mine.population < WELL_KNOWN // 10) or \
                (other.population >= WELL_KNOWN // 10 and
                 other.population >= FAMOUS_POPULATION_RATIO * max(mine.population, 1)):
            return other
    return None


def _named_in(run, wanted: list[str]) -> Place | None:
    """The town an occasion or a venue is named after ("Tashkent International Investment
    Forum", "the G-7 Washington talks", "Termez International Trade Center"): the longest
    name before the last word that is a city, drawn as the venue or the occasion's city."""
    words = cues()
    last = run[-1].lower_
    if last not in words["event_nouns"] and last not in words["venue_nouns"]:
        return None
    for j in range(len(run) - 1):
        for k in range(len(run) - 1, j, -1):
            inner = _run_text(run[j:k])
            if _abbreviation(inner) or not run[j].text[:1].isupper() or \
                    gazetteer.country_named(inner) or gazetteer.key(inner) in words["not_places"]:
                continue  # "the Kazakhstan-Uzbekistan Business Forum": a topic, no town
            sub = _choose(inner, wanted)
            if sub is not None and sub.kind == "city" and (
                    sub.country in wanted or sub.population >= WELL_KNOWN):
                # a namesake abroad only when it is itself well known: "the Munich Security
                # Conference", not George, South Africa, in "St George Hall"
                kind = "venue" if last in words["venue_nouns"] else "city"
                return Place(sub.name, sub.country, kind, sub.geonames_id, sub.lat,
                             sub.lon, sub.population)
    return None


@cache
def _capitals() -> dict[str, frozenset[str]]:
    return {code: frozenset(gazetteer.key(n) for n in c.capitals)
            for code, c in lexicon.countries().items()}


def _as_region(place: Place) -> Place:
    if place.kind != "city":
        return place
    return Place(place.name, place.country, "region", place.geonames_id, place.lat, place.lon,
                 place.population)


def _enclosed(resolved: list[tuple[int, Place, str, int]]) -> list[tuple[int, Place, str, int]]:
    """A typed place the gazetteer lacks takes its country and point from the known place
    around it ("the village of Konstantinovka in the province of Chui")."""
    out = []
    for i, place, surface, tok in resolved:
        if place.lat is None:
            around = next((p for j, p, _s, _t in resolved if j != i and p.lat is not None), None)
            if around is not None:
                place = Place(place.name, place.country or around.country, place.kind, None,
                              around.lat, around.lon)
        out.append((i, place, surface, tok))
    return out


def _most_specific(resolved: list[tuple[int, Place, str, int]],
                   runs: list[list[Token]]) -> tuple[int, Place, str, int]:
    """The first place the phrase names, but the owner city of "Moscow's Mitino district"
    and the thing owned in "Azerbaijan's Hajigabul Industrial Park"."""
    non_country = [r for r in resolved if r[1].kind != "country"]
    pool = non_country or resolved
    first = pool[0]
    owner = runs[first[0]]
    nxt = _after(owner)
    if nxt is not None and nxt.text in ("'s", "’s", "'", "’"):
        later = [r for r in pool[1:] if r[0] > first[0]]
        if later and not (first[1].kind == "city" and later[0][1].geonames_id is None
                          and later[0][1].kind == "region"):
            return later[0]
    return first


# --- tying a place to an event


def _nearest(ctx: Context, sent: Span, trigger: Token, type_: str) -> PlacePhrase | None:
    best: tuple[int, int] | None = None
    chosen = None
    phrases = [p for p in sentence_places(ctx, sent)
               if (_hosts(p) or not _is_actor(ctx, p)) and not _in_organization(ctx, p)]
    for phrase in phrases:
        if phrase.link.lower_ in cues()["route_preps"] and type_ not in MATERIAL:
            continue  # "a railway link through Afghanistan": a route, not where
        if type_ in VERBAL and phrase.head != trigger and \
                trigger in phrase.head.ancestors and not _aside(phrase) and \
                not _spoken(trigger, phrase) and not _subject_occasion(trigger, phrase):
            continue  # "refused to attend the meeting in Granada": the place of what is
            # refused, asked for or criticised, not of the refusal
        if type_ in VERBAL and phrase.head == trigger and _journey_end(phrase):
            continue  # "will not fly to Granada", "threatened to withdraw from Kazakhstan":
            # where a journey refused, asked for or threatened would go is not where the
            # refusal, the request or the threat was made
        if type_ in APPROVALS and _under_action(trigger, phrase) and \
                not _spoken(trigger, phrase):
            continue  # "won approval to do business in Japan", "thanked him for not
            # recognising the republics on Ukraine's territory": where the thing approved
            # or thanked for is done, not where the approval was given
        if type_ == "AGREE" and phrase.place.kind == "country" and not _presence(phrase) \
                and phrase.link.lower_ not in cues()["destination_preps"]:
            continue  # "intend to trade more in Kazakhstan": a plan's country is its topic;
            # a planned visit's ("will travel to Algeria") is where
        arcs = _arcs(trigger, phrase, type_)
        if arcs is None or arcs > MAX_ARCS:
            continue
        rank = (arcs, abs(phrase.start - trigger.i))
        if best is None or rank < best:
            best, chosen = rank, phrase
    if chosen is not None and chosen.place.kind == "country":
        # "at the Baku Energy Forum in Azerbaijan": the country phrase is part of a phrase
        # that names a place inside it, the more specific answer
        chosen = next((p for p in phrases if p is not chosen
                       and p.place.kind != "country" and p.place.country == chosen.place.country
                       and chosen.link in p.link.subtree), chosen)
    if chosen is None and type_ in GATHERINGS:
        # "a meeting between the prime ministers, Smailov and Asadov, in Baku": the parse
        # hangs the place on a name, but a sentence about a meeting that names one city
        # and no other place says where the meeting was, unless the place plainly says
        # where something else is (on unannotated Reuters and presidential articles this
        # fallback was right about as often as wrong: 18 of 34)
        towns = {(p.place.name, p.place.country) for p in phrases}
        if len(towns) == 1 and phrases[0].place.kind != "country" and \
                not any(_elsewhere(trigger, p) for p in phrases):
            chosen = phrases[0]
    return chosen


def _arcs(trigger: Token, phrase: PlacePhrase, type_: str) -> int | None:
    """Arcs from the trigger to the word the phrase hangs on, through words that let a
    place through; None when a noun that is not an event stands between."""
    words = cues()
    up = [trigger, *trigger.ancestors]
    path = [phrase.head, *phrase.head.ancestors]
    common = next((t for t in path if t in up), None)
    if common is None:
        return None
    going_to = lemma(phrase.head) in words["destination_heads"] | words["visit_verbs"]
    said_there = type_ in VERBAL and phrase.head == common and \
        lemma(common) in words["saying_verbs"]
    if any(t.dep_ in CLAUSE_BOUNDARY and not (going_to and _purpose(t))
           and not (said_there and t.dep_ == "ccomp" and t.head == common)
           for t in up[:up.index(common)]):
        # "told a summit in Moscow that troops invaded": not the invasion's place; but
        # "arrived in Baku to hold talks": the purpose of a journey is carried out there,
        # and "told reporters in Astana that it would not recognise the vote": a refusal,
        # threat, demand or accusation is made where its words are said
        return None
    below = path[:path.index(common)]  # from the phrase up to the common word
    nouns = [t for t in below if t.pos_ in ("NOUN", "PROPN") and t not in up]
    if _in_own_clause(trigger, phrase):
        # "noted the fact that the minister is visiting Kyiv", "said Murison will begin
        # talks as soon as they return to London": a clause with a subject of its own
        # reports its own event, and the place in it is that event's
        return None
    if any(t.lower_ in words["before_preps"] for t in below):
        # "will announce it just before the summit in Venice", "ahead of the talks in
        # Astana": an occasion still to come is elsewhere or later, not where it happens
        return None
    # "will visit the expo held in Tashkent", "welcomed a delegation to Astana"
    going = lemma(trigger) in words["visit_verbs"] or phrase.link.lower_ in \
        words["destination_preps"]
    if not going and any(t.dep_ in OBJECT_DEPS and not (
            t.head in up and lemma(t.head) in words["support_verbs"] | words["attend_verbs"])
            for t in nouns if lemma(t) in words["event_nouns"]):
        # "discussed the events in Kazakhstan", "commended the meeting in Kyiv": the
        # meeting is what the event is about, not where it happens; but "held talks in the
        # Kremlin", "will join the talks in Washington": the talks are the event itself or
        # where it takes place (not "agreed to organize fairs in Baku")
        return None
    # "talks with Lukashenko, who will be in Russia on a working visit", "Yeutter, in New
    # Zealand for talks, told Reuters": where a party is
    present = phrase.head.head if _presence(phrase) else \
        phrase.head if _aside(phrase) else None
    if any(t.dep_ == "nsubj" and lemma(t) not in words["event_nouns"] and t != present
           for t in nouns):
        # "the CSTO Secretariat in Moscow had not received notice of Armenia's suspension",
        # "the Tashkent office of the bank said": where the subject is, not the event
        return None
    things = [t for t in nouns if lemma(t) not in words["event_nouns"]
              and lemma(t) not in words["frame_nouns"]
              and not (going and lemma(t) in words["destination_heads"]) and t != present
              and not (lemma(t) in words["document_nouns"] and t.dep_ in OBJECT_DEPS
                       and t.head in up)]
    # ("signed the memorandum at the Tashkent summit", "the agreement signed in Baku": a
    # document the event signs or adopts is where it is signed, not a thing with a place)
    if things:
        # "factories in Jizzakh region": where a thing is, which is the event's place only
        # for material events and plans to build, and never a whole country ("projects in
        # Turkmenistan" is a topic)
        if any(lemma(t) in words["not_where"] for t in things) or \
                phrase.place.kind == "country" or (type_ not in MATERIAL and not (
                    type_ == "AGREE" and _plan_to_build(trigger))):
            return None
    arcs = up.index(common) + len(below) + (0 if phrase.link == phrase.head else 1)
    if up.index(common) <= 1 and nouns and all(
            lemma(t) in words["event_nouns"] | words["frame_nouns"] for t in nouns):
        # "signed following the talks held as part of the state visit to Bishkek": a chain
        # of occasions, however long, leads to the occasion's place
        arcs = min(arcs, MAX_ARCS)
    return arcs


def _in_own_clause(trigger: Token, phrase: PlacePhrase) -> bool:
    """Whether the phrase is in a clause of its own below the trigger (``_own_clause``)."""
    up = [trigger, *trigger.ancestors]
    for t in (phrase.head, *phrase.head.ancestors):
        if t in up:
            return False
        if _own_clause(t, trigger):
            return True
    return False


def _own_clause(verb: Token, trigger: Token) -> bool:
    """A clause below the trigger with a subject of its own ("noted the fact that the
    minister is visiting Kyiv", "the firm, which the bank owns in Tokyo"): it reports an
    event of its own, and a place in it is that event's. Not the trigger's own complement
    ("said the US would offer a treaty at talks in Geneva": what was said is the event),
    nor a clause whose subject is the word it hangs on ("Lukashenko, who will be in
    Russia") or an occasion ("said talks were held in Baku")."""
    if verb.dep_ not in CLAUSE_BOUNDARY | {"acl"} or verb.pos_ not in ("VERB", "AUX"):
        return False
    if verb.head == trigger and verb.dep_ in ("ccomp", "xcomp"):
        return False
    words = cues()
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.tag_ not in ("WP", "WDT")
               and c.lower_ != "that" and lemma(c) not in words["event_nouns"]
               for c in verb.children)


def _elsewhere(trigger: Token, phrase: PlacePhrase) -> bool:
    """Whether a place the parse does not tie to the trigger plainly says where something
    else is: the first word above it that is a topic or a verb is not the trigger ("exchanged
    views on the security situation in the Black Sea region", "who leaves for Moscow on
    Tuesday, met Mubarak", "said the two sides will meet again in New York"); but where a
    party is ("Knox, who is currently in Buenos Aires") is where it meets."""
    words = cues()
    for t in (phrase.head, *phrase.head.ancestors):
        if t == trigger:
            return False
        if t.pos_ in ("NOUN", "PROPN") and lemma(t) in words["topic_nouns"]:
            return True
        if t.pos_ in ("VERB", "AUX"):
            if lemma(t) in words["presence_verbs"]:
                return False
            return lemma(t) in words["departure_verbs"] | words["meeting_verbs"]
    return False


def _journey_end(phrase: PlacePhrase) -> bool:
    """A place a verb of going goes to or leaves ("fly to Granada", "visit Baku", "withdraw
    from Kazakhstan"), not one where it happens ("met in Baku")."""
    words = cues()
    head = lemma(phrase.head)
    if phrase.link.lower_ in words["destination_preps"]:
        return head in words["destination_heads"]
    if phrase.link.lower_ in words["away_preps"]:
        return head in words["away_heads"]
    return phrase.link.dep_ in ("dobj", "nsubjpass") and head in words["visit_verbs"] and \
        head not in words["host_verbs"]


def _presence(phrase: PlacePhrase) -> bool:
    """A relative clause that says where a party is ("Lukashenko, who will be in Russia")."""
    return phrase.head.dep_ == "relcl" and lemma(phrase.head) in cues()["presence_verbs"]


def _aside(phrase: PlacePhrase) -> bool:
    """A place set off by commas after a person ("Yeutter, in New Zealand for talks, told
    Reuters"): where that person is."""
    link, head = phrase.link, phrase.head
    return link != head and link.dep_ == "prep" and head.pos_ == "PROPN" and \
        head.dep_ == "nsubj" and link.i == head.i + 2 and link.nbor(-1).text == ","


def _subject_occasion(trigger: Token, phrase: PlacePhrase) -> bool:
    """An occasion that is the subject of the event ("EC ministers meeting in Brussels
    agreed to impose tariffs", "the summit in Astana demanded …"): the event's place."""
    head = phrase.head
    return head.dep_ in ("nsubj", "nsubjpass") and head.head == trigger and \
        lemma(head) in cues()["event_nouns"]


def _spoken(trigger: Token, phrase: PlacePhrase) -> bool:
    """A place of speaking hung on the trigger ("Speaking at a press conference in Baku,
    Aliyev accused …", "Tamura, speaking in Tokyo, accused …"): where the words were said,
    which is where an event of words happened."""
    if trigger not in phrase.head.ancestors and phrase.head != trigger:
        return False
    speech = cues()["speech_verbs"]
    for t in (phrase.head, *phrase.head.ancestors):
        if t == trigger:
            return False
        if t.pos_ == "VERB" and lemma(t) in speech and t.dep_ in ("advcl", "acl") and \
                t.head == trigger:
            return True
    return False


def _purpose(clause: Token) -> bool:
    """A to-infinitive clause of purpose ("to hold talks", "to discuss trade")."""
    return clause.dep_ in ("advcl", "acl", "xcomp") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def _under_action(trigger: Token, phrase: PlacePhrase) -> bool:
    """Whether the phrase hangs, below the trigger, on a verb of a deed of its own (not
    through an occasion: "signed a protocol on expanding trade at a meeting in Tashkent",
    "talks held in Baku")."""
    if trigger not in phrase.head.ancestors:
        return False
    words = cues()
    # an occasion named after its town ("for coming to the St Petersburg Forum") is itself
    # the place: what it hangs on says whether a deed goes there
    start = phrase.head.head if phrase.link == phrase.head else phrase.head
    for t in (start, *start.ancestors):
        if t == trigger or lemma(t) in words["event_nouns"]:
            return False
        if t.pos_ == "VERB" and not (t.dep_ in ("acl", "relcl")
                                     and lemma(t.head) in words["event_nouns"]):
            return True
    return False


def _plan_to_build(trigger: Token) -> bool:
    """"will build a plant", "plans to construct": what is planned stands somewhere."""
    building = cues()["building_verbs"]
    return any(lemma(t) in building for t in (trigger, *trigger.subtree, *trigger.ancestors))
