"""Events: PLOVER event mentions with actors, recipients, modality and evidence.

Triggers come from the rule engine (``bilat.extract.rules``, rules as data in
``lexicon/data/events/``); this module finds each trigger's parties in the parse, codes
PLOVER's conventions (a planned meeting is AGREE, an announced sanction a THREAT) and
builds one event mention per trigger; ``bilat.resolve`` merges the mentions of one
real-world event.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Span, Token

from bilat import lexicon
from bilat.extract import classify, places
from bilat.extract.context import Context, Mention, codes_of
from bilat.extract.modality import asked_of, modality, refused, today
from bilat.extract.rules import Trigger, coded, engine
from bilat.extract.syntax import governor, lemma
from bilat.lexicon import word_set
from bilat.record import Event, Evidence
from bilat.vocab import EventType, Modality

# Confidence of one event mention; bilat.resolve raises it for each further mention.
# Calibrated on the development set (tests/data/dev) so that events at 0.8 or more are
# right at least 80% of the time: a single mention whose parties come from the trigger's
# own clause was right 58% of the time, from the whole sentence 31%, and an event reported
# in two or more sentences 78-90%.
CONF_CLAUSE = 0.7
CONF_SENTENCE = 0.45
CONF_PAIR = 0.65
# Types whose triggers are right less often on the development set (under 45%): the
# "weak" column of lexicon/data/events/type_roles.tsv.
CONF_WEAK_PENALTY = 0.1
# A party filled in from the article rather than read in the sentence (dev set: such
# events are right about half as often as those with both parties named).
CONF_COMPLETED_PENALTY = 0.15
# No event is recorded with less confidence than this (penalties add up).
CONF_FLOOR = 0.05
# When the parse gives no participant, the sentence's actors are used only if they are this
# few: more than two countries in a sentence are rarely all parties of one event (dev set).
SENTENCE_FALLBACK_MAX = 2


def _attributive(tok: Token) -> bool:
    return lemma(tok) in word_set("attribution")


def _roles(name: str) -> frozenset[str]:
    return lexicon.type_roles()[name]


class Discourse:
    """The last actors named as subjects, so that "He said", "It made the statement" resolve."""

    def __init__(self) -> None:
        self.person: list[str] = []
        self.other: list[str] = []

    def update(self, ctx: Context, sent: Span) -> None:
        root = sent.root
        # the main clause's subjects, and who speaks in a reporting clause ("trade will
        # grow, as the Georgian minister has said": "he" in the next sentence is the
        # minister); not who speaks in what is reported ("Russia said that Turkey had warned
        # Armenia": "it" is still Russia)
        subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
        subjects += [c for t in sent if t.i != root.i and lemma(t) in word_set("speech_verbs")
                     and t.dep_ in ("parataxis", "advcl", "conj")
                     for c in t.children if c.dep_ == "nsubj"]
        for child in subjects:
            end = child.right_edge.idx + len(child.right_edge)
            ms = [m for m in ctx.mentions_in(child.left_edge.idx, end)
                  if m.codes and m.role != "capital" and _may_be_party(ctx, m)]
            if not ms:
                continue
            codes = [c for m in ms for c in m.codes]
            if any(m.entity is not None and m.entity.kind == "person" for m in ms):
                self.person = codes
            else:
                self.other = codes

    def resolve(self, tok: Token, home: str | None) -> list[str]:
        low = tok.lower_
        if low in word_set("personal_pronouns"):
            return self.person or ([home] if home else [])
        if low in word_set("impersonal_pronouns"):
            return self.other
        return []


def participants(ctx: Context, trig: Trigger, sent: Span,
                 discourse: Discourse | None = None) -> tuple[list[Mention], list[Mention], float]:
    """Actors and recipients of a trigger: its clause's subject, then the rest of its clause."""
    gov = governor(trig.token)
    if _attributive(gov) and trig.token.i != gov.i:
        gov = trig.token
    subj_tokens: set[int] = set()
    clause_tokens: set[int] = set()
    excluded: set[int] = set()
    for child in gov.children:
        if child.dep_ in ("nsubj", "nsubjpass", "agent", "csubj"):
            subj_tokens |= {t.i for t in child.subtree}
            if child.lower_ in ("who", "which", "that") and gov.dep_ == "relcl":
                # "Erdogan, who had a meeting with …": the relative pronoun is its head noun
                head = gov.head
                subj_tokens |= {t.i for t in head.subtree} - {t.i for t in gov.subtree}
        if child.dep_ == "dobj" and gov.i == trig.token.i and lemma(gov) in word_set("talk_verbs"):
            excluded |= {t.i for t in child.subtree}  # what was discussed, not who
        if child.dep_ in ("prep", "advcl") and (child.lower_ == "according" or _attributive(child)):
            excluded |= {t.i for t in child.subtree}
        if child.dep_ == "parataxis":
            excluded |= {t.i for t in child.subtree}  # "You know, Kyiv was attacked"
    trig_path = {trig.token.i, *(a.i for a in trig.token.ancestors)}
    for t in gov.subtree:
        if t.dep_ in ("relcl", "acl") and t.i not in trig_path and t.i != gov.i:
            excluded |= {x.i for x in t.subtree}  # "Erdogan, who met Putin": its own event
        elif t.dep_ in ("advcl", "conj") and t.pos_ in ("VERB", "AUX") and \
                t.i not in trig_path and t.i != gov.i and any(
                c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
            # "met the Kazakh minister after Russian jets struck Syrian towns", "urges Kyrgyz
            # officials to investigate as Tashkent promises help", "Qatar has invested in 30
            # projects with us, Oman in 12": a clause with a subject of its own is an event
            # of its own
            excluded |= {x.i for x in t.subtree}
        elif t.dep_ == "prep" and t.lower_ in word_set("route_preps"):
            excluded |= {x.i for x in t.subtree}  # "repatriated via Georgia": the way, no party
        elif t.dep_ in ("prep", "mark") and t.lower_ in word_set("circumstance_preps") and \
                t.i not in trig_path:
            excluded |= {x.i for x in t.subtree}  # "amid tensions with Armenia": no party
        elif t.dep_ == "prep" and t.i not in trig_path and any(
                c.dep_ == "pobj" and lemma(c) in word_set("time_frame_heads")
                for c in t.children):
            # "supported Ukraine from the beginning of the invasion by Russia": when, no party
            excluded |= {x.i for x in t.subtree}
    if trig.type in _roles("cooperative"):
        excluded |= _topic_tokens(sent)
        if lemma(gov) == "be" and trig.token.i in subj_tokens and any(
                lemma(c) in word_set("topic_heads") for c in gov.children
                if c.dep_ in ("nsubj", "nsubjpass")):
            # "the main subjects of the talks were aid to Moldova and sanctions on Belarus":
            # what the meeting was about, not who met
            excluded |= {x.i for x in gov.subtree} - subj_tokens
    clause_tokens = {t.i for t in gov.subtree} - excluded - subj_tokens
    if trig.type in _roles("addressed") and gov.i == trig.token.i:
        # "complained that EU members had not condemned the shelling of Georgian villages":
        # the one the complaint is about is the clause's subject when it names a party; the
        # rest of the clause is what is said of it
        for c in gov.children:
            if c.dep_ != "ccomp":
                continue
            about = {x.i for k in c.children if k.dep_ in ("nsubj", "nsubjpass")
                     for x in k.subtree}
            if any(_party_in(ctx, m, about) for m in ctx.mentions_in(sent.start_char,
                                                                       sent.end_char)):
                clause_tokens -= {x.i for x in c.subtree} - about
    if trig.type == EventType.REQUEST and lemma(gov) in word_set("request_heads"):
        # "told Turkey to stop backing Azerbaijan's transit plan": the one asked is a party,
        # what is asked of it ("backing Azerbaijan's transit plan") names none
        for c in gov.children:
            if c.dep_ in ("xcomp", "ccomp") and any(a.dep_ == "aux" and a.lower_ == "to"
                                                     for a in c.children):
                asked = {x.i for k in c.children if k.dep_ == "nsubj" for x in k.subtree}
                clause_tokens -= {x.i for x in c.subtree} - asked
    if gov.dep_ in ("xcomp", "ccomp", "conj") and not subj_tokens:
        for child in gov.head.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                subj_tokens |= {t.i for t in child.subtree}
    if gov.dep_ in ("acl", "relcl") and not subj_tokens:
        # "Chinese companies invested in …" parsed as a clause on its noun: the noun acts
        subj_tokens |= {t.i for t in gov.head.subtree} - {t.i for t in gov.subtree}
    if gov.dep_ == "pcomp" and not subj_tokens:
        for child in gov.head.head.children:  # "the EC was joined by the U.S. in criticising"
            if child.dep_ in ("nsubj", "nsubjpass", "agent"):
                subj_tokens |= {t.i for t in child.subtree}
    if trig.token.i != gov.i:
        for child in trig.token.children:
            clause_tokens |= {t.i for t in child.subtree}

    def tokens_of(m: Mention) -> set[int]:
        return _tokens_of(ctx, m)

    sent_mentions = [m for m in ctx.mentions_in(sent.start_char, sent.end_char)
                     if _usable(m) and _may_be_party(ctx, m)]
    sent_mentions += _deixis(ctx, sent, sent_mentions)
    if trig.inner and trig.token.head.i != gov.i:
        # "drew Macron's attention to the provocative nature of the exercises conducted by
        # the US": the accused is in the described phrase, when it names one
        described = {t.i for t in trig.token.head.subtree}
        if any(tokens_of(m) & described for m in sent_mentions):
            clause_tokens = described - subj_tokens
    actors, recipients = [], []
    for m in sent_mentions:
        toks = tokens_of(m)
        if toks & subj_tokens:
            actors.append(m)
        elif toks & clause_tokens:
            recipients.append(m)
    between = _between(trig.token, sent_mentions, tokens_of)
    if between:
        actors, recipients = between, []
    if not actors and discourse is not None:
        for i in sorted(subj_tokens):
            tok = ctx.doc[i]
            if tok.pos_ == "PRON" and tok.dep_ in ("nsubj", "nsubjpass"):
                codes = _matrix_subject(ctx, tok, sent_mentions, tokens_of) or \
                    discourse.resolve(tok, source_home(ctx))
                if not codes and tok.lower_ in word_set("first_person") and \
                        source_home(ctx) is None:
                    # "“We welcome Armenia's decision,” he said": who speaks in the quote
                    codes = codes_of(_speaker(ctx, gov, sent_mentions, tokens_of, discourse))
                if codes:
                    actors.append(Mention(tok.idx, tok.idx + len(tok.text), None, None,
                                          "pronoun", tuple(codes)))
                break
    if len({c for m in actors + recipients for c in m.codes}) <= 1 and \
            trig.type not in _roles("deed"):
        actors += _speaker(ctx, gov, sent_mentions, tokens_of)
    conf = CONF_CLAUSE
    if not actors and not recipients:
        others = [m for m in sent_mentions if not tokens_of(m) & excluded]
        if not others or len({c for m in others for c in m.codes}) > SENTENCE_FALLBACK_MAX:
            return [], [], 0.0
        actors, recipients, conf = others[:1], others[1:], CONF_SENTENCE
    named = {c for m in actors + recipients if m.role != "pair" for c in m.codes}
    if len(named) >= 2:
        # "Tajikistan and Kyrgyzstan held bilateral talks": the pair is the one named,
        # not the article's main pair ("officials from both countries" after the two are
        # named are those two). Only "the sides" as the subject before any country named
        # stay the actors: "the sides agreed to expand transit to Turkey and Azerbaijan"
        first_named = min(m.start for m in actors + recipients if m.role != "pair")
        if any(m.role != "pair" for m in actors) or \
                any(m.start > first_named for m in actors if m.role == "pair"):
            actors = [m for m in actors if m.role != "pair"]
        recipients = [m for m in recipients if m.role != "pair"]
    if any(m.role == "pair" for m in actors + recipients):
        conf = min(conf, CONF_PAIR)
    if passive_agentless(gov) and actors and not recipients:
        recipients, actors = actors, []
    return actors, recipients, conf


def _matrix_subject(ctx: Context, pron: Token, mentions: list[Mention],
                    tokens_of) -> list[str]:
    """"Di Maio recalled that he visited Qatar": a personal pronoun subject of a clause
    said or thought by a named person is that person (the countries of the nearest
    governing clause's subject that names one); [] when none does."""
    if pron.lower_ not in word_set("personal_pronouns"):
        return []
    clause = pron.head
    while clause.dep_ in ("ccomp", "xcomp", "advcl", "conj") and clause.head.i != clause.i:
        clause = clause.head
        subj = {t.i for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")
                for t in c.subtree}
        named = [m for m in mentions if tokens_of(m) & subj and m.entity is not None
                 and m.entity.kind == "person" and m.codes]
        if named:
            return codes_of(named)
    return []


def _between(tok: Token, mentions: list[Mention], tokens_of) -> list[Mention]:
    """"a conversation between the Presidents of France and China": these two;
    also of the noun a trigger qualifies ("a rescheduling pact between Chile and …")."""
    heads = [tok, tok.head] if tok.dep_ == "compound" else [tok]
    for c in (c for h in heads for c in h.children):
        if c.dep_ == "prep" and c.lower_ == "between":
            span = {t.i for t in c.subtree}
            ms = [m for m in mentions if tokens_of(m) & span and m.role != "pair"]
            n_codes = len({code for m in ms for code in m.codes})
            if n_codes >= 2:
                return ms
            if n_codes == 1 and any(t.dep_ == "cc" for t in c.subtree):
                return ms  # "a pact between Chile and its bank advisory panel": Chile alone

    return []


def _topic_tokens(sent: Span) -> set[int]:
    """Tokens that name what a meeting was about, not who met: "talks on Afghanistan"."""
    out: set[int] = set()
    for tok in sent:
        if tok.dep_ == "prep" and tok.lower_ in word_set("topic_preps"):
            out |= {t.i for t in tok.subtree}
        elif tok.lower_ in word_set("topic_nouns") and tok.pos_ == "NOUN":
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in ("in", "around", "of", "on"):
                    out |= {t.i for t in c.subtree}
    return out


def source_home(ctx: Context) -> str | None:
    """The publisher's country when the publisher is a party (a president's own releases)."""
    return ctx.home if lexicon.publisher(ctx.article.source)[1] else None


def _deixis(ctx: Context, sent: Span, taken: list[Mention]) -> list[Mention]:
    """"we", "our state", "the President" speak for the publisher; "you" for its partner."""
    home = source_home(ctx)
    if home is None:
        return []
    partner = next((c for c in ctx.pair if c != home), None)
    spans = [(m.start, m.end) for m in taken]
    out = []
    for tok in sent:
        if any(a <= tok.idx < b for a, b in spans):
            continue
        low = tok.lower_
        code = None
        if tok.dep_ == "poss" and lemma(tok.head) in word_set("place_nouns"):
            continue  # "from your territory", "in our region": where, not who
        if tok.pos_ == "PRON" and low in word_set("first_person"):
            code = home
        elif tok.pos_ == "PRON" and low in word_set("second_person") and partner:
            code = partner
        elif low in ("president", "head") and tok.i > 0 and tok.nbor(-1).lower_ == "the" and \
                not any(c.dep_ == "prep" for c in tok.children) and \
                not (tok.i + 1 < len(tok.doc) and tok.nbor(1).ent_type_ == "PERSON"):
            code = home
        if code:
            out.append(Mention(tok.idx, tok.idx + len(tok.text), None, code, "deixis"))
    return out


def _speaker(ctx: Context, gov: Token, sent_mentions: list[Mention], tokens_of,
             discourse: Discourse | None = None) -> list[Mention]:
    """Who said it: "De Croo said the Community would retaliate" speaks for Belgium; with
    ``discourse``, "he said" speaks for the last person named."""
    for anc in gov.ancestors:
        if lemma(anc) in word_set("speech_verbs"):
            subjects = [c for c in anc.children if c.dep_ in ("nsubj", "nsubjpass")]
            subj = {t.i for c in subjects for t in c.subtree}
            out = [m for m in sent_mentions if tokens_of(m) & subj and m.codes
                   and (m.entity is None or m.entity.sector != "MED")]
            if not out and discourse is not None:
                for c in subjects:
                    codes = discourse.resolve(c, None) if c.pos_ == "PRON" else []
                    if codes:
                        out.append(Mention(c.idx, c.idx + len(c.text), None, None, "pronoun",
                                           tuple(codes)))
            return out
    return []


def passive_agentless(gov: Token) -> bool:
    return any(c.dep_ == "nsubjpass" for c in gov.children) and not any(
        c.dep_ == "agent" for c in gov.children)


# "the Uruguay round" of trade talks is named after a place, it is not a party.
ROUND_AFTER = re.compile(r"\s+round\b", re.I)


def _tokens_of(ctx: Context, m: Mention) -> set[int]:
    """The indices of the tokens a mention covers."""
    span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
    return {t.i for t in span} if span is not None else set()


def _party_in(ctx: Context, m: Mention, tokens: set[int]) -> bool:
    """Whether ``m`` is a usable party named within the token indices ``tokens``."""
    return bool(_tokens_of(ctx, m) & tokens) and _usable(m) and _may_be_party(ctx, m)


def _may_be_party(ctx: Context, m: Mention) -> bool:
    """Whether a mention can name a party at all: not the name of a round of talks, a
    dateline, a state that was, a modifier ("Chinese-led") or a currency ("Swiss francs")."""
    return not ROUND_AFTER.match(ctx.text, m.end) and not ctx.in_dateline(m) and \
        not ctx.names_what_was(m) and not _modifier(ctx, m) and not _currency(ctx, m)


def _modifier(ctx: Context, m: Mention) -> bool:
    """"the Chinese-led bank", "a Turkish-brokered truce": a country hyphened to a
    word of ``modifier_heads`` qualifies a noun; it is no party."""
    after = MODIFIER_AFTER.match(ctx.text, m.end)
    return after is not None and after.group(1).lower() in word_set("modifier_heads")


def _currency(ctx: Context, m: Mention) -> bool:
    """"1.5120 Swiss francs", "8 mln Canadian dlrs": a country's word in the name of a
    currency (``figures/units.tsv``) is money, no party."""
    after = WORD_AFTER.match(ctx.text, m.end)
    return after is not None and \
        f"{ctx.text[m.start:m.end]} {after.group(1)}".lower() in _currency_names()


# The next word after a mention.
WORD_AFTER = re.compile(r"\s+([A-Za-z]+)")


@cache
def _currency_names() -> frozenset[str]:
    """Currencies named with a country's word: "swiss francs", "u.s. dlrs"."""
    return frozenset(row[0] for row in lexicon.figure_rows("units")
                     if " " in row[0] and re.fullmatch(r"[A-Z]{3}(\|[A-Z]{3})*", row[1]))


# A hyphen and the word after a mention, with no space between: "Chinese-led"; a spaced
# dash is punctuation ("… with Turkey – based on the agreement …").
MODIFIER_AFTER = re.compile(r"[-‐‑–]([A-Za-z]+)")


def _usable(m: Mention) -> bool:
    if m.entity is not None and m.entity.sector == "MED":
        return False
    if m.role == "capital":
        return False  # a capital is a place unless it is the subject (handled below)
    return bool(m.codes) or (m.entity is not None and m.entity.kind in ("person", "organization"))


def _entity_ids(ctx: Context, ms: list[Mention]) -> list[str]:
    out: list[str] = []
    for m in ms:
        ids = []
        if m.entity is not None:
            ids = [m.entity.id]
        else:
            ids = [ctx.country_ids[c] for c in m.codes if c in ctx.country_ids]
        for i in ids:
            if i not in out:
                out.append(i)
    return out


@cache
def _context_res() -> dict[str, re.Pattern[str]]:
    return {name: re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues) + ")", re.I)
            for name, cues in lexicon.event_contexts().items()}


