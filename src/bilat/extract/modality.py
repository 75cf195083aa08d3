"""Modality of an event mention: asserted, future, potential or negated.

Read from the trigger's clause: negators, modal auxiliaries, plan verbs and words of
possibility, all cue words in ``lexicon/data/events/modality.tsv``.
"""

from __future__ import annotations

from spacy.tokens import Token

from bilat.extract.syntax import PERSON_ENTS, governor, lemma
from bilat.lexicon import word_set
from bilat.vocab import Modality


def is_potential(tok: Token) -> bool:
    """"potential areas of cooperation", "cooperation could include", "possible cooperation"."""
    gov = governor(tok)
    near = [c for c in tok.children if c.dep_ == "amod"]
    if tok.dep_ == "pobj" and tok.head.head is not None and tok.head.head.pos_ == "NOUN":
        near += [c for c in tok.head.head.children if c.dep_ == "amod"]  # "potential areas of"
    if any(w.lower_ in word_set("potential_words") for w in near):
        return True
    return any(c.dep_ == "aux" and c.lower_ in word_set("potential_aux") for c in gov.children)


def today(tok: Token) -> bool:
    """"Today, we will also discuss security": the meeting is on."""
    gov = governor(tok)
    return any(c.lower_ in word_set("today_words") for t in (tok, gov) for c in t.children)


def modality(tok: Token) -> Modality:
    gov = governor(tok)
    if gov.dep_ == "conj" and gov.head.pos_ in ("VERB", "AUX") and not any(
            c.dep_ in ("aux", "auxpass", "neg") for c in gov.children):
        # "the need to explore new avenues …, expand investments": the first verb's mood
        found = modality(gov.head)
        if found != Modality.ASSERTED:
            return found
    chain = [tok, gov, *_governing(gov, 2)]
    near = {c for t in chain for c in t.children} | set(chain)
    words = {t.lower_ for t in near if not _not_only(t)}
    if words & word_set("negators") or any(c.dep_ == "neg" and not _not_only(c)
                                           for t in (tok, gov) for c in t.children):
        return Modality.NEGATED
    if words & word_set("potential_words") or any(
            c.lower_ in word_set("potential_aux") and c.dep_ == "aux" for c in gov.children):
        return Modality.POTENTIAL
    if {c.lower_ for c in tok.children if not any(g.dep_ == "prep" for g in c.children)} & \
            word_set("future_mods"):
        return Modality.FUTURE  # "the upcoming visit"; not "met next to the hall"
    if _time_ahead(tok, gov):
        return Modality.FUTURE
    if tok.dep_ in ("nsubj", "nsubjpass", "dobj") and tok.i != gov.i and \
            lemma(gov) in word_set("schedule_verbs"):
        return Modality.FUTURE  # "the visit is planned for November", "they plan talks"
    if tok.dep_ in ("nsubj", "nsubjpass") and lemma(gov) == "be" and gov.tag_ not in PAST_TAGS \
            and any(_to_happen(c) for c in gov.children):
        return Modality.FUTURE  # "a trilateral meeting is to be held": planned
    if tok.dep_ == "nsubj" and tok.i != gov.i and lemma(gov) not in word_set("occur_verbs"):
        return Modality.ASSERTED  # "this visit will help": what the visit does, not a plan
    future_aux = word_set("future_aux")
    if any(c.lower_ in future_aux for c in gov.children):
        return Modality.FUTURE
    if gov.dep_ == "ccomp" and lemma(gov.head) in word_set("speech_verbs") and any(
            c.dep_ == "aux" and c.lower_ in word_set("reported_future_aux")
            for c in gov.children) and _agent_subject(gov) and \
            lemma(gov) not in word_set("stance_verbs"):
        return Modality.FUTURE  # "Tokayev said he would visit China": his plan, told
    if gov.dep_ == "xcomp" and any(c.lower_ in future_aux for c in gov.head.children):
        return Modality.FUTURE  # "will continue to develop cooperation", "will seek to sign"
    if gov.dep_ in ("relcl", "acl", "ccomp") and lemma(gov.head) in word_set("plan_words") and \
            any(c.dep_ == "mark" and c.lower_ == "that" for c in gov.children):
        return Modality.FUTURE  # "a proposal that Japan buy U.S. grain": proposed, not done
    if any(c.dep_ == "mark" and c.lower_ == "whether" for c in gov.children):
        return Modality.POTENTIAL  # "a recommendation whether to retaliate"
    if gov.dep_ in ("xcomp", "ccomp") and lemma(gov.head) in word_set("consider_verbs"):
        return Modality.POTENTIAL  # "Iran mulls exporting gas": only considered
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in gov.children):
        return _infinitive(gov)
    if tok.dep_ == "pobj" and tok.head.lower_ == "for" and \
            lemma(tok.head.head) in word_set("future_verbs"):
        return Modality.FUTURE
    if gov.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("so", "that", "if", "unless")
                                   for c in gov.children):
        return Modality.POTENTIAL  # "so that sanctions are lifted", "if Congress passed"
    return Modality.ASSERTED


