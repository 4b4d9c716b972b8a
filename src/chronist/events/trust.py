"""The last gate before an event is emitted: would an analyst trust it?

The coder's lexicon and classifier were built on CAMEO-manual sentences, where nearly every
sentence reports one act between named parties. Real news is mostly something else: background,
commentary, questions, the author's opinion, people dying of causes no one inflicted. Read on
real 2022 articles (``bench/realnews.py``), four kinds of coded event were almost always wrong,
and this module keeps them out. Precision comes first: an event that is not there costs the
analyst more than one that is missed.

- **Nobody identifiable acts.** PLOVER codes interactions between political actors. An event
  needs an actor that is a person, an organisation, a country, a government body, an armed or
  political group (a group of a political sector: "rebels", "police", "the opposition", "unions"),
  or a nation named by its people as a state is ("the Turks were recruiting"), not a crowd of
  private people ("people", "victims", "Americans", "children"). With no actor,
  only a passive act of force or coercion on an identifiable recipient stands ("Khashoggi was
  killed", "the minister was arrested"), by its verb or, in a sentence like the classifier's
  training sentences, by the classifier's confirming class ("a US national has been put under
  investigation"). A protest is how private people act politically: a crowd stated as its
  actor ("students staged demonstrations", "prisoners rioted") is enough for PROTEST.
- **Verbs that name no act.** A light verb coded by its bare entry or by the classifier ("is",
  "have", "made", "took", "played a role") names no act of its own; a verb of saying or thinking
  coded by its bare entry ("said", "argued", "claims", "warned of") is a statement, which PLOVER
  does not code; what was said may hold an event of its own, coded on its own verb.
- **Hypotheses.** "could", "if", "hopes to", "trying to": an act that may happen is not an event.
  Promises and threats are coded as such (AGREE, THREATEN) by the coder before this gate, and
  future acts keep their ``future`` flag.
- **Questions.** A sentence that asks ("How long …?") asserts no act.
- **Things as subjects.** "May's Brexit deal threatens British national security": a deal, a
  law, a plan or a crisis that "threatens", "supports" or "rejects" is described, not acting,
  and its makers are not the actors of a threat.
- **Idioms.** A verb of force with a figurative object ("hit the headlines", "broke a promise",
  "destroyed ballots", "assassinate Jean's character") is no attack, and "fired" a person
  ("the department fired Officer Guyger") is a dismissal, not shooting.
- **Private journeys.** A verb of going somewhere ("flew to Detroit", "returned to
  Williamsburg", "left to join the Islamic State") is a visit (CONSULT) or a withdrawal only
  when a political actor makes it (a state, a government body, an armed group, an office
  holder) or it is a journey to talks.
  In the 60-article train set of ``bench/realnews.py`` every journey of a private person that
  the lexicon coded was wrong.

Why chronist writes its own: no library decides which coded events are trustworthy; the rules
are a reader's checks over fields the coder already fills.
"""

from __future__ import annotations

import re

from chronist.events.phrases import NAME_JOINER
from chronist.language.home import HOME_EVIDENCE
from chronist.model import Actor, Article, Clause, Event, Participant

#: Sectors of a group that acts politically ("rebels", "police", "unions"), as opposed to private
#: people ("civilians", "businesses", "students").
POLITICAL_SECTORS = frozenset(
    {"GOV", "MIL", "REB", "OPP", "COP", "LEG", "JUD", "PTY", "PRM", "SPY", "IGO", "NGO", "LAB"}
)
#: Words of an unresolved phrase that name a political actor ("the foreign chiefs", "Western
#: diplomats", "government troops"); a subset of the coder's agent nouns, without private people.
POLITICAL_AGENT = re.compile(
    r"\b(?:rebels?|militants?|fighters?|insurgents?|troops?|forces?|army|police|officials?|"
    r"ministers?|chiefs?|diplomats?|leaders?|government|authorities|opposition|parliament|"
    r"lawmakers?|senators?|president|spokes(?:man|woman|person)|terrorists?|jihadists?|"
    r"soldiers?|unions?|coalition|alliance|regime|administration|envoys?|ambassadors?|"
    r"delegates?|delegations?|commanders?|officers?|policem[ae]n|gunm[ae]n|judges?|"
    r"prosecutors?|negotiators?|mediators?|inspectors?|peacekeepers?|protesters?|"
    r"demonstrators?|activists?|militias?|ministry|council|court)\b",
    re.I,
)
#: Two or more capitalised words: a name the entity recogniser missed ("Agnes May").
_FULL_NAME = re.compile(rf"(?:the\s+)?(?:[A-Z][\w.'’-]*\s+(?:{NAME_JOINER}\s+)?)+[A-Z][\w'’-]+")
#: Entity labels that name a party inside an unresolved phrase.
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
#: Actor kinds that are identifiable on their own.
_NAMED_KINDS = frozenset({"person", "organisation", "country", "government", "military", "igo"})
#: Verbs that name no act by themselves: coded by their bare lexicon entry or by the classifier,
#: the event is the verb's object's or nobody's.
LIGHT_VERBS = frozenset(
    {
        "be", "have", "do", "become", "seem", "appear", "get", "make", "take", "go", "come",
        "give", "keep", "put", "show", "turn", "remain", "stay", "occur", "happen", "hold",
        "play", "apply", "wind", "raise", "compose", "lose", "live", "find", "look", "need",
        "want", "know", "think", "believe", "feel", "see", "let", "use", "continue", "start",
        "begin", "try", "manage", "include", "involve", "mean", "lead", "bring", "run",
        "help", "work", "face", "pay", "owe", "own", "die", "suffer", "reveal", "expose",
        "plan", "affect", "create", "cause", "lower", "reach", "end", "expand",
        "advance", "survive", "proceed", "limit", "accelerate", "profit", "participate",
    }
)  # fmt: skip
#: Verbs that carry no act even when the classifier reads the sentence as one ("it belonged
#: to the Iranian government", "a trip he had taken", "the U.S. has run up deficits"): the
#: class comes from the words around them, and the verb is no event's trigger. Not the
#: copula: "X was critical of Y" is how wire prose says ACCUSE, and the CAMEO and GSR
#: benchmarks lose 0.01 without it.
_EMPTY_VERBS = frozenset(
    # "Madagascar has suffered plague outbreaks": what befalls the subject, not its act
    {
        "have",
        "do",
        "belong",
        "take",
        "run",
        "face",
        "get",
        "suffer",
        "endure",
        "undergo",
        "fear",
        "worry",
    }  # fmt: skip
)
#: A copula's adjective and "to", then a verb the parse made a clause of: "was unable to …".
_ADJECTIVE_TO = re.compile(r"\s+(?:\w+ly\s+)?[a-z]+\s+to\s+$")


