"""A person actor's grammatical gender, when the article states it, for pronoun resolution.

"she said" must not resolve to a man, nor "he said" to a woman. Gender is never guessed from
weak signals; it is ``"m"`` or ``"f"`` only when the article itself says so:

- a gendered title or role word written with a mention or in the actor's role ("Mr", "Mrs",
  "Ms", "Sir", "Dame", "King", "Queen", "congresswoman", "spokesman");
- a common given name from a short list written for chronist (no external data: widespread
  given names of English, European, Slavic, Arabic and other usage whose gender is not in doubt,
  unisex names left out);
- a possessive pronoun that follows the bare name as the subject of its clause ("X and his
  wife", "X said her party …").

Conflicting signals give ``None`` (unknown), which resolution treats as compatible with either
pronoun.
"""

from __future__ import annotations

import re
from typing import Any

#: Titles and role words that state a gender (folded, without a final period).
_MALE_WORDS = {
    "mr", "sir", "lord", "king", "prince", "duke", "earl", "baron", "count", "emperor",
    "sheikh", "father", "brother", "monsignor", "rabbi", "imam", "ayatollah", "pope",
    "grand duke", "chairman", "spokesman", "congressman", "assemblyman", "councilman",
    "businessman", "policeman", "fireman", "sultan", "emir", "tsar", "czar", "husband",
    "son", "uncle", "nephew", "grandfather", "boyfriend", "widower", "mister",
}  # fmt: skip
_FEMALE_WORDS = {
    "mrs", "ms", "miss", "madam", "madame", "dame", "lady", "queen", "princess", "duchess",
    "countess", "baroness", "empress", "sister", "mother", "chairwoman", "spokeswoman",
    "congresswoman", "assemblywoman", "councilwoman", "businesswoman", "policewoman",
    "wife", "daughter", "aunt", "niece", "grandmother", "girlfriend", "widow", "sultana",
    "mme", "mlle", "frau",
}  # fmt: skip

#: Common given names whose gender is not in doubt (folded).
_MALE_NAMES = set(
    """
    aaron abdul abdullah abraham adam adrian ahmad ahmed alan albert alexander alexei alexey
    alfred ali alistair anatoly andre andrei andrew andrey angus anthony anton antonio anwar
    arnold arthur barack benjamin bernard bill billy bob boris brian bruce carl carlos charles
    christopher colin craig daniel david dennis dmitri dmitry donald douglas duncan edward emmanuel
    eric ernest evgeny fernando francis francisco frank fred frederick gary george gerald gordon
    graham gregory hamid harold harry hassan henry hugh hussein ian igor ibrahim isaac ivan jack
    jacob jake james jason javier jeffrey jeremy jerry jim jimmy joe john jonathan jorge jose
    joseph juan justin keith kenneth kevin khalid larry lawrence leonid liam louis luis malcolm
    mark martin matthew michael mikhail mohamed mohammad mohammed muhammad mustafa nathan neil
    nicholas nick nigel nikolai oleg omar oliver owen patrick paul pedro peter philip phillip
    pierre ralph raymond richard robert roger ronald roy russell ryan samuel scott sean sergei
    sergey simon stanley stephen steve steven stuart ted terry thomas timothy tom tony victor
    vincent vladimir walter wayne william xavier yuri yusuf
    abdel andrzej antony boyko dmytro fyodor gerhard hans heinrich jair jens joachim
    jonas keir lloyd mateusz mitch mykhailo narendra nikolay olaf oleksii oleksandr pavel rishi
    ramzan recep sergiy sigmar silvio stefan thierry viktor volodymyr wolfgang yevgeny
    """.split()
)
_FEMALE_NAMES = set(
    """
    agnes alice alison amanda amy ana andrea angela ann anna anne annie barbara betty brenda
    carol caroline catherine cathy charlotte christine claire clara cynthia deborah denise diana
    diane donna dorothy elena elizabeth ellen emily emma fatima frances helen irina jane janet
    jennifer jessica joan joanna judith julia julie karen katherine kathleen kathryn kate laura
    linda lisa louise lucy margaret maria marie marina martha mary melissa michelle nancy natalia
    natalya nicola nicole olga pamela patricia rachel rebecca ruth sandra sarah sharon sophie
    stephanie susan svetlana teresa theresa valentina victoria virginia yulia zainab
    alexandria amber annalena beatrice bridget carla chelsea christina christiane cristina
    dominique eleanor elise elisabeth ella ellie esther eva eve evelyn fiona giorgia
    gillian gloria hannah hillary ilhan ingrid isabel isabella ivanka jacinda jacqueline
    jill josephine joyce kamala katarina katrin kirsten kristen kristina leah lila liz lydia
    madeleine magdalena marcia margarethe marianne marine marisa megan melania mette meghan
    miriam monica nadine nadia naomi natasha nikki nina nora oksana paula pauline penny
    petra priti rania renata rita roberta rosa rose sabine sanna silvia sonia sophia suella
    sylvia tamara tatiana tulsi ursula vanessa vera veronica wendy yasmin zoe
    """.split()
)

