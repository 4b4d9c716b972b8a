"""Events on the seed articles and on sentences written for the project: what an analyst would
code, with participants, dates, places, modality and evidence offsets."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from chronist.cli import app
from chronist.events.coder import EventCoder
from chronist.events.records import EventFilter, iter_events, plover_record
from chronist.extract import extract
from chronist.model import Article
from chronist.pipeline import run_stages
from chronist.sources import read_path

SCF = "000_b916ab04b36c1af1.txt"
SPUTNIK = "004_d31f05e20acff18c.txt"
STAGES = ("language", "quotes", "events")


@pytest.fixture(scope="module")
def seeds(seeds_dir):
    raw = [next(iter(read_path(str(seeds_dir / name)))) for name in (SCF, SPUTNIK)]
    analysed = run_stages([extract(r) for r in raw], STAGES)
    return dict(zip((SCF, SPUTNIK), analysed, strict=True))


def _find(article, kind, words):
    found = [e for e in article.events if e["type"] == kind and words in e["text"]]
    assert found, f"no {kind} on {words!r}: {[(e['type'], e['text'][:50]) for e in article.events]}"
    return found[0]


def _names(people):
    return {p["name"] for p in people}


def test_lavrov_and_kerry_consult_by_phone_on_november_22(seeds):
    event = _find(seeds[SPUTNIK], "CONSULT", "Lavrov and Kerry discussed")
    assert _names(event["actors"]) == {"Sergei Lavrov", "John Kerry"}  # one compound record
    assert event["mode"] == "phone"
    assert (event["date"], event["date_source"]) == ("2016-11-22", "sentence")
    assert event["location"] is None  # "the conflict in Syria" is what was discussed


def test_us_suspends_cooperation_with_russia_in_october(seeds):
    event = _find(seeds[SCF], "SANCTION", "suspending bilateral cooperation")
    assert [p["country"] for p in event["actors"]] == ["USA"]
    assert [p["country"] for p in event["recipients"]] == ["RUS"]
    assert event["date"] == "2016-10"
    assert event["reported_by"] is not None  # "Washington said it was suspending …"


def test_corridors_request_and_rebels_refusing(seeds):
    article = seeds[SPUTNIK]
    corridors = [e for e in article.events if "humanitarian corridors" in e["text"]]
    assert corridors and {p["country"] for p in corridors[0]["actors"]} == {"SYR", "RUS"}
    request = _find(article, "REQUEST", "wants Syria and its allies to lift the siege")
    assert [p["country"] for p in request["actors"]] == ["USA"]
    _find(article, "REJECT", "rebels refused to comply")
    comply = [e for e in article.events if e["trigger"]["text"] == "comply"]
    assert not comply  # refusing to comply is no COOPERATE


def test_planned_hamburg_meeting_is_future_with_place_and_dates(seeds):
    event = _find(seeds[SCF], "CONSULT", "are to meet again")
    assert event["modality"]["future"]
    assert event["date"] == "2016-12-08/2016-12-09"
    assert event["location"]["name"] == "Hamburg"


def test_unlikely_agreement_and_opinion_are_no_event(seeds):
    # "It is unlikely that Moscow and Washington will reach an agreement": no event an analyst
    # can count on (the trust gate), nor an AGREE in doubt
    article = seeds[SPUTNIK]
    unlikely = article.body.find("will reach an agreement while")
    assert unlikely >= 0
    assert not [e for e in article.events if e["start"] <= unlikely < e["end"]]
    # "strike a deal with Russia" is an agreement being sought, not a strike (PROTEST)
    deal = article.body.find("strike a deal with Russia")
    assert deal >= 0
    assert {e["type"] for e in article.events if e["start"] <= deal < e["end"]} <= {"AGREE"}
    scf = seeds[SCF]
    opinion = scf.body.find("There is no alternative to cooperation")
    assert opinion >= 0
    assert not [e for e in scf.events if e["start"] <= opinion < e["end"]]


def test_every_event_points_at_its_words(seeds):
    for article in seeds.values():
        assert article.events
        for event in article.events:
            body = article.body
            assert body[event["start"] : event["end"]] == event["text"]
            for key in ("trigger", "sentence"):
                span = event[key]
                assert body[span["start"] : span["end"]] == span["text"]
            for person in event["actors"] + event["recipients"]:
                mention = person["mention"]
                assert body[mention["start"] : mention["end"]] == mention["text"]
            assert event["sentence"]["start"] <= event["trigger"]["start"]
            assert 1 <= event["quad"] <= 4 and 0 < event["confidence"] <= 1


def _analyse(body: str, published: str = "2024-03-05") -> Article:
    article = Article(id="t", input="t", format="text", body=body, published=published)
    return run_stages([article], STAGES)[0]


def _lexicon_events(body: str) -> list:
    article = Article(id="t", input="t", format="text", body=body, published="2024-03-05")
    return EventCoder(classifier=None).code(run_stages([article], ("language", "quotes"))[0])


def test_promised_material_cooperation_is_agree():
    # PLOVER: a party that promises or announces a cooperative act for later AGREEs.
    (done,) = _lexicon_events("Odile Brant withdrew the Vell garrison from Harrow on Monday.")
    assert done["type"] == "RETREAT" and not done["modality"]["future"]
    (will,) = _lexicon_events("Odile Brant will withdraw the Vell garrison from Harrow.")
    assert will["type"] == "AGREE" and will["modality"]["future"]
    # a reported "would" is the speaker's "will", not a condition
    (told,) = _lexicon_events("Odile Brant said the Vell council would lift the curfew.")
    assert (told["type"], told["trigger"]["text"]) == ("AGREE", "lift")
    assert told["modality"]["future"] and not told["modality"]["hypothetical"]
    # a condition is no promise, and no event an analyst can count on
    assert not _lexicon_events("The Vell garrison would withdraw from Harrow if the talks failed.")
    (denied,) = _lexicon_events("Odile Brant will not send food aid to Harrow.")
    assert denied["type"] == "AID" and denied["modality"]["negated"]


def test_an_act_after_a_predicate_adjective_is_its_subjects():
    # "was quick to condemn": the copula's subject condemns; "was unwilling to meet": no
    # meeting took place
    (quick,) = _lexicon_events("Odile Brant was quick to condemn Jonas Eklund on Monday.")
    assert quick["type"] == "ACCUSE" and [p["name"] for p in quick["actors"]] == ["Odile Brant"]
    assert not quick["modality"]["negated"]
    (loath,) = _lexicon_events("Odile Brant was unwilling to meet Jonas Eklund in Vell.")
    assert loath["type"] == "CONSULT" and loath["modality"]["negated"]


def test_phrasal_verbs_negated_governors_and_unlikely_events():
    # "pushed back on" is a rebuttal, whatever the bare "push" may mean
    (rebuttal,) = _lexicon_events("Odile Brant pushed back on the council's remarks on Monday.")
    assert rebuttal["type"] == "REJECT"
    # what a side never decided to do did not happen
    (never,) = _lexicon_events("The Vell council never decided to expel Odile Brant.")
    assert never["type"] == "COERCE" and never["modality"]["negated"]
    # a condition is no event: the same act, asserted, is one
    plain = "Odile Brant expels Jonas Eklund from Vell."
    assert _lexicon_events(plain)
    assert not _lexicon_events(f"In the unlikely event that {plain[:-1]}, Harrow will protest.")


def test_passive_event_without_agent_keeps_its_recipient():
    # "was arrested", "has been accused" with nobody named as the doer: the event stands,
    # its actor unknown, its recipient on the words.
    (arrest,) = _lexicon_events("Jonas Eklund was arrested in Vell on Monday.")
    assert arrest["type"] == "COERCE" and arrest["actors"] == []
    assert [p["name"] for p in arrest["recipients"]] == ["Jonas Eklund"]
    # without a recipient either there is nothing to code
    assert not _lexicon_events("Arrests were made in Vell on Monday.")


def test_articles_not_in_english_get_no_events():
    # The lexicon and the model are English: on a Russian article they coded noise
    # ("RETREAT: Основная -> ремонт дорог"); an English article marked "en" is coded as before.
    body = "Депутат Елена Мухаметова раскритиковала план мэрии и потребовала новых школ."
    article = Article(id="t", input="t", format="text", body=body, language="ru")
    assert EventCoder().code(run_stages([article], ("language", "quotes"))[0]) == []
    english = Article(
        id="t",
        input="t",
        format="text",
        body="Odile Brant withdrew the Vell garrison from Harrow on Monday.",
        language="en",
        published="2024-03-05",
    )
    (event,) = EventCoder().code(run_stages([english], ("language", "quotes"))[0])
    assert event["type"] == "RETREAT"


def test_same_event_told_twice_is_one_record_with_two_mentions():
    body = (
        "Mayor Odile Brant met union leader Jonas Eklund on Monday.\n\n"
        "Odile Brant met Jonas Eklund on Monday, the harbour office confirmed."
    )
    events = [e for e in _analyse(body).events if e["type"] == "CONSULT"]
    assert len(events) == 1 and len(events[0]["mentions"]) == 2
    assert events[0]["date"] == "2024-03-04"


def test_filters_and_plover_records(seeds):
    records = [a.to_dict() for a in seeds.values()]
    consult = list(iter_events(records, EventFilter(type="consult", actor="lavrov")))
    assert consult and all(e["type"] == "CONSULT" for _, e in consult)
    russian = list(
        iter_events(records, EventFilter(country="RUS", since="2016-11", until="2016-11"))
    )
    assert russian and all(e["date"].startswith("2016-11") for _, e in russian)
    record, event = consult[0]
    plover = plover_record(record, event)
    assert plover["event"] == "CONSULT" and plover["text_info"]["article_id"] == record["id"]
    start, end = plover["text_info"]["start"], plover["text_info"]["end"]
    assert record["body"][start:end] == event["text"]
    assert plover["cite_info"]["outlet"] == record["outlet"]


def test_events_command_and_plover_export(seeds_dir, tmp_path):
    runner = CliRunner()
    db = str(tmp_path / "c.db")
    assert runner.invoke(app, ["ingest", str(seeds_dir), "--db", db]).exit_code == 0
    table = runner.invoke(app, ["events", "--db", db, "--type", "CONSULT"])
    assert table.exit_code == 0 and "CONSULT" in table.stdout and "Lavrov" in table.stdout
    flat = runner.invoke(app, ["events", "--db", db, "--format", "csv", "--country", "RUS"])
    assert flat.exit_code == 0 and flat.stdout.startswith("article_id,event_id,type")
    out = tmp_path / "events.plover.jsonl"
    exported = runner.invoke(app, ["export", "--format", "plover", "--db", db, "--out", str(out)])
    assert exported.exit_code == 0
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert lines and all(line["version"] == "2.0" and line["text_info"] for line in lines)


def test_classifier_forced_type_yields_to_the_verbs_own_type_of_that_class():
    # The classifier says "verbal cooperation" and its type head guesses CONSULT; the verb's own
    # lexicon entry (agree -> AGREE) is of that class, so the event is an AGREE. A forced type
    # of another class than the verb's stays forced.
    body = "Odile Brant agreed to reopen the Vell border crossing on Monday."
    article = run_stages(
        [Article(id="t", input="t", format="text", body=body, published="2024-03-05")],
        ("language", "quotes"),
    )[0]
    coder = EventCoder(classifier=None)
    (clause,) = [c for c in article.clauses if c["lemma"] == "agree"]
    assert coder._event(article, clause, "CONSULT")["type"] == "AGREE"
    assert coder._event(article, clause, "REJECT")["type"] == "REJECT"


def test_a_reported_attack_is_the_attackers_not_the_speakers():
    # CAMEO's pattern SAY ... ATTACK matched "said" with the speaker as the attacker; the act
    # is the reported clause's, with its own actor and recipient.
    (attack,) = _lexicon_events(
        "The Vell militia said Harrow's forces had attacked its fighters near the border."
    )
    assert (attack["type"], attack["trigger"]["text"]) == ("ASSAULT", "attacked")
    assert [p["mention"]["text"] for p in attack["actors"]] == ["Harrow's forces"]
    assert [p["mention"]["text"] for p in attack["recipients"]] == ["its fighters"]
    # an attack announced for later is a threat (CAMEO 138, PLOVER THREATEN)
    (threat,) = _lexicon_events("The Vell militia said it would attack Harrow.")
    assert threat["type"] == "THREATEN" and threat["modality"]["future"]
    assert [p["name"] for p in threat["actors"]] == ["Vell militia"]


def test_a_group_the_token_head_marks_is_a_recipient():
    # "about 300 families" names no actor, but the token head marks it as the target of the
    # handing over; a group is a recipient only of an event with an actor.
    article = _analyse("The Vell Red Cross handed food parcels to about 300 families on Monday.")
    (event,) = article.events
    assert [p["mention"]["text"] for p in event["recipients"]] == ["about 300 families"]
    assert event["recipients"][0]["actor"] is None


def test_talks_with_someone_have_that_someone_as_recipient():
    # The object is "talks in Harrow with Jonas Eklund": the recipient is Eklund, not the talks.
    events = _lexicon_events("Odile Brant held talks in Harrow with Jonas Eklund on Monday.")
    (talks,) = [e for e in events if e["type"] == "CONSULT"]
    assert [p["mention"]["text"] for p in talks["recipients"]] == ["Jonas Eklund"]


def test_declining_to_comment_is_no_event_and_a_phone_call_is_sure():
    # "decline … to" is a pattern of one function word: no surer than the verb alone, so the
    # classifier's "neutral" drops it (CAMEO 011, decline comment, is no PLOVER event).
    assert not _analyse("The Vell interior ministry declined to comment on the report.").events
    # words naming a mode count as a pattern: "during a telephone conversation" is CAMEO 041
    (call,) = _analyse(
        "Odile Brant and Jonas Eklund discussed the border dispute during a telephone "
        "conversation on Monday."
    ).events
    assert (call["type"], call["mode"]) == ("CONSULT", "phone") and call["confidence"] >= 0.85


def test_a_name_or_month_may_is_not_a_modal():
    # "May" inside a sentence is a name or a month, not "may": the talks are planned, not in
    # doubt.
    (talks,) = _lexicon_events("Agnes May will hold talks with Jonas Eklund in Harrow.")
    assert talks["type"] == "CONSULT"
    assert talks["modality"]["future"] and not talks["modality"]["hypothetical"]
    (met,) = _lexicon_events("In May, Odile Brant met Jonas Eklund in Harrow.")
    assert not met["modality"]["hypothetical"]


def test_someone_inside_a_phrase_is_not_its_participant():
    # The followers of a leader were released, not the leader; a place named in a relative
    # clause of the object ("a conference that was hosted by …") is not who was met.
    (released,) = _lexicon_events(
        "Vell authorities released two followers of rebel leader Jonas Eklund on Friday."
    )
    assert "Jonas Eklund" not in [p["name"] for p in released["recipients"]]
    (attended,) = _lexicon_events(
        "Odile Brant attended a conference that was hosted by a think tank favouring closer "
        "ties with Harrow."
    )
    assert attended["recipients"] == []


def test_a_dateline_is_not_an_actor():
    # "HARROW, May 4 (Vell Wire) —" opens a wire story: where it was filed, not who acted.
    article = _analyse(
        "HARROW, May 4 (Vell Wire) — Ministers from the nine members of the Northern Rivers "
        "Council agreed on Saturday to pool patrol boats."
    )
    (agreed,) = article.events
    assert agreed["type"] == "AGREE"
    words = [p["mention"]["text"] for p in agreed["actors"] + agreed["recipients"]]
    assert "HARROW" not in words and "the Northern Rivers Council" in words


def test_seed_participants_are_named_once_and_modifiers_are_not_actors(seeds):
    # "Sergei Lavrov, Russia's Foreign Minister, said ...": one Lavrov, not two; "US-backed
    # armed rebels refused to comply": the rebels refused, not the United States
    for article in seeds.values():
        for event in article.events:
            for side in (event["actors"], event["recipients"]):
                keys = [p["actor"] or p["name"].lower() for p in side]
                assert len(keys) == len(set(keys)), (event["type"], event["text"])
    events = [e for article in seeds.values() for e in article.events]
    refusal = next(e for e in events if "refused to comply" in e["text"])
    assert [p["country"] for p in refusal["actors"]] != ["USA"]
    assert all("US-backed" in p["name"] for p in refusal["actors"])


def test_a_people_named_by_its_demonym_stands_for_its_country():
    events = _lexicon_events(
        "According to the reports, Turks formed and armed at least seven groups of fighters "
        "near the border."
    )
    actors = [p for e in events for p in e["actors"] if p["name"].endswith("Turks")]
    assert actors and all(p["country"] == "TUR" for p in actors)


def test_a_claim_called_false_is_rejected_and_defending_ones_words_is_no_support():
    # "told Sky that the claim … is completely wrong": a rebuttal, the claim rejected
    (told,) = _analyse(
        "Vell's interior ministry told reporters that the claim by Odile Brant was completely "
        "wrong."
    ).events
    assert told["type"] == "REJECT"
    (said,) = _analyse(
        "Odile Brant, the Vell interior minister, said the allegations by Jonas Eklund were "
        "baseless."
    ).events
    assert (said["type"], said["actors"][0]["name"]) == ("REJECT", "Odile Brant")
    # a claim reported without a verdict on it is no rebuttal
    assert not _analyse(
        "Odile Brant, the Vell interior minister, said the report was published on Monday."
    ).events
    # standing by one's own remarks supports no one, and the classifier adds nothing there
    assert not _analyse(
        "Odile Brant, the Vell interior minister, has defended her remarks about Jonas Eklund, "
        "the Harrow mayor."
    ).events


def test_force_against_someone_codable_stands_though_its_doer_is_unnamed():
    # an analyst codes the shooting of two police officers, though "a man" did it
    (shot,) = _analyse(
        "CLEVELAND — A man fatally shot two Cleveland police officers over the weekend, police "
        "said."
    ).events
    assert shot["type"] == "ASSAULT"
    assert [p["country"] for p in shot["recipients"]] == ["USA"]


def test_the_forces_a_side_raises_are_its_own():
    (raised,) = _analyse("Russia is recruiting troops to fight in Ukraine.").events
    assert raised["type"] == "MOBILIZE"
    assert [p["country"] for p in raised["recipients"]] == ["RUS"]


def test_a_warning_that_someones_deal_does_harm_is_a_criticism_of_them():
    (warned,) = _analyse(
        "Former MI6 chief Richard Dearlove has warned that Prime Minister Theresa May’s Brexit "
        "deal with the European Union threatens British national security."
    ).events
    assert warned["type"] == "ACCUSE" and warned["trigger"]["text"] == "warned"
    assert {p["name"] for p in warned["recipients"]} == {"Theresa May", "European Union"}
    # a harm with no owner named accuses no one
    assert not _analyse(
        "Odile Brant, the Vell interior minister, said that the new treaty threatens security."
    ).events
