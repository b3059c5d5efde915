"""Sentence segmentation: `split_sentences(text)` -> `[(start, end), ...]` spans into `text`.

Spans are ordered, non-overlapping, stripped of surrounding whitespace, never empty, and
together they cover every non-whitespace character of `text`.

How it works (and why it is fast): one compiled regex finds *candidate* ends (a run of
terminal punctuation plus closing quotes/brackets, followed by whitespace, or a CJK terminator
anywhere); a small decision function looks at the word before and the word after each
candidate, using set lookups for abbreviations and common sentence-opening words. Paragraph
breaks (a blank line) always end a sentence, and a sentence that starts with a list marker
("1.", "2)", "a.", "• 3.") is split again before each following marker of the same list.
"""

from __future__ import annotations

import re

__all__ = ["split_sentences"]

# --- candidates -----------------------------------------------------------------------------

_CLOSERS = "\"'”’»›)\\]}」』）】〕〉》"
# Kana, CJK ideographs (extension A and unified) and Hangul: checked in Python after a match
# (`_is_cjk`) rather than by a regex class of some 40,000 code points.
_CJK_RANGES = (
    ("\u3040", "\u30ff"),
    ("\u3400", "\u4dbf"),
    ("\u4e00", "\u9fff"),
    ("\uac00", "\ud7af"),
)


def _is_cjk(ch: str) -> bool:
    return any(lo <= ch <= hi for lo, hi in _CJK_RANGES)


_TERMINATORS = ".!?…‼⁇⁈⁉؟۔।॥。！？｡．"
_CANDIDATE = re.compile(
    # The leading lookahead lets the regex engine skip to terminator characters quickly; the
    # lookbehind and the possessive quantifiers make a match start only at the beginning of a
    # run of terminators and never backtrack into it, so a long run ("....x") stays linear.
    rf"(?=[{_TERMINATORS}])(?<![{_TERMINATORS}])(?:"
    # Western / Arabic / Devanagari (danda) ends: need whitespace (or the end) after the
    # closers.
    r"(?P<term>(?<!\.\ )\.(?:\ \.){2,}+|[.!?…‼⁇⁈⁉؟۔।॥]++)"
    rf"(?P<close>[{_CLOSERS}]*+)(?=\s|$)"
    r"|"
    # CJK ends: no whitespace needed; ASCII !/? directly before a CJK character also counts
    # (the regex asks for any non-ASCII letter there; `_decide` keeps only CJK ones).
    r"(?P<cjk>(?:[。！？｡]|．(?![0-9０-９]))++|[!?]++(?=[^\x00-\x7f\s]))"
    rf"(?P<cjkclose>[{_CLOSERS}]*+)"
    r")"
)

_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")
_NON_SPACE = re.compile(r"\S")
_WORD_CHAR = re.compile(r"\w")
_LEADING_BULLETS = re.compile(r"[\s•⁃‣◦▪·∙\-–—*]*+")
# The word after a candidate: whitespace, opening quotes/brackets, then the word itself and the
# character right after it (to tell "A" from the initial "A.").
_NEXT = re.compile(r"\s*[\"'“‘«‹(\[{¿¡*_]*(\w*)(.?)", re.DOTALL)

_OPENERS = "\"'“‘«‹([{<*_—–"
_BULLETS = "•⁃‣◦▪·∙-–—*"
_MULTI_PERIOD = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_SMALL_NUMBER = re.compile(r"\d{1,3}")

# A list marker at the start of a sentence: optional bullet, a number or a single letter, then
# ".)", ")" or ".", then whitespace.
_LIST_START = re.compile(r"([•⁃‣◦▪]?)\s*(\d{1,3}|[a-zA-Z])(\.\)|\)|\.)\s")

# --- word lists -----------------------------------------------------------------------------

# Titles that precede a name: never the end of a sentence.
_TITLES = frozenset(
    """mr mrs ms mx dr prof rev revd hon messrs mme mlle msgr sen rep gov gen lt col capt cpt
    sgt maj cmdr adm cpl pvt supt insp det atty pres vs v viz cf""".split()
)

