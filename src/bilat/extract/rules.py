"""The event rule engine: trigger rows read from data, matched with spaCy's ``Matcher``.

Every trigger, gate and word list lives in ``lexicon/data/events/``:

- ``triggers.jsonl``: one row per trigger: lemma(s), word(s) or phrase, part of speech,
  PLOVER type and mode, gates, and an example that must yield the type;
- ``activators.tsv``: light verbs that make a weak noun an event ("held talks");
- ``courtesy.jsonl``: courtesy formulas whose triggers are no events;
- ``words.tsv`` / ``modality.tsv``: the named word sets rows refer to as ``@name``.

A row's gates are conditions on the trigger token, each a predicate of
:data:`PREDICATES` applied to a word set; ``not_<predicate>`` negates one:

- ``require``: all hold; ``require_any``: one of these conditions holds;
- ``unless``: any of these conditions vetoes the trigger;
- ``retype``: the first ``when`` condition that holds changes ``type``/``mode``, or
  ``drop``s the trigger;
- ``weak`` (nouns): an event only under an activating verb, or — with ``phrasal`` — when
  its own phrase names a party ("aid to Bolivia"), or for a meeting, held with someone;
- ``inner``: stays an event of its own inside an outer clause ("appealed … to release
  citizens illegally detained").

Adding a trigger is one line of data with its example beside it
(``tests/extract/test_rules.py`` runs every example).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from bilat import lexicon
from bilat.extract.modality import is_potential, modality
from bilat.extract.syntax import PARTY_ENTS, PERSON_ENTS, descendant_lemmas, governor, lemma
from bilat.lexicon import word_set
from bilat.vocab import EventType, Modality

# Entity types a title-case trigger noun cannot be part of.
NAME_ENTS = {"PERSON", "GPE", "LOC", "DATE", "TIME", "NORP", "MONEY", "CARDINAL"}
# Named entities whose inner words are no triggers ("the General Agreement on Tariffs and
# Trade"); not EVENT: "the Summit on Climate" is a meeting.
INSIDE_NAME_ENTS = {"ORG", "LAW", "FAC", "WORK_OF_ART", "PRODUCT"}
# Dependency labels of what a verb acts on: its objects and, in the passive, its subject.
OBJECT_DEPS = {"dobj", "nsubjpass"}


@dataclass
class Trigger:
    token: Token
    type: str
    mode: str | None
    inner: bool = False


@dataclass(frozen=True)
class Rule:
    """One row of ``triggers.jsonl``, its word sets resolved."""

    line: int
    type: EventType
    mode: str | None
    pos: frozenset[str]
    require: tuple[tuple[str, bool, frozenset[str]], ...] = ()
    require_any: tuple[tuple[tuple[str, bool, frozenset[str]], ...], ...] = ()
    unless: tuple[tuple[tuple[str, bool, frozenset[str]], ...], ...] = ()
    retype: tuple[tuple[tuple[tuple[str, bool, frozenset[str]], ...], dict], ...] = ()
    weak: bool = False
    phrasal: bool = False
    inner: bool = False
    lower: bool = False  # matched on the word as written, not its lemma
    phrase: tuple[str, ...] = ()  # the words before the head of a multi-word trigger
    modes: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    example: str = ""

    @property
    def specificity(self) -> int:
        """How many conditions the row sets: where several rows match one word, the most
        specific is tried first ("agreed to lift" before "agreed")."""
        return len(self.require) + len(self.require_any) + self.weak + self.phrasal


def _words(value: str | list[str]) -> frozenset[str]:
    """A row's word set, with the singular of plural words (lemmas are singular)."""
    if isinstance(value, str):
        words = word_set(value[1:]) if value.startswith("@") else frozenset([value.lower()])
    else:
        words = frozenset(w.lower() for w in value)
    return words | {_singular(w) for w in words}


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _condition(spec: dict) -> tuple[tuple[str, bool, frozenset[str]], ...]:
    out = []
    for key, value in spec.items():
        negate = key.startswith("not_")
        name = key[4:] if negate else key
        if name not in PREDICATES:
            raise ValueError(f"unknown predicate {name!r} in an event rule; see rules.PREDICATES")
        out.append((name, negate, _words(value)))
    return tuple(out)