def _adjective_then_act(article: Article, event: Event) -> bool:
    """The copula is followed by an adjective and the infinitive of a clause of its own
    ("she was unable to discipline the officer", "was quick to condemn")."""
    end = event["trigger"]["end"]
    for clause in article.clauses:
        start = clause["verb"]["start"]
        if end < start <= end + 40 and _ADJECTIVE_TO.fullmatch(article.body[end:start]):
            return True
    return False


#: Verbs of needing and wanting: whatever pattern they match (but a demand), what is needed
#: or wanted is the complement clause's act, coded (or not) there.
_WANTING = frozenset({"need", "want", "wish"})
#: Verbs whose bare CAMEO sense is not the one news prose means by them: "tabled a motion"
#: (put forward in British and Canadian usage, CAMEO's postpone: REJECT), "intervened"
#: (militarily, diplomatically or in court; CAMEO's bare sense is aid), "provided certainty"
#: (CAMEO: cooperation), "promoted a hoax", "celebrated the news" (praise), "dealt with",
#: "merged", "plagued by", "dominated politics", "arrived at the airport" (a visit),
#: "failed to materialise" (a refusal), "will ensure" (an intent), "defended his remarks"
#: (military protection), "pushed to the frontlines" (an appeal), "issued statements".
#: Coded only by a pattern.
AMBIGUOUS_VERBS = frozenset(
    {
        "table", "intervene", "provide", "promote", "celebrate", "deal", "merge", "plague",
        "dominate", "arrive", "fail", "ensure", "defend", "push", "issue",
    }
)  # fmt: skip
#: Verbs of saying and thinking: whatever pattern they match, they code a statement, which PLOVER
#: does not code, unless they accuse, appeal to or rebuff someone identifiable.
SPEECH_VERBS = frozenset(
    {
        "say", "tell", "state", "report", "add", "note", "write", "explain", "describe",
        "claim", "argue", "insist", "suggest", "observe", "highlight", "stress", "point",
        "comment", "remark", "mention", "answer", "reply", "respond", "think", "believe",
        "know", "admit", "acknowledge", "confirm", "recall", "wonder", "boast", "brag",
        "estimate", "predict", "hint", "imply", "tweet", "post", "speak", "talk",
    }
)  # fmt: skip
#: Verbs that announce rather than act: by their bare entry they follow the same rule ("warned
#: of the impact of climate change", "announced the transfer", "celebrated the news").
ANNOUNCING_VERBS = frozenset(
    {
        "announce", "declare", "warn", "call", "ask", "show", "reveal", "deny", "consider",
        "publish",
    }
)  # fmt: skip
#: The types a verb of saying may carry: accusing, appealing, rebuffing; and threatening, where a
#: pattern or a reported "will" says what ("said they would boycott all contact").
_SPOKEN_TYPES = frozenset({"ACCUSE", "REQUEST", "REJECT"})
#: Verbs of force, coercion and accusation that may stand on their recipient alone, with no
#: actor stated ("was killed", "were arrested", "a roadside bomb killed two soldiers", "has been
#: accused of"); "was forced to acknowledge" is not one.
FORCE_VERBS = frozenset(
    {
        "kill", "murder", "assassinate", "execute", "shoot", "wound", "injure", "bomb", "shell",
        "strike", "attack", "raid", "storm", "abduct", "kidnap", "arrest", "detain", "jail",
        "imprison", "sentence", "convict", "deport", "expel", "ban", "sanction", "seize",
        "torture", "beat", "massacre", "target", "destroy", "capture", "besiege", "blockade",
        "evacuate", "charge", "indict", "fine", "censor", "behead", "hang", "poison",
        "accuse", "implicate", "blame", "condemn", "criticise", "criticize", "denounce",
        "brand", "slam", "lambast",
    }
)  # fmt: skip
#: A hypothetical offer is still one ("ready to contribute troops"): the coder has made it AGREE
#: (or THREATEN, for force); "unlikely that they will reach an agreement" is no offer.
_OFFERS = frozenset({"AGREE", "THREATEN"})
#: Types of force, coercion, accusation and sanction: done to an identifiable recipient, they
#: stand without a stated actor where the classifier confirms them (see ``FORCE_VERBS``).
_FORCE_TYPES = frozenset({"ASSAULT", "COERCE", "ACCUSE", "SANCTION"})
#: Offer words right before the verb they offer ("ready to contribute troops", "willing to sit
#: down and talk"); "Britain is prepared to leave …, insisting the only way … is for the UK
#: parliament to vote" offers no vote.
OFFERING = re.compile(r"\b(?:ready|willing|prepared)\s+to\s+(?:[\w’'-]+\s+){0,6}$", re.I)
#: Objects that make a verb of force an idiom ("hit the headlines", "struck a chord", "broke
#: its promise", "destroyed ballots", "assassinate Jean's character").
_FIGURATIVE = re.compile(
    r"^\s+(?:up\s+)?(?:the\s+|a\s+|an\s+|new\s+|his\s+|her\s+|its\s+|their\s+|our\s+|"
    r"my\s+|your\s+|[\w-]+['’]s?\s+)?(?:headlines?|news|ground|road|roof|jackpot|nerve|"
    r"chord|record|highs?|lows?|bottom|wall|shelves|market|streets|polls|deal|balance|note|"
    r"tone|target|spotlight|promises?|word|laws?|rules?|silence|ranks|ballots?|evidence|"
    r"documents?|records|emails?|files?|data|character|reputation|career|life|lives|dreams?|"
    r"hopes?|chances?|game|odds|bank|ice|mould|mold|story)\b",
    re.I,
)
#: Customs or an abstraction as the object of force: "smashes all diplomatic protocol",
#: "broke every norm", "destroyed this material basis of working class unity".
_CUSTOMS = re.compile(
    r"^\s+(?:[\w-]+\s+){0,3}?(?:protocols?|conventions?|norms?|taboos?|traditions?|"
    r"precedents?|etiquette|decorum|basis|bases|foundations?|unity|trust|confidence|"
    r"credibility|legacy|consensus|morale|spirit|fabric|narrative|myths?|illusions?|"
    r"arguments?|notion|idea)\b",
    re.I,
)
#: A fight for one's own life or career: "fighting the battle of her life", "fighting for his
#: political survival".
_OWN_FIGHT = re.compile(
    r"^\s+(?:(?:the|a|an)\s+(?:[\w-]+\s+)?(?:battle|fight|struggle)\s+of\s+|for\s+)"
    r"(?:his|her|their|its|my|our|your)\s+(?:political\s+|very\s+)?"
    r"(?:life|lives|career|survival|future|job|seat)\b",
    re.I,
)
#: Those an act of force was done to, never its doers: "This summer's victims, who died from
#: injuries …" read by the classifier as an attack by the victims.
_PATIENTS = re.compile(
    r"(?:.*\W)?(?:victims?|casualties|dead|wounded|injured|hostages?|captives?|detainees?|"
    r"prisoners?)",
    re.I,
)
#: A picture's credit line, and whatever headline the page ran into it.
_CREDIT = re.compile(r"\s*(?:©|\(c\)\s|(?:Photo|Image|Picture|Credit)s?\s*:)", re.I)
#: Verbs of dying: their subject is a victim.
_DYING = frozenset({"die", "perish", "succumb", "drown", "starve", "bleed"})
#: Fighting within one's own side: "Conservative politicians angrily fighting amongst themselves".
_AMONG_THEMSELVES = re.compile(
    r"^\s+(?:it\s+out\s+)?(?:amongst|among|between)\s+(?:themselves|ourselves)\b", re.I
)
#: An object that is the actor itself: no force is used on anyone else.
_REFLEXIVE = re.compile(r"(?:him|her|them|it|our|my|your|one)sel(?:f|ves)", re.I)
#: Verbs of going somewhere: only a political actor's journey is a visit or a withdrawal.
MOVEMENT_VERBS = frozenset(
    {
        "travel", "fly", "go", "leave", "return", "move", "depart", "come", "head", "board",
        "drive", "walk", "relocate", "journey", "sail", "arrive", "visit", "rush", "hurry",
        "dash", "race",
    }
)  # fmt: skip
#: A journey to a meeting is one whoever makes it ("May arrives for talks").
_MEETING = re.compile(
    r"\b(?:talks|meetings?|summit|negotiations?|conference|consultations?)\b", re.I
)
#: Kinds of actor that act politically whatever their sector.
_POLITICAL_KINDS = frozenset({"country", "government", "military", "igo"})
#: What "fired" a person is: the dismissal of an employee ("fired Officer Amber Guyger").
_DISMISSED = re.compile(
    r"^\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:officers?|employees?|staff(?:ers)?|chiefs?|directors?|managers?|coach(?:es)?|workers?|"
    r"aides?|secretary|ministers?|advisers?|advisors?|head|him|her|them|me|us|cops?|"
    r"teachers?|executives?|editors?|reporters?|anchors?)\b",
    re.I,
)
#: A warning of what someone will do ("warned that police will no longer tolerate rallies"):
#: the verb threatens.
_WARNS = re.compile(r"^\s+(?:\w+\s+){0,2}?that\s+[^“\"]{0,80}?\b(?:will|would|shall)\b", re.I)
#: A warned-of harm ("warned of the consequences", "warned against retaliation").
_WARNED_OF = re.compile(
    r"^\s+(?:\w+\s+){0,3}?(?:of|against)\s+(?:\w+\s+){0,3}?(?:consequences|retaliation|"
    r"response|action|measures|sanctions|strikes?|force)\b",
    re.I,
)
#: "agreed with Berger, saying …": sharing a view, not an agreement (which is "on"/"to" a
#: course of action).
_WITH_VIEW = re.compile(r"^\s+with\s+[^,;.]*$", re.I)
#: A quotation or a colon right after the verb: it introduces someone's words.
_INTRODUCES = re.compile(r"^[\s,]*(?:in particular|also|then|later)?[\s,]*[:“\"‘«]")