_PRONOUN_GENDER = {
    "he": "m", "him": "m", "his": "m", "himself": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f",
}  # fmt: skip

_WORD = re.compile(r"[A-Za-z]+")
_FOLLOWING_POSSESSIVE = re.compile(r"^,?\s+and\s+(his|her)\s")


def pronoun_gender(pronoun: str) -> str | None:
    """``"m"`` for he/him/his, ``"f"`` for she/her, else None."""
    return _PRONOUN_GENDER.get(pronoun.lower())


def given_name_gender(word: str) -> str | None:
    """``"m"`` or ``"f"`` for a common given name whose gender is not in doubt, else None."""
    folded = word.lower()
    if folded in _MALE_NAMES:
        return "m"
    if folded in _FEMALE_NAMES:
        return "f"
    return None


def _word_gender(text: str) -> str | None:
    """The gender a title or role word in ``text`` states, or None (none, or both)."""
    words = {w.lower() for w in _WORD.findall(text)}
    male = bool(words & _MALE_WORDS)
    female = bool(words & _FEMALE_WORDS)
    if male != female:
        return "m" if male else "f"
    return None


def actor_gender(actor: dict[str, Any], body: str) -> str | None:
    """``"m"``, ``"f"`` or None: the gender the article states for a person ``actor``.

    Signals: a gendered title written just before or inside a mention ("Mrs", "Sir"), the
    actor's role ("spokeswoman"), its first given name, and "his"/"her" right after a mention
    ("X and his wife"). Disagreeing signals give None.
    """
    if actor.get("kind") != "person":
        return None
    votes: set[str] = set()
    for mention in actor.get("mentions", []):
        start, end = mention["start"], mention["end"]
        before = body[max(0, start - 16) : start]
        title = re.search(r"([A-Za-z]+)\.?\s+$", before)
        for text in (body[start:end], title.group(1) if title else ""):
            said = _word_gender(text)
            if said:
                votes.add(said)
        after = _FOLLOWING_POSSESSIVE.match(body[end : end + 30])
        if after:
            votes.add(_PRONOUN_GENDER[after.group(1).lower()])
    role = actor.get("role") or ""
    said = _word_gender(role)
    if said:
        votes.add(said)
    words = [w.lower() for w in _WORD.findall(actor.get("name") or "")]
    words = [w for w in words if w not in _MALE_WORDS and w not in _FEMALE_WORDS]
    if len(words) >= 2:  # a given name is only a given name before a surname
        given = given_name_gender(words[0])
        if given:
            votes.add(given)
    return votes.pop() if len(votes) == 1 else None


def gender_fit(actor: dict[str, Any], body: str, pronoun: str) -> int | None:
    """How well ``pronoun`` fits ``actor``: 0 the article gives the actor the pronoun's gender,
    1 either is unknown, None the article says the actor is of the other gender."""
    wanted = pronoun_gender(pronoun)
    if wanted is None:
        return 1
    known = actor_gender(actor, body)
    if known is None:
        return 1
    return 0 if known == wanted else None