def contexts(text: str, sectors_ctx: set[str]) -> list[str]:
    res = _context_res()
    out = [name for name, rx in res.items() if rx.search(text)]
    for c in sectors_ctx:
        if c and c not in out and c in res:
            out.append(c)
    return out


def capital_subjects(ctx: Context, sent: Span, triggers: list[Trigger]) -> None:
    """A capital as the subject of a verb speaks for its government ("Tokyo said"), as does
    one that is called on, urged or accused ("called on Washington to modify")."""
    addressed = {t.token.i: t.type for t in triggers}
    for m in ctx.mentions_in(sent.start_char, sent.end_char):
        if m.role != "capital":
            continue
        span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        while root.dep_ == "conj" and root.head.i != root.i:
            root = root.head  # "Tokyo and Washington agreed": each conjunct as the first
        if root.dep_ == "pobj" and root.head.dep_ == "agent":
            m.role = "name"  # "the scheme endorsed by Ankara": the passive's doer
        elif root.dep_ in ("nsubj", "nsubjpass"):
            if any(c.dep_ == "nsubj" and c.i != root.i for c in root.head.children):
                continue  # "Warsaw, Bratislava, Istanbul - we proposed …": places listed
            m.role = "name"
        elif root.dep_ == "dobj" and addressed.get(root.head.i) in _roles("addressed"):
            m.role = "name"
        elif root.dep_ == "pobj" and root.head.lower_ in ("on", "upon") and \
                root.head.head.lemma_.lower() == "call":
            m.role = "name"