def _rule(row: dict) -> Rule:
    pos = row.get("pos", "NOUN")
    pos_set = frozenset([pos] if isinstance(pos, str) else pos)
    if "NOUN" in pos_set:
        pos_set |= {"PROPN"}
    return Rule(
        line=row["_line"], type=EventType(row["type"]), mode=row.get("mode"), pos=pos_set,
        require=_condition(row.get("require", {})),
        require_any=tuple(_condition(c) for c in row.get("require_any", [])),
        unless=tuple(_condition(c) for c in row.get("unless", [])),
        retype=tuple((_condition(r["when"]), {k: v for k, v in r.items() if k != "when"})
                     for r in row.get("retype", [])),
        weak=row.get("weak", False), phrasal=row.get("phrasal", False),
        inner=row.get("inner", False), modes=row.get("modes", {}), lower="lower" in row,
        phrase=tuple(row["phrase"].lower().split()[:-1]) if "phrase" in row else (),
        example=row.get("example", ""))


def _keys(row: dict) -> list[tuple[str, str]]:
    """What a row matches on: ("LEMMA", lemma) or ("LOWER", word) pairs; a phrase row
    matches on its last word's lemma (the head: "hunger strike"), its words checked after."""
    if "phrase" in row:
        return [("LEMMA", row["phrase"].split()[-1])]
    if "lower" in row:
        return [("LOWER", w) for w in sorted(_words(row["lower"]))]
    lemmas = sorted(_words(row.get("lemmas") or row["lemma"]))
    keys = [("LEMMA", w) for w in lemmas]
    pos = row.get("pos", "NOUN")
    if "NOUN" in ([pos] if isinstance(pos, str) else pos):
        # title case: "face possible U.S. Reprisals" is tagged PROPN and keeps its case
        keys += [("LOWER", w) for w in lemmas] + [("LOWER", w + "s") for w in lemmas]
    return keys


def _inside_name(tok: Token) -> bool:
    """A word inside the name of an organisation, law or facility, not its last word:
    "the General Agreement on Tariffs and Trade", "the Rapid Support Forces" (no tariff,
    no support); "U.S. Tariffs" stays a trigger."""
    if tok.ent_type_ not in INSIDE_NAME_ENTS:
        return False
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    return ent is not None and tok.i < ent.end - 1


def _pos_ok(tok: Token, rule: Rule, attr: str) -> bool:
    if tok.pos_ == "PROPN":
        # a title-case common noun ("U.S. Reprisals", "the Interregional Forum"), not a
        # person, place or date ("in March")
        return "PROPN" in rule.pos and attr == "LOWER" and \
            tok.ent_type_ not in NAME_ENTS and not _inside_name(tok)
    return tok.pos_ in rule.pos and (attr == "LEMMA" or rule.lower)


# --- predicates: (trigger token, word set) -> bool


def _with_obj(tok: Token, words: frozenset[str]) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "with" and any(
        g.dep_ == "pobj" and lemma(g) in words for g in c.children) for c in tok.children)


def _modality_in(tok: Token, words: frozenset[str]) -> bool:
    found = Modality.POTENTIAL if is_potential(tok) else modality(tok)
    return found in words


def _head_party(tok: Token, ents: frozenset[str]) -> bool:
    head = tok.head
    if head.i == tok.i:
        return False
    own = {t.i for t in tok.subtree}
    return any(t.i not in own and (t.ent_type_.lower() in ents or (
        t.dep_ == "poss" and t.pos_ == "PRON")) for t in head.subtree)


def _deontic(tok: Token) -> bool:
    gov = governor(tok)
    cues = word_set("deontic_words")
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in cues for c in gov.children):
        return True
    to = any(c.dep_ == "aux" and c.lower_ == "to" for c in gov.children)
    head = gov.head
    return to and head.i != gov.i and (lemma(head) in cues or (
        lemma(head) == "have" and gov.dep_ == "xcomp"))


def _agent_lemma(tok: Token, words: frozenset[str]) -> bool:
    t = tok
    for _ in range(4):
        subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            return lemma(subj[0]) in words
        if t.dep_ in ("acl", "relcl") and t.head.pos_ in ("NOUN", "PROPN"):
            return lemma(t.head) in words
        if t.dep_ not in ("xcomp", "conj", "advcl", "ccomp") or t.head.i == t.i:
            return False
        t = t.head
    return False


