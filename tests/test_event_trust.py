"""The trust gate (events/trust.py) and the real-news rules of the coder, on sentences of the
kinds that were coded wrongly on real 2022 news (bench/realnews.py). The sentences are written
for these tests."""

from __future__ import annotations

from chronist.events.coder import SURE, EventCoder
from chronist.events.trust import distrust
from chronist.model import Article
from chronist.pipeline import run_stages


def _analysed(body: str) -> Article:
    article = Article(id="t", input="t", format="text", body=body, published="2024-03-05")
    return run_stages([article], ("language", "quotes"))[0]


def _events(body: str) -> list:
    return EventCoder(classifier=None).code(_analysed(body))


def _coded(body: str) -> list:
    """The events of the full coder: lexicon and the packaged sentence classifier."""
    return EventCoder().code(_analysed(body))


def _types(body: str) -> list[str]:
    return [e["type"] for e in _events(body)]


def test_private_people_dying_or_crowds_are_no_political_event():
    assert not _events("Six of the runners died after being trampled in the narrow street.")
    assert not _events("Countless other people were injured in the crush.")
    # an identifiable victim of force still stands with no stated attacker
    (killed,) = _events("Two Vell border guards were killed near Harrow on Monday.")
    assert killed["type"] == "ASSAULT" and not killed["actors"]


def test_a_statement_or_a_warning_of_a_trend_is_not_an_act():
    assert not _events("Odile Brant warned of the impact of drought on the harbour towns.")
    assert not _events("The judges argued that the ruling was not covered by the charter.")
    assert not _events('Odile Brant said in particular: "These measures against Vell are illegal."')
    # an accusation of someone identifiable stays
    assert _types("Odile Brant blamed Jonas Eklund for the closure of the harbour.") == ["ACCUSE"]
    # a warning of what someone will do is a threat
    assert "THREATEN" in _types("The Vell government warned that its army would retaliate.")


def test_light_verbs_questions_and_idioms_name_no_act():
    assert not _events("Vell is the greatest harbour town on the coast.")
    assert not _events("How long will Vell keep sending troops to Harrow?")
    assert not _events("Vell's harbour festival hit the headlines after a deadly summer.")


def test_hypothetical_acts_are_left_out_but_offers_stay():
    assert not _events("If the talks fail, Vell could send troops to Harrow.")
    assert _types("Vell offered to send forty engineers to Harrow.") == ["AGREE"]
    # "can" between the subject and its verb: able to, not done
    assert not _events("The Vell court said Jonas Eklund can appeal the sanctions on Harrow.")
    # a "can" of another clause leaves the act reported
    assert "ASSAULT" in _types(
        "How desperate Vell is can be seen in the fact that Vell troops shelled Harrow."
    )


def test_intent_codes_need_an_intent():
    # CAMEO 036 ("intent to meet") on a meeting that took place is the meeting itself
    (met,) = _events("On Monday the Vell president met with the leaders of the Harrow council.")
    assert met["type"] == "CONSULT"
    # ... and stays an intent where one is stated
    assert _types("Odile Brant offered to meet Jonas Eklund in Harrow.") == ["AGREE"]


def test_opposed_to_with_the_copula_is_a_rejection():
    # "is opposed to" states opposition as "opposes" does (the copula is lemma "be")
    (opposed,) = _events("The Vell government is strongly opposed to the new sanctions.")
    assert opposed["type"] == "REJECT"
    assert opposed["actors"] and not opposed["modality"]["negated"]
    assert "ACCUSE" in _types("Vell ministers have been severely critical of Jonas Eklund.")
    assert "SUPPORT" in _types("The Vell government is supportive of the Harrow talks.")


def test_refusing_to_accept_is_a_rejection():
    (rejected,) = _events("Vell will never recognise the Harrow referendum.")
    assert rejected["type"] == "REJECT" and not rejected["modality"]["negated"]
    # the dictionary has no bare "accept"; refusing to accept is still a refusal
    (refused,) = _events("The Vell government will never accept the annexation of Harrow.")
    assert refused["type"] == "REJECT"
    assert _types("The Vell unions have rebuffed the Harrow council's advances.") == ["REJECT"]
    assert _types("Odile Brant placed all the blame on the Harrow council.") == ["ACCUSE"]


def test_alleged_acts_are_flagged():
    (alleged,) = _events("Vell troops reportedly shelled the Harrow power plant on Monday.")
    assert alleged["type"] == "ASSAULT" and alleged["modality"]["alleged"]
    (plain,) = _events("Vell troops shelled the Harrow power plant on Monday.")
    assert not plain["modality"]["alleged"]


def test_a_people_or_a_named_group_is_an_actor():
    assert _types("The Turks were recruiting fighters among the Idlib militias.") == ["MOBILIZE"]
    assert _types("Hundreds of Vell dock workers protested against the new harbour dues.") == [
        "PROTEST"
    ]


def test_ambiguous_bare_verbs_and_arming():
    # "tabled a motion" puts it forward (British and Canadian usage), no CAMEO refusal
    assert "REJECT" not in _types("The Vell opposition tabled a motion on the harbour dues.")
    # supplying weapons to a group is military aid
    assert _types("Vell armed three militias in the Harrow hills last year.") == ["AID"]


def test_a_place_hit_or_claimed_stands_for_its_country():
    events = _events("Russian forces shelled Kharkiv on Monday, killing three people.")
    (shelled,) = [e for e in events if e["trigger"]["text"] == "shelled"]
    assert shelled["type"] == "ASSAULT"
    assert [(p["name"], p["country"]) for p in shelled["recipients"]] == [("Kharkiv", "UKR")]
    # a place merely named beside the event is no participant
    (met,) = _events("Odile Brant met Jonas Eklund in Geneva on Monday.")
    assert all(p["name"] != "Geneva" for p in met["actors"] + met["recipients"])