def find(ctx: Context, sector_finder) -> list[Event]:
    """Every event mention in the article, one per trigger, before resolution; with the
    classifier's second opinion on each sentence when the package ships a model."""
    events: list[Event] = []
    types = lexicon.event_types()
    discourse = Discourse()
    previous: list[Span] = []  # the sentences before, for "in these areas"
    by_sentence = engine(ctx.doc.vocab).triggers(ctx.doc)
    learned = classify.active_model()
    for sent in ctx.doc.sents:
        triggers = by_sentence.get(sent.start, [])
        if triggers:
            capital_subjects(ctx, sent, triggers)
        found: list[Event] = []
        if classify.mode() != "classifier":
            for trig in triggers:
                found += _events_of(ctx, trig, sent, discourse, previous, sector_finder)
        if learned is not None:
            found = _second_opinion(ctx, sent, triggers, found, learned,
                                    discourse, previous, sector_finder)
        for ev in found:
            ev.id = f"v{len(events) + 1}"
            ev.cameo = types[ev.type].cameo if ev.type in types else None
            if not types[ev.type].modes:
                ev.mode = None
            events.append(ev)
        discourse.update(ctx, sent)
        previous = [*previous[-(ANAPHORA_REACH - 1):], sent]
    return events


def sentence_features(ctx: Context, sent: Span, triggers: list[Trigger],
                      candidates: tuple[str, ...] | None = None) -> list[str]:
    """The classifier's features of one sentence (training and use share this);
    ``candidates``: the sentence's ``candidate_types``, when the caller has them."""
    countries = codes_of([m for m in ctx.mentions_in(sent.start_char, sent.end_char)
                          if _usable(m) and not ctx.in_dateline(m)])
    if candidates is None:
        candidates = engine(ctx.doc.vocab).candidate_types(sent)
    return classify.features(sent, triggers, len(countries), candidates)