def trusted(
    article: Article,
    event: Event,
    clause: Clause | None,
    default_entry: bool,
    confirmed: bool = False,
) -> bool:
    """Whether ``event`` passes the gate (see the module docstring).

    ``clause``: the clause of its trigger; ``default_entry``: its type came from a verb's bare
    lexicon entry or from the classifier, not from a pattern's words; ``confirmed``: the
    sentence classifier, inside its training domain, gives the sentence the event's class."""
    return distrust(article, event, clause, default_entry, confirmed) is None


def distrust(
    article: Article,
    event: Event,
    clause: Clause | None,
    default_entry: bool,
    confirmed: bool = False,
) -> str | None:
    """Why ``event`` fails the gate ("caption", "hypothetical", "light verb", "ambiguous verb",
    "statement", "question", "thing as subject", "shared view", "idiom", "victim as actor",
    "own country", "alone", "contest", "dismissal", "thing blamed", "publication",
    "private journey", "no actor"), or None
    when it passes."""
    # The classifier adds an event only inside its domain, of the class it reads there.
    confirmed = confirmed or event["method"] == "classifier"
    modality = event["modality"]
    if _CREDIT.match(article.body, event["sentence"]["start"]):
        return "caption"  # "© AFP 2018 / PRAKASH SINGH Indian Migrants Will Not Face …"
    sentence_text = article.body[event["sentence"]["start"] : event["sentence"]["end"]].strip()
    if sentence_text.startswith("[") and sentence_text.endswith("]"):
        return "caption"  # "[EU deal: What David Cameron asked for…, by Peter Foster, …]"
    if modality["hypothetical"] and not modality["negated"]:
        lead = article.body[event["sentence"]["start"] : event["trigger"]["start"]]
        if event["type"] not in _OFFERS or not OFFERING.search(lead):
            return "hypothetical"
    lemma = clause["lemma"] if clause else event["trigger"]["text"].lower()
    passive = bool(clause and clause["passive"])
    by_id = {actor["id"]: actor for actor in article.actors}
    # The classifier's types on light verbs are its own decisions, made in its domain only.
    if default_entry and lemma in LIGHT_VERBS and event["method"] == "lexicon":
        return "light verb"
    if event["method"] == "classifier" and lemma in _EMPTY_VERBS:
        return "light verb"
    if event["method"] == "classifier" and lemma == "be" and _adjective_then_act(article, event):
        # "she was unable to discipline the officer": the act is the complement's, coded (or
        # not) on its own clause; "X was critical of Y" stays the copula's
        return "light verb"
    if lemma in _WANTING and event["type"] != "REQUEST":
        # "they need to be forced out": the act is the complement's; wanting someone else
        # to act is a demand ("the US wants Syria to lift the siege")
        return "light verb"
    # In wire prose like its training data, the classifier's reading of the sentence settles
    # which sense an ambiguous verb has ("provided aid to the refugees").
    if default_entry and lemma in AMBIGUOUS_VERBS and not confirmed:
        return "ambiguous verb"
    if lemma in SPEECH_VERBS or (default_entry and lemma in ANNOUNCING_VERBS):
        after = article.body[event["trigger"]["end"] : event["sentence"]["end"]]
        warning = event["type"] == "THREATEN" and bool(_WARNS.match(after))
        # A warning is a threat when it says what the speaker's side will do, or names the
        # harm it holds out; "warned that May's deal threatens security" is a criticism.
        spoken = event["type"] in _SPOKEN_TYPES or (
            event["type"] == "THREATEN"
            and not default_entry
            and (lemma != "warn" or bool(_WARNED_OF.match(after)))
        )
        if not warning and (
            not spoken
            or _INTRODUCES.match(after)
            or not _identifiable_any(article, by_id, event["recipients"])
        ):
            return "statement"
    subject_words = clause["subject"]["text"].lower() if clause and clause["subject"] else ""
    if lemma == "suggest" and (
        _SPECULATES.match(article.body, event["trigger"]["end"], event["sentence"]["end"])
        or subject_words in ("it", "this", "that", "these", "which")
    ):
        # "Continetti suggested that the Mueller report could be the greatest anticlimax": a
        # guess about what is; "It also suggests that Labour voters …": what a poll shows
        return "statement"
    if _question(event):
        return "question"
    if event["type"] == "REQUEST" and _asks_own_country(article.body, by_id, event):
        # "The Foreign Secretary will insist the UK should not underestimate its strength":
        # a government's own programme for its country, asked of no one
        return "own country"
    if clause is not None and not passive and thing_acts(article.body, clause):
        return "thing as subject"
    if event["type"] == "THREATEN" and clause is not None and not passive:
        head = clause["subject_head"]
        word = article.body[head["start"] : head["end"]].split()[-1:] if head else []
        if word and _DEEDS.fullmatch(word[0]):
            # "This brutal attack by Donald Trump's top man threatens to destabilise Theresa
            # May": a deed that "threatens to" is one that risks; nobody threatens anyone
            return "thing as subject"
    if clause is not None and passive and _thing_agent(article.body, clause):
        # "they are hindered by the same problem which prevented the Americans from …": a
        # thing does it, and whoever its relative clause names is not the actor
        return "thing as subject"
    if event["type"] == "AGREE" and lemma == "agree":
        clause_after = article.body[event["trigger"]["end"] : event["sentence"]["end"]]
        if _WITH_VIEW.match(clause_after.split(",")[0]) or re.match(r"\s*[,.;:]", clause_after):
            return "shared view"  # "agreed with Berger", "Swalwell agreed, saying 'yes …'"
    if (
        lemma in _ADMITTING
        and event["type"] == "CONCEDE"
        and clause is not None
        and clause["complement"] is not None
        and _reports_a_clause(article, clause)
    ):
        return "statement"  # "Mrs May conceded she was on track for a catastrophic defeat"
    if (
        lemma == "insist"
        and event["type"] == "REQUEST"
        and _INSISTS_IT_IS.match(article.body, event["trigger"]["end"], event["sentence"]["end"])
    ):
        return "statement"  # "Hunt insisted Theresa May can still salvage her deal": a claim
    if lemma == "ask" and re.search(
        r"\?\s*[”\"’']?\s*,?\s*$",
        article.body[event["sentence"]["start"] : event["trigger"]["start"]],
    ):
        return "question"  # "“Which one is Mueller?” asked Cindy"
    after = article.body[event["trigger"]["end"] : event["end"]]
    if event["type"] in ("ASSAULT", "COERCE") and (
        _FIGURATIVE.match(after) or _CUSTOMS.match(after) or _OWN_FIGHT.match(after)
    ):
        return "idiom"
    if (
        event["type"] == "ASSAULT"
        and clause is not None
        and clause["object"] is not None
        and _KILLED_PLAN.search(article.body[clause["object"]["start"] : clause["object"]["end"]])
    ):
        return "idiom"  # "Francis officially killed the plan", "torpedoed the deal"
    if event["type"] == "ASSAULT" and _AMONG_THEMSELVES.match(after):
        return "idiom"  # "politicians angrily fighting amongst themselves": infighting
    if event["type"] in _FORCE_TYPES and clause is not None and clause["object"] is not None:
        target = article.body[clause["object"]["start"] : clause["object"]["end"]]
        if _REFLEXIVE.fullmatch(target.strip()):
            return "idiom"  # "continues to surround himself with warhawks": no one is attacked
    if (
        event["type"] in ("ASSAULT", "COERCE")
        and not passive
        and event["actors"]
        and _PATIENTS.fullmatch((event["actors"][0].get("mention") or {}).get("text", "").strip())
    ):
        return "victim as actor"
    if event["type"] in ("ASSAULT", "COERCE") and lemma in _DYING and not passive:
        # "He died at the scene after being attacked by up to ten men": whoever dies is the
        # victim; the attack is coded (or not) on its own verb
        return "victim as actor"
    if (
        event["type"] == "CONSULT"
        and lemma in _GATHERING
        and not event["recipients"]
        and len(event["actors"]) == 1
        and _kind(by_id, event["actors"][0]) == "person"
        and not re.match(r"\s+(?:\w+\s+){0,2}?(?:with|together)\b", after)
    ):
        return "alone"  # "Nigel Farage … gathered to do his speech": one man meets no one
    if (
        event["type"] == "THREATEN"
        and lemma == "caution"
        and not (_WARNS.match(after) or _WARNED_OF.match(after))
    ):
        return "statement"  # "had to caution guests that Mueller's report hadn't been seen"
    if event["type"] == "ASSAULT" and _contest(article, event, lemma, by_id):
        return "contest"  # "he did beat Clinton in 30 states", "defeated a legal threat"
    if event["type"] == "ASSAULT" and lemma == "hurt" and _feelings(article.body, clause, event):
        return "idiom"  # "They are probably hurting right now", "was really hurt"
    if (
        lemma == "demonstrate"
        and event["type"] == "PROTEST"
        and (
            _SHOWS.match(after)
            or _shown(article.body, clause)
            or any(p["sector"] in _STATE_FORCES for p in event["actors"])
        )
    ):
        # "this demonstrates that the genie is out of the bottle"; a government, army, court
        # or police "demonstrating" shows something ("the attitude the British government
        # demonstrated during the talks"): they do not take to the streets
        return "idiom"
    if lemma == "fire" and event["type"] == "ASSAULT" and _fired_person(by_id, event, after):
        return "dismissal"
    if lemma == "blame" and not passive and (event["type"] != "ACCUSE" or not event["recipients"]):
        return "thing blamed"  # "Police shot him, ruled out terrorism and blamed mental illness"
    if (
        lemma == "blame"
        and passive
        and _BLAMED_ON.match(after)
        and not any(p["mention"]["start"] >= event["trigger"]["end"] for p in event["recipients"])
    ):
        # "A big increase in migrants crossing the Channel is being blamed on the chaos
        # surrounding Brexit": what is blamed is the subject; whom, the "on" phrase's
        return "thing blamed"
    if lemma == "release" and event["type"] == "RETREAT" and not passive and clause is not None:
        if clause["object"] is not None and not _frees_someone(article.body, clause):
            return "publication"  # "Barr released a letter", "released drafts of his plea"
    if (
        lemma in MOVEMENT_VERBS
        and not _MEETING.search(after)
        and not _political_any(by_id, event["actors"])
    ):
        return "private journey"
    if _identifiable_any(article, by_id, event["actors"]):
        return None
    if event["type"] == "PROTEST" and event["actors"]:
        return None  # private people protesting are its actor ("students staged protests")
    if lemma in FORCE_VERBS and _identifiable_any(article, by_id, event["recipients"]):
        # force against someone the reader can code stands, though its doer is unknown or
        # unnamed: "Eklund was arrested", "a man fatally shot two police officers"
        return None
    if (
        passive
        and confirmed
        and event["type"] in _FORCE_TYPES
        and _identifiable_any(article, by_id, event["recipients"])
    ):
        return None  # "a US national has been put under investigation", in wire prose
    return "no actor"