# Tags of a past verb: "met next to …", "had agreed": a time word does not make these ahead.
PAST_TAGS = {"VBD", "VBN"}
# Where a time phrase hangs from its verb or noun: "visits next week", "talks in the coming
# days", "will meet tomorrow", "arrives later this month".
TIME_DEPS = {"npadvmod", "tmod", "advmod", "prep", "obl"}


def _to_happen(c: Token) -> bool:
    """"(is) to be held", "(are) to take place": an infinitive that says the subject event
    will happen; not what it is for or how it lasts ("the visit is to strengthen ties",
    "sanctions are to remain in force")."""
    return c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) \
        and (any(a.dep_ == "auxpass" for a in c.children)
             or (c.pos_ == "VERB" and lemma(c) in word_set("occur_verbs")))


def _time_ahead(tok: Token, gov: Token) -> bool:
    """"the Uzbek minister visits Baku next week", "talks in the coming days": a time ahead
    named in a clause whose verb is not past makes the event planned."""
    if gov.tag_ in PAST_TAGS or gov.head.tag_ in PAST_TAGS or any(c.dep_ in ("aux", "auxpass") and
                                    (c.tag_ in PAST_TAGS or c.lemma_ == "have")
                                    for c in gov.children):
        return False
    ahead, units = word_set("future_time"), word_set("time_nouns")
    # "a meeting is to be held in the coming days": the time hangs from the infinitive
    clauses = {tok, gov, *(c for c in gov.children if c.dep_ == "xcomp")}
    for c in (c for t in clauses for c in t.children if c.dep_ in TIME_DEPS):
        if c.dep_ == "prep" and c.lower_ in word_set("duration_preps"):
            continue  # "sign a roadmap for the next five years": how long, not when
        if c.dep_ == "prep":
            phrase = [g for g in c.children if g.dep_ == "pobj"]
        else:
            phrase = [c]
        for head in phrase:
            if head.lower_ in ("tomorrow", "soon") or (
                    head.lower_ == "later" and head.dep_ == "advmod"):
                return True
            # "next week", "the next few months" count from today; "the next day" from the
            # story's last event
            if head.lower_ in units and any(m.lower_ in ahead for m in head.children) and \
                    not (head.tag_ == "NN" and any(m.dep_ == "det" and m.lower_ == "the"
                                                   for m in head.children)):
                return True
    return False


def _not_only(tok: Token) -> bool:
    """"the visit is not just a formality, but …", "not only signed but …": a "not" that
    widens what is said, no negation; the sentence goes on to the more ("but", "also"),
    else it refuses ("will not simply accept the deal")."""
    return tok.lower_ in ("not", "n't") and tok.i + 1 < len(tok.doc) and \
        tok.nbor(1).lower_ in word_set("not_only_words") and any(
            t.lower_ in word_set("widening_words") for t in tok.doc[tok.i + 2:tok.sent.end])


