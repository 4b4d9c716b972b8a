"""Rebuild examples/articles/crawl.warc.gz, the WARC example that ships with chronist.

The two news pages below are fictional and were written for the project. Every
header that would normally vary between runs (WARC-Date, WARC-Record-ID, HTTP
Date) is fixed, and gzip members carry no timestamp, so running this script
twice produces byte-identical output.

Records, in order:

1. warcinfo
2. request   GET  https://www.borderlandherald.example/world/2024/01/22/...
3. response  text/html   (article #1)
4. response  image/jpeg  (must be skipped by readers)
5. response  text/html   (article #2)

Usage::

    python examples/make_warc.py            # writes examples/articles/crawl.warc.gz
    python examples/make_warc.py out.warc.gz
"""

# The embedded HTML keeps its long lines, as real pages do.
# ruff: noqa: E501

from __future__ import annotations

import sys
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

CRAWL_DATE = "2024-02-01T10:00:00Z"
HTTP_DATE = "Thu, 01 Feb 2024 10:00:00 GMT"

URL_1 = "https://www.borderlandherald.example/world/2024/01/22/kessel-border-crossing-reopens.html"
URL_IMG = "https://cdn.borderlandherald.example/img/2024/01/kessel-queue-640x360.jpg"
URL_2 = "https://news.lakeshoretimes.example/2024-01-29/election-commission-sets-snap-poll-date"

PAGE_1 = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kessel border crossing reopens after eight months | Borderland Herald</title>
<meta name="description" content="The Kessel crossing between Ardania and Lusovia has reopened under a joint checkpoint deal.">
<meta property="og:site_name" content="Borderland Herald">
<meta property="og:type" content="article">
<meta property="og:title" content="Kessel Border Crossing Reopens After Eight Months as Neighbours Ease Tensions">
<meta property="og:url" content="https://www.borderlandherald.example/world/2024/01/22/kessel-border-crossing-reopens.html">
<meta property="article:tag" content="Ardania">
<meta property="article:tag" content="Lusovia">
<meta property="article:tag" content="borders">
<meta property="article:tag" content="trade">
<link rel="canonical" href="https://www.borderlandherald.example/world/2024/01/22/kessel-border-crossing-reopens.html">
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Kessel Border Crossing Reopens After Eight Months as Neighbours Ease Tensions",
 "datePublished": "2024-01-22T06:15:00Z", "dateModified": "2024-01-22T11:40:00Z",
 "author": [{"@type": "Person", "name": "Nikolai Brandt"}],
 "publisher": {"@type": "Organization", "name": "Borderland Herald"},
 "image": "https://cdn.borderlandherald.example/img/2024/01/kessel-queue-640x360.jpg"}
</script>
<link rel="stylesheet" href="/assets/site.css">
</head>
<body class="article-page">
<div id="cookie-banner" class="cookie-banner">
  <p>This site uses cookies to improve your experience and to show you relevant advertising. <a href="/privacy">Read our privacy notice</a>.</p>
  <button type="button" class="btn-accept">OK, got it</button>
</div>
<header class="masthead">
  <a href="/" class="logo">Borderland Herald</a>
  <span class="tagline">News from both sides of the river since 1911</span>
  <nav class="site-nav">
    <ul>
      <li><a href="/">Home</a></li>
      <li><a href="/local/">Local</a></li>
      <li><a href="/world/">World</a></li>
      <li><a href="/politics/">Politics</a></li>
      <li><a href="/business/">Business</a></li>
      <li><a href="/farming/">Farming</a></li>
      <li><a href="/opinion/">Opinion</a></li>
      <li><a href="/sport/">Sport</a></li>
      <li><a href="/what-s-on/">What's on</a></li>
      <li><a href="/obituaries/">Obituaries</a></li>
      <li><a href="/e-edition/">E-edition</a></li>
    </ul>
  </nav>
