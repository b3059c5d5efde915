"""Reporting cues inside one sentence: the tables and the parser behind `reader.claims.attribution`.

`find_cues(text)` returns every `Cue` found in one sentence's text, outside quoted speech, in
order: where the source phrase is (offsets into `text`) and which verb or frame names it. It
knows nothing of neighbouring sentences; `attribution.py` does that.

Three shapes are recognised:

* subject + verb: `Anna Kelly, the deputy White House press secretary, said ...`,
  `the Financial Times reported`, `,” the official said.` (the phrase before the verb, back to
  the start of its clause);
* verb + subject after a quote or a comma: `,” said Ruddock.`, `», a affirmé le ministre`,
  `..., says Carlo Scognamiglio, head of ...` (the phrase after the verb, with one appositive);
* a frame followed by its source: `according to X`, `citing X`, `selon X`, `según X`, `laut X`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.claims.quotes import Quotes, find_quotes, has_quote_marks

# --- tables ---------------------------------------------------------------------------------

# Reporting verbs, by language ("_" joins the words of one form: "a_déclaré"). Longer forms are
# tried first, so "a-t-il_expliqué" wins over "expliqué".
REPORTING_VERBS = {
    "en": """said says say told tells reported confirmed confirms confirm denied deny claimed
        claim warned warns warn added adds stated insisted insists insist argued argues argue
        explained acknowledged noted wrote writes announced suggested suggests believes believe
        predicted maintained joked described fear concluded asked indicating rejected claims""",
    "fr": """a_déclaré a_affirmé a_indiqué a_souligné a_expliqué a_averti a_ajouté
        a_dit a_confirmé a_estimé a_assuré a_précisé ont_déclaré ont_affirmé affirme déclare estime rappelle
        a-t-il_expliqué a-t-il_ajouté a-t-il_dit a-t-elle_expliqué a-t-elle_ajouté""",
    "de": "sagte sagt betonte betont erklärte erklärt teilte_mit hiess_es schrieb",
    "es": """dijo dice afirmó afirma explicó aseguró señaló indicó declaró añadió insiste
        insistió remarca advirtió""",
}
# Frames whose source follows them ("according to the Financial Times").
SOURCE_FRAMES = r"according\s+to|citing|quoted\s+by|selon|según|laut"

# Pronouns that stand for a source named elsewhere; "a-t-il" carries its pronoun in the verb.
PRONOUNS = frozenset("he she they it il elle ils elles er sie él ella ellos".split())
PERSON_PRONOUNS = frozenset("he she il elle er él ella".split())

# Words that open a clause but are not part of its subject ("But Mr Brown's former advisor").
_LEADING_WORDS = frozenset(
    """but and however meanwhile also now still yet instead so then and, thus mais et pero y
    aber und doch""".split()
)
# Words that end a subject phrase from the right before its verb ("Treasury officials have").
_TRAILING_WORDS = frozenset(
    """has have had also on monday tuesday wednesday thursday friday saturday sunday recently
    earlier later yesterday today previously publicly repeatedly again further then now
    separately is are was were this week last month year night morning evening lundi mardi mercredi jeudi
    vendredi samedi dimanche soir hat habe""".split()
)
# Words that end a source phrase read after its verb ("said Ruddock in a statement").
_AFTER_STOPS = frozenset(
    """in on at during after before when while as who which that to recently yesterday today
    last this earlier later lors dans en sur durante im am bei nach auf""".split()
)
# Words that open a time phrase after a verb, never its subject ("..., Ana Ruiz, said late on
# Friday", "said Tuesday").
_TIME_WORDS = frozenset(
    """late early tonight overnight afterwards afterward previously separately again monday
    tuesday wednesday thursday friday saturday sunday""".split()
)
# Verbs whose object after them is the one told, never the speaker ("..., told reporters").
_HEARER_VERBS = frozenset("told tells".split())
# Words that mark a clause, not a noun phrase ("the reports were ...").
_VERB_LIKE = frozenset(
    """is are was were be been being will would could should may might can did do does not
    has have had est sont était été ont fut fue han sido ist sind war haben habe hätten wurde
    wurden""".split()
)
_RELATIVE_WORDS = frozenset("who which that whose qui que der die quien".split())
# Relative pronouns that open a clause about the subject, never part of its name ("a senior
# official, who asked not to be named, said", "Officials who declined to be named said").
_RELATIVE_CLAUSE = re.compile(r"(?i)(?<![\w’'-])(?:who|whom|whose|which|qui|quien)(?![\w’'-])")
# A determiner right before a reporting word makes it a noun ("a claim", "the claims pane",
# "without your say"), and so does one before a participle ("the highlighted claim") when the
# word can be a noun.
_DETERMINER = r"(?:a|an|the|this|these|those|my|your|our|their|his|its|every|no)"
_DETERMINER_WORD = re.compile(rf"(?i){_DETERMINER}")
_DETERMINER_BEFORE = re.compile(rf"(?i)(?<![\w’'-]){_DETERMINER}\s+$")
_DETERMINER_PARTICIPLE_BEFORE = re.compile(rf"(?i)(?<![\w’'-]){_DETERMINER}\s+\w+ed\s+$")
_NOUN_CUES = frozenset("claim claims say fear".split())
# Subordinating words that start a new clause: the subject of a verb never reaches past them.
_CLAUSE_OPENERS = re.compile(
    r"(?i)\b(?:that|because|while|although|though|after|before|when|if|but|whereas|since|as|"
    r"once|que|qu’|qu'|dass|weil|pero|mais|aber)\b"
)

MAX_SOURCE_WORDS = 14
MAX_APPOSITIVE_WORDS = 12
# Bounds that keep one hostile sentence (a paragraph of a book with no full stop, thousands of
# "said") linear: how far back a subject is looked for, how many cues are read.
CLAUSE_WINDOW = 300
MAX_CUES = 12
_BEFORE_WINDOW = 40

# --- compiled patterns ----------------------------------------------------------------------


def _alternatives() -> str:
    verbs = [v for words in REPORTING_VERBS.values() for v in words.split()]
    verbs.sort(key=len, reverse=True)
    return "|".join(re.escape(v).replace("_", r"\s+") for v in verbs)


# Frames match in any case ("According to"); verbs only in lower case, so a headline's "Trump
# Says" or the noun in "United States" is not a cue.
_CUE = re.compile(
    rf"(?<![\w-])(?:(?P<frame>(?i:{SOURCE_FRAMES}))|(?P<verb>{_alternatives()}))(?![\w-])"
)
# "The Guardian quotes the mayor of Jericho, Abdul Karim Sidr, as saying ...": the quoted one
# is the source, the subject relays it.
_QUOTED_AS_SAYING = re.compile(
    r"\b(?P<verb>quotes|quoted)\s+(?P<src>[^\"“”«»;:]{2,120}?),?\s+as\s+(?:saying|telling)\b"
)
_PASSIVE_BEFORE = re.compile(r"(?i)\b(?:is|are|was|were|be|been|being|get|got)\s*$")
# "Brentford boss Martin Allen: "After ..."": a short phrase ending in a name, then the quote.
_COLON_FRAME = re.compile(r"^\W*(?P<src>[A-Z][^:\"“”«»]{0,80}?\b[A-Z][\w’'.-]*)\s*:\s*[\"“«„]")
# A time phrase that opens a clause before its subject ("This week Ed told ...").
_LEADING_TIME = re.compile(
    r"(?i)\s*(?:(?:this|last|next)\s+(?:week|month|year|weekend)|on\s+\w+day|earlier|yesterday|"
    r"today|in\s+\w+\s+\d{4})\s*,?\s+"
)
_WORDS = re.compile(r"[\w’'.-]+")
_FIRST_WORD = re.compile(r"\s*([\w’']+),?\s+")
_LAST_WORD = re.compile(r"\s+([\w’']+)\s*$")
_COMMA = re.compile(r"\s*,\s*")
# A verb that carries the reporting verb after it ("the organisation continues to claim").
_TRAILING_HELPER = re.compile(
    r"\s+(?:continues?|continued|went\s+on|goes\s+on|appears?|seems?|wants?|tried|tries)\s+to\s*$"
)
_PARTICIPLE_BY = re.compile(r"\b\w+ed by\b")
_QUOTE_CLOSE_BEFORE = re.compile(r"[\"”»“'’]\s*,?\s*$|,\s*[\"”»“'’]\s*$|,\s*$")
# Breaks no subject reaches over; a parenthesised acronym ("(COGAT)", "(PA)") is not one.
_STRONG_BREAK = re.compile(r"[;:\[\]\n]|\((?![A-Z]{2,8}\))|(?<![A-Z]{2})\)|\s[—–]\s|\s-\s")
_SEPARATING_COMMA = re.compile(r",(?!\d{3}\b)")
# A comma segment that is an adverbial, not an appositive ("in his ongoing speech").
_ADVERBIAL = re.compile(
    r"(?i)\s*(?:in|at|on|during|after|before|speaking|writing|talking|asked|like|unlike|"
    r"dans|lors|en|im|bei|durante)\b"
)
# Words that open a phrase in front of a subject ("Speaking to the BBC News website Mr X").
_OPENING_PHRASE_WORDS = frozenset(
    "speaking writing talking asked addressing interviewed for".split()
)


@dataclass(slots=True, frozen=True)
class Cue:
    """One source found in a sentence; offsets index the sentence text."""

    start: int
    end: int
    cue: str  # the verb or frame as written ("said", "according to", "a affirmé", ":")
    frame: bool = False  # a frame such as "according to" / "citing"
    after_quote: bool = False  # the verb right after a quote (",” said Ruddock"): its speaker
    pronoun: str = ""  # the pronoun, lower case, when the source is one ("he said")
    relay: tuple[int, int] | None = None  # who relays the source ("The Guardian quotes X ...")


# --- the phrase before a verb ----------------------------------------------------------------


def _words(phrase: str) -> list[str]:
    return _WORDS.findall(phrase)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip spaces and stray punctuation from both ends of text[start:end]."""
    while start < end and (text[start].isspace() or text[start] in ",;:-–—"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:-–—"):
        end -= 1
    return start, end


def _strip_leading_words(text: str, start: int, end: int) -> int:
    while True:
        time = _LEADING_TIME.match(text, start, end)
        if time:
            start = time.end()
            continue
        m = _FIRST_WORD.match(text, start, end)
        if not m or m.group(1).lower() not in _LEADING_WORDS:
            return start
        start = m.end()


def _strip_trailing_words(text: str, start: int, end: int) -> int:
    while True:
        helper = _TRAILING_HELPER.search(text, start, end)
        if helper:
            end = helper.start()
            continue
        m = _LAST_WORD.search(text, start, end)
        if not m or m.group(1).lower() not in _TRAILING_WORDS:
            return end
        end = m.start()


def _clause_start(text: str, end: int, quotes: Quotes) -> int:
    """Where the clause holding text[:end] starts: after quoted speech, a strong break or a
    subordinating word, whichever is nearest (and never more than CLAUSE_WINDOW before)."""
    start = max(0, end - CLAUSE_WINDOW)
    for _, e in quotes.regions:
        if e <= end:
            start = max(start, e)
    for m in _STRONG_BREAK.finditer(text, start, end):
        start = max(start, m.end())
    for m in _CLAUSE_OPENERS.finditer(text, start, end):
        if not quotes.inside(m.start()):
            start = max(start, m.end())
    return start


def _segment_commas(body: str) -> list[int]:
    """The commas that separate phrases (not the thousands separator of "1,300")."""
    return [m.start() for m in _SEPARATING_COMMA.finditer(body)]


def _subject_segment(body: str, closed: bool) -> int:
    """Where the subject starts in `body` (the clause before the verb, any closing comma
    removed: `closed`), by comma segments: "Anna Kelly, the deputy White House press
    secretary," keeps the name and its appositive; "In August, the minister" keeps the last."""
    commas = _segment_commas(body)
    if not commas:
        return 0
    if closed and len(_words(body[commas[-1] + 1 :])) <= MAX_APPOSITIVE_WORDS:
        start = commas[-2] + 1 if len(commas) >= 2 else 0
        # A clause before the last segment is no name for it to follow ("Talks had stalled, a
        # senior official, who asked not to be named, said"): the subject is the last segment.
        if not any(w.lower() in _VERB_LIKE for w in _words(body[start : commas[-1]])):
            return start
    return commas[-1] + 1


def _outside_relative(text: str, s: int, e: int, relative: re.Match[str]) -> tuple[int, int]:
    """The subject s:e of a verb, which holds a relative pronoun: what follows it when that
    reads as the subject of a clause of its own ("whom BBC sources described", "which they
    say"), else what comes before it ("Officials who declined to be named said": "Officials";
    "who asked not to be named": nothing, the verb is the relative clause's)."""
    rest = _words(text[relative.end() : e])
    if rest and relative.group().lower() != "whose":
        first = rest[0]
        if first[:1].isupper() or first.lower() in PRONOUNS or _DETERMINER_WORD.fullmatch(first):
            return _trim(text, relative.end(), e)
    return _trim(text, s, relative.start())


def _name_after_opening_phrase(text: str, start: int, end: int) -> int:
    """Skip a phrase that opens the clause before the name ("Speaking to the BBC News website
    Mr Molyneux said"): from its last lower-case word to the capitalised words that end it."""
    words = list(_WORDS.finditer(text, start, end))
    if len(words) < 3 or words[0].group().lower() not in _OPENING_PHRASE_WORDS:
        return start
    for i in range(len(words) - 1, 0, -1):
        if words[i].group()[:1].islower():
            return words[i + 1].start() if i + 1 < len(words) else start
    return start


def _before_relative_clause(text: str, end: int) -> int:
    """Where the subject ends when a relative clause set off by commas stands just before the
    verb at `end` ("The minister, who has led the talks since May, said"): after the comma that
    opens it, so that a word inside it ("since", "that") is not taken for the clause's start."""
    window = max(0, end - CLAUSE_WINDOW)
    body = text[window:end].rstrip()
    if not body.endswith(","):
        return end
    commas = _segment_commas(body[:-1])
    if commas and _RELATIVE_CLAUSE.match(body[commas[-1] + 1 : -1].lstrip()):
        return window + commas[-1] + 1
    return end


def _subject_before(text: str, end: int, quotes: Quotes) -> tuple[int, int] | None:
    """The subject phrase that ends at `end` (the verb's start), or None."""
    end = _before_relative_clause(text, end)
    start = _clause_start(text, end, quotes)
    body = text[start:end].rstrip()
    closed = body.endswith(",")
    if closed:
        body = body[:-1]
        # "The Hamas official, in his ongoing speech, said": the adverbial is not an appositive,
        # nor is a relative clause ("a spokesman, who declined to be named, said").
        commas = _segment_commas(body)
        while commas and (
            _ADVERBIAL.match(body, commas[-1] + 1)
            or _RELATIVE_CLAUSE.match(body[commas[-1] + 1 :].lstrip())
        ):
            body = body[: commas.pop()]
    s, e = _trim(text, start + _subject_segment(body, closed), start + len(body))
    relative = _RELATIVE_CLAUSE.search(text, s, e)
    if relative is not None:
        s, e = _outside_relative(text, s, e, relative)
    s = _strip_leading_words(text, s, e)
    s = _name_after_opening_phrase(text, s, e)
    e = _strip_trailing_words(text, s, e)
    s, e = _trim(text, s, e)
    words = _words(text[s:e])
    if not words or len(words) > MAX_SOURCE_WORDS:
        return None
    if not any(c.isalpha() for c in text[s:e]):  # "1 claim: ..." names no one
        return None
    if any(w.lower() in _VERB_LIKE for w in words):
        return None
    return s, e


# --- the phrase after a verb or frame --------------------------------------------------------

_PHRASE_END = re.compile(r"(?<!\b[A-Z])\.|[;:!?,()\"“”«»„]|\s[—–-]\s|$")


def _noun_phrase_after(text: str, start: int) -> tuple[int, int]:
    """From `start`, words up to punctuation or a stop word ("said Ruddock in a statement")."""
    end = _PHRASE_END.search(text, start).start()
    pos = start
    for m in _WORDS.finditer(text, start, end):
        if pos > start and m.group().lower() in _AFTER_STOPS:
            end = m.start()
            break
        pos = m.end()
    return _trim(text, start, end)


def _appositive_after(text: str, end: int, to_sentence_end: bool) -> int:
    """Extend a source by one appositive: ", news editor of trade weekly Screen International"."""
    m = _COMMA.match(text, end)
    if not m:
        return end
    start = m.end()
    stop = _PHRASE_END.search(text, start).start()
    at_end = stop >= len(text)
    closed = not at_end and text[stop] in (",.;!?)" if to_sentence_end else ",")
    if not (closed or (to_sentence_end and at_end)):
        return end
    piece = text[start:stop]
    words = _words(piece)
    if not words or len(words) > MAX_APPOSITIVE_WORDS:
        return end
    lowered = [w.lower() for w in words]
    if lowered[0] in _RELATIVE_WORDS or lowered[0] in _AFTER_STOPS:  # ", who predicted ..."
        return end
    if any(w in _VERB_LIKE for w in lowered) or _PARTICIPLE_BY.search(piece):
        return end
    return _trim(text, start, stop)[1]


def _is_nominal(text: str, start: int) -> bool:
    """Whether the words after a verb read as its subject (", says Carlo Scognamiglio") rather
    than as what was said (", said the reports were false")."""
    s, e = _noun_phrase_after(text, start)
    words = [w.lower() for w in _words(text[s:e])]
    if not words or len(words) > 8:
        return False
    if words[0] in _AFTER_STOPS or words[0] in _TIME_WORDS:  # "said on Monday", "said late"
        return False
    if any(w in _VERB_LIKE for w in words):
        return False
    nxt = _PHRASE_END.search(text, start)
    rest = text[nxt.start() :].lstrip() if nxt else ""
    return not rest or rest[0] in ".,;!?" or e < nxt.start()


def _source_after(text: str, start: int, to_sentence_end: bool = False) -> tuple[int, int] | None:
    """The source after a verb or frame, with one appositive. After a frame the appositive must
    be closed by a comma ("According to Frank Brown, global advisory leader at PwC, the ..."),
    or the main clause would be read as one ("Selon X, un quartier a été frappé.")."""
    s, e = _noun_phrase_after(text, start)
    if s >= e:
        return None
    e = _appositive_after(text, e, to_sentence_end)
    return s, e


# --- the finder -----------------------------------------------------------------------------


def _verb_cue(text: str, m: re.Match[str], quotes: Quotes) -> Cue | None:
    verb = m.group("verb")
    lowered = verb.lower()
    if "-t-" in lowered:  # "a-t-il expliqué": the pronoun is in the verb
        pronoun = "il" if "-il" in lowered else "elle"
        return Cue(m.start(), m.start() + len(verb.split()[0]), verb, pronoun=pronoun)
    before = text[max(0, m.start() - _BEFORE_WINDOW) : m.start()]
    if _PASSIVE_BEFORE.search(before):  # "are said to mirror": hearsay, no source
        return None
    if _DETERMINER_BEFORE.search(before) or (
        lowered in _NOUN_CUES and _DETERMINER_PARTICIPLE_BEFORE.search(before)
    ):  # "as a claim", "the highlighted claim": a noun, not a verb
        return None
    after_quote = _QUOTE_CLOSE_BEFORE.search(before)
    quote_before = after_quote is not None and any(c in after_quote.group() for c in "\"”»“'’")
    # After a quote or a comma the verb may come first (",” said Ruddock", ", says Carlo
    # Scognamiglio, head of ..."), when the words after it read as a name, not as what was said.
    if after_quote is not None and lowered not in _HEARER_VERBS and _is_nominal(text, m.end()):
        span = _source_after(text, m.end(), to_sentence_end=True)
        if span:
            return _cue_for(text, span, verb, after_quote=quote_before)
    span = _subject_before(text, m.start(), quotes)
    if span is None:
        return None
    return _cue_for(text, span, verb)


def _cue_for(
    text: str, span: tuple[int, int], cue: str, frame: bool = False, after_quote: bool = False
) -> Cue:
    word = text[span[0] : span[1]].lower()
    return Cue(span[0], span[1], cue, frame, after_quote, word if word in PRONOUNS else "")


def _quoted_as_saying(text: str, quotes: Quotes) -> list[Cue]:
    """The relayed quotes: "The Guardian quotes the mayor, Abdul Karim Sidr, as saying ..."."""
    found: list[Cue] = []
    if "quote" not in text:  # the pattern's verb, looked for first: most sentences lack it
        return found
    for m in _QUOTED_AS_SAYING.finditer(text):
        if not quotes.inside(m.start()):
            relay = _subject_before(text, m.start(), quotes)
            s, e = _trim(text, m.start("src"), m.end("src"))
            found.append(Cue(s, e, "quoted as saying", frame=True, relay=relay))
    return found


def _colon_frame(text: str) -> Cue | None:
    """A speaker named before a colon and a quote: 'Brentford boss Martin Allen: "After ...'."""
    colon = _COLON_FRAME.match(text)
    if colon is None or len(_words(colon.group("src"))) > 8:
        return None
    s, e = _trim(text, colon.start("src"), colon.end("src"))
    return Cue(s, e, ":")


def may_name_a_source(text: str) -> bool:
    """False when no sentence of `text` can name a source: it holds no quotation mark, no
    reporting verb or frame and no "quote" (what every cue and every borrowed attribution
    needs), so a paragraph of narration costs one scan, not a survey of each sentence."""
    return "quote" in text or has_quote_marks(text) or _CUE.search(text) is not None


def find_cues(text: str, quotes: Quotes | None = None) -> list[Cue]:
    """Every source named in one sentence, outside quoted speech, in order (`quotes`: the
    sentence's `find_quotes`, when the caller has it already)."""
    if quotes is None:
        quotes = find_quotes(text)
    found = _quoted_as_saying(text, quotes)
    for count, m in enumerate(_CUE.finditer(text)):
        if count >= MAX_CUES:
            break
        if quotes.inside(m.start()):
            continue
        if m.group("frame"):
            span = _source_after(text, m.end())
            cue = _cue_for(text, span, m.group("frame"), frame=True) if span else None
        else:
            cue = _verb_cue(text, m, quotes)
        if cue is not None:
            found.append(cue)
    if not found and quotes.any:
        colon = _colon_frame(text)
        if colon is not None:
            found.append(colon)
    return found