#: Things that "threaten", "back" or "reject" only figuratively: an agreement, a law, a plan,
#: a crisis ("May's Brexit deal threatens British national security", "the bill backs farmers").
#: Not a policy: a government's policies are its conduct ("Biden policies … ignoring citizens").
_THINGS = re.compile(
    r"(?:deal|agreement|accord|treaty|pact|plan|law|laws|bill|legislation|"
    r"measure|measures|proposal|regulation|rules?|backstop|move|decision|crisis|conflict|"
    r"situation|pandemic|virus|inflation|prices?|economy|tensions?|changes?|development|"
    r"project|programme|program|scheme|strategy|budget|reform|system|technology|"
    r"problems?|issues?|obstacles?|difficult(?:y|ies)|rates?|figures|numbers|statistics|"
    r"growth|index|share|levels?|totals?|percent|votes?|margin|victory|win|results?|"
    r"settlement|ruling|verdict|injunction|lawsuit|actions|behaviou?r|conduct|attitude|"
    r"stance|approach|demeanou?r|mood|tone|expression|surveys?|polls?|"
    r"study|studies|contributions?|exports?|imports?|trade|sales|spending|deficit|surplus|"
    r"debt|payments?|climate|atmosphere)",
    re.I,
)


#: Deeds and words as a subject: "threatens to" of them is a risk, not a threat.
_DEEDS = re.compile(
    r"(?:attacks?|intervention|interference|remarks|comments?|statements?|speech|tweets?|"
    r"letter|article|report|interview|actions?|behaviou?r|conduct|row|spat|feud|scandal|"
    r"affair|outburst|revelations?|leak|vote|result|outcome|move|stance|approach|"
    r"attempts?|efforts?|bids?)"
)


