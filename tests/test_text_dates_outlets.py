"""Dates and outlets read from the text of real-shaped news: no invented year, no age or idiom taken
for a date, the outlet a dateline, a copyright notice or the article itself names."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from chronist.extract import extract
from chronist.language import LanguageStage
from chronist.language.dates import normalise
from chronist.model import RawDocument

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[1] / "src/chronist/schema/article.schema.json").read_text()
)

UNDATED = """Harbour strike enters its third week

The dockworkers' union said on Wednesday that talks with the port authority had collapsed, and
that the strike called on April 16 would go on until the authority reopened the pay agreement it
signed in 2019.

Union leader Marta Ilves, 54, told a rally outside the terminal that the workers had won the day
when the first ships turned back. "These stormy days will end when they listen," she said.

Theresa May, who visited the port in 2017 as prime minister, wrote to both sides last week. May
said the dispute hurt the whole coast. Talks are due to resume in late May.
"""


@pytest.fixture(scope="module")
def undated():
    (article,) = LanguageStage().analyze_many([extract(RawDocument("strike.txt", UNDATED, "text"))])
    return article


def _by_text(article):
    return {d["text"]: d for d in article.dates}


def test_yearless_dates_keep_month_day_and_weekday_without_inventing_a_year(undated):
    assert undated.published is None and undated.published_after is None
    dates = _by_text(undated)
    assert dates["April 16"]["value"] == "--04-16"
    assert dates["April 16"]["anchor"] == {"value": None, "source": "none"}
    wednesday = next(d for t, d in dates.items() if "Wednesday" in t)
    assert wednesday["weekday"] == "Wednesday"
    assert wednesday["value"] is None
    assert dates["2019"]["value"] == "2019"
    jsonschema.validate(undated.to_dict(), SCHEMA)  # year-less values and weekday are in the schema
    # the largest year written in the body (2019) is never lent to a date that has none
    for item in undated.dates:
        if not re.search(r"\d{4}", item["text"]):
            assert not (item["value"] or "")[:1].isdigit(), item


def test_ages_idioms_and_may_the_person_are_not_dates(undated):
    texts = [d["text"] for d in undated.dates]
    assert "54" not in texts
    assert not any(t in ("day", "the day") for t in texts)  # "won the day"
    assert not any("stormy days" in t for t in texts)
    may = [d for d in undated.dates if d["text"].endswith("May")]
    assert [d["text"] for d in may] == ["late May"]
    assert may[0]["value"] == "--05" and may[0]["modifier"] == "late"


@pytest.mark.parametrize(
    ("text", "anchor", "value"),
    [
        ("last July", date(2018, 9, 17), "2018-07"),
        ("last February", date(2018, 8, 22), "2018-02"),
        ("last September", date(2018, 9, 17), "2017-09"),
        ("next March", date(2018, 9, 17), "2019-03"),
        ("December 8-9", None, "--12-08/--12-09"),
        ("February 29", None, "--02-29"),
    ],
)
def test_month_names_with_last_next_and_yearless_ranges(text, anchor, value):
    assert normalise(text, anchor)[0] == value


def _meta(text: str):
    article = extract(RawDocument("page.txt", text, "text"))
    return article.outlet, article.metadata_evidence.get("outlet"), article.published


BODY = (
    "Hungarian officials said the measures would be put to parliament next month, after the "
    "government won a two-thirds majority in the spring election. Opposition parties said they "
    "would challenge the law before the constitutional court and called protests.\n\n"
    "The finance minister told reporters the budget would not be changed before the summer, "
    "and that the central bank had been consulted on the timing of the new tax."
)


def test_agency_dateline_gives_the_outlet_with_its_evidence():
    outlet, evidence, published = _meta(
        "Hungary to tax banks again\n\nBUDAPEST, March 3 (Reuters) - " + BODY
    )
    assert outlet == "Reuters"
    assert (evidence.source, evidence.text) == ("dateline", "BUDAPEST, March 3 (Reuters)")
    assert published is None  # the dateline names no year


def test_dated_agency_dateline_gives_outlet_and_publication_date():
    outlet, evidence, published = _meta(
        "Bishops meet in Vienna\n\nVIENNA, Austria, October 9, 2018 (LifeSiteNews) – " + BODY
    )
    assert (outlet, published) == ("LifeSiteNews", "2018-10-09")
    assert outlet in evidence.text


def test_copyright_notice_names_the_outlet_but_not_a_syndicate():
    outlet, evidence, _ = _meta(
        "Budget talks stall\n\n"
        + BODY
        + "\n\n©2018 Los Angeles Times, Distributed by Tribune Content Agency, LLC."
    )
    assert outlet == "Los Angeles Times"
    assert evidence.source == "copyright"
    outlet, _, _ = _meta("Budget talks stall\n\n" + BODY + "\n\nCOPYRIGHT 2018 CREATORS.COM")
    assert outlet is None


def test_photographer_and_agency_photo_credit_is_not_the_outlet():
    outlet, _, _ = _meta("Budget talks stall\n\nPeter Novak/AFP/Getty Images\n\n" + BODY)
    assert outlet is None


def test_credit_of_an_unlisted_site_is_the_outlet_when_its_own_widgets_name_it():
    page = (
        "Listen Live\nBudget talks stall\n\n"
        + BODY
        + "\n\n© Danubian / Zsofia Kertesz\n\nComment via FacebookComment via Danubian"
    )
    outlet, evidence, _ = _meta(page)
    assert outlet == "Danubian"
    assert (evidence.source, evidence.text) == ("photo-credit", "© Danubian / Zsofia Kertesz")
    # the same credit with widgets that name another site stays a photographer's credit
    outlet, _, _ = _meta(page.replace("via Danubian", "via Twitter"))
    assert outlet is None


def test_article_that_addresses_its_readers_names_its_outlet_one_it_quotes_does_not():
    outlet, evidence, _ = _meta(
        "My plan for the winter\n\n"
        + BODY
        + "\n\nI will do what it takes to keep the lights on. Sunday Express readers can rest "
        "assured that this government will not flinch."
    )
    assert outlet == "Sunday Express"
    assert evidence.source == "self-reference" and "Sunday Express readers" in evidence.text
    once = "\n\nA ministry spokesman told Fox News the law would pass. " + BODY
    assert _meta("Budget talks stall" + once)[0] is None
    cited = (
        "\n\nA spokesman told Fox News the law would pass. An aide told Fox News the same. "
        "According to Fox News, the vote is set for May. " + BODY
    )
    assert _meta("Budget talks stall" + cited)[0] is None


UK_STORY = """Marchers and counter-protesters meet in Leeds