</header>
<div class="ad-slot ad-leaderboard">Advertisement</div>
<main id="content">
  <article class="story">
    <h1 class="headline">Kessel Border Crossing Reopens After Eight Months as Neighbours Ease Tensions</h1>
    <div class="byline">By <span class="author-name">Nikolai Brandt</span>, Borderland Herald &middot; <span class="dateline-time">22 January 2024</span></div>
    <figure class="story-image">
      <img src="https://cdn.borderlandherald.example/img/2024/01/kessel-queue-640x360.jpg" alt="Cars queue at the Kessel crossing">
      <figcaption>Vehicles queue at the Kessel border crossing between Ardania and Lusovia as it reopens after eight months, January 22, 2024. <em class="credit">Photo: Borderland Herald/Mira Sand</em></figcaption>
    </figure>
    <div class="article-body">
      <p>The Kessel crossing between Ardania and Lusovia reopened to cars and lorries on Monday morning, eight months after it was closed during a row over customs checks that left thousands of cross-border workers facing detours of up to three hours.</p>
      <p>Queues began forming before dawn, and by mid-morning border officials said more than 1,200 vehicles had passed through in both directions. Several drivers sounded their horns as the barrier on the Lusovian side was lifted for the first time since May.</p>
      <p>The reopening follows an agreement reached in December by the two interior ministers, under which customs officers from both countries will work side by side at a single joint checkpoint instead of carrying out separate inspections. &ldquo;One stop, one stamp, one queue,&rdquo; Ardanian Interior Minister Viktor Hallas said at a brief ceremony at the border. &ldquo;That is how neighbours should treat each other.&rdquo;</p>
      <aside class="inline-related"><strong>Read more:</strong> <a href="/world/2023/12/14/interior-ministers-border-deal.html">Interior ministers strike deal on joint checkpoint</a></aside>
      <p>The closure hit the towns on either side of the frontier hard. Traders in Kessel, on the Ardanian bank, said turnover had fallen by as much as 40 per cent, while a Lusovian hospital across the river lost nearly a tenth of its nursing staff, many of whom live in Ardania and could no longer reach early shifts on time.</p>
      <p>Lusovian officials cautioned that the arrangement was provisional and would be reviewed after six months. Deputy Interior Minister Dana Mirescu said her government still wanted tighter checks on agricultural produce, which it blames for an outbreak of plant disease in its border orchards last year.</p>
      <p>Opposition politicians in both capitals welcomed the reopening but asked why it had taken so long. &ldquo;Eight months of misery for a dispute that was settled in one afternoon of talks,&rdquo; said Ardanian opposition lawmaker Rosa Teller.</p>
    </div>
    <div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Copy link</a></div>
  </article>
  <section class="related">
    <h2>More on this story</h2>
    <ul>
      <li><a href="/world/2023/12/14/interior-ministers-border-deal.html">Interior ministers strike deal on joint checkpoint</a></li>
      <li><a href="/business/2023/09/30/kessel-traders-closure-losses.html">Kessel traders count the cost of border closure</a></li>
      <li><a href="/local/2023/07/11/nurses-night-shifts-border.html">Nurses sleep in hospital as border detours bite</a></li>
    </ul>
  </section>
</main>
<footer class="site-footer">
  <ul class="footer-links">
    <li><a href="/about/">About the Herald</a></li>
    <li><a href="/contact/">Contact</a></li>
    <li><a href="/advertise/">Advertise</a></li>
    <li><a href="/privacy/">Privacy</a></li>
    <li><a href="/terms/">Terms</a></li>
  </ul>
  <p class="copyright">&copy; 2024 Borderland Herald Media. All rights reserved.</p>
</footer>
</body>
</html>
"""

PAGE_2 = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Election commission sets April 14 date for snap poll - Lakeshore Times</title>
<meta name="twitter:title" content="Election Commission Sets April 14 Date for Snap Parliamentary Poll">
<meta name="twitter:site" content="@lakeshoretimes">
<link rel="canonical" href="https://news.lakeshoretimes.example/2024-01-29/election-commission-sets-snap-poll-date">
<link rel="stylesheet" href="https://static.lakeshoretimes.example/css/app.min.css">
</head>
<body>
<div class="top-bar">
  <span class="weather">Varensk 2&deg;C, light snow</span>
  <a href="/subscribe" class="btn-subscribe">Subscribe</a>
  <a href="/login">Log in</a>
</div>
<header class="header">
  <div class="brand"><a href="/"><img src="/img/logo.svg" alt="Lakeshore Times"></a></div>
  <nav class="menu site-nav">
    <a href="/">Front page</a>
    <a href="/estrava/">Estrava</a>
    <a href="/politics/">Politics</a>
    <a href="/world/">World</a>
    <a href="/economy/">Economy</a>
    <a href="/culture/">Culture</a>
    <a href="/sport/">Sport</a>
    <a href="/opinion/">Opinion</a>
    <a href="/puzzles/">Puzzles</a>
  </nav>
</header>
<div class="container">
  <div class="col-main">
    <div class="story-header">
      <div class="section-label"><a href="/politics/">Politics</a></div>
      <h1>Election Commission Sets April 14 Date for Snap Parliamentary Poll</h1>
      <div class="meta">
        <span class="author">Ruth Achterberg</span>, Political Correspondent
        <time datetime="2024-01-29T14:20:00+01:00">Mon 29 Jan 2024 14.20 CET</time>
      </div>
    </div>
    <div class="story-body">
      <p>Estrava&rsquo;s central election commission on Monday set April 14 as the date for a snap parliamentary election, two weeks after Prime Minister Jakob Lind&rsquo;s minority government lost a confidence vote over its handling of a banking scandal.</p>
      <p>Commission chair Marija Koltsova said the timetable was &ldquo;tight but workable&rdquo; and that parties would have until March 1 to submit their candidate lists. Citizens living abroad will be able to vote by post for the first time, under an amendment passed by parliament last year.</p>
      <div class="ad-slot ad-mpu">Advertisement</div>
      <p>Lind, whose Centre Party has led the government since 2020, confirmed that he would seek a fresh mandate. &ldquo;We will ask voters to judge us on our record, not on the headlines,&rdquo; he told a party meeting in the capital, Varensk.</p>
      <p>The confidence vote followed reports that senior officials at the state-owned Estravian Savings Bank had approved loans worth hundreds of millions to companies linked to ruling-party donors. Lind has denied any knowledge of the loans, and a parliamentary inquiry is due to publish its findings in March. Two former members of the bank&rsquo;s board have been charged with abuse of office.</p>
      <p>Recent polls put the opposition Democratic Alliance, led by former foreign minister Sanna Holm, several points ahead of the Centre Party but short of a majority on its own. Holm said the election would be &ldquo;a referendum on trust&rdquo; and ruled out governing with the far-right Estrava First.</p>
      <p>International observers from the regional security organisation are expected to deploy a long-term monitoring mission from early March, the foreign ministry said.</p>
    </div>
    <div class="comments">
      <h3>Comments (14)</h3>
      <p class="comments-note">Log in or subscribe to join the conversation.</p>
    </div>
  </div>
  <div class="col-side related">
    <h3>Latest in Politics</h3>
    <ul>
      <li><a href="/2024-01-15/lind-government-loses-confidence-vote">Lind government loses confidence vote</a></li>
      <li><a href="/2024-01-09/savings-bank-loans-inquiry">Parliament opens inquiry into savings bank loans</a></li>
      <li><a href="/2024-01-27/holm-democratic-alliance-campaign-launch">Holm launches campaign with pledge on housing</a></li>
      <li><a href="/2024-01-28/postal-voting-abroad-explained">How postal voting from abroad will work</a></li>
    </ul>
  </div>
</div>
<footer class="footer">
  <a href="/about">About us</a> | <a href="/ethics">Ethics policy</a> | <a href="/privacy">Privacy</a> | <a href="/cookies">Cookies</a> | <a href="/contact">Contact</a>
  <p>Lakeshore Times &copy; 2024</p>
</footer>
</body>
</html>
"""

