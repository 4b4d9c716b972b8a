"""The language layer on the two seed articles: actors, dates and places an analyst expects."""

from __future__ import annotations

import pytest

from chronist.extract import extract
from chronist.language import LanguageStage, resolve_pronoun
from chronist.sources import read_path

SCF = "000_b916ab04b36c1af1.txt"
SPUTNIK = "004_d31f05e20acff18c.txt"


@pytest.fixture(scope="module")
def stage():
    return LanguageStage()


@pytest.fixture(scope="module")
def seeds(seeds_dir, stage):
    raw = [next(iter(read_path(str(seeds_dir / name)))) for name in (SCF, SPUTNIK)]
    analysed = stage.analyze_many([extract(r) for r in raw])
    return dict(zip((SCF, SPUTNIK), analysed, strict=True))


def _actor(article, name):
    found = [a for a in article.actors if a["name"] == name]
    assert found, f"{name} not among {[a['name'] for a in article.actors]}"
    return found[0]


def _mentions(article, name):
    return [m["text"] for m in _actor(article, name)["mentions"]]


@pytest.mark.parametrize(
    ("seed", "name", "country", "sector"),
    [
        (SPUTNIK, "John Kerry", "USA", "GOV"),
        (SPUTNIK, "Sergei Lavrov", "RUS", "GOV"),
        (SPUTNIK, "Yury Ushakov", "RUS", "GOV"),
        (SPUTNIK, "Leonid Ivashov", "RUS", "MIL"),
        (SPUTNIK, "Bashar al-Assad", "SYR", "GOV"),
        (SCF, "Barack Obama", "USA", "GOV"),
        (SCF, "John Kerry", "USA", "GOV"),
        (SCF, "Sergei Lavrov", "RUS", "GOV"),
        (SCF, "Mikhail Bogdanov", "RUS", "GOV"),
        (SCF, "Bashar Assad", "SYR", "GOV"),
        (SCF, "Jennifer Cafarella", "USA", None),
    ],
)
def test_people_are_coded(seeds, seed, name, country, sector):
    actor = _actor(seeds[seed], name)
    assert actor["kind"] == "person"
    assert actor["country"] == country, actor
    if sector:
        assert actor["sector"] == sector, actor
    assert actor["evidence"]


def test_trump_and_trump_jr_are_different_people(seeds):
    article = seeds[SCF]
    trump, junior = _actor(article, "Donald Trump"), _actor(article, "Donald Trump Jr.")
    assert trump["id"] != junior["id"]
    assert trump["country"] == "USA" and junior["country"] == "USA"
    assert "Trump" in _mentions(article, "Donald Trump")
    assert _mentions(article, "Donald Trump Jr.") == ["Donald Trump Jr."]


def test_mentions_and_descriptions_join_the_named_person(seeds):
    sputnik, scf = seeds[SPUTNIK], seeds[SCF]
    assert "America's top diplomat" in _mentions(sputnik, "John Kerry")
    assert "Russia's top diplomat" in _mentions(sputnik, "Sergei Lavrov")
    assert "Lavrov" in _mentions(sputnik, "Sergei Lavrov")
    assert any("top Russian diplomat" in m for m in _mentions(scf, "Sergei Lavrov"))
    kerry = _mentions(scf, "John Kerry")
    assert any(m.endswith("Kerry") and m != "John Kerry" for m in kerry)  # "Mr. Kerry"


def test_metonyms_and_collectives(seeds):
    article = seeds[SPUTNIK]
    by_text = {m["text"]: a for a in article.actors for m in a["mentions"]}
    assert (by_text["Moscow"]["country"], by_text["Moscow"]["sector"]) == ("RUS", "GOV")
    assert (by_text["Washington"]["country"], by_text["Washington"]["sector"]) == ("USA", "GOV")
    assert (by_text["Damascus"]["country"], by_text["Damascus"]["sector"]) == ("SYR", "GOV")
    scf = {m["text"]: a for a in seeds[SCF].actors for m in a["mentions"]}
    army = next(a for t, a in scf.items() if "Syrian army" in t)
    assert (army["country"], army["sector"], army["kind"]) == ("SYR", "MIL", "military")
    officials = scf["Russian officials"]
    assert (officials["country"], officials["sector"]) == ("RUS", "GOV")


def test_every_mention_points_at_its_text(seeds):
    for article in seeds.values():
        for actor in article.actors:
            for m in actor["mentions"]:
                assert article.body[m["start"] : m["end"]] == m["text"]
        for ent in article.entities:
            assert article.body[ent["start"] : ent["end"]] == ent["text"]
        for d in article.dates:
            assert article.body[d["start"] : d["end"]] == d["text"]
        for s in article.sentences:
            assert article.body[s["start"] : s["end"]].strip()