# Other abbreviations: the end of a sentence only when a common sentence opener follows.
_ABBREVIATIONS = frozenset(
    """co corp inc ltd llc plc bros jr sr esq etc al dept univ assn ave blvd rd hwy st mt ft
    no nos vol vols p pp fig figs ch chap sec art para approx est tel ext ref op ed eds
    dist intl natl govt assoc mfg div min max misc nr oz lb lbs km cm mm kg sq yr yrs
    hr hrs ibid ca""".split()
)
# Months and weekdays count as abbreviations only when capitalised ("Jan. 5", "Sat. night").
_CAPITALISED_ABBREVIATIONS = frozenset(
    """jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun""".split()
)
# Day-month dates written with an ordinal period: "am 7. Oktober", "am 14. und 15. Juli 2021"
# (German), "Donnerstag, 18. 7." (day and month numbers). Never a sentence end.
_ORDINAL_MONTHS = frozenset(
    """Januar Jänner Februar Feber März April Mai Juni Juli August September Oktober November
    Dezember Jan Feb Mär Apr Jun Jul Aug Sep Sept Okt Nov Dez""".split()
)
_DAY_NUMBER = re.compile(r"(?:0?[1-9]|[12]\d|3[01])")
# Terminators that always end a sentence (no abbreviation or number can own them).
_FINAL_MARKS = frozenset("!?؟‼।॥")
_NEVER_FINAL_MULTI = frozenset({"e.g", "i.e", "viz", "a.k.a", "c.f"})
_TIME_MULTI = frozenset({"a.m", "p.m"})

# Capitalised words that commonly open an English sentence. After an abbreviation ("Co.",
# "U.S.", "a.m."), only these make the period a sentence end: "Co. It closed" splits,
# "U.S. Navy" does not.
_STARTERS = frozenset(
    """A About After Again All Also Although Among An And Another Any Are As At Because Before
    Being Both But By Can Could Despite Did Do Does During Each Either Even Every Few For
    From Had Has Have He Her Here His How However I If In Instead Is It Its Just Last Later
    Let Many May Meanwhile More Most Much Must My Neither Never Nevertheless No None Nor Not
    Now Of On Once One Only Or Other Our Over Perhaps Please She Should Since So Some Still
    Such That The Their Then There Therefore These They This Those Though Thus To Today Two
    Under Unlike Until Was We Were What When Whether Where Which While Who Whom Whose Why
    Will With Within Without Would Yes Yet You Your""".split()
)


# --- decisions ------------------------------------------------------------------------------


def _prev_token(text: str, start: int, lo: int) -> tuple[int, str]:
    """The whitespace-delimited token that ends at `start` (looking back at most 120 chars)."""
    floor = max(lo, start - 120)
    i = max(text.rfind(" ", floor, start), text.rfind("\n", floor, start)) + 1
    if i == 0:
        i = floor
    token = text[i:start]
    parts = token.split()  # other whitespace (tabs, no-break spaces) inside the slice
    if len(parts) != 1 or token[-1:].isspace():
        if not parts or token[-1:].isspace():
            return start, ""
        last = parts[-1]
        return start - len(last), last
    if token[0].isspace():
        token = parts[0]
        i = start - len(token)
    return i, token


def _ordinal_date(day: str, word: str, after: str) -> bool:
    """After a day number and its period: a month name ("7. Oktober") or a month number with
    its own period ("18. 7.") makes the period an ordinal, not a sentence end."""
    if _DAY_NUMBER.fullmatch(day) is None:
        return False
    if word in _ORDINAL_MONTHS:
        return True
    return after == "." and _DAY_NUMBER.fullmatch(word) is not None and int(word) <= 12


def _starter(word: str, after: str) -> bool:
    return word in _STARTERS and after != "."