# A tiny (not necessarily renderable) JPEG: SOI, JFIF APP0 header, EOI.
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


def _ids(n: int) -> str:
    return f"<urn:uuid:00000000-0000-4000-8000-{n:012d}>"


def _response(
    writer: WARCWriter,
    uri: str,
    record_id: str,
    content_type: str,
    body: bytes,
    extra: dict[str, str] | None = None,
) -> object:
    headers = [
        ("Date", HTTP_DATE),
        ("Server", "nginx"),
        ("Content-Type", content_type),
        ("Content-Length", str(len(body))),
    ]
    http_headers = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
    warc_headers = {"WARC-Record-ID": record_id, "WARC-Date": CRAWL_DATE}
    if extra:
        warc_headers.update(extra)
    return writer.create_warc_record(
        uri,
        "response",
        payload=BytesIO(body),
        length=len(body),
        http_headers=http_headers,
        warc_headers_dict=warc_headers,
    )


def build(path: Path) -> None:
    """Write the example WARC to ``path``."""
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True, warc_version="1.0")

        info = (
            b"software: chronist examples/make_warc.py (warcio)\r\n"
            b"format: WARC File Format 1.0\r\n"
            b"description: Fictional news pages for chronist tests and demos\r\n"
            b"isPartOf: chronist-examples\r\n"
        )
        writer.write_record(
            writer.create_warc_record(
                "",
                "warcinfo",
                payload=BytesIO(info),
                length=len(info),
                warc_content_type="application/warc-fields",
                warc_headers_dict={
                    "WARC-Record-ID": _ids(1),
                    "WARC-Date": CRAWL_DATE,
                    "WARC-Filename": "crawl.warc.gz",
                },
            )
        )

        req_headers = StatusAndHeaders(
            "GET /world/2024/01/22/kessel-border-crossing-reopens.html HTTP/1.1",
            [
                ("Host", "www.borderlandherald.example"),
                ("User-Agent", "chronist-example-crawler/0.1"),
                ("Accept", "text/html,application/xhtml+xml"),
                ("Accept-Encoding", "identity"),
            ],
            is_http_request=True,
        )
        writer.write_record(
            writer.create_warc_record(
                URL_1,
                "request",
                payload=BytesIO(b""),
                length=0,
                http_headers=req_headers,
                warc_headers_dict={
                    "WARC-Record-ID": _ids(2),
                    "WARC-Date": CRAWL_DATE,
                    "WARC-Concurrent-To": _ids(3),
                },
            )
        )

        writer.write_record(
            _response(
                writer,
                URL_1,
                _ids(3),
                "text/html; charset=utf-8",
                PAGE_1.encode("utf-8"),
                {"WARC-Concurrent-To": _ids(2)},
            )
        )
        writer.write_record(
            _response(
                writer,
                URL_IMG,
                _ids(4),
                "image/jpeg",
                JPEG_BYTES,
            )
        )
        writer.write_record(
            _response(
                writer,
                URL_2,
                _ids(5),
                "text/html; charset=utf-8",
                PAGE_2.encode("utf-8"),
            )
        )


def main() -> None:
    """Entry point: optional output path as the only argument."""
    default = Path(__file__).resolve().parent / "articles" / "crawl.warc.gz"
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    build(out)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