def _governing(verb: Token, n: int) -> list[Token]:
    """Up to ``n`` clauses above ``verb``, not across a coordination: in "gave no names
    but said that Ankara had urged Georgian officials to …", "urged" is under "said", and
    the "no" of "gave", its conjunct, is not its."""
    out: list[Token] = []
    t = verb
    while len(out) < n and t.head.i != t.i and t.dep_ != "conj":
        t = t.head
        out.append(t)
    return out


def _agent_subject(verb: Token) -> bool:
    """Whether the clause's subject is a party that can plan: a person, a country or an
    organisation, or a pronoun for one ("the deal would help" is a forecast, not a plan)."""
    return any(c.dep_ == "nsubj" and (c.ent_type_ in PERSON_ENTS or c.pos_ == "PRON")
               for c in verb.children)


# Verb tags of a finite clause; a sentence with none ("China to build $1.6 bn plant") is a
# headline, where an infinitive announces what is to come.
FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}


def _infinitive(gov: Token) -> Modality:
    """"plans to visit", "agreed to sign", "is to meet": a plan; "met to discuss": done."""
    if gov.dep_ == "ROOT" or not any(t.tag_ in FINITE_TAGS for t in gov.sent):
        return Modality.FUTURE  # a headline: "China to build aluminium plant in Tajikistan"
    if lemma(gov.head) in ("like", "want", "wish") and lemma(gov) in word_set("performative"):
        return Modality.ASSERTED  # "I would like to thank you": saying so is thanking
    for anc in [gov.head, *gov.head.children, *list(gov.ancestors)[:3]]:
        if anc.lower_ in word_set("potential_aux") or anc.lower_ in word_set("hedges"):
            return Modality.POTENTIAL
    heads = {lemma(gov.head), *(lemma(a) for a in list(gov.ancestors)[:2])}
    if heads & (word_set("future_verbs") | word_set("plan_words")):
        return Modality.FUTURE
    if any(c.dep_ == "aux" and c.lower_ in word_set("future_aux") for c in gov.head.children):
        return Modality.FUTURE  # "will hold talks to discuss …": the purpose is planned too
    return Modality.ASSERTED


def refused(tok: Token) -> bool:
    """A negated act of will ("will not participate", "would not recognise", "cannot
    accept"): a refusal, which PLOVER codes as REJECT, not an event that did not happen."""
    gov = governor(tok)
    kids = list(gov.children)
    return any(c.dep_ == "neg" for c in kids) and any(
        c.dep_ == "aux" and c.lower_ in word_set("refusal_aux") for c in kids)


def asked_of(tok: Token) -> Token | None:
    """The verb by which one party asks another to do what ``tok`` names ("Seoul wants
    Tokyo to ease curbs", "urged Germany to send tanks", "told Russia to back off"; also
    the asking verb itself when it is the trigger, "wants Tokyo to ease …"): what is asked
    is a REQUEST of the asker (PLOVER), not the act, which has not happened. None unless
    the infinitive names whom it is asked of."""
    gov = governor(tok)
    pairs = [(gov.head, gov), *((gov, c) for c in gov.children if c.dep_ in ("xcomp", "ccomp"))]
    return next((head for head, clause in pairs if _asks(head, clause)), None)


def _asks(head: Token, clause: Token) -> bool:
    if head.i == clause.i or clause.dep_ not in ("xcomp", "ccomp") or \
            lemma(head) not in word_set("request_heads") or \
            not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
        return False
    asked = [c for c in head.children if c.dep_ in ("dobj", "dative")]
    asked += [g for c in head.children if c.dep_ == "prep" and c.lower_ in ("on", "upon")
              for g in c.children if g.dep_ == "pobj"]
    asked += [c for c in clause.children if c.dep_ == "nsubj"]
    return any(x.ent_type_ in PERSON_ENTS for a in asked for x in a.subtree)