def _thing_agent(body: str, clause: Clause) -> bool:
    """The "by" phrase of a passive is a thing ("by the same problem which …")."""
    agent = clause["agent"]
    if agent is None:
        return False
    phrase = re.split(
        r"\s+(?:which|that|who|whose|of|from|in|with|for)\b", body[agent["start"] : agent["end"]]
    )[0]
    return ends_in_a_thing(phrase)


def thing_acts(body: str, clause: Clause) -> bool:
    """The clause's subject is a thing, not anyone who acts ('the deal “threatens to change our
    national security policy”'): what the verb says is a description, and whoever made the
    thing is not its actor."""
    head = clause["subject_head"]
    if head is None or head["end"] <= head["start"]:
        return False
    return ends_in_a_thing(body[head["start"] : head["end"]])


def ends_in_a_thing(words: str) -> bool:
    """The phrase's last word is a common noun of :data:`_THINGS` ("the deal", "the problem"),
    or the name of a policy or a treaty ends it ("the Common Fisheries Policy")."""
    split = words.split()
    last = split[-1:] or [""]
    if len(split) > 1 and _NAMED_THING.fullmatch(last[0]):
        return True
    if len(split) > 2 and last[0] == "Bill" and split[0].lower() == "the":
        return True  # "the Finance Bill": a bill, not a man called Bill
    return last[0][:1].islower() and bool(_THINGS.fullmatch(last[0]))