def _governed_by(tok: Token, words: frozenset[str]) -> bool:
    gov = governor(tok)
    return gov.i != tok.i and lemma(gov) in words


PREDICATES: dict[str, Callable[[Token, frozenset[str]], bool]] = {
    # a child with one of these dependency labels
    "child_dep": lambda t, w: any(c.dep_ in w for c in t.children),
    # a child that is one of these words
    "child": lambda t, w: any(c.lower_ in w for c in t.children),
    # a preposition child that is one of these words ("spoke with")
    "prep": lambda t, w: any(c.dep_ == "prep" and c.lower_ in w for c in t.children),
    # a particle ("set up", "pull out")
    "prt": lambda t, w: any(c.dep_ == "prt" and c.lower_ in w for c in t.children),
    # an object (or passive subject) whose lemma is one of these
    "dobj": lambda t, w: any(c.dep_ in OBJECT_DEPS and lemma(c) in w for c in t.children),
    # a direct object with one of these lemmas anywhere in its phrase
    "dobj_subtree": lambda t, w: any(c.dep_ == "dobj" and any(lemma(x) in w for x in c.subtree)
                                     for c in t.children),
    # one of these lemmas anywhere under the trigger
    "obj": lambda t, w: bool(descendant_lemmas(t) & w),
    # one of these words anywhere in the sentence
    "sent": lambda t, w: any(x.lower_ in w for x in t.sent),
    # governed by a verb with one of these lemmas
    "gov": _governed_by,
    # the trigger's own dependency label
    "dep": lambda t, w: t.dep_ in w,
    # "with" + one of these ("a conversation with journalists")
    "with_obj": _with_obj,
    # the trigger's modality (potential, future, asserted, negated)
    "modality": _modality_in,
    # an infinitive or clause under the trigger whose verb is one of these ("agreed to cease")
    "xcomp": lambda t, w: any(c.dep_ in ("xcomp", "ccomp") and lemma(c) in w for c in t.children),
    # a clause on a noun whose verb is one of these ("plans to build", "an agreement to deploy")
    "acl": lambda t, w: any(c.dep_ in ("acl", "relcl") and lemma(c) in w for c in t.children),
    # a preposition's object under the trigger with one of these lemmas ("agreed to a truce")
    "pobj": lambda t, w: any(c.dep_ == "prep" and any(g.dep_ in ("pobj", "pcomp") and
                                                       lemma(g) in w for g in c.children)
                             for c in t.children),
    # a subject with one of these lemmas ("protesters blocked")
    "subj": lambda t, w: any(c.dep_ in ("nsubj", "nsubjpass") and lemma(c) in w
                             for c in t.children),
    # a modifier of one of these lemmas ("missile strike", "joint exercises")
    "mod": lambda t, w: any(c.dep_ in ("compound", "amod", "nmod") and lemma(c) in w
                            for c in t.children),
    # a named entity of one of these types in the trigger's object ("received the Foreign
    # Minister of Azerbaijan": GPE)
    "obj_ent": lambda t, w: any(c.dep_ in OBJECT_DEPS and any(x.ent_type_.lower() in w
                                                                for x in c.subtree)
                                for c in t.children),
    # the named-entity type of a preposition's object under the trigger ("travelled to Baku")
    "pobj_ent": lambda t, w: any(c.dep_ == "prep" and any(g.dep_ == "pobj" and
                                                           g.ent_type_.lower() in w
                                                           for g in c.children)
                                 for c in t.children),
    # the lemma of the word the trigger depends on ("the exchange of prisoners" → of → …)
    "head": lambda t, w: lemma(t.head) in w and t.head.i != t.i,
    # one of these lemmas in the clause the trigger depends on, outside the trigger's own
    # phrase ("marched to the square to demand …": march)
    "head_clause": lambda t, w: t.head.i != t.i and any(
        lemma(x) in w or x.lower_ in w for x in t.head.subtree if x.i not in
        {y.i for y in t.subtree}),
    # a subject with a named entity of one of these types ("France protested over …")
    "subj_ent": lambda t, w: any(c.dep_ == "nsubj" and c.ent_type_.lower() in w
                                 for c in t.children),
    # a possessor with a named entity of one of these types ("Japan's protest")
    "poss_ent": lambda t, w: any(c.dep_ == "poss" and c.ent_type_.lower() in w
                                 for c in t.children),
    # a named entity of one of these types in the trigger's own phrase ("Japan's
    # violations of the pact", "violations by Azerbaijan")
    "own_party": lambda t, w: any(x.ent_type_.lower() in w for x in t.subtree if x.i != t.i),
    # a clause under the trigger whose subject names a party of these entity types ("want
    # Japan to remove tariffs")
    "clause_subj_ent": lambda t, w: any(
        c.dep_ in ("ccomp", "xcomp") and any(
            s.dep_ in ("nsubj", "nsubjpass") and any(x.ent_type_.lower() in w for x in s.subtree)
            for s in c.children) for c in t.children),
    # said to be needed: "sanctions must be applied", "it is important to increase
    # sanctions", "we have to put pressure" (the word set is not used)
    "deontic": lambda t, w: _deontic(t),
    # the doer's lemma: the subject of the trigger or of the verbs or noun it is an
    # infinitive or conjunct of ("the grant will help … support …": grant)
    "agent_lemma": _agent_lemma,
    # the trigger's own lemma or word (a gate for some of a row's words only)
    "lemma": lambda t, w: lemma(t) in w or t.lower_ in w,
    # a clause under the trigger that begins with one of these words ("asked whether …")
    "clause_starts": lambda t, w: any(c.dep_ in ("ccomp", "advcl", "xcomp") and
                                      c.left_edge.lower_ in w for c in t.children),
    # the word the trigger depends on names a party of one of these entity types, or a
    # possessor ("Japan's unfair practices", "its illegal tariffs"; not "unfair practices")
    "head_party": _head_party,
}


