"""Headline, standfirst and crosshead shapes of plain-text articles.

A headline is looked for among the first story units at the top of the article (the first
~15 lines, after URL/date/byline lines and furniture): each candidate gets a score from its
place and shape, and a unit that cannot be a headline scores 0:

* it must be one line, not too long (ALL-CAPS headlines are accepted up to 200 characters),
  with no final full stop, comma, colon or semicolon (`!` and `?` are fine), and not two
  sentences;
* it must not be a dateline lead, a caption, a credit or other furniture (the caller has
  already taken those out), nor a letter's salutation (`Friend,`).

Without a candidate the reader shows the file name: a first "sentence" cut from the body
(`Kevin C.`, `1 of 18.`) is never a title.

A standfirst is the paragraph right under the headline when its shape says so: no final
punctuation and shorter than the body, an ALL-CAPS kicker (`LE POINT SUR LA SITUATION - …`),
or followed by the dateline lead (`… ।` then `जागरण संवाददाता, आगरा। …`).

Everything here is pure and never raises.
"""

from __future__ import annotations

import re

from reader.document.patterns import compiled_on_use

HEADLINE_LINES = 15  # candidates come from the first lines of the story
_NO_END = frozenset(".,;:。，；：、")
_CLOSERS = frozenset("\"'”’»」』）)]")
_SENTENCE_END = frozenset(".!?,;:。！？，；：、…")
_TWO_SENTENCES = re.compile(r"[a-z]{2}[.!?][\"'”’]?\s+[A-Z“\"]")
_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
# "— Name (@handle) October 7, 2023": the attribution line of an embedded tweet.
TWEET_SIGNOFF = re.compile(r"^[—–-]\s*.{1,80}\(@\w{1,30}\)\s+\w+\s+\d{1,2},\s+\d{4}$")
# "California: 4", "Turnout: 61.2%": a list line, never a heading.
_LIST_LINE = re.compile(r"^[^:]{1,40}:\s*[\d.,%$£€ -]+$")
# A rule: "-----", "* * *", "=====".
RULE = re.compile(r"^(?:[-=_~*#•·]\s*){3,}$")
# "Headline words The Debrief: standfirst" — a site name glued between them.
_SITE_GLUE = re.compile(r"\s(?P<site>The\s[A-Z][\w’']+(?:\s[A-Z][\w’']+)?):\s+(?=[A-Z])")
# A standfirst kicker in capitals, then a dash: "LE POINT SUR LA SITUATION - «…»".
_KICKER = compiled_on_use(r"^[A-ZÀ-Ý][A-ZÀ-Ý'’]+(?:\s[A-ZÀ-Ý'’]+){3,}\s[-–—]\s")


def final_char(s: str) -> str:
    """Last significant character: a closing quote counts only if punctuation precedes it."""
    if not s:
        return ""
    if s[-1] in _CLOSERS and len(s) > 1 and s[-2] in _SENTENCE_END:
        return s[-2]
    return s[-1]


def ends_sentence(s: str) -> bool:
    return final_char(s) in _SENTENCE_END


def is_all_caps(s: str) -> bool:
    """Upper case throughout, with some cased letters (CJK text has none)."""
    return s.isupper() and sum(1 for c in s if c.isalpha()) >= 3


def headline_score(text: str, rank: int) -> int:
    """How much `text`, the `rank`-th story unit from the top (0-based), looks like the
    headline: 0 when it cannot be one."""
    if not text or "\n" in text or _URL.match(text) or RULE.match(text):
        return 0
    if sum(c.isalnum() for c in text[:40]) < 2:
        return 0  # a dash or a symbol names nothing
    caps = is_all_caps(text)
    if len(text) > (200 if caps else 150):
        return 0
    if not caps and (final_char(text) in _NO_END or _TWO_SENTENCES.search(text)):
        return 0
    if TWEET_SIGNOFF.match(text) or _LIST_LINE.match(text):
        return 0
    score = 100 - 30 * rank
    words = len(text.split())
    if 3 <= words <= 25:
        score += 10
    if final_char(text) not in _SENTENCE_END:
        score += 5
    return max(score, 0)


def split_site_name(text: str) -> tuple[int, int, str] | None:
    """For "Headline The Site: standfirst", (end of the headline, start of the standfirst,
    site name); None when the line is not glued that way."""
    m = _SITE_GLUE.search(text)
    if m is None:
        return None
    head = text[: m.start()]
    words = head.split()
    capitalised = sum(w[:1].isupper() for w in words)
    if len(words) < 4 or capitalised < len(words) * 0.7:
        return None  # a headline in title case before the site name
    return m.start(), m.end(), m["site"]


def standfirst_shape(text: str, body_len: int, next_is_dateline: bool) -> bool:
    """Does `text`, right under the headline, read as a standfirst? `body_len` is the length
    of the longest of the next few paragraphs."""
    if "\n" in text.strip() or len(text) > 700 or len(text.split()) < 5:
        return False
    if next_is_dateline:
        return True
    if _KICKER().match(text):
        return True
    return final_char(text) not in _SENTENCE_END and body_len > len(text) and len(text) <= 400


def heading_shape(text: str, prev_text: str, next_text: str) -> str:
    """ "heading" when `text` reads as a crosshead between `prev_text` and `next_text`,
    "question" for a question crosshead, "" otherwise (the caller decides on line
    structure)."""
    if len(text) > 200:
        return "heading"  # too long for the line patterns below; the caller says no
    if TWEET_SIGNOFF.match(text):
        return ""
    if _LIST_LINE.match(text) or RULE.match(text):
        return ""
    if (
        text.endswith("?")
        and not text.endswith("??")
        and len(prev_text) >= 150
        and 3 <= len(text.split()) <= 10
        and len(text) <= 70
        and text[0] not in "\"'“‘«—–-"
        and len(next_text) >= 150
    ):
        return "question"
    return "heading"