#: The last word of a named policy, law or treaty ("Common Fisheries Policy", "Good Friday
#: Agreement", "Affordable Care Act"); not "Bill", "Law" or "Deal", which are also names.
_NAMED_THING = re.compile(
    r"(?:Policy|Agreement|Act|Treaty|Accord|Programme|Program|Protocol|Initiative|Strategy|"
    r"Directive|Regulation|Convention)"
)


def identifiable(actor: Actor | None, participant: Participant, named: bool = False) -> bool:
    """A participant an analyst can code: a named actor, a people or a group of a political
    sector, or a phrase no actor covers that names one ("the foreign chiefs", "Israeli battle
    tanks"; ``named``: a name or nationality entity lies inside the participant's words)."""
    if actor is None:
        return bool(
            named
            or participant["country"]
            or POLITICAL_AGENT.search(participant["name"])
            or _FULL_NAME.fullmatch(participant["name"])
        )
    if actor["kind"] in _NAMED_KINDS:
        return actor["kind"] != "person" or _proper(participant["name"])
    # a people acts as a party ("Palestinians blamed Israel", "Sunnis have demanded"); a group
    # that has its country only from the story's home country ("white people", "the man" in a
    # US story) is as private as it was
    own_country = actor["country"] and HOME_EVIDENCE not in actor["evidence"]
    return bool(own_country or named) or actor["sector"] in POLITICAL_SECTORS