def _holds(tok: Token, cond: Iterable[tuple[str, bool, frozenset[str]]]) -> bool:
    return all(PREDICATES[name](tok, words) != negate for name, negate, words in cond)


def _names_party(tok: Token) -> bool:
    return any(t.ent_type_ in PARTY_ENTS for t in tok.subtree if t.i != tok.i)


def _held_with_someone(tok: Token) -> bool:
    """"talks with Canadian officials", "Aliyev's talks with Pashinyan", "followed the talks
    between the ministers of Russia and Kazakhstan" (not talks between two sides that are
    the subject of a comment: "the dialogue between A and B signals a positive momentum")."""
    preps = ("with",) if tok.dep_ == "nsubj" else ("with", "between")
    return any(c.dep_ == "prep" and c.lower_ in preps and any(
        t.ent_type_ in PERSON_ENTS for t in c.subtree) for c in tok.children)


def _meeting_as_time(tok: Token) -> bool:
    """"during the talks", "following the negotiations", "as a result of the talks", "on
    the sidelines of the summit": a meeting named as the time or frame of something else
    took place — unless that is still to come ("during the talks, the presidents intend to
    discuss": word sets meeting_frame_preps, meeting_frame_heads)."""
    head = tok.head
    if tok.dep_ not in ("pobj", "dobj") or head.i == tok.i or head.dep_ != "prep":
        return False
    if head.lower_ in word_set("meeting_frame_preps"):
        verb = head.head
    elif head.lower_ == "of" and lemma(head.head) in word_set("meeting_frame_heads"):
        verb = governor(head.head)
    else:
        return False
    return modality(verb) == Modality.ASSERTED and lemma(verb) not in word_set("intent_verbs")


def _activation(tok: Token, rule: Rule) -> str | None:
    """What the verb governing a noun trigger does to it: "activate", a retype
    ("RETREAT/ease-sanctions") or "drop"; None when nothing governs it."""
    gov = governor(tok)
    if gov.i == tok.i:
        return None
    effects = lexicon.activators().get(lemma(gov), {})
    effect = effects.get(rule.type) or effects.get("*")
    if effect and ("/" in effect or effect in EventType.__members__) and (_under_subject(tok, gov) or any(
            c.dep_ == "prt" for c in gov.children)):
        # "duties had reduced shipments", "cut off supplies": no sanction eased
        return None
    return effect