def _dates(article):
    return {d["text"]: d for d in article.dates}


def test_sputnik_dates_anchor_to_2016_not_the_page_clock(seeds):
    dates = _dates(seeds[SPUTNIK])
    assert dates["November 22"]["value"] == "2016-11-22"
    assert dates["November 22"]["anchor"] == {"value": "2016-11-25", "source": "published_after"}
    assert dates["January"]["value"] == "2017-01"
    assert dates["September"]["value"] == "2016-09"
    assert dates["next year"]["value"] == "2017"
    november = next(d for t, d in dates.items() if t.endswith("November") and t != "November 22")
    assert november["value"] == "2016-11"
    assert all("2019" not in (d["value"] or "") for d in dates.values())


def test_scf_dates(seeds):
    dates = _dates(seeds[SCF])
    assert dates["December 3"]["value"] == "2016-12-03"
    assert dates["December 8-9"] == {
        **dates["December 8-9"],
        "value": "2016-12-08/2016-12-09",
        "precision": "range",
    }
    assert (dates["early October"]["value"], dates["early October"]["modifier"]) == (
        "2016-10",
        "early",
    )
    assert dates["January, 2017"]["value"] == "2017-01"
    assert dates["January 20"]["value"] == "2017-01-20"
    assert dates["October"]["value"] == "2016-10"
    assert dates["November"]["value"] == "2016-11"
    assert dates["September"]["value"] == "2016-09"


@pytest.mark.parametrize(
    ("seed", "name", "country"),
    [
        (SCF, "Aleppo", "SY"),
        (SCF, "Rome", "IT"),
        (SCF, "Geneva", "CH"),
        (SCF, "Hamburg", "DE"),
        (SCF, "Paris", "FR"),
        (SCF, "Raqqa", "SY"),
        (SCF, "Mosul", "IQ"),
        (SCF, "Hama", "SY"),
        (SCF, "Homs", "SY"),
        (SCF, "Idlib", "SY"),
        (SPUTNIK, "Aleppo", "SY"),
    ],
)
def test_places_are_located(seeds, seed, name, country):
    place = next(
        (p for p in seeds[seed].places if any(m["text"] == name for m in p["mentions"])), None
    )
    assert place is not None, name
    assert place["country_code"] == country
    assert place["feature_class"] == "P" and place["lat"] is not None and place["geonameid"]


def test_pronoun_api_finds_the_last_person(seeds):
    article = seeds[SPUTNIK]
    offset = article.body.index('," he said.')
    assert resolve_pronoun(article, offset, "he") == _actor(article, "Leonid Ivashov")["id"]


def test_same_results_in_batches_and_one_by_one(seeds, stage):
    for article in seeds.values():
        again = stage.analyze(article)
        assert again.actors == article.actors and again.dates == article.dates


def test_text_beats_the_knowledge_base(stage):
    from chronist.model import Article

    body = (
        "John Kerry, the former senator, spoke at a climate forum in Boston on Tuesday. "
        "Kerry said the agreement would hold."
    )
    kerry_2020 = Article(id="k", input="t", format="text", body=body, published="2020-03-10")
    actor = next(a for a in stage.analyze(kerry_2020).actors if a["name"] == "John Kerry")
    assert actor["sector"] == "ELI" and "former senator" in actor["evidence"]
    plain = "John Kerry spoke at a climate forum in Boston on Tuesday."
    for published, sector in (("2015-06-01", "GOV"), ("2010-06-01", "LEG")):
        article = Article(id="k", input="t", format="text", body=plain, published=published)
        actor = next(a for a in stage.analyze(article).actors if a["name"] == "John Kerry")
        assert (actor["country"], actor["sector"]) == ("USA", sector), published
        assert actor["evidence"].startswith("kb:")


def _clause(article, verb):
    found = [c for c in article.clauses if c["verb"]["text"] == verb]
    assert found, f"no clause on {verb!r}: {[c['verb']['text'] for c in article.clauses]}"
    return found[0]


def test_clauses_give_who_did_what_with_offsets(stage):
    from chronist.model import Article

    body = (
        "The harbour authority, which was criticised by the union, did not reopen the port. "
        "Odile Brant arrived on Monday and told reporters that talks had failed."
    )
    article = stage.analyze(Article(id="t", input="t", format="text", body=body))
    for clause in article.clauses:
        for key in ("verb", "subject", "subject_head", "object", "complement", "agent"):
            span = clause[key]
            if span is not None:
                assert body[span["start"] : span["end"]] == span["text"], (key, span)
    reopen = _clause(article, "reopen")
    assert reopen["negated"] and reopen["lemma"] == "reopen"
    assert reopen["subject_head"]["text"] == "The harbour authority"
    assert reopen["object"]["text"] == "the port"
    criticised = _clause(article, "criticised")
    assert criticised["passive"] and criticised["agent"]["text"] == "the union"
    assert criticised["subject"]["text"] == "which"  # the relative pronoun, standing for …
    assert criticised["subject_head"]["text"] == "The harbour authority"
    told = _clause(article, "told")  # shares "Odile Brant" with "arrived"
    assert told["subject_head"]["text"] == "Odile Brant" and told["lemma"] == "tell"
    assert told["complement"]["text"] == "that talks had failed"