def test_the_source_of_a_report_is_not_the_actor_of_what_it_reports():
    article = Article(
        id="t",
        input="t",
        format="text",
        published="2024-03-05",
        body="The Vell Tribune reported that military advisers from Italy and Germany arrived "
        "in Iraq to train the Iraqi army.",
    )
    events = EventCoder().code(run_stages([article], ("language", "quotes"))[0])
    actors = {p["name"] for e in events for p in e["actors"]}
    assert "Vell Tribune" not in actors and "The Vell Tribune" not in actors


def test_a_group_of_recipients_brings_its_named_members():
    (partnered,) = _events(
        "The United Nations has partnered with several big tech companies, including TikTok "
        "and Google, to fight misinformation."
    )
    recipients = {p["name"]: p["country"] for p in partnered["recipients"]}
    assert recipients.get("Google") == "USA" and recipients.get("TikTok") == "CHN"


def test_sharing_a_view_a_plea_in_court_and_a_credit_line_are_no_such_events():
    assert not _events("Jonas Eklund agreed with Odile Brant, saying that the party was lost.")
    assert _types("Vell agreed with Harrow on a ceasefire in the valley.") == ["AGREE"]
    assert not _events("Jonas Eklund pleaded guilty to perjury.")
    assert _types("Jonas Eklund has pleaded not guilty on all counts.") == ["REJECT"]
    assert not _events("The Agence France-Presse contributed to this report.")


def test_a_warning_about_someone_elses_plan_is_no_threat():
    # it criticises the plan's owner: an ACCUSE of Eklund, no THREATEN by anyone
    warned = _events(
        "Former spy chief Odile Brant has warned that Jonas Eklund's harbour deal threatens "
        "the security of Vell."
    )
    assert [(e["type"], [p["name"] for p in e["recipients"]]) for e in warned] == [
        ("ACCUSE", ["Jonas Eklund"])
    ]
    assert "THREATEN" in _types("The Vell government warned Harrow of the consequences.")
    # a description that names no one warns through the person the quotes stage finds
    (accused,) = _events(
        "A former head of Vell intelligence agency VIS has warned that Prime Minister Jonas "
        "Eklund’s harbour deal with Harrow threatens Vell national security. The letter, "
        "written by former VIS head Sir Odile Brant, was sent to every councillor."
    )
    assert [p["name"] for p in accused["actors"]] == ["Odile Brant"]
    assert "Jonas Eklund" in [p["name"] for p in accused["recipients"]]


def test_must_is_the_speakers_demand_not_the_act():
    (demand,) = _events(
        'Senator Odile Brant said: "Attorney General Jonas Eklund must release the full '
        'report to the public."'
    )
    assert demand["type"] == "REQUEST"
    assert [p["name"] for p in demand["actors"]] == ["Odile Brant"]
    assert [p["name"] for p in demand["recipients"]] == ["Jonas Eklund"]
    # in the writer's own voice, or of the speaker's own side, it is an opinion
    assert not _events("Jonas Eklund must abandon his destructive harbour policies.")
    assert not _events('Odile Brant said: "We must invest to rebuild the harbour."')
    # "there must be …" wishes a state of things and asks it of no one
    assert not _events('Odile Brant said: "There must be decorum in the harbour office."')


def test_it_is_imperative_for_someone_to_act_is_a_demand_of_them():
    (demand,) = _events(
        "Senator Odile Brant said in a statement: 'It is imperative for Attorney General Jonas "
        "Eklund to make the full report public.'"
    )
    assert demand["type"] == "REQUEST"
    assert [p["name"] for p in demand["actors"]] == ["Odile Brant"]
    assert [p["name"] for p in demand["recipients"]] == ["Jonas Eklund"]
    # in the writer's voice it stays an opinion
    assert not _events("It is imperative for Jonas Eklund to make the full report public.")
    # "it is time for X to withdraw" asks for a withdrawal; none has happened
    assert _types("It is time for Vell to withdraw its troops, Odile Brant said.") == ["REQUEST"]


def test_verbs_whose_bare_cameo_sense_news_rarely_means_code_nothing_alone():
    assert not _events("Jonas Eklund arrived at the Harrow airport waving to supporters.")
    assert not _events("Jonas Eklund celebrated the news in a series of tweets.")
    assert not _events("The Vell party has dealt with bullying in its ranks.")
    assert not _events("Jonas Eklund defended his remarks about Odile Brant.")
    assert not _events("The vote led to the biggest split in the Vell party in decades.")
    assert not _events("Odile Brant raised concerns about the reaction to the protest.")
    assert not _events("Vell troops have been taking part in exercises near the border.")
    # their patterns still count
    assert _types("Vell officials took part in talks with Harrow on Monday.") == ["CONSULT"]


def test_a_light_verb_with_the_acts_noun_is_that_act():
    assert _types("Jonas Eklund made a clear appeal to members of the Vell party.") == ["REQUEST"]
    assert _types("The German government expressed support for Ukraine.") == ["SUPPORT"]
    assert "PROTEST" in _types("Vell protesters rallied in favor of the harbour reform.")


def test_an_act_as_subject_and_a_needed_act_have_no_actor_acting():
    # "overthrowing Jonas Eklund" is what would empower them, not something Eklund does
    assert not _events(
        "Critics say that overthrowing Jonas Eklund will only empower the Vell militias."
    )
    assert _types("Striking Vell workers clashed with Harrow police.")  # an adjective, not an act
    assert not _events(
        'Odile Brant said: "They need to be forced out of Harrow the same way as in Vell."'
    )


def test_i_in_a_direct_quote_is_its_speaker():
    (call,) = _events(
        '"I call on the Vell government to release the full report as soon as possible," '
        "Senator Odile Brant said."
    )
    assert call["type"] == "REQUEST" and [p["name"] for p in call["actors"]] == ["Odile Brant"]