def _under_subject(tok: Token, gov: Token) -> bool:
    """Whether ``tok`` stands in the subject of ``gov`` rather than on its object side."""
    t = tok
    while t.i != gov.i and t.head.i != t.i:
        if t.dep_ in ("nsubj", "nsubjpass", "csubj") and t.head.i == gov.i:
            return True
        t = t.head
    return False


def _fire(tok: Token, rule: Rule) -> Trigger | None:
    """The trigger a matched rule gives at ``tok``, or None when a gate says no."""
    if not _holds(tok, rule.require):
        return None
    if rule.require_any and not any(_holds(tok, c) for c in rule.require_any):
        return None
    if any(_holds(tok, c) for c in rule.unless):
        return None
    typ, mode = rule.type, rule.modes.get(tok.lower_, rule.mode)
    effect = _activation(tok, rule) if tok.pos_ in ("NOUN", "PROPN") else None
    if rule.weak and effect is None and not (rule.phrasal and _names_party(tok)) and \
            not (typ == EventType.CONSULT and (_held_with_someone(tok) or
                                               _meeting_as_time(tok))):
        return None
    if effect == "drop":
        return None
    if effect and "/" in effect:
        typ, mode = effect.split("/")
    elif effect in EventType.__members__:
        typ, mode = EventType(effect), None  # "face sanctions": a threat
    for when, change in rule.retype:
        if _holds(tok, when):
            if change.get("drop"):
                return None
            typ, mode = change.get("type", typ), change.get("mode", mode)
            break
    if tok.pos_ == "VERB" and _background_gerund(tok):
        return None
    return Trigger(tok, typ, mode, rule.inner)


def _background_gerund(tok: Token) -> bool:
    """"grateful for inviting me", "leadership in supporting": background; not "was joined
    by the U.S. in criticising Brazil"."""
    return tok.tag_ == "VBG" and tok.dep_ == "pcomp" and not (
        tok.head.lower_ in ("in", "by") and tok.head.head.pos_ == "VERB")


# --- what a trigger inside another's clause, a topic or a time phrase is


def _temporal_background(tok: Token, typ: str) -> bool:
    """"since the beginning of the invasion", "the breakdown in the negotiations"."""
    head = tok.head
    if typ == EventType.CONSULT and (head.lower_ in ("after", "following", "during") or (
            head.lower_ == "of" and head.head.head.lower_ in ("after", "following"))):
        return False  # "after (two days of) talks", "during the meeting": they took place
    if tok.dep_ != "pobj":
        return False
    if head.lower_ in word_set("temporal_preps"):
        return True
    if head.lower_ in ("of", "in") and lemma(head.head) in word_set("failure_heads"):
        return True
    return head.lower_ == "of" and lemma(head.head) in word_set("temporal_heads")


def _topic_of_copula(tok: Token) -> bool:
    """"the key topics were defence assistance, sanctions …"."""
    for anc in [tok, *tok.ancestors]:
        if anc.lemma_ == "be":
            return any(c.dep_ == "nsubj" and lemma(c) in word_set("topic_heads")
                       for c in anc.children)
    return False


def _compound_of_topic(tok: Token) -> bool:
    head = tok
    while head.dep_ in ("compound", "npadvmod", "nmod") and head.head.i != head.i:
        head = head.head
    return head.i != tok.i and lemma(head) in word_set("topic_compound_heads")


def _under_frame(tok: Token) -> bool:
    """"deliveries under the contract signed last year", "under an agreement reached in
    July": an earlier deal named as the basis of another act."""
    noun = tok.head if tok.dep_ in ("acl", "relcl") and tok.pos_ == "VERB" else tok
    return noun.dep_ == "pobj" and noun.head.lower_ in word_set("frame_preps")


def _in_question(tok: Token) -> bool:
    """Whether ``tok`` stands in an indirect question put to someone ("asked whether a
    meeting was planned", "when asked if a subsidy would be offered")."""
    for a in [tok, *tok.ancestors]:
        if a.dep_ in ("ccomp", "advcl") and a.left_edge.lower_ in word_set("question_words") \
                and lemma(a.head) in word_set("question_verbs"):
            return True
    return False