def _second_opinion(ctx: Context, sent: Span, triggers: list[Trigger], found: list[Event],
                    learned: classify.Model, discourse: Discourse, previous: list[Span],
                    sector_finder) -> list[Event]:
    """The classifier vetoes the rules' events of types it finds unlikely in the sentence
    (those said to have happened: what is planned or possible it was not trained to judge)
    and adds the types it finds likely that the rules missed (parties from the sentence)."""
    candidates = engine(ctx.doc.vocab).candidate_types(sent)  # types whose rule words it has
    probs = learned.probabilities(sentence_features(ctx, sent, triggers, candidates),
                                  classify.dense(sent))
    kept = [ev for ev in found if ev.modality != Modality.ASSERTED
            or probs.get(ev.type, 1.0) >= learned.veto(ev.type)]
    for ev in kept:  # the two opinions, weighed alike
        if ev.type in probs:
            ev.confidence = round(max(CONF_FLOOR, (ev.confidence + probs[ev.type]) / 2), 2)
    # a type the rules saw in the sentence, whatever they made of it ("possible
    # negotiations": no meeting; "will hold talks": AGREE), is not added again
    have = {ev.type for ev in found}
    if classify.mode() != "classifier":
        have |= {t.type for t in triggers}
    anchor = _anchor(sent)
    state = anchor is not None and stative(anchor)
    for typ, p in sorted(probs.items(), key=lambda kv: -kv[1]):
        if typ in have or p < learned.add(typ) or anchor is None:
            continue
        if (learned.needs_rule_word(typ) or state) and typ not in candidates:
            continue
        # what was said when its clause names the parties, else the saying itself
        found_here = []
        for hang in dict.fromkeys((_reported(anchor), anchor)):
            trig = Trigger(hang, EventType(typ), None)
            found_here = _events_of(ctx, trig, sent, discourse, previous, sector_finder)
            if found_here:
                break
        for ev in found_here:
            ev.confidence = round(max(CONF_FLOOR, min(ev.confidence, p)), 2)
            if all((ev.type, ev.countries) != (k.type, k.countries) for k in kept):
                kept.append(ev)
    return kept