def test_clauses_on_the_seed_name_the_speakers(seeds):
    article = seeds[SPUTNIK]
    subjects = {c["subject_head"]["text"] for c in article.clauses if c["lemma"] == "say"}
    assert any("Leonid Ivashov" in s for s in subjects), subjects


def test_generic_police_take_the_country_of_the_town_they_act_in():
    from chronist.model import Article

    body = (
        "Police in Cleveland said on Sunday that two officers were shot during a traffic stop.\n\n"
        "Prosecutors said the suspect had travelled to China last year."
    )
    article = LanguageStage().analyze(Article(id="t", input="t", format="text", body=body))
    codes = {a["name"].lower(): a["country"] for a in article.actors}
    assert codes.get("police") == "USA"
    # a country named in passing places no one
    assert codes.get("prosecutors") is None


def test_a_pronoun_in_an_opening_subordinate_clause_names_the_subject_after_it():
    from chronist.model import Article

    body = (
        "Tomas Varga walked into the harbour office of the clerk, Jonas Eklund, and hit him.\n\n"
        "When she was arrested two days later, Anna Schmidt said she had not been there."
    )
    article = LanguageStage().analyze(Article(id="t", input="t", format="text", body=body))
    at = body.index("When she") + len("When ")
    named = {a["id"]: a["name"] for a in article.actors}
    assert named.get(resolve_pronoun(article, at, "she")) == "Anna Schmidt"


def test_common_nouns_in_a_name_do_not_make_it_american(stage):
    from chronist.model import Article

    body = (
        "Ministers of the Coastal States Forum met in Geneva on Saturday. The Small Island "
        "Developing States group asked for more aid, and the Bank of America said it would help."
    )
    article = stage.analyze(Article(id="c", input="t", format="text", body=body))
    countries = {a["name"]: a["country"] for a in article.actors}
    assert countries.get("Coastal States Forum") is None
    assert countries.get("Bank of America") == "USA"  # the country named in full still counts


def test_a_group_acting_in_a_place_is_of_its_country(stage):
    from chronist.model import Article

    body = (
        "Recently, in Transcarpathia, Ukraine's westernmost region, police were seen going to "
        "recreation centers to hand out summonses. In an interview, officials said nothing."
    )
    article = stage.analyze(Article(id="p", input="t", format="text", body=body))
    codes = {a["name"].lower(): a["country"] for a in article.actors}
    assert codes.get("police") == "UKR"
    assert codes.get("officials") is None  # "in an interview" is no place


def test_a_body_cut_at_and_is_joined_where_its_acronym_spells_it(stage):
    from chronist.model import Article

    body = (
        "With two months left in the fiscal year, US Customs and Border Protection (CBP) "
        "officers had stopped more boats at the harbour. The Harbour and Ferry Union (HFU) "
        "said the Ministry of Ports (MP) had not replied."
    )
    article = stage.analyze(Article(id="a", input="t", format="text", body=body))
    cbp = _actor(article, "US Customs and Border Protection")
    assert (cbp["country"], cbp["sector"]) == ("USA", "COP")
    assert not [a for a in article.actors if a["name"] in ("US Customs", "Border Protection")]
    # a name the tagger has whole stays as it is
    assert "Ministry of Ports" in {a["name"] for a in article.actors}


def test_a_role_the_sentence_opens_with_is_its_subjects(stage):
    from chronist.model import Article

    body = (
        "The harbour party was praised last week by none other than Mario Dumont. Now a "
        "leading columnist for the Journal de Montréal—the daily of businessman Pierre "
        "Tremblay—Dumont played a leading role in the campaign. A man of few words, John "
        "Smith said hello."
    )
    article = stage.analyze(Article(id="f", input="t", format="text", body=body))
    dumont = _actor(article, "Mario Dumont")
    assert dumont["sector"] == "JRN"
    assert dumont["role"] == "a leading columnist for the Journal de Montréal"
    assert _actor(article, "John Smith")["role"] is None  # "a man" is no role


