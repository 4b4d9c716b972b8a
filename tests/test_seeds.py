"""End to end on the two raw scrapes chronist was created from (read in place from ../shared)."""

from __future__ import annotations

import re

import pytest

from chronist.extract import extract
from chronist.sources import read_path

SCF = "000_b916ab04b36c1af1.txt"
SPUTNIK = "004_d31f05e20acff18c.txt"


@pytest.fixture(scope="module")
def articles(seeds_dir):
    out = {}
    for name in (SCF, SPUTNIK):
        (raw,) = list(read_path(str(seeds_dir / name)))
        out[name] = (raw.content, extract(raw))
    return out


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _prose_lines(text: str) -> list[str]:
    """Oracle from the file itself: lines that are sentences of 12+ words and appear once."""
    lines = _lines(text)
    return [
        line
        for line in lines
        if len(line.split()) >= 12
        and line.rstrip("\"'”»").endswith((".", "?", "!"))
        and lines.count(line) == 1
    ]


@pytest.mark.parametrize("name", [SCF, SPUTNIK])
def test_every_body_paragraph_kept_and_whole(articles, name):
    raw, article = articles[name]
    paragraphs = article.body.split("\n\n")
    for line in _prose_lines(raw):
        assert line in paragraphs, f"body paragraph lost: {line[:60]}"
    # Every paragraph is a whole line of the scrape, not a fragment or a merge.
    raw_lines = set(_lines(raw))
    assert all(p in raw_lines for p in paragraphs)


def test_scf_metadata(articles):
    raw, a = articles[SCF]
    assert a.title == "Aleppo Victory Close: Russia-US Revive Cooperation on Syria"
    assert a.authors == ["Peter Korzun"]
    assert a.outlet == "strategic-culture.org"
    assert a.published == "2016-12-09"
    assert a.metadata_evidence["published"].source == "url"
    assert a.metadata_evidence["authors"].text.endswith("| SCF")
    assert a.url and a.url.startswith("http://www.strategic-culture.org/news/2016/12/09/")
    assert a.language == "en"
    assert len(a.body.split("\n\n")) == 22


def test_scf_chrome_out_of_body(articles):
    raw, a = articles[SCF]
    assert a.title not in a.body
    for chrome in ("8090212-3x2-700x467", "rtsv6r5", "PETER KORZUN", "http", "Sharing is caring"):
        assert chrome not in a.body
    assert "Leave a Reply" not in a.body
    assert a.body.rstrip().endswith("global terrorist threat.")


def test_sputnik_date_is_not_the_page_clock(articles):
    raw, a = articles[SPUTNIK]
    clock = _lines(raw)[0]
    assert "2019" in clock and "GMT" in clock
    assert a.published is None
    assert a.published_after == "2016-11-25"
    assert a.metadata_evidence["published_after"].source == "caption"
    assert "2019" not in (a.published or "") + (a.published_after or "")


def test_sputnik_metadata_and_captions(articles):
    raw, a = articles[SPUTNIK]
    assert a.title == "Kerry Pressing for Aleppo Deal With Russia 'Before Trump's Inauguration'"
    assert a.outlet == "Sputnik"
    assert a.metadata_evidence["outlet"].source == "photo-credit"
    assert a.authors == []
    assert len(a.captions) == 3  # the twice-printed ones once each
    for caption in a.captions:
        assert caption not in a.body
    assert len(a.tags) == 16 and "John Kerry" in a.tags and "Aleppo" in a.tags


def test_sputnik_chrome_out_of_body(articles):
    raw, a = articles[SPUTNIK]
    lines = _lines(raw)
    last_body = a.body.split("\n\n")[-1]
    related = lines[lines.index(last_body) + 1 :]
    assert len(related) >= 10
    for line in related:  # related headlines, tag line, comment widgets
        assert line not in a.body
    for chrome in (
        "Listen Live",
        "Get short URL",
        "GMT",
        "©",
        "Comment via",
        "Community standards",
    ):
        assert chrome not in a.body
    assert not re.search(r"^\s*$", a.body.split("\n\n")[0])


def test_body_paragraph_offsets(articles):
    for _, a in articles.values():
        for start, end in a.paragraphs():
            para = a.body[start:end]
            assert para and "\n" not in para and para == para.strip()
