"""The PLOVER ontology and the verb lexicon converted from the PETRARCH CAMEO dictionary.

Only the shipped ``lexicon.json.gz`` is needed for most tests (it is committed); the build
script's tests need ``../shared`` and are skipped without it.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import sys
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from chronist.events.lexicon import (
    Entry,
    Lexicon,
    load_lexicon,
    read_lexicon,
    with_news_verbs,
    words,
)
from chronist.events.ontology import (
    PLOVER_TYPES,
    event_score,
    event_type,
    normalise_mode,
)

from .conftest import CORPORA, need_shared

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "src" / "chronist" / "events" / "data" / "lexicon.json.gz"
TYPES = (
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN "
    "PROTEST SANCTION MOBILIZE COERCE ASSAULT"
).split()


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon()


@pytest.fixture(scope="module")
def build():
    """tools/build_event_lexicon.py as a module (it needs ../shared to run)."""
    need_shared(CORPORA / "phoenix-dictionaries" / "CAMEO.2.0.txt")
    need_shared(CORPORA / "plover-gsr" / "CAMEO2PLOVER-2021.txt")
    path = ROOT / "tools" / "build_event_lexicon.py"
    spec = importlib.util.spec_from_file_location("build_event_lexicon", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_event_lexicon"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _match(lexicon: Lexicon, lemma: str, after: str = "", before: str = "") -> Entry | None:
    """As the coder calls it: the first word after the verb offered as its particle."""
    first = words(after)[:1]
    return lexicon.match(lemma, after, before, first[0] if first else None)


# ---------------------------------------------------------------------- the ontology
def test_the_16_types_with_their_quads_scores_and_modes():
    assert list(PLOVER_TYPES) == TYPES
    quads = {name: t.quad for name, t in PLOVER_TYPES.items()}
    assert {n for n, q in quads.items() if q == 1} == {"AGREE", "CONSULT", "SUPPORT", "CONCEDE"}
    assert {n for n, q in quads.items() if q == 2} == {"COOPERATE", "AID", "RETREAT"}
    assert {n for n, q in quads.items() if q == 3} == {"REQUEST", "ACCUSE", "REJECT", "THREATEN"}
    assert {n for n, q in quads.items() if q == 4} == {
        "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    }  # fmt: skip
    names = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict"}
    names[4] = "material conflict"
    for kind in PLOVER_TYPES.values():
        assert kind.quad_name == names[kind.quad]
        assert (kind.score > 0) == (kind.quad <= 2), kind  # cooperation +, conflict - (or 0)
        assert -10 <= kind.score <= 10
        assert kind.definition.endswith(".") and len(kind.definition) < 200
    consult = event_type("CONSULT")
    assert {"phone", "visit", "third-party", "multilateral"} == set(consult.modes)
    assert event_type("AGREE").modes == ()
    assert "discontinue" in event_type("SANCTION").modes
    assert event_type("ASSAULT").score == -9.0 and event_type("AID").score == 10.0


def test_old_names_and_unknown_names():
    assert event_type("DEMAND").name == "REQUEST"
    assert event_type("DISAPPROVE").name == "ACCUSE"
    assert event_type("INVESTIGATE").name == "ACCUSE"
    assert event_type("FIGHT").name == "ASSAULT"
    assert event_type("consult").name == "CONSULT"
    assert normalise_mode("DISAPPROVE", None) == "disapprove"
    assert normalise_mode("INVESTIGATE", "") == "investigate"
    assert normalise_mode("ACCUSE", None) is None
    with pytest.raises(KeyError, match="not a PLOVER event type.*AGREE"):
        event_type("YIELD")
    with pytest.raises(KeyError):
        normalise_mode("APPEAL", "phone")


def test_modes_are_normalised_to_plover_2():
    assert normalise_mode("CONSULT", "Third party") == "third-party"
    assert normalise_mode("CONSULT", "PHONE") == "phone"
    assert normalise_mode("CONSULT", "telephone") == "phone"
    assert normalise_mode("ASSAULT", "assassinate") == "targeted"  # renamed in 2.0
    assert normalise_mode("ASSAULT", "heavy_weapons") == "heavy-weapons"
    assert normalise_mode("COERCE", "confiscate") == "seize"
    assert normalise_mode("RETREAT", "return") is None  # dropped in 2.0
    assert normalise_mode("CONSULT", "riot") is None  # not a CONSULT mode


def test_scores_of_modes():
    assert event_score("CONSULT") == 2.5
    assert event_score("CONSULT", "phone") == 1.5
    assert event_score("ASSAULT", "unconventional") == -10.0
    assert event_score("PROTEST", "vandalize") == -5.0  # no row: the type's score
    assert event_score("ACCUSE") == -3.0  # the manual prints +3: see the module docstring


# ---------------------------------------------------------------------- the shipped lexicon
def test_lexicon_loads_once_and_every_entry_is_plover(lexicon):
    assert load_lexicon() is lexicon
    assert len(lexicon) > 1000
    assert lexicon.about["plover_version"] == "2.0"
    counts = lexicon.about["counts"]
    # the counts describe the CAMEO file; chronist's news verbs come on top of it
    cameo = read_lexicon(
        resources.files("chronist.events").joinpath("data", "lexicon.json.gz").read_bytes()
    )
    assert counts["lemmas"] == len(cameo) < len(lexicon)
    assert counts["entries"] == sum(len(es) for es in cameo.verbs.values())
    assert set(counts["per_type"]) == set(TYPES)
    for source in lexicon.about["sources"].values():
        assert len(source["commit"]) == 40 and len(source["sha256"]) == 64
    for lemma, entries in lexicon.verbs.items():
        assert entries, lemma
        assert lemma == lemma.lower().strip()
        for entry in entries:
            # "-": a news verb's words that name no event ("pleaded guilty")
            assert entry.type in PLOVER_TYPES or entry.type == "-" and not entry.cameo, entry
            assert entry.mode is None or entry.mode in PLOVER_TYPES[entry.type].modes, entry
            # a news verb of chronist's own has no CAMEO code
            assert entry.cameo == "" or entry.cameo.isdigit() and 3 <= len(entry.cameo) <= 4
            for word in entry.before + entry.after:
                assert word == word.lower() and " " not in word and "*" not in word, entry
                if word.startswith("&"):
                    assert word[1:] in lexicon.sets, entry


def test_shipped_file_is_small_and_ships_in_the_wheel():
    assert SHIPPED.stat().st_size < 500_000
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "events/data/*.json.gz" in config["tool"]["setuptools"]["package-data"]["chronist"]


def test_real_verbs_get_their_type(lexicon):
    assert _match(lexicon, "accuse", "the opposition of vote fraud").type == "ACCUSE"
    assert _match(lexicon, "sanction", "three russian banks").type == "SANCTION"
    assert _match(lexicon, "meet", "officials in geneva on tuesday").type == "CONSULT"
    assert _match(lexicon, "attack", "a convoy near the border").type == "ASSAULT"
    assert _match(lexicon, "impose", "new sanctions on iran").type == "SANCTION"
    # CAMEO 057 "sign formal agreement" is SUPPORT in the table (and in the 2.0 manual);
    # "sign a trade agreement" is the table's 0311, AGREE with an economic context.
    signed = _match(lexicon, "sign", "an agreement with the rebels")
    assert (signed.type, signed.cameo) == ("SUPPORT", "057")
    trade = _match(lexicon, "sign", "a trade agreement")
    assert (trade.type, trade.cameo, trade.context) == ("AGREE", "0311", "economic")
    # Agreeing is AGREE: the dictionary's bare "agree" (050, SUPPORT) is replaced by 030.
    agreed = _match(lexicon, "agree", "upon a new free-trade pact")
    assert (agreed.type, agreed.cameo) == ("AGREE", "030")
    assert _match(lexicon, "agree", "to a ceasefire").cameo == "0356"  # patterns stay


def test_a_pattern_beats_the_default(lexicon):
    assert _match(lexicon, "release", "").type == "RETREAT"  # the default
    assert _match(lexicon, "release", "five prisoners").mode == "release"
    assert _match(lexicon, "release", "emergency aid to refugees").type == "AID"
    assert _match(lexicon, "withdraw", "").type == "CONCEDE"
    withdrew = _match(lexicon, "withdraw", "its ambassador")
    assert (withdrew.type, withdrew.cameo) == ("SANCTION", "161")
    # FREEZE has no default: only its patterns code it.
    frozen = _match(lexicon, "freeze", "all aid to the country")
    assert (frozen.type, frozen.after) == ("SANCTION", ("aid",))
    assert _match(lexicon, "freeze", "the talks") is None


def test_particles_plurals_and_synonym_sets(lexicon):
    assert _match(lexicon, "call", "the president").mode == "phone"
    off = _match(lexicon, "call", "off the talks")
    assert (off.type, off.particle) == ("SANCTION", "off")
    assert lexicon.match("call", "the talks", particle="off").particle == "off"
    # "sanctions" matches the pattern word "sanction(s)"; "on" must not match "one".
    assert _match(lexicon, "impose", "sweeping sanctions").after == ("sanctions",)
    # &treaty stands for treaty, pact, accord, agreement ...
    assert lexicon.sets["treaty"] and ("pact",) in lexicon.sets["treaty"]
    assert _match(lexicon, "sign", "a defence pact").type == "COOPERATE"


def test_unknown_lemma_gives_none(lexicon):
    assert lexicon.match("xyzzy", "the talks") is None
    assert lexicon.entries("xyzzy") == ()
    assert "xyzzy" not in lexicon and "accuse" in lexicon


def test_matching_rules_on_a_small_lexicon():
    lex = Lexicon(
        {
            "hit": (
                Entry("190", "ASSAULT"),
                Entry("193", "ASSAULT", "firearms", after=("with", "&gun")),
                Entry("1823", "ASSAULT", after=("with", "&gun")),  # same words, longer code
                Entry("111", "ACCUSE", "disapprove", after=("out",), particle="back"),
                Entry("145", "PROTEST", "riot", before=("protester",)),
            )
        },
        sets={"gun": (("rifle",), ("machine", "gun"))},
    )
    assert lex.match("hit", "the town").cameo == "190"
    assert lex.match("hit", "them with a machine gun").cameo == "1823"  # tie: longer code
    assert lex.match("hit", "them with a rifles").cameo == "1823"  # inflection
    assert lex.match("hit", "them with a rifleman's").cameo == "190"  # more than 3 letters on
    assert lex.match("hit", "back and out").cameo == "111"
    assert lex.match("hit", "out", particle="back").cameo == "111"
    assert lex.match("hit", "out").cameo == "190"
    assert lex.match("hit", "police", "angry protesters").cameo == "145"
    assert lex.match("Hit", "").cameo == "190"
    assert words("U.N. sit-in, 2 weeks") == ("un", "sit", "in", "2", "weeks")
    # a pattern's words lie within 4 tokens of the verb and of each other
    assert lex.match("hit", "them hard and fast with a big rifle").cameo == "1823"
    assert lex.match("hit", "them with a big new shiny old rifle").cameo == "190"
    assert lex.match("hit", "the town, local officials said on Monday, with a rifle").cameo == "190"


def test_patterns_do_not_reach_across_the_sentence(lexicon):
    # CAMEO's EXPRESS ... ATTACK and SAY ... SANCTIONS matched words of another phrase
    condolences = "condolences to the government of Turkey after the attack in Ankara"
    assert lexicon.match("express", condolences).type != "ASSAULT"
    restore = "he would call on the UN Security Council to restore all sanctions on Iran"
    assert lexicon.match("say", restore) is None or lexicon.match("say", restore).type != "SANCTION"
    # (a news verb of its own: expressing support is an endorsement now, PLOVER SUPPORT)
    assert lexicon.match("express", "strong support for the plan").type == "SUPPORT"


# ---------------------------------------------------------------------- the build script
def test_build_is_reproducible_and_matches_the_shipped_file(build, tmp_path):
    first, second = tmp_path / "a.json.gz", tmp_path / "b.json.gz"
    assert build.main(["--out", str(first)]) == 0
    assert build.main(["--out", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes()[4:8] == b"\0\0\0\0"  # gzip mtime 0
    assert first.read_bytes() == SHIPPED.read_bytes(), "rebuild the shipped lexicon"
    data = json.loads(gzip.decompress(first.read_bytes()))
    assert set(data) == {"about", "sets", "verbs"}
    assert read_lexicon(first.read_bytes()).verbs.keys() == data["verbs"].keys()


def test_build_parses_the_dictionary_syntax(build):
    from collections import Counter

    stats: Counter[str] = Counter()
    assert build.parse_code("[042:043]", stats) == "042"
    assert build.parse_code("[080!]", stats) == "080"
    assert build.parse_code("[---]", stats) is None
    assert build.parse_code("[:173]", stats) is None
    assert build.split_head("+STIR_UP") == ("STIR", "up")
    assert build.split_head("+GET_HOLD_OF") == ("GET", "hold of")
    assert build.split_head("FREEZE") == ("FREEZE", None)
    assert build._pattern_items("- &MILITARY * (TO {BANNED PARTIES}) $ +"[1:]) == [
        "&military", "*", "to", "banned", "parties",
    ]  # fmt: skip
    lemma = build.Lemmatizer()
    assert [lemma(w) for w in ("FREEZE", "PRESS", "FORGAVE", "BURNT", "UNIMPRESS")] == [
        "freeze", "press", "forgive", "burn", "unimpress",
    ]  # fmt: skip


def test_news_verbs_replace_or_add_entries(lexicon):
    # "partnered with", "recruiting troops": verbs of news prose the CAMEO dictionary lacks
    assert lexicon.match("partner", " with the ministry").type == "COOPERATE"
    assert lexicon.match("recruit", " fighters abroad").type == "MOBILIZE"
    # "voted in favour of the bill" is support, not CAMEO's bare intent (030)
    assert lexicon.match("vote", " in favour of the bill").type == "SUPPORT"
    assert lexicon.match("vote", " against the motion").type == "REJECT"
    # a line replaces the CAMEO entry with the same words and keeps the others
    base = Lexicon({"supply": (Entry("060", "COOPERATE"), Entry("070", "AID", after=("food",)))})
    merged = with_news_verbs(base, "lemma\tparticle\tafter\ttype\twhy\nsupply\t-\t-\tAID\tx\n")
    assert [(e.type, e.after) for e in merged.entries("supply")] == [
        ("AID", ()),
        ("AID", ("food",)),
    ]


def test_news_senses_of_surface_verbs(lexicon):
    # "fired Officer Guyger" is a dismissal; shooting keeps its words
    assert lexicon.match("fire", " officer jonas eklund on monday").type == "SANCTION"
    assert lexicon.match("fire", " for lying to the inquiry").type == "SANCTION"
    for shooting in (" on the protesters", " shots into the air", " tear gas at the crowd"):
        assert lexicon.match("fire", shooting).type == "ASSAULT", shooting
    # what is expressed decides: concern is disapproval, an interest is nothing
    assert lexicon.match("express", " grave concerns about the plan").type == "ACCUSE"
    assert lexicon.match("express", " admiration for the officer").type == "SUPPORT"
    assert lexicon.match("express", " an interest in the statements").type == "-"
    # taking part and dying are no attack; fighting is
    assert lexicon.match("engage", " in a prolonged court battle").type == "-"
    assert lexicon.match("engage", " in heavy fighting near the port").type == "ASSAULT"
    assert lexicon.match("die", " of a gunshot wound").type == "-"
    # a lawsuit is an accusation, a headline's "slams" is criticism, a defence is in words
    assert lexicon.match("sue", " the administration").type == "ACCUSE"
    assert lexicon.match("slam", " the deal as a betrayal").type == "ACCUSE"
    assert lexicon.match("defend", " the minister as an outstanding man").type == "SUPPORT"
    # exposing wrongdoing accuses; an invasion is an attack; a court's injunction restrains
    assert lexicon.match("expose", " the corruption of the harbour board").type == "ACCUSE"
    assert lexicon.match("invade", " the island of Harrow").type == "ASSAULT"
    assert lexicon.match("grant", " an injunction on Tuesday").type == "COERCE"
    assert lexicon.match("grant", " the refugees asylum").type != "COERCE"
    # bringing in a bill is no meeting; looking for something is no investigation
    assert lexicon.match("introduce", " legislation to prohibit the plans").type == "-"
    assert lexicon.match("search", " for survivors", particle="for").type == "-"
    # appeals, criticism and refusals in their news words
    assert lexicon.match("press", " the government to act now").type == "REQUEST"
    assert lexicon.match("lobby", " the ministry for a ban").type == "REQUEST"
    assert lexicon.match("attack", " the plan as reckless").type == "ACCUSE"
    assert lexicon.match("attack", " the convoy near Harrow").type == "ASSAULT"
    assert lexicon.match("veto", " the resolution").type == "REJECT"
    assert lexicon.match("dismiss", " the claims as baseless").type == "REJECT"
    assert lexicon.match("indict", " the mayor on fraud charges").type == "ACCUSE"
    # a pattern's function word is matched whole: "led by an anonymous forum user" is no visit
    # ("for" is not "forum"), and leading names no act
    assert lexicon.match("lead", " by an anonymous forum user").type == "-"
    assert lexicon.match("call", " forces to the border").type != "REQUEST"
    # a pattern word grows by an inflection only: White House aides give no aid
    small = Lexicon({"give": (Entry("070", "AID", after=("aid",)),)})
    assert small.match("give", " aid to the refugees").type == "AID"
    assert small.match("give", " aided refugees").type == "AID"
    assert small.match("give", " his aides a briefing") is None