def test_the_unnamed_side_of_a_domestic_event_is_the_home_country_implied():
    from chronist.events import EventStage
    from chronist.language import LanguageStage
    from chronist.model import Article

    body = (
        "American prosecutors in Washington and Texas widened the inquiry this week. US "
        "officials said the United States would not drop the case, and American lawmakers in "
        "Ohio agreed.\n\nCampaign adviser John Carver was arrested on Friday in Florida. "
        "Carver has pleaded not guilty to all counts."
    )
    article = LanguageStage().analyze(Article(id="t", input="t", format="text", body=body))
    assert article.home_country == "USA"
    assert article.metadata_evidence["home_country"].source == "actors"
    events = {e["trigger"]["text"]: e for e in EventStage().process([article])[0].events}
    arrest = events["arrested"]  # the one arrested is the recipient, whatever the head marks
    assert [p["name"] for p in arrest["recipients"]] == ["John Carver"]
    assert [p["country"] for p in arrest["actors"]] == ["USA"]
    assert arrest["actors"][0]["implied"].startswith("the story's home country")
    assert arrest["actors"][0]["mention"]["text"] == "arrested"
    plea = events["pleaded"]
    assert plea["type"] == "REJECT"
    assert [p.get("implied") is not None for p in plea["recipients"]] == [True]


def test_a_progressive_is_no_passive_and_a_hedged_noun_no_hedged_act():
    # "has been consulting" has its subject as the actor, not the one consulted
    events = _events(
        "Prime Minister Theresa May spoke in London. She has been consulting with EU leaders "
        "about the border."
    )
    consult = [e for e in events if e["type"] == "CONSULT"]
    assert consult and [p["name"] for p in consult[0]["actors"]] == ["Theresa May"]
    # "possible collusion" describes the report; the demand itself is asserted
    events = _events(
        "Senator Tom Vance reacted to the report on possible collusion between the campaign "
        "and Russia, demanding that its findings be released immediately."
    )
    demand = [e for e in events if e["type"] == "REQUEST"]
    assert demand and not demand[0]["modality"]["hypothetical"]


def test_a_command_in_someones_words_is_their_demand_and_in_the_writers_none():
    events = _events(
        "Senators reacted on Friday.\n\n“Release the Mueller report to the American people,” "
        "Senator Tom Vance wrote on Twitter.\n\nAttorney General Barr—release the report now, "
        "Vance added.\n\nTake for example the budget. Release the hostages, the editorial said."
    )
    demands = [e for e in events if e["type"] == "REQUEST"]
    assert [[p["name"] for p in e["actors"]] for e in demands] == [["Tom Vance"], ["Tom Vance"]]
    assert [p["name"].split()[-1] for p in demands[1]["recipients"]] == ["Barr"]
    assert not [
        e
        for e in events
        if e["trigger"]["text"] in ("Take", "release", "Release") and e["type"] != "REQUEST"
    ]


def test_may_the_prime_minister_is_no_modal():
    events = _events(
        "The deal agreed with Theresa May’s Tory government was not open to renegotiation, "
        "Tusk said.\n\nMay arrives for talks with EU officials on Thursday in Brussels."
    )
    talks = [e for e in events if e["trigger"]["text"] == "arrives"]
    assert talks and talks[0]["type"] == "CONSULT"
    assert [p["name"] for p in talks[0]["actors"]] == ["Theresa May"]
    assert not talks[0]["modality"]["hypothetical"]


def test_a_documents_call_is_its_authors():
    events = _events("Opposition lawmakers sent a letter urging the government to resign.")
    calls = [e for e in events if e["trigger"]["text"] == "urging"]
    assert calls and calls[0]["type"] == "REQUEST"
    assert [p["name"] for p in calls[0]["actors"]] == ["Opposition lawmakers"]


def test_someone_branded_or_denounced_is_accused_though_the_text_names_no_accuser():
    events = _events("Senator Tom Vance has been branded a traitor over his vote.")
    assert [(e["type"], [p["name"] for p in e["recipients"]]) for e in events] == [
        ("ACCUSE", ["Tom Vance"])
    ]


def test_journeys_dismissals_and_routine_verbs_of_the_train_set():
    # a private person's journey is no visit; an office holder's trip to talks is one
    assert not _events("Tomas Varga flew to Harrow and returned to Vell a week later.")
    talks = _types("The Vell foreign minister flew to Harrow for talks with Odile Brant.")
    assert talks == ["CONSULT"]
    # "fired" an employee is a dismissal, not shooting; firing at someone is an attack
    assert "ASSAULT" not in _types("The Harrow police department fired Officer Jonas Eklund.")
    assert "ASSAULT" in _types("Vell soldiers fired at Harrow border guards on Monday.")
    assert "ASSAULT" in _types("A Vell sniper fired at Jonas Eklund on Monday.")
    # a broken promise or destroyed ballots are no attack
    assert "ASSAULT" not in _types("The Vell government broke its promise to the harbour towns.")
    assert "ASSAULT" not in _types("Odile Brant destroyed ballots in the Harrow election.")
    # leading an organisation, deciding or learning something names no act
    assert not _events("Jonas Eklund heads the Harrow Harbour Authority.")
    assert not _events("The Vell court decided that the case was closed.")
    # resigning is a RETREAT in PLOVER 2.0, not a concession
    assert _types("The Vell interior minister resigned on Monday.") == ["RETREAT"]
    # publishing information frees no captive; freeing prisoners does
    assert "RETREAT" not in _types("The Vell police released the names of the suspects.")
    assert "RETREAT" in _types("The Vell government released 40 Harrow prisoners on Monday.")


def test_idioms_of_news_prose_the_dictionary_lacks():
    assert _types("Senator Odile Brant went to bat for the Vell harbour workers.") == ["SUPPORT"]
    assert _types("Harrow Radio dropped the lawsuit against the Vell government.") == ["RETREAT"]
    assert "CONCEDE" not in _types("Jonas Eklund felt vindicated by the Vell court ruling.")
    # a fight or war of no arms, and a weapon word that names a policy, attack no one
    assert not _events("A Vell gun rights advocate began gearing up for a legal fight on Monday.")
    assert "ASSAULT" not in _types("The Vell government began a trade war with Harrow.")
    assert _types("Vell artillery began shelling Harrow on Monday.") == ["ASSAULT"]