def _topic_of_meeting(tok: Token, meetings: set[int]) -> bool:
    """Whether ``tok`` is in the topic phrase of a meeting ("talks on lifting the ban",
    "consultations on the withdrawal of troops"): below a topic preposition that hangs on
    a meeting's trigger or on a word for talks (``talk_nouns``)."""
    child = tok
    for anc in tok.ancestors:
        if child.dep_ == "prep" and child.lower_ in word_set("topic_preps") and (
                anc.i in meetings or lemma(anc) in word_set("talk_nouns")):
            return True
        child = anc
    return False


def _drop_nested(triggers: list[Trigger]) -> list[Trigger]:
    outer_types = lexicon.type_roles()["outer"]
    outer = {t.token.i: t for t in triggers if t.type in outer_types}
    topic_heads, topic_verbs = word_set("topic_heads"), word_set("topic_verbs")
    meetings = {t.token.i for t in triggers if t.type == EventType.CONSULT}
    kept = []
    for t in triggers:
        tok = t.token
        if t.type != EventType.CONSULT and _topic_of_meeting(tok, meetings):
            continue  # "talks on lifting the ban": what was talked about, not a deed
        if not t.inner and any(a.i in outer and outer[a.i] is not t for a in tok.ancestors) \
                and not (t.type == EventType.CONSULT and _meeting_as_time(tok)
                         and modality(tok) == Modality.ASSERTED):
            continue  # "asked for consultations", "agreed to hold talks" (not "agreed
            # during the meeting to …": when they agreed)
        if tok.dep_ in ("amod", "compound") and tok.pos_ == "VERB":
            continue  # "an agreed upon limit"
        if t.type != EventType.CONSULT and _compound_of_topic(tok):
            continue  # "debt rescheduling talks", "the export credit agency": what about
        if _under_frame(tok):
            continue  # "under the agreement signed last year": the frame of another act
        if _in_question(tok):
            continue  # "asked whether talks were planned": a question, no event
        if t.type != EventType.CONSULT and (
                any(lemma(a) in (topic_verbs if a.pos_ == "VERB" else topic_heads)
                    for a in tok.ancestors) or _topic_of_copula(tok)):
            continue  # "talks focused on sanctions"
        if tok.pos_ == "NOUN" and _temporal_background(tok, t.type):
            continue
        kept.append(t)
    return kept


def _dedupe_same_clause(triggers: list[Trigger]) -> list[Trigger]:
    """"held talks", "signed an agreement": one trigger per type and governing verb."""
    seen: dict[tuple[int, str], Trigger] = {}
    for t in triggers:
        key = (governor(t.token).i, t.type)
        if key in seen:
            if seen[key].mode is None and t.mode is not None:
                seen[key].mode = t.mode
            continue
        seen[key] = t
    return list(seen.values())


def _fix_lemmas(doc: Doc | Span) -> None:
    """Verbs spaCy's lemmatizer misreads ("staged" → "stag"), set right from
    ``words.tsv`` (lemma_fixes: word=lemma) so that rows and gates on the lemma see them."""
    fixes = dict(w.split("=", 1) for w in word_set("lemma_fixes"))
    for tok in doc:
        if tok.pos_ == "VERB" and tok.lower_ in fixes:
            tok.lemma_ = fixes[tok.lower_]


