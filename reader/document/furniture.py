"""Page furniture in scraped articles: what is on the page but not part of the story.

Three kinds, each a table of patterns with the label its folded block gets:

* whole lines that are furniture wherever they stand (`furniture_label`): related-link
  headers, share / follow / newsletter prompts, picture credits (`Daniel Acker/Getty Images`,
  `Pictures: Getty`), `WATCH:` labels of removed videos, section labels, bare story numbers;
* photo captions (`caption_label`): a paragraph that ends with a picture credit
  (`(AP Photo/…)`, `Photograph: …/Reuters`, `Mandatory Credit: …`) or opens a slideshow
  (`1 of 2. …`), but never a lead that opens with a dateline (`Aug 9 (Reuters) - …`);
* furniture glued onto a line (`glued_furniture`): `(RELATED: …)` after a paragraph,
  `Read MoreRead More`, and a headline followed by `Share Pin It More Galleries …`.

Everything here is pure and never raises.
"""

from __future__ import annotations

import re
from functools import cache

from reader.document.patterns import compiled_on_use

# --- whole lines ---------------------------------------------------------------------------

# (label, pattern matched against the whole stripped line); the first match wins.
_LINE_RULES: tuple[tuple[str, str], ...] = (
    (
        "Related",
        r"(?:related(?:\s+(?:topics?|news|articles?|stories|story|posts?|links?|content"
        r"|coverage|reading|videos?))?\s*:?|related\s*:\s*.{1,150}|related\s+articles?\s*»"
        r"|read\s+more(?:\s*:.*|read\s+more)?|see\s+also\s*:?|more\s+(?:from|on)\s.{1,60}"
        r"|(?:like\s+this\?\s+)?you\s+(?:may|might)\s+also\s+(?:like|be\s+interested\s+in)\s*:?"
        r"|recommended(?:\s+for\s+you)?\s*:?"
        r"|【関連記事】|【関連リンク】|【関連ニュース】|相关阅读|相关新闻|相關新聞|延伸阅读|延伸閱讀"
        r"|اقرأ\s+أيضا.{0,60}|यह\s+भी\s+प(?:\u095d|\u0922\u093c)ें\s*:.{0,200})",
    ),
    (
        "Share and follow",
        r"(?:like\s+us\s+on\s+facebook.{0,40}"
        r"|follow\s+.{1,60}?\s+on\s+(?:twitter|facebook|instagram|x|threads|bluesky)\b.{0,60}"
        r"|share\s+(?:this|on|our)\b.{0,60}|share|tweet|pin\s+it|email|print|enlarge"
        r"|previous(?:\s+next)?|next|advertisement|sponsored)",
    ),
    (
        "Newsletter",
        r"(?:sign\s+up\s+for\s.{1,80}|subscribe\s+to\s.{1,160}"
        r"|.{0,40}\bwhatsapp\s+(?:चैनल|channel)\b.{0,160})",
    ),
    ("Copyright", r"(?:(?:copyright|\(c\)|©)\s.{0,100}|all\s+rights\s+reserved\.?)"),
    (
        "Picture credit",
        r"(?:(?:pictures?|photos?|photograph|images?|credit)\s*:\s*.{1,80}"
        r"|[\w .,'’&-]{2,60}/(?:getty\s+images|reuters|ap|afp|epa|bloomberg|contributed\s+image)"
        r"|(?:getty\s+images|ap\s+photo|reuters|afp)(?:\s+photo)?)",
    ),
    ("Video", r"(?:watch|video|listen|audio)\s*:"),
    # What an embedded Instagram post leaves in a scrape (its picture is gone).
    ("Embed", r"a\s+post\s+shared\s+by\s.{1,80}\(@[\w.]{1,30}\)"),
    # A wire service's note on what a new version of the story changes.
    (
        "Wire notes",
        r"\((?:adds|updates?|recasts|rewrites|repeats|refiles|corrects|changes|fixes|releads"
        r"|new\s+throughout|writethru)\b[^()]{0,100}\)",
    ),
    ("Update note", r"(?:update[ds]?|editor['’]s\s+note|correction)\s*:\s*.{0,80}"),
    (
        "Section",
        r"(?:sports?|news|world|business|politics|opinion|entertainment|technology"
        r"|tech|health|science|lifestyle|travel|culture|sport|video|local|national)",
    ),
    ("Story number", r"\d{5,}"),
    ("Sources", r"sources?\s*:?"),
)
# All the rules as one alternation, tried in order against the whole line: one match per line
# whatever the number of rules; the group that matched names the label. The rules are written
# in lower case and matched against the lower-cased line, case-sensitively: the regex engine
# then rules out an alternative that opens with a letter by that letter alone.
_LABELS = tuple(label for label, _ in _LINE_RULES)
_LINES = re.compile(
    "^(?:" + "|".join(f"(?P<r{k}>{pattern})" for k, (_, pattern) in enumerate(_LINE_RULES)) + ")$"
)