def test_a_thing_as_subject_does_not_act():
    # the deal "threatens" security: a description of the deal, not a threat by its makers
    assert not _events(
        "The Vell government's harbour deal with the Northern League threatens the security "
        "of Harrow."
    )
    assert not _events("The Harrow bill supports the Vell government.")
    # whoever the subject is, acting, still acts
    assert _types("The Vell government threatened Harrow with sanctions.") == ["THREATEN"]
    # nor does a thing in the "by" phrase of a passive, whoever its relative clause names
    assert not _events(
        "The harbour talks are hindered by the same problem which prevented the Vell "
        "government from keeping its promise."
    )
    assert _types("Harrow was shelled by Vell troops on Monday.") == ["ASSAULT"]
    # actors named in a phrase of stance or a relative clause of the "by" phrase do not act
    events = _events(
        "In October, Jonas Eklund attended a roundtable conference on ending the war that was "
        "hosted by a French think tank favoring closer cooperation with Russia and Syrian "
        "President Bashar Assad."
    )
    assert all(p["name"] not in ("Russia", "Bashar Assad") for e in events for p in e["actors"])


def test_force_on_oneself_is_no_act():
    body = "As Governor Odile Brant continues to surround herself with hawks, war looms in Vell."
    assert not _events(body)
    assert _types("Governor Odile Brant surrounded the rebels in Harrow.") == ["ASSAULT"]


def test_bare_verbs_of_one_sense_are_as_sure_as_a_pattern():
    # the sentence classifier keeps or retypes only events less sure than SURE: a resolved
    # actor with a verb of one sense reaches it, a verb of two senses does not
    (condemned,) = _events("Odile Brant condemned the closure of the Harrow harbour.")
    (claimed,) = _events("Odile Brant claimed that the Harrow harbour was closed.") or (None,)
    assert condemned["confidence"] >= SURE
    assert claimed is None or claimed["confidence"] < SURE


def test_victims_are_not_the_actors_of_force():
    body = "The victims, who died from injuries, were aged between 18 and 73."
    article = _analysed(body)
    event = {
        "type": "ASSAULT",
        "method": "classifier",
        "modality": {"hypothetical": False, "negated": False},
        "actors": [
            {
                "actor": None,
                "name": "The victims",
                "country": None,
                "sector": None,
                "mention": {"start": 0, "end": 11, "text": "The victims"},
            }
        ],  # fmt: skip
        "recipients": [],
        "trigger": {"start": 40, "end": 44, "text": "were"},
        "sentence": {"start": 0, "end": len(body), "text": body},
        "start": 0,
        "end": len(article.body),
    }
    assert distrust(article, event, None, True, confirmed=True) == "victim as actor"
    event["actors"][0]["mention"]["text"] = event["actors"][0]["name"] = "The gunmen"
    assert distrust(article, event, None, True, confirmed=True) != "victim as actor"


def test_a_demand_in_a_quote_is_as_sure_as_a_pattern():
    # "must" in a named speaker's words names the demand as a pattern's words do, so the
    # sentence classifier does not drop it as a neutral sentence
    events = _events(
        'Senator Odile Brant said on Monday: "Jonas Eklund must release the harbour report."'
    )
    (demand,) = [e for e in events if e["type"] == "REQUEST"]
    assert demand["actors"][0]["name"] == "Odile Brant"
    assert demand["confidence"] >= SURE


def test_name_calling_is_an_accusation():
    from chronist.events.labels import calls_names

    assert calls_names(" her a “traitor.”")
    assert calls_names(' him as a "dimwitted duke" in an op-ed')
    assert not calls_names(" for a ban on the festival")  # "call for": a demand
    assert not calls_names(" the talks “constructive”")  # a quoted word of praise
    assert not calls_names(" him a hero of the fight against fascism")
    (accused,) = _events("Odile Brant described Jonas Eklund as a dimwitted traitor on Monday.")
    assert accused["type"] == "ACCUSE"
    assert accused["recipients"][0]["name"] == "Jonas Eklund"
    # a name the entity recogniser misses, joined by lower-case words, is still the actor
    (branded,) = _events(
        'The Harrow Campaign to Protect the Coast branded the harbour plan "a disgrace to the '
        'town."'
    )
    assert branded["type"] == "ACCUSE"
    assert branded["actors"][0]["name"].endswith("Campaign to Protect the Coast")
    assert _types("Odile Brant called for a ban on bull-running in Harrow.") == ["REQUEST"]


def test_offences_infighting_and_arrests_the_police_report():
    # committing an offence is no attack; politicians fighting amongst themselves attack no one
    assert not _events("Jonas Eklund said he had not committed any crime in Harrow.")
    assert not _events("Vell politicians have been angrily fighting amongst themselves.")
    # an agentless arrest the police report is theirs
    (arrest,) = _events(
        "The Harrow Police Department confirmed that a man in his 30s was arrested on Saturday."
    )
    assert arrest["type"] == "COERCE"
    assert arrest["actors"][0]["name"].endswith("Harrow Police Department")
    # ... and no one else's
    (reported,) = _events("Odile Brant said that Jonas Eklund was arrested on Saturday.")
    assert not reported["actors"] or reported["actors"][0]["name"] != "Odile Brant"


def test_a_titled_name_the_tagger_missed_is_the_person_named_elsewhere():
    from chronist.events.coder import _titled_person

    article = _analysed(
        "Jonas Eklund spoke on Monday. The harbour board fired Officer Jonas Eklund."
    )
    eklund = _titled_person(article, "Officer Jonas Eklund")
    assert eklund is not None and eklund["name"] == "Jonas Eklund"
    assert _titled_person(article, "Officer Odile Brant") is None


def test_what_someone_will_have_to_do_is_no_promise():
    # a prediction of what a side will be forced into is no offer (AGREE); a promise is
    assert "AGREE" not in _types("The Vell rebels will have to surrender to the Harrow army.")
    assert "AGREE" in _types("The Vell rebels will surrender to the Harrow army on Monday.")


