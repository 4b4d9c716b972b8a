"""Name-calling: "branded Anna Soubry a “Nazi”", "calling her a traitor", "describing him as a
dimwitted duke". A verb of naming (call, brand, label, describe, dub, term) with an object and
a slur or a scare-quoted label after it is a public accusation (PLOVER ACCUSE, CAMEO 111
"criticize or denounce"). The CAMEO dictionary codes a bare "call" as a telephone call (041) and
has no entry for "describe … as"; news prose uses both for labels.

A rebuttal labels a claim false: a verb of saying whose complement says that a claim,
allegation or report "is completely wrong", "was false", "is baseless" (:func:`rebuts`) is a
refusal of the claim (PLOVER REJECT: "Downing Street told Sky that the claim by the former chiefs
is completely wrong"). CAMEO has no code for it, and its dictionary reads the verb of saying as a
statement.

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


#: Verbs of saying whose complement may rebut a claim.
REBUTTING_VERBS = frozenset(
    {"say", "tell", "insist", "state", "respond", "reply", "add", "counter", "maintain"}
)
#: "(that) the claim by the former chiefs “is completely wrong”": a claim called false.
_REBUTTAL = re.compile(
    r"^\s*(?:\w+\s+){0,3}?(?:that\s+)?(?:the|these|those|this|such|that|his|her|their|its)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:claims?|allegations?|accusations?|reports?|suggestions?|charges?|"
    r"assertions?|stor(?:y|ies))\b[^.;:]{0,80}?\b(?:is|was|are|were)\s+[\"“]?\s*"
    r"(?:(?:completely|totally|entirely|utterly|simply|absolutely|plainly|clearly)\s+)?"
    r"(?:wrong|false|untrue|baseless|unfounded|nonsense|incorrect|inaccurate|fake|absurd|"
    r"ridiculous|groundless|fabricated|a\s+lie|lies)\b",
    re.I,
)


def rebuts(after: str) -> bool:
    """Whether the words after a verb of saying call a claim false ("Sky that the claim by the
    chiefs “is completely wrong”", "the allegations were baseless")."""
    return bool(_REBUTTAL.match(after))