def _identifiable_any(
    article: Article, by_id: dict[str, Actor], participants: list[Participant]
) -> bool:
    return any(
        identifiable(by_id.get(p["actor"] or ""), p, _named(article, p)) for p in participants
    )


def _kind(by_id: dict[str, Actor], participant: Participant) -> str | None:
    """The kind of the participant's actor ("person", "country", …), None when it has none."""
    actor = by_id.get(participant["actor"] or "")
    return actor["kind"] if actor is not None else None


def _political_any(by_id: dict[str, Actor], participants: list[Participant]) -> bool:
    """A participant of a political sector, or a state, government, armed force or IGO."""
    for participant in participants:
        actor = by_id.get(participant["actor"] or "")
        if participant["sector"] in POLITICAL_SECTORS or (
            actor is not None and actor["kind"] in _POLITICAL_KINDS
        ):
            return True
    return False


#: The "on" phrase of a passive "blamed": "is being blamed on the chaos …".
_BLAMED_ON = re.compile(r"\s+(?:\w+\s+){0,2}?on\b", re.I)
#: What a release publishes: a letter, a report, drafts, the names of the accused.
_PUBLISHED = re.compile(
    r"(?:letters?|reports?|statements?|videos?|footage|documents?|records?|data|details|"
    r"findings|names|lists?|logs|drafts?|transcripts?|memos?|memorandum|e-?mails?|books?|"
    r"albums?|songs?|films?|photos?|photographs?|images?|pictures?|audio|recordings?|"
    r"tapes?|texts?|summary|summaries|versions?|plans?|proposals?|budgets?|guidance|"
    r"guidelines|figures|statistics|results|information|evidence|files?|cop(?:y|ies)|"
    r"excerpts?|accounts?|analysis|study|studies|surveys?|polls?|updates?|forecasts?|"
    r"estimates?|numbers|timelines?|papers?|manifesto|communiqu[eé]|declarations?|notices?|"
    r"dossiers?|tweets?|posts?|messages?|podcasts?|trailers?|teasers?|maps?|rules|"
    r"regulations|stats)",
    re.I,
)


def _frees_someone(body: str, clause: Clause) -> bool:
    """Whether "released …" frees someone: the head noun of its object (before "of",
    "about", …) is not something published (a letter, a report, drafts, the names of the
    accused); "released two followers of rebel leader Jonas Eklund" frees people."""
    obj = clause["object"]
    assert obj is not None
    text = body[obj["start"] : obj["end"]]
    head = re.split(r"\s+(?:of|about|on|from|to|for|with|that|which|detailing)\s+", text)[0]
    last = re.findall(r"[\w-]+", head)[-1:]
    return not (last and _PUBLISHED.fullmatch(last[0]))


def _asks_own_country(body: str, by_id: dict[str, Actor], event: Event) -> bool:
    """The actors are a government's people and the recipients only their own country, named
    as such ("the UK should …"; "Ukraine's allies" are not Ukraine)."""
    actors = [by_id.get(p["actor"] or "") for p in event["actors"]]
    countries = {a["country"] for a in actors if a is not None and a["sector"] in ("GOV", "MIL")}
    return (
        len(countries) == 1
        and None not in countries
        and bool(event["recipients"])
        and all(
            _kind(by_id, p) == "country"
            and p["country"] in countries
            and not re.search(r"['’]s?\b", body[p["mention"]["start"] : p["mention"]["end"] + 2])
            for p in event["recipients"]
        )
    )


#: Verbs of coming together: one person alone does not.
_GATHERING = frozenset({"gather", "assemble", "convene", "meet", "congregate"})
#: Verbs of winning: a contest's, unless arms are in it.
_WINNING = frozenset({"beat", "defeat", "crush", "trounce", "rout", "thrash", "best", "edge"})
#: Words of an election, a court or a game in the sentence.
_CONTESTS = re.compile(
    r"\b(?:elections?|electoral|vot\w*|polls?|races?|primar(?:y|ies)|states?|seats?|ballots?|"
    r"campaign|percent|points|match|game|final|legal|court|lawsuit|suit|case|bid|contest)\b",
    re.I,
)
#: What "suggested" says when it guesses: "… that X could/might be …".
_SPECULATES = re.compile(r"\s+(?:that\s+)?[^.;:]{0,80}?\b(?:could|might|may)\s+(?:\w+\s+)?be\b")


