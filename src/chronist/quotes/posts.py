"""Embedded social-media posts: the lines of a tweet, signed '— Name (@handle) Date'.

Scraped news keeps an embedded post as plain text: its lines, then a signature line such as
'— Kamala Harris (@KamalaHarris) March 22, 2019' or 'https://t.co/… — Amy Klobuchar
(@amyklobuchar) March 22, 2019'. No quotation mark says these lines are someone's words, so
the quotes stage would lose them. No library parses tweet embeds that have lost their markup
(the embed parsers read the HTML ``blockquote class="twitter-tweet"``), so chronist writes its
own:

- **Signature**: a dash (—, –, ― or --), a name of at most 60 characters, "(@handle)" and a
  date ('March 22, 2019', '31 декабря 2018 г.'), or the end of the line when no date follows.
  A line that is only 'Name (@handle) Date' signs too, and the sentence splitter's line break
  inside a signature ('— Sec.' / 'Kirstjen Nielsen (@SecNielsen) …', '— S. Lee Merritt,
  Esq.' / '(@MeritLaw) …') is read through. An "@handle" in prose ('on Twitter (@X) to …')
  has no dash and no date: it signs nothing.
- **The post**: the text before the signature on its line, with its trailing links
  (pic.twitter.com, t.co, 'via @X'), hashtags and '(1/2)' dropped, and the lines right above
  it, back to the previous signature, a line ending with ':' (the writer's
  introduction), the title, a line with an unbalanced quotation mark when the post so far is
  balanced (the writer quoting the post before embedding it), a line of the writer's voice
  ('Wilders tweeted.', '“…,” X said', 'X said: “…”', 'reacted on social media', the signer's
  surname, reported speech 'X said that …'
  when the post has text already), or the line that would make the
  post longer than a post can be (280 characters; 140 before 2017).
- **Speaker**: the actor the language stage found in the signature's name, else the name as
  written; the cue is the handle.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from chronist.model import Quote
from chronist.quotes.speakers import Speakers

_DASH = r"(?:—|–|―|--)"
_DATE = (
    r"(?P<date>[^\W\d_]{3,10}\.?[^\S\n]+\d{1,2},?[^\S\n]+(?P<y1>\d{4})|"
    r"\d{1,2}[^\S\n]+[^\W\d_]{3,10}\.?[^\S\n]+(?P<y2>\d{4})(?:[^\S\n]*г\.)?)"
)
_HANDLE = r"\((?P<handle>@\w{1,30})\)"
#: '— Name (@handle) Date', the name possibly broken by one line break.
_SIGNED = re.compile(
    rf"{_DASH}[^\S\n]*(?P<name>[^\n()—–―@]{{1,60}}?(?:\n+[^\n()—–―@]{{1,60}}?)?)"
    rf"[^\S\n]*\n*[^\S\n]*{_HANDLE}(?:[^\S\n]+{_DATE}|(?=[^\S\n]*(?:\n|$)))"
)
#: 'Name (@handle) Date' as a whole line.
_BARE = re.compile(
    rf"^(?P<name>[^\W\d_][^\n()—–―@]{{0,59}}?)[^\S\n]*{_HANDLE}[^\S\n]+{_DATE}[^\S\n]*$", re.M
)
#: What ends a post before its signature: links, 'via @X', hashtags, '(1/2)'.
_TRAILER = re.compile(
    r"(?:[^\S\n]*(?:https?://\S+|pic\.twitter\.com/\w+|via[^\S\n]+@\w+|#\w+|"
    r"\(\d+[^\S\n]*(?:/|of)[^\S\n]*\d+\)))+[^\S\n]*$"
)
_LINK = re.compile(r"https?://\S+|pic\.twitter\.com/\w+")
_MARKS = re.compile(r"[\"“”«»]")
#: The writer's voice on a line above the post: 'Wilders tweeted.', 'In a damning tweet, …',
#: '… posted an update … on Twitter.'
_WRITER = re.compile(
    r"\b(?:tweeted|tweets|retweeted|in\s+a\s+tweet|(?:on|to)\s+(?:Twitter|social\s+media|"
    r"Facebook|Instagram)|wrote|posted|writes)\b",
    re.I,
)
#: The writer's attribution after a quotation: '“We will not be moved,” Ines Calvo said'.
_ATTRIBUTED = re.compile(
    r"[”\"’»],?[^\S\n]+(?:(?:he|she|they|[A-Z][\w.’'-]*)[^\S\n]+){1,4}"
    r"(?:said|says|told|added|stated|explained|insisted|warned)\b"
)
#: The writer quoting someone on a line above a post: 'In a statement Corbyn said: "…"',
#: 'Simply remarking, "Whatever."'.
_INTRODUCED = re.compile(
    r"\b(?:said|says|added|stated|wrote|remarking|saying|replying|adding|told\s+[\w ]{1,30}?)"
    r"[^\S\n]*[:,][^\S\n]*[\"“«]"
)
_NOT_SURNAME = frozenset("esq jr sr mp phd md".split())


@dataclass
class Post:
    """One embedded post: its text span and its signature."""

    start: int
    end: int
    signature: tuple[int, int]
    name: tuple[int, int]
    handle: str


def _length(text: str) -> int:
    return len(_LINK.sub("", text).strip())


def _signatures(body: str) -> list[re.Match[str]]:
    found = list(_SIGNED.finditer(body))
    for m in _BARE.finditer(body):
        if not any(s.start() <= m.start() < s.end() for s in found):
            found.append(m)
    return sorted(found, key=lambda m: m.start())


def _name_span(body: str, m: re.Match[str]) -> tuple[int, int]:
    start, end = m.start("name"), m.end("name")
    while start < end and not body[start].isalnum():
        start += 1
    while end > start and not (body[end - 1].isalnum() or body[end - 1] in ".’'"):
        end -= 1
    if "\n" in body[start:end]:  # '— Sec.' / 'Kirstjen Nielsen': the name is the last line's
        start = body.rfind("\n", start, end) + 1
    return start, end


def _surname(name: str) -> re.Pattern[str] | None:
    """The signer's last name, to tell the writer's lines about them ('Snowden then offered
    …', 'writer Kashana Cauley summed up …') from the post's."""
    words = [w for w in re.findall(r"[^\W\d_][\w’'-]+", name) if w.lower() not in _NOT_SURNAME]
    if not words or len(words[-1]) < 3 or not words[-1][0].isupper():
        return None
    return re.compile(rf"(?<![\w@#]){re.escape(words[-1])}(?![\w’'])")


def _post_start(
    body: str,
    line_start: int,
    floor: int,
    text: str,
    limit: int,
    name: str = "",
    reported: Sequence[tuple[int, int]] = (),
) -> int:
    """Where the post that ends on the line at ``line_start`` begins."""
    surname = _surname(name)
    budget = limit - _length(text)
    marks = len(_MARKS.findall(text))
    start = line_start
    while start > floor and start > 0 and body[start - 1] == "\n":
        prev_end = len(body[:start].rstrip("\n"))  # the article's blank lines are no bound
        prev_start = max(body.rfind("\n", 0, prev_end) + 1, floor)
        line = body[prev_start:prev_end]
        odd = len(_MARKS.findall(line)) % 2
        if (
            prev_start == 0  # the title
            or not line.strip()
            or line.rstrip().endswith(":")
            or (odd and marks % 2 == 0)
            or not re.search(r"\w", line)  # '.' left over from the embed's markup
            or _WRITER.search(line)
            or _ATTRIBUTED.search(line)
            or _INTRODUCED.search(line)
            or (surname is not None and surname.search(line))
            or _length(line) > budget
            or (budget < limit and any(prev_start <= a and b <= prev_end for a, b in reported))
        ):
            break
        budget -= _length(line)
        marks += odd
        start = prev_start
    return start


def find_posts(body: str, reported: Sequence[tuple[int, int]] = ()) -> list[Post]:
    """The embedded posts of an article body, in text order. ``reported``: the spans of the
    writer's reported speech, speaker and clause ('Barr said that he could …'): a line above a
    post that holds one is the writer's, unless the post has no other text."""
    posts: list[Post] = []
    floor = 0
    for m in _signatures(body):
        dash = m.start()
        line_start = max(body.rfind("\n", 0, dash) + 1, floor)
        if m.re is _BARE and line_start > 0:
            # 'Name (@handle) Date' alone on its line: the post ends on the line above
            dash = len(body[:line_start].rstrip("\n"))
            line_start = max(body.rfind("\n", 0, dash) + 1, floor)
        trailer = _TRAILER.search(body, line_start, dash)
        end = trailer.start() if trailer else dash
        end = max(end, line_start)
        year = m.group("y1") or m.group("y2")
        limit = 140 if year and int(year) < 2017 else 280
        name = _name_span(body, m)
        start = _post_start(
            body, line_start, floor, body[line_start:end], limit, body[name[0] : name[1]], reported
        )
        while start < end and body[start].isspace():
            start += 1
        while end > start and body[end - 1].isspace():
            end -= 1
        floor = m.end()
        if end > start and _length(body[start:end]) > 1:
            posts.append(Post(start, end, (m.start(), m.end()), name, m["handle"]))
    return posts


def post_quotes(speakers: Speakers, posts: list[Post]) -> list[Quote]:
    """The posts as direct quotes of the people who signed them."""
    body = speakers.body
    quotes: list[Quote] = []
    for post in posts:
        n_start, n_end = post.name
        named = [m for m in speakers.mentions_between(n_start, n_end) if m[0] >= n_start] or [
            m for m in speakers.mentions_between(n_start - 1, n_end + 1)
        ]
        people = [m for m in named if speakers.kinds.get(m[2], ("",))[0] == "person"]
        actor = (people or named)[0][2] if named else None
        quotes.append(
            {
                "text": body[post.start : post.end],
                "kind": "direct",
                "cue": post.handle,
                "speaker": speakers.name(actor) or body[n_start:n_end] or None,
                "speaker_actor": actor,
                "speaker_mention": speakers.span(n_start, n_end) if n_end > n_start else None,
                "start": post.start,
                "end": post.end,
            }
        )
    return quotes


def inside_posts(posts: list[Post], quotes: list[Quote]) -> list[Quote]:
    """``quotes`` without indirect speech read on a post or its signature (the signature's
    dash is no '— X' attribution and the post's lines are no writer's sentence); a direct
    quote inside a post with no speaker of its own takes the post's."""
    kept = []
    for quote in quotes:
        around = [p for p in posts if p.start <= quote["start"] and quote["end"] <= p.end]
        touches = any(quote["start"] < p.signature[1] and p.start < quote["end"] for p in posts)
        if quote["kind"] == "indirect" and touches:
            continue
        kept.append(quote)
        if around and quote["kind"] in ("direct", "partial") and quote["speaker_mention"] is None:
            post = around[0]
            signed = next(
                (q for q in quotes if q["cue"] == post.handle and q["start"] == post.start), None
            )
            if signed is not None and signed is not quote:
                for key in ("speaker", "speaker_actor", "speaker_mention"):
                    quote[key] = signed[key]  # type: ignore[literal-required]
    return kept
