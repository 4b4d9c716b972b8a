"""Name-calling: "branded Anna Soubry a “Nazi”", "calling her a traitor", "describing him as a
dimwitted duke". A verb of naming (call, brand, label, describe, dub, term) with an object and
a slur or a scare-quoted label after it is a public accusation (PLOVER ACCUSE, CAMEO 111
"criticize or denounce"). The CAMEO dictionary codes a bare "call" as a telephone call (041) and
has no entry for "describe … as"; news prose uses both for labels.

Only a label that holds a word of :data:`SLURS`, a short list of pejoratives written for chronist
(no sentiment lexicon ships with the project's libraries, and a general one would read "called
him a strong leader" as much as "a traitor"), and none of :data:`PRAISE` ("called her a hero of
the fight against fascism"). Quotation marks alone do not make a slur: "described the talks as
“constructive”" quotes a word of praise. "Call for", "call on", "call off" are other verbs.
"""

from __future__ import annotations

import re

#: Verbs that name someone something.
LABELLING_VERBS = frozenset({"call", "brand", "label", "describe", "dub", "term"})

#: Words that make a label a slur. Nouns and adjectives of abuse, extremism, crime, deceit and
#: incompetence as news quotes them; lower case, matched as whole words (plural -s allowed).
SLURS = frozenset(
    """
    nazi fascist racist bigot traitor traitorous treasonous terrorist extremist thug criminal
    crook liar fraud fake hoax puppet stooge clown idiot moron fool dimwitted stupid incompetent
    disgrace disgraceful shameful menace threat danger dangerous reckless dictator tyrant despot
    authoritarian autocrat murderer killer butcher war-criminal warmonger hypocrite hypocritical
    coward cowardly corrupt crooked evil sick disgusting despicable vile pathetic ridiculous
    absurd illegal lawless outrageous betrayal hateful anti-semite anti-semitic antisemite
    antisemitic islamophobe islamophobic homophobe homophobic xenophobe xenophobic misogynist
    sexist radical lunatic madman maniac rogue pariah parasite scum enemy enemies propaganda
    propagandist witch witch-hunt sham farce disaster catastrophe failure failed
    """.split()
)

#: Words of praise: a label that holds one is no accusation.
PRAISE = frozenset(
    """
    hero heroes heroic great greatest good best brave courageous friend friends outstanding
    brilliant genius wonderful excellent historic champion patriot leader visionary
    """.split()
)

#: Particles that make "call" another verb: "call for", "call on", "call off".
_PARTICLES = re.compile(r"\s*(?:for|on|upon|off|up|in|out|back|into|over|around|at)\b", re.I)
#: Where a label ends: clause punctuation, or a full stop before the next sentence.
_END = re.compile(r"[;!?()\n]|\.\s+[A-Z]|,\s+(?:who|which|and|but|saying|adding)\b")
_WORD = re.compile(r"[a-z][a-z-]*")


def calls_names(after: str) -> bool:
    """Whether the words after a verb of naming give someone a slur ("her a “traitor.”", "him
    as a \"dimwitted duke\"", "the plan a betrayal"), and none of praise."""
    if _PARTICLES.match(after):
        return False
    end = _END.search(after)
    label = after[: end.start() if end else 160][:160].lower()
    words = set(_WORD.findall(label))
    words |= {w[:-1] for w in words if w.endswith("s")}
    return bool(words & SLURS) and not words & PRAISE