def _reports_a_clause(article: Article, clause: Clause) -> bool:
    """The verb is followed, with at most "that" between, by a clause with its own subject
    ("conceded (that) she was on track for defeat"), not by a phrase ("conceded on Election
    Day")."""
    after = _THAT.match(article.body, clause["verb"]["end"])
    start = after.end() if after else clause["verb"]["end"]
    return any(
        c["subject"] and c is not clause and start <= c["subject"]["start"] <= start + 1
        for c in article.clauses
    )


_THAT = re.compile(r"\s*(?:that\b)?\s*")
#: Verbs of admitting: with a reported clause they say what is so, and yield nothing.
_ADMITTING = {"concede", "admit", "acknowledge", "accept", "grant"}
#: "insisted (that) X can/will/is …": a claim of what is or will be, no demand.
_INSISTS_IT_IS = re.compile(
    r"\s+(?:that\s+)?(?![^.;]*\b(?:should|must|ought)\b)[^.;]{0,80}?\b(?:can|could|will|"
    r"would|is|are|was|were|has|have|had)\b"
)
#: A plan, a bill or a deal as the object of force: "killed the plan" stops it.
_KILLED_PLAN = re.compile(
    r"^(?:the|a|an|this|that|his|her|its|their)?\s*(?:[\w-]+\s+){0,2}?(?:plans?|proposals?|"
    r"bill|deal|idea|measure|project|programme|program|initiative|legislation|reform|talks)\b"
    r"(?!\s+(?:site|office|building|headquarters))",
    re.I,
)
#: Sectors of the state's own bodies, which show rather than demonstrate.
_STATE_FORCES = {"GOV", "MIL", "JUD", "COP", "SPY"}
#: What "demonstrates" shows, when it is not a protest: "demonstrates that …", "its resolve".
_SHOWS = re.compile(
    r"\s+(?:that|how|what|why|its|their|his|her|our|this|these|those|clearly|again)\b", re.I
)


def _shown(body: str, clause: Clause | None) -> bool:
    """ "demonstrate" with an object that is no stretch of time shows something ("the
    government demonstrates a special need"); "demonstrated all day" protests."""
    if clause is None or clause["object"] is None:
        return False
    text = body[clause["object"]["start"] : clause["object"]["end"]]
    return not re.match(
        r"(?:the\s+|all\s+|this\s+|that\s+|every\s+)?(?:whole\s+|entire\s+)?"
        r"(?:day|night|week|weekend|morning|afternoon|evening|month|year)s?\b",
        text,
        re.I,
    )


def _contest(article: Article, event: Event, lemma: str, by_id: dict[str, Actor]) -> bool:
    """A win in an election, a court or a game, told with a verb of force: a verb of winning,
    no armed or police participant, and words of a contest after the verb."""
    if lemma not in _WINNING:
        return False
    armed = any(
        p["sector"] in ("MIL", "REB", "COP") or _kind(by_id, p) == "military"
        for p in event["actors"] + event["recipients"]
    )
    # the contest is told after the verb: "beat Clinton in 30 states", "crushed her on
    # election day", "defeated a legal threat"
    told = article.body[event["trigger"]["end"] : event["sentence"]["end"]]
    return not armed and bool(_CONTESTS.search(told))


def _feelings(body: str, clause: Clause | None, event: Event) -> bool:
    """ "hurt" as a feeling: intransitive ("they are hurting") or a passive with no agent and
    a word of degree before it ("he was really hurt")."""
    if clause is None:
        return False
    if not clause["passive"]:
        return clause["object"] is None
    lead = body[max(0, event["trigger"]["start"] - 25) : event["trigger"]["start"]]
    return clause["agent"] is None and bool(
        re.search(r"\b(?:really|deeply|very|so|truly|personally|clearly|genuinely)\s+$", lead)
    )


def _fired_person(by_id: dict[str, Actor], event: Event, after: str) -> bool:
    """Whether "fired" dismisses a person: its recipient is a person, or the words after it
    name an employee; never "fired at" or "fired on" someone, which is shooting."""
    if re.match(r"\s*(?:at|on|upon|into|toward|towards|back)\b", after, re.I):
        return False
    if _DISMISSED.match(after):
        return True
    return any(
        _kind(by_id, p) == "person" and p["mention"]["start"] >= event["trigger"]["end"]
        for p in event["recipients"]
    )


def _named(article: Article, participant: Participant) -> bool:
    """A name or nationality entity lies inside the participant's words."""
    mention = participant["mention"]
    return any(
        entity["label"] in _NAME_LABELS
        and mention["start"] <= entity["start"]
        and entity["end"] <= mention["end"]
        for entity in article.entities
    )


def _proper(name: str) -> bool:
    return any(word[:1].isupper() for word in name.split())


def _question(event: Event) -> bool:
    """The event's sentence asks rather than tells (its last mark, outside quotes, is '?')."""
    text = event["sentence"]["text"].rstrip(" \"'”’)»")
    return text.endswith("?")