def test_a_domestic_body_no_actor_covers_is_the_home_countrys():
    from chronist.events.phrases import with_place_country
    from chronist.language.kb import KnowledgeBase

    article = _analysed("Vell said so. Vell agreed. Vell's unions objected. " * 3)
    article.home_country = "ESP"
    kb = KnowledgeBase.default()
    mention = {"start": 0, "end": 4, "text": "Vell"}

    def participant(name: str) -> dict:
        return {"actor": None, "name": name, "country": None, "sector": None, "mention": mention}

    assert with_place_country(article, participant("the union apparatus"), kb)["country"] == "ESP"
    assert with_place_country(article, participant("a federal judge"), kb)["country"] == "ESP"
    # a foreign body, or a phrase that names no body, stays without a country
    assert with_place_country(article, participant("foreign governments"), kb)["country"] is None
    assert with_place_country(article, participant("the warplanes"), kb)["country"] is None


def test_publishing_is_no_release_of_captives():
    # "Barr released a letter", "released drafts of his plea": nobody is freed
    assert "RETREAT" not in _types("The Vell interior minister released a letter on Monday.")
    assert "RETREAT" not in _types("Vell authorities released the names of the Harrow spies.")
    assert "RETREAT" in _types("Vell authorities released two Harrow fishermen on Friday.")


def test_private_visitors_hold_no_talks():
    assert "CONSULT" not in _types(
        "More than 30,000 Iranians visited Serbia last year, but many of them never went home."
    )
    assert "CONSULT" in _types("Vell foreign minister Odile Brant visited Harrow on Monday.")


def test_a_thing_blamed_on_a_thing_accuses_no_one():
    # "A big increase in migrants crossing the Channel is being blamed on the chaos
    # surrounding Brexit": the Channel, inside what is blamed, is no one accused
    body = (
        "A sharp rise in the number of migrants crossing the English Channel is being blamed "
        "on the turmoil surrounding the election."
    )
    article = _analysed(body)
    (clause,) = [c for c in article.clauses if c["lemma"] == "blame"]
    channel = body.index("the English Channel")
    inside = {
        "actor": None,
        "name": "English Channel",
        "country": "GBR",
        "sector": None,
        "mention": {"start": channel, "end": channel + 19, "text": "the English Channel"},
    }
    event = {
        "type": "ACCUSE",
        "cameo": "112",
        "method": "lexicon",
        "confidence": 0.6,
        "modality": {k: False for k in ("negated", "future", "hypothetical", "historical")},
        "actors": [],
        "recipients": [inside],
        "trigger": dict(clause["verb"]),
        "sentence": {"start": 0, "end": len(body), "text": body},
        "start": 0,
        "end": len(body),
    }
    assert distrust(article, event, clause, True, confirmed=True) == "thing blamed"
    after = body.index("the election")
    event["recipients"] = [
        {**inside, "mention": {"start": after, "end": after + 12, "text": "the election"}}
    ]
    assert distrust(article, event, clause, True, confirmed=True) != "thing blamed"


def test_a_deed_that_threatens_to_harm_is_no_threat():
    assert "THREATEN" not in _types(
        "This attack by the Vell envoy threatens to destabilise the Harrow government."
    )
    assert "THREATEN" in _types("The Vell government threatened to expel the Harrow envoy.")


def test_figurative_blows_and_battles_are_no_assault():
    assert "ASSAULT" not in _types("The Vell envoy's speech smashed all diplomatic protocol.")
    assert "ASSAULT" not in _types(
        "Odile Brant is fighting the battle of her life in the Vell parliament."
    )
    assert "ASSAULT" in _types("Vell troops are fighting Harrow rebels near the border.")


def test_an_offer_is_the_verb_right_after_its_words():
    # "prepared to leave …, insisting the only way … is for the parliament to vote for the
    # deal": no vote is offered; "ready to send troops" is an offer
    from chronist.events.trust import OFFERING

    assert OFFERING.search("The Vell government is ready to ")
    assert OFFERING.search("Vell is willing to sit down and ")
    assert not OFFERING.search(
        "Vell is prepared to leave the union without a treaty, insisting the only way to "
        "avoid that is for the Harrow parliament to "
    )


def test_passing_judgement_passes_no_law():
    assert "AGREE" not in _types(
        "Of course, Jonas Eklund would have had plenty of targets had he decided to pass "
        "judgement on the Vell government."
    )
    assert "AGREE" not in _types("Jonas Eklund will pass judgement on the Vell government.")


def test_a_government_asks_nothing_of_its_own_country():
    # a foreign secretary's "the UK should …" is his government's programme, no demand; his
    # country's allies may be asked
    def coded(body: str) -> list[str]:
        article = Article(id="t", input="t", format="text", body=body, published="2019-01-02")
        return [
            e["type"] for e in run_stages([article], ("language", "quotes", "events"))[0].events
        ]

    assert "REQUEST" not in coded(
        "Foreign Secretary Jeremy Hunt will insist the UK should not 'underestimate' its strength."
    )
    assert "REQUEST" in coded(
        "Ukrainian President Volodymyr Zelensky urged Ukraine's allies to send tanks."
    )


def test_digging_is_no_investigation_unless_into_something():
    assert "ACCUSE" not in _types(
        "Senator Adam Schiff and other politicians are still digging through that manure pile."
    )
    assert "ACCUSE" in _types("Senator Adam Schiff dug into the finances of Donald Trump.")


