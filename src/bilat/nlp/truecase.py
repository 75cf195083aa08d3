"""Case for all-capitals text (wire headlines, BRIEF items), so that spaCy can parse it.

spaCy's English model tags "BALDRIGE SAYS U.S. TO GO AHEAD WITH JAPANESE SANCTIONS" as a
string of proper nouns. ``truecase`` lowers such text, restores the case of every name
bilat knows (countries, demonyms, capitals, organisations, people) and capitalises
sentence starts. It never changes the length of the text, so offsets into the parsed
text are offsets into the original.
"""

from __future__ import annotations

import re
from functools import cache

from bilat import lexicon

# Share of upper-case letters above which a text is treated as all capitals; mixed-case
# news stays far below (Reuters bodies ~0.05, acronym-heavy ones ~0.2).
UPPER_SHARE = 0.7


@cache
def _names() -> tuple[re.Pattern[str], dict[str, str]]:
    names: set[str] = set()
    for c in lexicon.countries().values():
        names.update(c.names)
        names.update(c.demonyms)
        names.update(c.capitals)
    for o in lexicon.organizations():
        names.add(o.name)
        names.update(o.aliases)
    for p in lexicon.people():
        names.add(p.name)
        names.add(p.name.split()[-1])
    table = {n.upper(): n for n in names if n and len(n.upper()) == len(n)}
    alts = sorted(table, key=len, reverse=True)
    return re.compile(r"(?<![A-Z])(?:" + "|".join(re.escape(a) for a in alts) + r")(?![A-Z])"), table


def is_all_caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 8 and sum(ch.isupper() for ch in letters) / len(letters) > UPPER_SHARE


def truecase(text: str) -> str:
    if not is_all_caps(text):
        return text
    pattern, table = _names()
    chars = list(text.lower())
    if len(chars) != len(text):
        return text
    for m in pattern.finditer(text):
        chars[m.start():m.end()] = table[m.group(0)]
    out = "".join(chars)
    # sentence starts
    out = re.sub(r"(^|(?<![A-Z])[.!?]\s+|\n\s*)([a-z])", lambda m: m.group(1) + m.group(2).upper(), out)
    return out if len(out) == len(text) else text