# Related-link headers: the links listed under them are furniture too.
_RELATED_HEAD = re.compile(
    r"^(?:related\b|read\s+more|see\s+also|more\s+(?:from|on)\b|(?:like\s+this\?\s+)?you\s+"
    r"(?:may|might)\s+also|【関連|相关|相關|延伸|اقرأ)",
    re.I,
)


def furniture_label(line: str) -> str:
    """The label of a furniture line ("Related", "Picture credit", …), or ""."""
    if len(line) > 240 or "\n" in line:
        return ""
    # "İ" is the one character `str.lower` makes two of (i and a combining dot): as one
    # letter, it is the "i" the rules mean, as a case-insensitive match takes it.
    m = _LINES.match(line.replace("İ", "I").lower())
    return _LABELS[int(m.lastgroup[1:])] if m else ""


@cache
def _maybe_lines() -> re.Pattern[str]:
    """The rules made to keep to one line (a "\\s" or "[^()]" never takes a line break:
    the same rules for a line on its own), as a search for whole lines of a text, spaces
    around them allowed."""
    rules = "|".join(pattern for _, pattern in _LINE_RULES)
    rules = rules.replace(r"\s", r"[^\S\n]").replace("[^()]", r"[^()\n]")
    # After a line break (the search skips to each), from the line's first character that
    # is not a space (a blank line fails there), never on a line longer than
    # `furniture_label` looks at (its text past 240 characters).
    longer = r"[^\n]{240}[^\n]*?\S"
    return re.compile(rf"\n[^\S\n]*+(?=\S)(?!{longer})(?:{rules})[^\S\n]*$", re.M)


def furniture_line_offsets(text: str, lo: int, hi: int) -> list[int]:
    """Where the lines of text[lo:hi] that `furniture_label` may label start, in order,
    found by one search of the whole text. Every such line is among them (a stripped line
    that matches a rule matches here with its spaces); a few others may be, so each is
    still checked with `furniture_label`."""
    # As long as the text (see above); after a line break, so the first line is one too.
    lowered = "\n" + text[lo:hi].replace("İ", "I").lower()
    return [m.start() + lo for m in _maybe_lines().finditer(lowered)]


def is_related_head(line: str) -> bool:
    return _RELATED_HEAD.match(line) is not None


# --- captions ------------------------------------------------------------------------------

# The caption patterns are compiled when a paragraph first passes their cheap test.
# A picture credit that closes a caption (searched in the caption's last characters).
_CREDIT_END = compiled_on_use(
    r"(?:\((?:AP|AFP|EPA|PA|Reuters|Getty)(?:\s+Photo)?/[^)]{1,80}\)\S{0,12}"
    r"|\((?:Photo|Image|Picture)\b[^)]{1,80}\)"
    r"|\bPhoto(?:graph)?(?:\s+by)?\s*[:/]\s*[^.]{1,80}"
    r"|\bMandatory\s+Credit\s*:.{1,80}"
    r"|\b(?:Credit|Photo\s+credit)\s*:\s*.{1,80}"
    r"|/(?:Getty\s+Images|Reuters|AFP|EPA|AP|CONTRIBUTED\s+IMAGE)\b\S{0,12})\s*$",
    re.I,
)
# A Japanese photo caption: "イスラエルの国旗＝同国で2019年5月" (subject ＝ place and date).
_JA_CAPTION = compiled_on_use(
    r"^[^。]{2,80}＝[^。]{0,30}\d{4}年\d{1,2}月(?:\d{1,2}日)?[^。]{0,30}$"
)
# "1 of 2. A general view of …": a slideshow caption.
_SLIDESHOW = compiled_on_use(r"^\d{1,3}\s+of\s+\d{1,3}\.\s")


# A picture credit anywhere in the article's first paragraph (a caption above the story).
_CREDIT_IN = compiled_on_use(
    r"\((?:AP|AFP|EPA|PA|Reuters|Getty)\b[^)]*\)|\bPhoto(?:graph)?\s*(?:by|credit)?\s*[:/]"
    r"|\((?:Photo|Image)\b",
    re.I,
)


# What a caption's last characters hold when the credit regex can match them: a cheap test
# first (most paragraphs hold none of these), in lower and in upper case: credits are often
# written in capitals ("(PHOTO: JOHN SMITH)", "CREDIT: …").
_CREDIT_CLUES = tuple(
    dict.fromkeys(
        case for clue in ("/", "redit", "hoto", "mage", "icture") for case in (clue, clue.upper())
    )
)


def _may_credit(tail: str) -> bool:
    return any(clue in tail for clue in _CREDIT_CLUES)