def stative(anchor: Token) -> bool:
    """Whether a learned event's anchor only states how things are: the sentence's root
    is a verb of state ("both countries are members of …", "trade has great potential")."""
    return anchor.dep_ == "ROOT" and lemma(anchor) in word_set("stative_verbs")


def states_only(sent: Span) -> bool:
    """Whether the classifier may add a type to ``sent`` only with one of the type's rule
    words (its anchor is a verb of state); ``bilat.learn`` simulates the same choice."""
    anchor = _anchor(sent)
    return anchor is not None and stative(anchor)


def _anchor(sent: Span) -> Token | None:
    """The word a learned event hangs on: the sentence's main verb, else its root; none in
    a line of names, numbers or signs ("By Aza Babayan", "01:10"), which reports nothing."""
    if not any(t.pos_ in ("VERB", "AUX", "NOUN") for t in sent):
        return None
    root = sent.root
    if root.pos_ in ("VERB", "AUX"):
        return root
    return next((t for t in sent if t.pos_ == "VERB"), root)


def _reported(verb: Token) -> Token:
    """What a speech verb reports: "Poland will deploy troops, the minister said" hangs on
    "deploy" (its clause gives the mood and the parties), not on "said". Not a clause said
    in the negative: "Georgia will not send a delegation, the ministry said" is a refusal
    said, which the classifier reads from the whole sentence."""
    if lemma(verb) not in word_set("speech_verbs"):
        return verb
    said = next((c for c in verb.children
                 if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")), None)
    if said is None or any(c.dep_ == "neg" for c in said.children):
        return verb
    return said


def _events_of(ctx: Context, trig: Trigger, sent: Span, discourse: Discourse,
               previous: list[Span], sector_finder) -> list[Event]:
    """The event mentions of one trigger: all its parties make one event, as the
    annotation lists them ("ended trade benefits for Nicaragua, Paraguay and Romania";
    splitting such lists into pairs lost on both halves of the tuning part), unless the
    sentence says the meetings were one per counterpart (``_distribute``)."""
    asker = asked_of(trig.token) if trig.type != EventType.REQUEST else None
    if asker is not None:  # "Seoul wants Tokyo to ease curbs": Seoul's request of Tokyo
        trig = Trigger(asker, EventType.REQUEST, None)
    actors, recipients, conf = participants(ctx, trig, sent, discourse)
    a_codes, r_codes = codes_of(actors), codes_of(recipients)
    r_codes = [c for c in r_codes if c not in a_codes]
    if not a_codes and len(r_codes) >= 2:  # no subject: the first listed leads
        a_codes, r_codes = r_codes[:1], r_codes[1:]
    if not a_codes and not r_codes and trig.type in _roles("domestic"):
        # "Protesters in Tbilisi rallied": people with no country of their own act for
        # the country where the sentence puts them (the annotation guidelines' rule)
        here = places.event_location(ctx, sent, trig.token, trig.type, Modality.ASSERTED, [])
        if here is not None and here.get("country"):
            a_codes = [here["country"]]
    if not a_codes and not r_codes:
        if len(ctx.pair) == 2 and trig.type in _roles("complete") and not actors + recipients:
            # "Police detained 16 people" in an article about two countries: its pair
            a_codes, r_codes = [ctx.pair[0]], [ctx.pair[1]]
            conf -= CONF_COMPLETED_PENALTY
        elif ctx.pair:
            return []  # a party without a country in an article about countries
    a_ids = _entity_ids(ctx, actors)
    r_ids = [i for i in _entity_ids(ctx, recipients) if i not in a_ids]
    with_igo = any(m.entity is not None and m.entity.sector == "IGO" for m in actors + recipients)
    completed = len(set(a_codes) | set(r_codes)) == 1
    a_codes, r_codes = _complete(ctx, sent, trig, a_codes, r_codes, with_igo)
    if completed and len(set(a_codes) | set(r_codes)) == 2:
        conf -= CONF_COMPLETED_PENALTY
    mod = modality(trig.token)
    if mod == Modality.FUTURE and trig.type == EventType.CONSULT and today(trig.token):
        mod = Modality.ASSERTED  # "Today, we will also discuss security": the meeting is on
    if mod == Modality.NEGATED and refused(trig.token):
        typ = coded(trig, "refused")  # "will not participate": a refusal that happened
        if typ != trig.type:
            mod = Modality.ASSERTED
    elif demanded(trig.token) and trig.type not in _roles("outer"):
        typ, mod = EventType.REQUEST, Modality.ASSERTED  # "sanctions must be applied"
    else:
        typ = coded(trig, mod)
        if mod == Modality.NEGATED and typ not in (None, trig.type):
            mod = Modality.ASSERTED  # "did not rule out force": the threat is said
    if typ is None:
        return []
    mode = trig.mode if typ == trig.type else None
    if typ in _roles("weak"):
        conf -= CONF_WEAK_PENALTY
    codes, ctx_tags = sector_finder(sent)
    if _sector_anaphora().search(sent.text):
        codes = _anaphoric_sectors(codes, previous, sector_finder)
    def recipient_ids(part: list[str]) -> list[str]:
        """The recipients of one counterpart's event (all of them when not split)."""
        ids = [i for i in _entity_ids(ctx, [m for m in recipients if set(m.codes) & set(part)])
               if i not in a_ids]
        return ids if ids and len(part) < len(r_codes) else r_ids

    return [Event(id="", type=typ, mode=mode, context=contexts(sent.text, ctx_tags),
                  actors=a_ids, recipients=recipient_ids(r_part), actor_countries=list(a_codes),
                  recipient_countries=r_part, sectors=codes, modality=mod, date=None,
                  location=places.event_location(ctx, sent, trig.token, typ, mod,
                                                 [*a_codes, *r_part]),
                  confidence=round(max(CONF_FLOOR, conf), 2), cameo=None,
                  trigger=trig.token.text,
                  evidence=[Evidence(sent.start_char, _strip_end(sent))])
            for r_part in _distribute(sent, trig.token, a_codes, r_codes)]


def demanded(tok: Token) -> bool:
    """"Sanctions must be applied against Russia", "the troops should be withdrawn": what
    a speaker says must be done is demanded of someone (PLOVER REQUEST), not done."""
    gov = governor(tok)
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in word_set("deontic_aux")
               for c in gov.children) and not any(c.dep_ == "neg" for c in gov.children)


def _distribute(sent: Span, trigger: Token, a_codes: list[str],
                r_codes: list[str]) -> list[list[str]]:
    """"bilateral meetings with Aliyev and Pashinyan", "visited Azerbaijan, Algeria and
    Qatar": one actor meeting each counterpart apart, or a trigger whose act goes to each
    (``distributive_triggers``: a tour, a delivery), is one event per counterpart; else
    one event of them all."""
    if len(a_codes) == 1 and len(r_codes) >= 2 and (
            {t.lower_ for t in sent} & word_set("distributive_words")
            or trigger.lemma_.lower() in word_set("distributive_triggers")):
        return [[c] for c in r_codes]
    return [list(r_codes)]


# "… have been signed to formalise and enhance collaboration in these areas": the sectors
# are those named in the sentence(s) before (phrases: the word set sector_anaphora). Two
# sentences back covers every such phrase in the reference article and the development set.
ANAPHORA_REACH = 2


@cache
def _sector_anaphora() -> re.Pattern[str]:
    phrases = sorted(word_set("sector_anaphora"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
                      + r")\b", re.I)


def _anaphoric_sectors(codes: list[str], previous: list[Span], sector_finder) -> list[str]:
    """Add the sectors of the nearest preceding sentence that names any."""
    for prev in reversed(previous):
        prev_codes, _ = sector_finder(prev)
        if prev_codes:
            return [*codes, *(c for c in prev_codes if c not in codes)]
    return codes


# A sentence about debt talks or credit: a lone country's counterpart there is its creditor
# banks or governments, which have no country of their own (development set, Reuters debt
# stories: "Venezuela and its bank advisory committee agreed", "talks with banks on
# rescheduling"; annotated as one-country events, like those with an IGO).

def _complete(ctx: Context, sent: Span, trig: Trigger, a_codes: list[str],
              r_codes: list[str], with_igo: bool = False) -> tuple[list[str], list[str]]:
    """Fill in the party a one-country event leaves implicit.

    In a president's own release the president's country is a party to what it reports;
    elsewhere a one-country event about one of the article's two main countries is taken
    to concern the other ("Japan has rejected the overture"), unless an international
    organisation or the country's creditors are the other party. Such completed events
    carry less confidence.
    """
    home = source_home(ctx)
    codes = set(a_codes) | set(r_codes)
    if not codes:
        return a_codes, r_codes
    if home is None and any(lemma(t) in word_set("creditor_lemmas") for t in sent):
        with_igo = True
    partner_of = {ctx.pair[0]: ctx.pair[1], ctx.pair[1]: ctx.pair[0]} if len(ctx.pair) == 2 else {}
    if len(codes) == 1:
        (only,) = codes
        other = None
        if home is not None and only != home:
            other = home
        elif not with_igo and only in partner_of and trig.type in _roles("complete") \
                and not (home is None and trig.type == EventType.COOPERATE):
            # a sale or purchase names its counterpart when it has one ("selling chips in
            # Europe and Asia"): dev set, 0 of 4 completed COOPERATE mentions right
            other = partner_of[only]
            if home is not None and only == home:
                low = {t.lower_ for t in sent}
                anaphoric = lemma(trig.token) in word_set("anaphoric_triggers") and any(
                    c.lower_ in ("the", "this", "our", "today", "today's")
                    for c in trig.token.children)
                title = (ctx.article.title or "")
                if not (anaphoric or low & word_set("second_person") or
                        lexicon.country_name(other) in title):
                    other = None
        if other is not None:
            if a_codes:
                return a_codes, [*r_codes, other]
            return [other], r_codes
    return a_codes, r_codes


def _strip_end(sent: Span) -> int:
    return sent.start_char + len(sent.text.rstrip())