def test_whoever_dies_is_no_attacker():
    # the classifier's reading of "He died at the scene after being attacked by ten men"
    body = "Jonas Eklund died at the scene in Harrow after being attacked by up to ten men."
    article = _analysed(body)
    (clause,) = [c for c in article.clauses if c["lemma"] == "die"]
    eklund = next(a for a in article.actors if a["name"] == "Jonas Eklund")
    event = {
        "type": "ASSAULT",
        "cameo": None,
        "method": "classifier",
        "confidence": 0.7,
        "modality": {k: False for k in ("negated", "future", "hypothetical", "historical")},
        "actors": [
            {
                "actor": eklund["id"],
                "name": "Jonas Eklund",
                "country": None,
                "sector": None,
                "mention": {"start": 0, "end": 12, "text": "Jonas Eklund"},
            }
        ],
        "recipients": [],
        "trigger": dict(clause["verb"]),
        "sentence": {"start": 0, "end": len(body), "text": body},
        "start": 0,
        "end": len(body),
    }
    assert distrust(article, event, clause, True, confirmed=True) == "victim as actor"


def test_words_the_dictionary_reads_as_acts_that_news_does_not():
    # surpassing, a figure of speech, a bare "pass", a report handed in
    assert _types("London's murder rate overtook the Vell capital's last year.") == []
    assert _types("The Vell parliament appears to be infested with them.") == []
    assert _types("It is very difficult for Odile Brant to pass it in the Vell parliament.") == []
    assert "CONCEDE" not in _types(
        "Special counsel Jonas Eklund has submitted his report to the Vell attorney general."
    )


def test_speculation_is_no_fact_and_a_credit_line_no_event():
    assert (
        _types(
            "There is speculation that the Vell government will begin a campaign against Harrow."
        )
        == []
    )
    assert _types("© AFP 2018 / JONAS EKLUND Vell Migrants Will Not Face Problems") == []


def test_a_scathing_anything_is_a_criticism():
    # "has unleashed a damning appraisal of Tusk": the adjective, not the noun, accuses
    assert "ACCUSE" in _types(
        "Former Brexit secretary David Davis has unleashed a damning appraisal of Donald Tusk."
    )
    assert "ACCUSE" not in _types("Russia launched a missile attack on Kyiv.")


def test_a_criticism_is_by_the_person_apposed_to_a_role_and_of_whom_it_names():
    # the party's spokesperson, Wilson, accuses (not the party, not an earlier spokesperson's
    # principal); "appraisal of Tusk" names whom; the role before the name gives his country
    body = (
        "Britain is due to leave the European Union in March. A spokesperson for Prime "
        "Minister Theresa May declined to comment. The Democratic Unionist Party’s Brexit "
        "spokesperson, Sammy Wilson MP, has unleashed a damning appraisal of Donald Tusk "
        "after his statement in Brussels."
    )
    article = run_stages(
        [Article(id="t", input="t", format="text", body=body, published="2019-02-07")],
        ("language", "quotes", "events"),
    )[0]
    (accuse,) = [e for e in article.events if e["type"] == "ACCUSE"]
    assert [p["name"] for p in accuse["actors"]] == ["Sammy Wilson"]
    assert [p["name"] for p in accuse["recipients"]] == ["Donald Tusk"]
    (wilson,) = [a for a in article.actors if a["name"] == "Sammy Wilson"]
    assert wilson["country"] == "GBR"


def test_wins_feelings_and_shows_are_no_force_or_protest():
    # an election won, a legal threat defeated, a feeling hurt, a point demonstrated
    assert "ASSAULT" not in _types("Jonas Eklund beat Odile Brant in 30 states in the election.")
    assert "ASSAULT" not in _types("Jonas Eklund has now defeated a legal threat to his project.")
    assert "ASSAULT" in _types("Vell troops defeated the Harrow rebels near the border.")
    assert "ASSAULT" not in _types("The Vell dock workers are probably hurting right now.")
    assert "PROTEST" not in _types("The Vell council demonstrates that the port is open.")
    assert "PROTEST" in _types("Vell dock workers demonstrated outside the Harrow council.")
    # police beating voters, and a protest all day, stay
    assert "ASSAULT" in _types(
        "Vell police beat protesters at a polling station during the election."
    )
    assert "PROTEST" in _types("Vell dock workers demonstrated all day outside the Harrow council.")


def test_a_settlement_is_an_agreement_and_no_actor():
    assert "AGREE" in _types("The Vell justice ministry settled with Jonas Eklund in March.")
    assert "CONCEDE" not in _types(
        "The Vell justice ministry's settlement essentially surrenders to that argument."
    )


def test_what_people_should_be_able_to_do_is_asked_of_no_one():
    body = (
        'Oakland Mayor Libby Schaaf said: "People should be able to live without fear or panic '
        'and know their rights."'
    )
    assert "REQUEST" not in _types(body)


def test_one_person_gathering_meets_no_one_and_a_rush_is_a_journey():
    assert "CONSULT" not in _types("Jonas Eklund gathered to give his speech in Harrow.")
    assert "CONSULT" not in _types("Odile Brant had rushed to a studio in Harrow on Monday.")
    assert "CONSULT" in _types("Odile Brant met with Jonas Eklund in Harrow on Monday.")


def test_a_citation_in_brackets_and_a_caution_of_facts_are_no_events():
    assert (
        _types(
            "[Vell deal: What Odile Brant asked for, and what she got, by Jonas Eklund, Harrow "
            "Times, June 14, 2016]"
        )
        == []
    )
    assert "THREATEN" not in _types(
        "Vell officials had to caution Harrow reporters that the report had not been seen yet."
    )


def test_hopes_and_needs_are_not_acts_and_hashing_out_is_talks():
    assert _types("Hopefully the Vell council will not be the last to leave the union.") == []
    assert _types("We need a Vell government that will actually control its own borders.") == []
    assert "CONSULT" in _types(
        "The Vell justice ministry and the Harrow council hash out how much of the report to "
        "publish."
    )


def test_phrases_the_dictionary_misreads_and_blaming_a_thing():
    for body in (
        "Jonas Eklund recognized that the mood in Vell was dangerous.",
        "The Vell police stood by and watched until he was done.",
        "Vell Democrats are pulling out all the stops to sink his candidacy.",
        "Odile Brant has slapped the label Authentic Teaching on his opinion.",
        "Vell police ruled out terrorism and blamed mental illness.",
    ):
        assert _types(body) == [], body
    assert "SANCTION" in _types("The United States slapped sanctions on Iran.")