def caption_label(text: str, *, is_lead: bool = False, first: bool = False) -> str:
    """ "Photo caption" when `text` (one paragraph) is a picture caption, else "". A lead
    paragraph (`is_lead`: it opens with a dateline) never is; the article's `first`
    paragraph is one when it holds a credit anywhere and is longer than a headline."""
    if is_lead or len(text) > 700:
        return ""
    tail = text[-140:]
    if (text[:1].isdigit() and _SLIDESHOW().match(text)) or (
        _may_credit(tail) and _CREDIT_END().search(tail)
    ):
        return "Photo caption"
    if "＝" in text and _JA_CAPTION().match(text):
        return "Photo caption"
    if first and len(text) > 80 and _CREDIT_IN().search(text):
        return "Photo caption"
    return ""


# A cover-photo caption under the headline: one short sentence saying who or what is shown,
# then where ("Des pompiers ukrainiens après une attaque aérienne russe, à Dnipro en Ukraine.",
# "Rescuers search the rubble, in Kathmandu, Nepal.").
_PLACE_TAIL = compiled_on_use(
    r"^[^.!?]{10,140},\s+(?:à|au|aux|en|in|at|near|im|bei|nahe)\s+(?P<place>[^\W\d_][^.!?,]{1,60}"
    r"(?:,\s+[^\W\d_][^.!?,]{1,30})?)\.$"
)


def cover_caption(text: str) -> bool:
    """Is `text`, the line between the headline (or standfirst) and the lead, the caption
    of the cover photo?"""
    m = _PLACE_TAIL().match(text) if text.endswith(".") and "\n" not in text else None
    return m is not None and m["place"][0].isupper()


# --- glued on ------------------------------------------------------------------------------

# (label, how the line ends, pattern): furniture glued to the end of a paragraph line
# ("… teams. (RELATED: …)"); the ending is a cheap test before the pattern.
_GLUED_END = (
    (
        "Related",
        ")",
        compiled_on_use(r"\((?:RELATED|READ MORE|SEE ALSO)\s*:[^()]{1,200}\)$", re.I),
    ),
    ("Read more", "More", compiled_on_use(r"(?:Read More){1,2}$")),
    # Reporters' sign-off after the last sentence: "…拘束されている。【エルサレム松岡大地】".
    ("Sign-off", "】", compiled_on_use(r"(?<=[。」）])【[^【】]{2,60}】$")),
)
# A share/gallery prompt glued after a headline: everything from it is furniture.
_GLUED_PROMPT = compiled_on_use(
    r"\s(?:Share\s+Pin\s+It|Share\s+this\s+(?:story|article)|More\s+Galleries)\b"
)
_PROMPT_CLUES = ("Share", "Galleries")  # what a line holds when the prompt can be on it


def _keeps_words(head: str) -> bool:
    """Does `head` keep a few words (or, in a script written without spaces, a phrase)?"""
    return len(head.split()) >= 3 or (not head.isascii() and len(head.strip()) >= 12)


def glued_furniture(text: str) -> tuple[int, str] | None:
    """(offset, label) where furniture glued onto the single line `text` begins, or None.
    The part before the offset keeps at least a few words."""
    if "\n" in text:
        return None
    m = _GLUED_PROMPT().search(text) if any(w in text for w in _PROMPT_CLUES) else None
    if m and _keeps_words(text[: m.start()]):
        return m.start() + 1, "Share prompts"
    for label, ending, pattern in _GLUED_END:
        m = pattern().search(text) if text.endswith(ending) else None
        if m and _keeps_words(text[: m.start()]):
            start = m.start()
            while text[start].isspace():
                start += 1
            return start, label
    return None


# --- where to look -------------------------------------------------------------------------

# What a paragraph holds when `glued_furniture` or `caption_label` can find anything in it
# (what their cheap tests ask for, and a slideshow caption's opening number): one search of
# a whole text finds these, so a paragraph without any is never looked at on its own. Every
# alternative opens with a literal character, which the regex engine skips to quickly.
_CLUES = re.compile(
    "|".join(
        [
            *map(re.escape, _PROMPT_CLUES + _CREDIT_CLUES),
            "＝",  # a Japanese caption
            *(re.escape(ending) + r"(?=[^\S\n]*$)" for _, ending, _ in _GLUED_END),
            r"\n[^\S\n]*\d",  # a line opening with a number ("1 of 2. …")
        ]
    ),
    re.M,
)


def clue_offsets(text: str, lo: int, hi: int) -> list[int]:
    """Where the paragraphs of text[lo:hi] that `glued_furniture` or `caption_label` may
    label hold a clue (the offset of each clue's last character, in order). A paragraph at
    `lo` may open with a number without a clue: the caller looks at the first one anyway."""
    return [m.end() - 1 for m in _CLUES.finditer(text, lo, hi)]
