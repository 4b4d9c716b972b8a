"""Regression floors on the benchmark data in ../shared (the figures themselves live in bench/).

Subsets keep the suite fast; the floors sit a little under what chronist measures today, so a
change that makes extraction worse fails here before anyone runs the full benchmark.
"""

from __future__ import annotations

import pytest

from chronist.extract import extract
from chronist.model import RawDocument

from .conftest import CORPORA, need_shared

bench = pytest.importorskip("bench.extraction")
render = pytest.importorskip("bench.render")


@pytest.fixture(scope="module")
def zyte_pages():
    need_shared(CORPORA / "zyte-article-extraction")
    return bench.load_zyte(60)


def test_html_body_f1_floor(zyte_pages):
    scores = []
    for page in zyte_pages:
        article = extract(RawDocument(page.id, page.html, "html", {"url": page.url}))
        scores.append(bench.shingle_match(page.gold, article.body))
    precision, recall, f1 = bench.prf(scores)
    assert f1 >= 0.94, (precision, recall, f1)


def test_plain_text_rendered_page_f1_floor(zyte_pages):
    scores = []
    for page in zyte_pages:
        text = render.render_page_text(page.html)
        article = extract(RawDocument(page.id, text, "text"))
        scores.append(bench.shingle_match(page.gold, article.body))
    precision, recall, f1 = bench.prf(scores)
    assert f1 >= 0.90, (precision, recall, f1)


def test_publication_date_accuracy_floor():
    need_shared(CORPORA / "htmldate-dates")
    pages = bench.load_dates(150)
    right = 0
    for page in pages:
        article = extract(RawDocument(page.id, page.html, "html", {"url": page.url}))
        right += page.gold is not None and article.published == page.gold
    assert right / len(pages) >= 0.90, right / len(pages)