def test_an_attack_on_a_proposal_is_words_and_risks_are_no_threats():
    assert _types(
        "DUP leader Nigel Dodds again attacked the proposed Irish border backstop, which would "
        "keep the UK in the customs union."
    ) == ["ACCUSE"]
    assert "ASSAULT" in _types("Russia attacked the Ukrainian port of Odesa.")
    for body in (
        "The Vell council's plan will kick in automatically at the end of the year.",
        "The Vell proposals risk splitting the union.",
        "The intervention by Jonas Eklund today underlines the threat Vell faces.",
        "Nearly 80 per cent of Vell exporters deliver products to Harrow.",
        "Remainers have made it harder for Vell politicians to sabotage the plan.",
        "The behaviour of the Vell ministers has shattered the idea of a fair vote.",
    ):
        assert _types(body) == [], body


def _recipients(body: str, type_name: str) -> list[str]:
    (event,) = [e for e in _events(body) if e["type"] == type_name]
    return [p["name"] for p in event["recipients"]]


def test_a_reaction_to_a_deed_is_aimed_at_whoever_did_it():
    # the owner of the decision, order or investigation is the recipient, not the deed
    assert _recipients("Odile Brant praised the judge's decision on Tuesday.", "SUPPORT") == [
        "judge"
    ]
    assert _recipients("The Vell council rejected Jonas Eklund's proposal.", "REJECT") == [
        "Jonas Eklund"
    ]
    assert _recipients(
        "Jonas Eklund will defy a court order from a district judge in Harrow.", "REJECT"
    ) == ["district judge"]
    # a role noun before the deed owns it
    assert _recipients(
        "Harbour Holdings Inc. is cooperating with the police investigation.", "COOPERATE"
    ) == ["police"]
    # a role noun that qualifies the deed owns nothing ("an executive order")
    assert _recipients("Odile Brant criticised an executive order on the harbour.", "ACCUSE") in (
        [],
        ["an executive order"],
    )


def test_who_receives_backing_or_aid_is_the_recipient():
    # "won the backing of MPs": the MPs support her; the giver after "of/from" acts
    (event,) = _events("Odile Brant won the backing of the Vell council on Tuesday.")
    assert event["type"] == "SUPPORT"
    assert [p["name"] for p in event["actors"]] == ["Vell council"]
    assert [p["name"] for p in event["recipients"]] == ["Odile Brant"]
    (event,) = _events("Jonas Eklund secured the support of dock workers in Harrow.")
    assert [p["name"] for p in event["actors"]] == ["dock workers"]
    assert [p["name"] for p in event["recipients"]] == ["Jonas Eklund"]


def test_a_name_inside_another_name_is_no_second_participant():
    # "House" in "House Democrats", a chamber in a title before a name
    (event,) = _events("House Democrats demanded the release of the full report on Friday.")
    assert [p["name"] for p in event["actors"]] == ["House Democrats"]
    (event,) = _events("House Speaker Nancy Pelosi demanded the release of the full report.")
    assert [p["name"] for p in event["actors"]] == ["Nancy Pelosi"]


def test_force_on_an_abstraction_and_chrome_commands_are_no_events():
    assert "ASSAULT" not in _types(
        "Odile Brant destroyed this material basis of working class unity across Vell."
    )
    assert "ASSAULT" in _types("Vell troops destroyed the bridge near Harrow.")
    # "Find out more:" before an embedded post's link is page chrome
    assert _events("Find out more: https://t.co/H4O2NANKaq") == []
    # learning something, "going full dove for" the year, a demeanour that signals
    assert _events("Odile Brant found out that the trial against her will go forward.") == []
    assert _events("Jonas Eklund did his part, going full dove for the rest of 2019.") == []
    assert _events("The president's demeanor signaled the administration's strong belief.") == []


def test_a_scenario_is_hypothetical_and_a_title_may_stand_before_the_recipient():
    assert (
        _events(
            "In one scenario forecast by Jonas Eklund, Odile Brant will now be forced to call "
            "an election."
        )
        == []
    )
    assert _recipients(
        "Seven Vell councillors quit on Monday, hitting out at leader Odile Brant.", "ACCUSE"
    ) == ["Odile Brant"]


def test_a_time_of_day_is_no_prime_minister():
    article = _analysed("The councillors began a conference call at approximately 3:10 p.m.")
    assert not [a for a in article.actors if "p.m." in a["name"]]


def test_an_act_wanted_for_someone_is_not_done_and_no_subject_receives():
    # "desperate for Britain to reconsider": the lexicon codes no act of Britain's
    assert "REJECT" not in _types("The Vell council is desperate for Harrow to reject the deal.")
    # a demand keeps its "imperative for X to" form
    assert "REQUEST" in _types(
        'Odile Brant said in a statement: "It is imperative for Jonas Eklund to release the '
        'full report."'
    )
    (event,) = _events("Odile Brant and her allies have been pushing back against the plan.")
    assert not [p for p in event["recipients"] if "allies" in p["name"]]


def test_named_policies_surveys_and_trade_figures_do_not_act():
    assert _events("The Common Fisheries Policy provides Vell with access to Harrow waters.") == []
    assert _events("A new survey by Vell Polling suggested more voters want to remain.") == []
    assert _events("Vell imported 26 billion euros more from Harrow than it exported.") == []
    assert _events("Last month, Odile Brant pulled a vote on the withdrawal agreement.") == []
    assert "PROTEST" not in _types(
        "The attitude the Vell government demonstrated during the talks was arrogant."
    )


def test_a_nationality_in_an_unnamed_recipient_gives_its_country():
    (event,) = _events("The Vell party has urged the British leader to stand firm.")
    assert [(p["name"], p["country"]) for p in event["recipients"]] == [
        ("the British leader", "GBR")
    ]