class RuleEngine:
    """Trigger rows indexed in a spaCy ``PhraseMatcher`` (by lemma and by word, one hash
    lookup per token whatever the number of rows) and courtesy formulas in a ``Matcher``."""

    def __init__(self, vocab: Vocab) -> None:
        self.rules: list[Rule] = []
        self.by_key: dict[tuple[str, str], list[int]] = {}
        for row in lexicon.trigger_rules():
            rule = _rule(row)
            for key in _keys(row):
                self.by_key.setdefault(key, []).append(len(self.rules))
            self.rules.append(rule)
        self.matchers = {attr: PhraseMatcher(vocab, attr=attr) for attr in ("LEMMA", "LOWER")}
        for attr, word in self.by_key:
            pattern = Doc(vocab, words=[word], lemmas=[word]) if attr == "LEMMA" else \
                Doc(vocab, words=[word])
            self.matchers[attr].add(f"{attr}:{word}", [pattern])
        self.courtesy = Matcher(vocab)
        self.courtesy_veto: dict[str, frozenset[str]] = {}
        for row in lexicon.courtesy_rules():
            self.courtesy.add(row["id"], [row["pattern"]])
            self.courtesy_veto[row["id"]] = frozenset(row["veto"])

    def _candidates(self, doc: Doc | Span) -> dict[int, list[Rule]]:
        """The rows each token may trigger, most specific first."""
        whole = doc if isinstance(doc, Doc) else doc.doc
        _fix_lemmas(doc)
        out: dict[int, list[Rule]] = {}
        for matcher in self.matchers.values():
            for match_id, start, _end in matcher(doc):  # offsets in the Doc, also for a Span
                attr_, _, word = doc.vocab.strings[match_id].partition(":")
                tok = whole[start]
                for n in self.by_key[(attr_, word)]:
                    rule = self.rules[n]
                    if not _pos_ok(tok, rule, attr_):
                        continue
                    if rule.phrase and [t.lower_ for t in whole[max(0, tok.i - len(
                            rule.phrase)):tok.i]] != list(rule.phrase):
                        continue
                    if rule not in out.setdefault(tok.i, []):
                        out[tok.i].append(rule)
        return {i: sorted(rs, key=lambda r: (-r.specificity, r.line)) for i, rs in out.items()}

    def candidate_types(self, span: Span) -> tuple[str, ...]:
        """The types of the rows whose words a sentence has, gates aside."""
        return tuple(r.type for rules in self._candidates(span).values() for r in rules)

    def triggers(self, doc: Doc | Span) -> dict[int, list[Trigger]]:
        """The triggers of each sentence, keyed by the sentence's first token index."""
        whole = doc if isinstance(doc, Doc) else doc.doc
        vetoed = self._courtesy(doc)
        starts = [s.start for s in whole.sents]
        out: dict[int, list[Trigger]] = {}
        candidates = self._candidates(doc)
        for i in sorted(candidates):
            tok = whole[i]
            for rule in candidates[i]:
                trig = _fire(tok, rule)
                if trig is not None:
                    if trig.type not in vetoed.get(tok.i, ()):
                        out.setdefault(starts[bisect_right(starts, i) - 1], []).append(trig)
                    break
        return {s: _drop_nested(_dedupe_same_clause(ts)) for s, ts in out.items()}

    def _courtesy(self, doc: Doc | Span) -> dict[int, frozenset[str]]:
        out: dict[int, frozenset[str]] = {}
        offset = 0 if isinstance(doc, Doc) else doc.start
        for match_id, start, end in self.courtesy(doc):
            veto = self.courtesy_veto[doc.vocab.strings[match_id]]
            for i in range(offset + start, offset + end):
                out[i] = out.get(i, frozenset()) | veto
        return out


def coded(trig: Trigger, mod: str) -> str | None:
    """The type PLOVER codes a trigger of this modality as (``events/coding.tsv``): a
    planned meeting is AGREE, an announced sanction a THREAT; None: not an event."""
    for typ, modality_, cond, result in lexicon.coding_rules():
        if typ != trig.type or modality_ != mod:
            continue
        if cond.startswith("@") and lemma(trig.token) not in word_set(cond[1:]):
            continue
        if cond.startswith("obj@") and not _object_in(trig.token, word_set(cond[4:])):
            continue
        if cond and "@" not in cond and trig.token.pos_ != cond:
            continue
        return None if result == "drop" else result
    return trig.type


def _object_in(tok: Token, words: frozenset[str]) -> bool:
    """Whether the object of ``tok`` (direct, or of its particle's or preposition's) holds
    one of ``words``: "rule out [military action]", "refrain from [force]"."""
    for c in tok.children:
        objs = [c] if c.dep_ in ("dobj", "obj", "attr") else \
            [g for g in c.children if g.dep_ == "pobj"] if c.dep_ in ("prep", "prt") else []
        if any(lemma(t) in words or t.lower_ in words for o in objs for t in o.subtree):
            return True
    return False


@cache
def engine(vocab: Vocab) -> RuleEngine:
    return RuleEngine(vocab)