def test_a_government_that_owns_something_is_an_actor_and_his_administration_is_his(stage):
    from chronist.model import Article

    body = (
        "The harbour party has backed the Canadian government’s turn to militarism. "
        "Joe Biden’s missteps led him to take the spotlight off his administration’s "
        "failures, ignoring law-abiding citizens’ safety concerns."
    )
    article = stage.analyze(Article(id="g", input="t", format="text", body=body))
    canada = _actor(article, "Canadian government")
    assert (canada["country"], canada["sector"]) == ("CAN", "GOV")
    his = _actor(article, "his administration")
    assert (his["country"], his["sector"]) == ("USA", "GOV")
    # other possessors stay inside their phrase: the concerns are no one
    assert "law-abiding citizens" not in {a["name"] for a in article.actors}


def test_an_acronym_the_text_defines_names_the_body_where_it_is_written_later(stage):
    from chronist.model import Article

    body = (
        "A watchdog group filed a complaint on Monday against two harbour commissioners. The "
        "group, the Foundation for Clean Harbours and Open Ports (FCHOP), says the fees broke "
        "the rules. FCHOP asked the port authority to open an inquiry."
    )
    article = stage.analyze(Article(id="w", input="t", format="text", body=body))
    foundation = _actor(article, "Foundation for Clean Harbours and Open Ports")
    assert (foundation["country"], foundation["sector"]) == ("NGO", "NGO")
    later = body.rindex("FCHOP")
    assert any(m["start"] == later for m in foundation["mentions"])
    assert _actor(article, "watchdog group")["sector"] == "NGO"


def test_party_members_are_the_partys_and_a_chambers_are_legislators(stage):
    from chronist.model import Article

    body = (
        "In Washington, Senate Democrats said in a joint statement that the report must be "
        "released. The Democrats and the Republicans disagreed. Palestinians protested."
    )
    article = stage.analyze(Article(id="d", input="t", format="text", body=body))
    codes = {a["name"]: (a["country"], a["sector"]) for a in article.actors}
    assert codes["Senate Democrats"] == ("USA", "LEG")
    assert codes["Republicans"][0] == "USA" and codes["Republicans"][1] != "CVL"
    assert codes["Palestinians"] == ("PSE", "CVL")  # people of a country stay civilians


def test_it_continues_a_chain_of_its_and_never_stands_for_a_plural(stage):
    from chronist.model import Article

    body = (
        "The Harbour Party has little to say on the war. It has never criticized the "
        "government's procuring of new warplanes and warships. It has fully supported the war."
    )
    article = stage.analyze(Article(id="i", input="t", format="text", body=body))
    offset = body.index("It has fully")
    assert resolve_pronoun(article, offset, "It") == _actor(article, "Harbour Party")["id"]


def test_every_form_of_the_copula_is_be(stage):
    from chronist.model import Article

    body = "Odile Brant was unable to come. The pilots are angry. It is late. They were here."
    article = stage.analyze(Article(id="b", input="t", format="text", body=body))
    forms = {c["verb"]["text"]: c["lemma"] for c in article.clauses}
    assert [forms[w] for w in ("was", "are", "is", "were")] == ["be"] * 4


def test_a_verb_of_asking_hung_on_a_reported_clause_is_the_reporters(stage):
    from chronist.model import Article

    body = (
        "The letter, written by former harbour chief Sir Odile Brant, claims the Vell "
        "agreement hurts the fishermen and urges councillors to vote against the deal."
    )
    article = stage.analyze(Article(id="u", input="t", format="text", body=body))
    urge = _clause(article, "urges")
    assert urge["subject"]["text"].startswith("The letter")
    assert urge["governor"] is None  # coordinated with "claims", not reported by it
    assert _clause(article, "hurts")["subject"]["text"] == "the Vell agreement"


def test_the_alliance_of_a_story_naming_nato_is_nato(stage):
    from chronist.model import Article

    body = (
        "Vell has been used as a cat's paw with the eastward expansion of NATO in mind. "
        "“The Alliance must develop its ability to handle provocations,” Odile Brant said."
    )
    article = stage.analyze(Article(id="n", input="t", format="text", body=body))
    nato = _actor(article, "NATO")
    assert any(m["text"].endswith("Alliance") for m in nato["mentions"])
    alone = stage.analyze(
        Article(id="m", input="t", format="text", body="The Alliance won two seats in Vell.")
    )
    assert "NATO" not in {a["name"] for a in alone.actors}


def test_a_closing_mark_glued_to_a_dash_splits_from_the_next_word(stage):
    from chronist.model import Article

    body = (
        "The party’s posture as a “party of the street and the ballot box”—helped it gain "
        "a following among young people."
    )
    article = stage.analyze(Article(id="q", input="t", format="text", body=body))
    verbs = [c["verb"]["text"] for c in article.clauses]
    assert "helped" in verbs
    assert not any("—" in v or "”" in v for v in verbs)