class _Segmenter:
    """The decisions for one span that holds a candidate end before its last character;
    its sentences are appended to `spans`."""

    __slots__ = ("text", "spans", "hi", "sent_start", "_list_key", "_lead_end", "_word_at")

    def __init__(self, text: str, spans: list[tuple[int, int]]) -> None:
        self.text = text
        self.spans = spans
        self.hi = len(text)
        self.sent_start = 0  # `run` starts each span's first sentence

    def _start_sentence(self, start: int) -> None:
        # Per-sentence facts, computed lazily at most once each (keeps pathological inputs
        # linear: no candidate rescans the sentence from its start).
        self.sent_start = start
        self._list_key: tuple[str, str, str] | None | bool = False
        self._lead_end = -1  # end of the leading whitespace/bullets
        self._word_at = -1  # first word character at or after the start (hi when none)

    def _has_word_before(self, cut: int) -> bool:
        if self._word_at < 0:
            m = _WORD_CHAR.search(self.text, self.sent_start, self.hi)
            self._word_at = m.start() if m else self.hi
        return self._word_at < cut

    # -- list markers ---------------------------------------------------------------------

    def _list_marker(self) -> tuple[str, str, str] | None:
        """(bullet, value, suffix) when the current sentence opens with a list marker."""
        if self._list_key is False:
            text = self.text
            m = _NON_SPACE.search(text, self.sent_start, self.hi)
            lm = _LIST_START.match(text, m.start(), self.hi) if m else None
            self._list_key = (lm.group(1), lm.group(2), lm.group(3)) if lm else None
        return self._list_key  # type: ignore[return-value]

    def _is_list_marker(self, tok_start: int, word: str, close: str) -> bool:
        """Is the token `word` + "." (+ `close`) a list marker rather than a sentence end?"""
        if not (_SMALL_NUMBER.fullmatch(word) or (len(word) == 1 and word.isalpha())):
            return False
        # The first token of the sentence (after an optional bullet): "1.", "a.", "• 4.".
        if self._lead_end < 0:
            self._lead_end = _LEADING_BULLETS.match(self.text, self.sent_start, self.hi).end()
        if tok_start <= self._lead_end:
            return True
        key = self._list_marker()
        if key is None:
            return False
        bullet, value, suffix = key
        same_kind = value.isdigit() == word.isdigit()
        return same_kind and suffix == "." + close

    # -- the decision for one candidate -----------------------------------------------------

    def _decide(self, m: re.Match[str], lo: int, hi: int) -> int:  # noqa: C901, PLR0912 - the boundary rules in the order they apply
        """Where the sentence ends for candidate `m`, or -1 when it does not end there."""
        end = m.end()
        if end >= hi:
            # The span ends here (a "!"/"?" run that reaches the end is always a Western end:
            # the CJK alternative below needs a character after it).
            return end
        text = self.text
        cjk = m.group("cjk")
        if cjk is not None and cjk[0] in "!?":
            after_run = m.end("cjk")
            if not _is_cjk(text[after_run : after_run + 1]):
                return -1  # ASCII "!"/"?" before a non-CJK character: no candidate here at all
        nxt = _NEXT.match(text, end, hi)
        word, after = nxt.group(1), nxt.group(2)
        if nxt.end() >= hi and not word:
            return end  # nothing but whitespace/openers follows
        first = word[:1] or after
        if first.islower():
            # Only "a." opening a lettered list ("... late? a. Pack the tent b. ...") ends the
            # sentence before a lower-case word.
            if word == "a" and after == "." and _LIST_START.match(text, nxt.start(1), hi):
                return end
            return -1

        if cjk is not None:
            # 「…！」と言った: a quotation closed and continued with a quotative particle.
            if m.group("cjkclose") and text[end : end + 1] in ("と", "っ"):
                return -1
            return end

        term = m.group("term")
        start = m.start()
        if term != "." and not _FINAL_MARKS.isdisjoint(term):
            return end

        dots = term.count(".")
        if dots >= 3 or "…" in term:
            return self._ellipsis(term, m.group("close"), start, end, word)
        if dots == 2 or "۔" in term:
            return end

        # A single period.
        tok_start, token = _prev_token(text, start, self.sent_start)
        w = token.lstrip(_OPENERS)
        if not w:
            return end
        if len(w) <= 2 and w.isdigit() and _ordinal_date(w, word, after):
            return -1
        if first.isdigit():
            # "p. 55", "No. 5", "Jan. 11", "U.S. 1st Army": abbreviations keep the number.
            if self._abbreviation(w) or self._is_list_marker(tok_start, w.lstrip(_BULLETS), ""):
                return -1
            return end
        stripped = w.lstrip(_BULLETS)
        close = m.group("close")
        if self._is_list_marker(tok_start, stripped, close):
            return -1
        if "@" in w or "://" in w or w.startswith("www."):
            return end
        if "." in w:
            if _MULTI_PERIOD.fullmatch(w):
                lw = w.lower()
                if lw in _NEVER_FINAL_MULTI:
                    return -1
                if lw in _TIME_MULTI:
                    return self._after_time(tok_start, word, after, end)
                return end if _starter(word, after) else -1
            return end
        if len(w) == 1 and w.isalpha():
            if w == "I" and self._prev_word_is_lower(tok_start, lo):
                return end
            return end if _starter(word, after) else -1
        lw = w.lower()
        if lw in _TITLES:
            return -1
        if lw in _ABBREVIATIONS or (lw in _CAPITALISED_ABBREVIATIONS and w[0].isupper()):
            return end if _starter(word, after) else -1
        if "<" in token and ">" not in token:
            return -1  # inside a ticker such as "<ING. C. Olivetti>"
        return end

    def _abbreviation(self, w: str) -> bool:
        lw = w.lower()
        return (
            lw in _TITLES
            or lw in _ABBREVIATIONS
            or lw in _CAPITALISED_ABBREVIATIONS
            or (len(w) == 1 and w.isalpha())
            or lw in ("n°", "nº", "no°")
            or bool(_MULTI_PERIOD.fullmatch(w))
        )

    def _prev_word_is_lower(self, tok_start: int, lo: int) -> bool:
        text = self.text
        i = tok_start
        floor = max(lo, tok_start - 120)
        while i > floor and text[i - 1].isspace():
            i -= 1
        before = _prev_token(text, i, lo)[1].strip(_OPENERS + ",;:")
        return bool(before) and before[0].islower()

    def _after_time(self, tok_start: int, word: str, after: str, end: int) -> int:
        """After "a.m."/"p.m.": a sentence ends before an opener word, or before a title once
        the sentence is long enough that the time is not a leading phrase ("At 5 a.m. Mr. X")."""
        if _starter(word, after):
            return end
        if word.lower() in _TITLES and after == ".":
            window = max(self.sent_start, tok_start - 200)
            words_before = len(self.text[window:tok_start].split())
            if words_before >= 4:
                return end
        return -1

    def _ellipsis(self, term: str, close: str, start: int, end: int, word: str) -> int:
        text = self.text
        if start > 0 and text[start - 1] == "[":
            return -1  # "[...]" marks an omission inside a sentence
        spaced = " " in term
        if spaced:
            if term.count(".") == 3:
                return -1  # ". . ." in running text is an omission
            if start > 0 and not text[start - 1].isspace() and not close:
                # "word. . . . Next": the first period ends the sentence; the rest opens the
                # next one. (With a closing quote, "word. . . .” Next", the quote ends it.)
                return start + 1
            return end
        if word == "I" and "…" not in term and term.count(".") == 3:
            return -1
        return end

    # -- driving --------------------------------------------------------------------------

    def run(self, lo: int, hi: int) -> None:
        text = self.text
        self.hi = hi
        self._start_sentence(lo)
        spans = self.spans
        first = len(spans)
        for m in _CANDIDATE.finditer(text, lo, hi):
            cut = self._decide(m, lo, hi)
            if cut < 0 or cut <= self.sent_start:
                continue
            if not self._has_word_before(cut):
                continue  # never leave a sentence of bare punctuation ("...", "!!")
            _emit(text, self.sent_start, cut, spans)
            self._start_sentence(cut)
        if self.sent_start >= hi:
            return  # the last sentence ended the span
        if len(spans) > first and not self._has_word_before(hi):
            # Trailing bare punctuation ("U.S. 。") joins the sentence before it.
            end = hi
            while end > self.sent_start and text[end - 1].isspace():
                end -= 1
            if end > self.sent_start:
                spans[-1] = (spans[-1][0], end)
            return
        _emit(text, self.sent_start, hi, spans)