Police in Leeds kept marchers from the EDL and anti-racism groups apart on Saturday. Officers
from Kent and Essex were sent north to help.

One student, who grew up in Virginia before moving to Britain, said the march had frightened her.
Exports to Asia and Africa were the theme of a second rally, which moved on to the port of
Hamburg, Germany, later in the day.
"""


def test_short_or_ambiguous_names_are_not_geocoded_to_unrelated_towns():
    raw = RawDocument("leeds.txt", UK_STORY, "text")
    (article,) = LanguageStage().analyze_many([extract(raw)])
    resolved = {m["text"]: p for p in article.places for m in p["mentions"]}
    for name in ("EDL", "Kent", "Virginia", "Asia"):  # not Eldoret, Kent (US), towns in ZA, PH
        assert name not in resolved, (name, resolved.get(name))
    assert resolved["Hamburg"]["country_code"] == "DE"


POSTS = """Vell candidates demand the harbour report

Candidates for the Vell council reacted on Friday to the delivery of the harbour inquiry's report.

Read below a round-up of their statements:

The report must be released to the people of Vell today.
https://t.co/AbCdEf123 — Odile Brant (@odilebrant) March 22, 2019

This report should be made public immediately and in full, without any delay at all.
— Jonas Eklund (@jeklund) March 22, 2019

The council said it would publish the report's conclusions next week.
"""


def test_the_signature_of_an_embedded_post_stays_in_the_body():
    article = extract(RawDocument(input="posts.txt", content=POSTS, kind="text"))
    assert "— Odile Brant (@odilebrant) March 22, 2019" in article.body
    assert "— Jonas Eklund (@jeklund) March 22, 2019" in article.body


def test_a_poll_widget_left_in_a_scrape_is_chrome_not_body():
    page = (
        "Budget talks stall\n\n"
        + BODY
        + "\n\nComments This field is for validation purposes and should be left unchanged. "
        "Completing this poll grants you access to Danubian Outpost updates free of charge. You "
        "may opt out at anytime. You also agree to this site's Privacy Policy and Terms of "
        "Use.\n\nThe opposition said the vote would be close."
    )
    article = extract(RawDocument("page.txt", page, "text"))
    assert "validation purposes" not in article.body
    assert "Danubian Outpost updates" not in article.body
    assert "Terms of Use" not in article.body  # the widget's last sentence too
    assert article.body.rstrip().endswith("the vote would be close.")  # the article goes on
    # the scrape glued the next paragraph to the widget's line: the paragraph stays
    glued = page.replace("Terms of Use.\n\nThe opposition", "Terms of Use. The opposition")
    article = extract(RawDocument("page.txt", glued, "text"))
    assert "validation purposes" not in article.body
    assert "Terms of Use" not in article.body
    assert article.body.rstrip().endswith("The opposition said the vote would be close.")


def test_a_readers_poll_and_a_sharing_prompt_are_chrome_not_body():
    # the poll's question printed twice, then before its starred options; the prompts a page
    # puts between paragraphs ("Think your friends would be interested?")
    page = (
        "Budget talks stall\n\n" + BODY + "\n\ntake our poll - story continues below\n\n"
        "Who should replace Odile Brant as our envoy to the Harrow council? Who should replace "
        "Odile Brant as our envoy to the Harrow council?\n\n"
        "Who should replace Odile Brant as our envoy to the Harrow council? * Jonas Eklund "
        "Martin Keller Anna Lindqvist\n\n"
        "Think your friends would be interested?\n\n"
        "The opposition said the vote would be close."
    )
    article = extract(RawDocument("page.txt", page, "text"))
    for chrome in ("take our poll", "Who should replace", "Anna Lindqvist", "your friends"):
        assert chrome not in article.body
    assert article.body.rstrip().endswith("the vote would be close.")


def test_a_sentence_broken_after_an_abbreviation_is_joined():
    # the scrape broke "… opposition E.U." / "leaders, who are refusing …" onto two lines
    page = (
        "Budget talks stall\n\n"
        + BODY
        + "\n\nThe prime minister appears trapped between opposition E.U.\nleaders, who are "
        "refusing to renegotiate the pact, and members of her own party.\n\n"
        "The opposition said the vote would be close."
    )
    article = extract(RawDocument("page.txt", page, "text"))
    assert "opposition E.U. leaders, who are refusing" in article.body