def test_struggles_ammunition_and_assumptions_are_no_events():
    assert _events("Odile Brant is struggling with the same thing.") == []
    assert _events("It will only give the Vell separatists more ammunition.") == []
    assert _events("The party will take 225 seats, assuming Vell actually leaves the union.") == []


def test_the_reporter_of_a_material_act_is_not_its_actor():
    # the classifier's token head marks the speaker as the source, as for statements
    (shot,) = _coded("Vell police said Jonas Eklund was shot in the leg on Monday.")
    assert shot["type"] == "ASSAULT" and not shot["actors"]
    (attack,) = _coded("The Harrow rebels said Vell forces had attacked Ostby.")
    assert [p["name"] for p in attack["actors"]] == ["Vell forces"]
    # the speaker's own act, told with "it", stays the speaker's
    (strike,) = _coded("The Vell army said it had shelled rebel positions near Ostby.")
    assert [p["name"] for p in strike["actors"]] == ["Vell army"]


def test_firing_through_a_door_suffering_and_a_nominee_title():
    assert _types("Jonas Eklund began firing through the door of his room.") == ["ASSAULT"]
    assert _coded("Vell has suffered plague outbreaks almost every year since 1980.") == []
    assert _recipients(
        "Odile Brant has accused Supreme Court nominee Jonas Eklund of lying.", "ACCUSE"
    ) == ["Jonas Eklund"]


def test_a_rejected_plan_is_its_owners_not_what_it_is_about():
    # "her original plan to take Vell out of the union": the plan is Maria Brant's
    events = _events(
        "Maria Brant unveiled a new plan on Monday. The Harrow council decisively rejected her "
        "original plan to take Vell out of the union last week."
    )
    (rejected,) = [e for e in events if e["type"] == "REJECT"]
    assert [p["name"] for p in rejected["recipients"]] == ["Maria Brant"]
    # unveiling one's own plan supports no one
    assert "SUPPORT" not in [e["type"] for e in events]


def test_ranks_benefits_returns_fears_and_guesses_are_no_events():
    assert _events("Jonas Eklund broke ranks with Vell colleagues on Monday.") == []
    assert _events("Vell is benefitting from Harrow banking institutions.") == []
    assert _events("The Vell prime minister returned from Harrow late Monday night.") == []
    assert _coded("But pro-union Vell lawmakers fear Harrow could become trapped in it.") == []
    assert _events("Odile Brant suggested that the report could be the greatest anticlimax.") == []
    assert (
        _events("“Politicising another event that should be no different!” Odile Brant wrote.")
        == []
    )


def test_guesses_conditions_asides_and_campaigns_ask_nothing():
    assert (
        _events(
            "“I grieve for the Eklund family, who must be personally suffering from this "
            "injustice,” Maria Brant wrote."
        )
        == []
    )
    assert (
        _events(
            "“If a court should decide that rules are required, we will act,” Maria Brant said."
        )
        == []
    )
    assert _events("Maria Brant said it should be noted Vell is a safe place for students.") == []
    assert _events("Jonas Eklund invoked the killing as he campaigned for president.") == []
    assert _events("He admitted firing the gun, saying he was aiming at a seal.") == []
    assert _events("We learned that the Vell agency was gathering personal information.") == []


def test_beliefs_evidence_feelings_enlisting_and_fronted_negation():
    assert (
        _events("Members put her failure to act down to a belief that Maria Brant supports Vell.")
        == []
    )
    assert (
        _events("“It also suggests that Vell voters are in the same camp,” Maria Brant said.") == []
    )
    assert _events("He joined the Corps as a Private and came out a Major.") == []
    assert _events("“I think the president should be concerned,” Maria Brant said.") == []
    (prevented,) = _events(
        "He said at no time did the Vell council prevent Jonas Eklund from acting."
    )
    assert prevented["modality"]["negated"]


def test_a_coordinated_clause_lends_no_recipient_and_a_killed_plan_is_stopped():
    # "… criticised the decision and said they were coming to Harrow": nothing done to Harrow
    (criticised,) = _events(
        "Jonas Eklund criticised the decision and said the bloggers were coming to Harrow."
    )
    assert criticised["type"] == "ACCUSE" and not criticised["recipients"]
    # a call for someone to act is addressed to them
    assert _recipients("Jonas Eklund openly called for Vell dock workers to strike.", "REQUEST")
    assert _events("In 2016, Maria Brant officially killed the plan to create it.") == []
    assert _types("Ministers from Vell and Harrow had withdrawn in protest.") == ["REJECT"]


def test_claims_admissions_questions_and_opinions_are_no_events():
    # "insisted X can …" claims, "conceded she was …" admits, "“…?” asked" asks a question
    assert _events("Jonas Eklund insisted Maria Brant can still salvage her deal today.") == []
    assert (
        _events("The vote was delayed when Maria Brant conceded she was on track for defeat.") == []
    )
    assert _types("Mayor Eklund conceded on Election Day.") == ["CONCEDE"]
    assert _events("“Which one is Eklund?” asked Maria, a 51-year-old manager.") == []
    assert _events("Jonas Eklund agreed, saying yes.") == []
    assert _events("Peter Brant, a civics teacher, offered similar thoughts.") == []
    assert _events("Eklund and a small staff will close up shop in the near future.") == []
    assert _events("“They should read my blogs,” Maria Brant wrote.") == []
    # a bill is no person, a style no nation
    assert (
        _events("The MPs will vote on the Finance Bill, which grants funds to the Treasury.") == []
    )
    assert (
        _recipients(
            "A Vell party activist called for American-style primaries to be introduced.", "REQUEST"
        )
        == []
    )


def test_an_attack_with_words_and_school_attendance():
    assert _types("Jonas Eklund immediately assailed Maria Brant with a tone of reproach.") == [
        "ACCUSE"
    ]
    assert _types("Vell troops attacked the Harrow garrison with artillery.") == ["ASSAULT"]
    assert _events("We knew him while Jonas Eklund attended high school in Harrow.") == []