def _emit(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Append the sentence text[start:end] to `spans`, stripped (nothing when it is blank),
    or the items of the list it opens, each its own sentence."""
    if text[start].isspace():
        m = _NON_SPACE.search(text, start, end)
        if m is None:
            return
        start = m.start()
    while text[end - 1].isspace():
        end -= 1
    c = text[start]
    # A list marker needs a character after it and its space ("1. x"): at least four.
    if end - start > 3 and (
        c in "•⁃‣◦▪" or c.isdigit() or text[start + 1 : start + 2] in (".", ")")
    ):
        lm = _LIST_START.match(text, start, end)
        if lm is not None:
            _emit_list(text, start, end, lm, spans)
            return
    spans.append((start, end))


def _emit_list(
    text: str, start: int, end: int, lm: re.Match[str], spans: list[tuple[int, int]]
) -> None:
    bullet, value, suffix = lm.group(1), lm.group(2), lm.group(3)
    item = r"\d{1,3}" if value.isdigit() else ("[a-z]" if value.islower() else "[A-Z]")
    pattern = re.compile(
        r"(?<=\s)" + (re.escape(bullet) + r"\s*" if bullet else "") + f"({item})"
        r"" + re.escape(suffix) + r"(?=\s)"
    )
    expected = _successor(value)
    pos = lm.end()
    while True:
        nm = pattern.search(text, pos, end)
        if nm is None:
            break
        if nm.group(1) == expected:
            cut = nm.start()
            stop = cut
            while text[stop - 1].isspace():
                stop -= 1
            spans.append((start, stop))
            start = cut
            expected = _successor(expected)
        pos = nm.end()
    spans.append((start, end))


def _split_span(text: str, lo: int, hi: int, spans: list[tuple[int, int]]) -> None:
    """Append the sentences of text[lo:hi] (no paragraph break inside) to `spans`."""
    if lo >= hi:
        return
    m = _CANDIDATE.search(text, lo, hi)
    if m is None or m.end() >= hi:
        # No candidate end before the span's last character: nothing to decide, the span
        # is one sentence (a list's items excepted).
        _emit(text, lo, hi, spans)
    else:
        _Segmenter(text, spans).run(lo, hi)


def _successor(value: str) -> str:
    if value.isdigit():
        return str(int(value) + 1)
    return chr(ord(value) + 1)


# Thai writes no sentence terminators: a space between two Thai characters is where a
# sentence (or clause) ends, so a Thai span is split there.
_THAI = re.compile("[\u0e00-\u0e7f]")
_ENDINGS = frozenset(_TERMINATORS + _CLOSERS)
_THAI_BREAK = re.compile("(?<=[\u0e00-\u0e7f])[ \t\u00a0]+(?=[\u0e00-\u0e7f])")


def _split_thai(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in spans:
        for m in _THAI_BREAK.finditer(text, start, end):
            out.append((start, m.start()))
            start = m.end()
        out.append((start, end))
    return out


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split `text` into sentences; returns `(start, end)` offsets into `text`."""
    if not text:
        return []
    spans: list[tuple[int, int]] = []
    lo = 0
    if "\n" in text:
        for m in _PARAGRAPH_BREAK.finditer(text):
            _split_span(text, lo, m.start(), spans)
            lo = m.end()
    _split_span(text, lo, len(text), spans)
    # Thai: a block that opens in Thai and does not end on a terminator (cheap tests first).
    if spans and not text.isascii() and text[spans[-1][1] - 1] not in _ENDINGS:
        if _THAI.search(text, 0, 200):
            return _split_thai(text, spans)
    return spans
