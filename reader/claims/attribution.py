"""Who the text attributes a claim to: `attribute(document, start, end) -> Attribution`.

The source is looked for in the sentence holding the span, then in its neighbours:

1. the sentence's own reporting cue, outside quoted speech (`reader.claims.cues`): `X said`,
   `said X`, `according to X`, `citing X`, `X told Y`, `,” the official said.`, `X: "..."`,
   and the French, German and Spanish forms listed there. With several, `_choose` decides (a
   quote's speaker, then a frame, then the first that is not a pronoun); `X reported, citing
   Y` and `X quotes Y as saying` give Y as the source and X as `via`.
2. quoted speech with no cue of its own (not a scare quote of a few words) takes the
   attribution of the sentence where the same quote closes, else of the sentence just before
   it when that has one (even at the end of the previous paragraph), else of the nearest
   attributed quote before, else of the next quoted sentence.
3. a pronoun source (`he said`, `a-t-il expliqué`) is resolved to the nearest earlier source of
   the same paragraph that is not a pronoun (for he/she: a named one), unless a personal name
   is written in a sentence after that source's (`... the personal choice of Steven Gaydos.
   But while he tipped Swank ...`); with no earlier source, to the nearest personal name of
   the paragraph (`captain Fabien Pelous sees hope ... "...," he said`), else to the last
   source of the paragraph before. When nothing resolves it, the pronoun itself is the
   source, with kind `named`: a pronoun stands for someone the article identifies, which is
   what `named` tells a reader (the claim is on the record), even when this cheap resolution
   cannot find who.

`kind` (`reader.claims.kinds`) is `anonymous` when the source's head noun names nobody
(`officials`, `sources`, `people familiar with ...`, `a spokesperson`, `analysts`, `diplomats`,
`fuentes`, ...) or when an indefinite phrase carries no proper name (`a lawyer for the
family`); otherwise `named`; and `none` when no cue is found (the text asserts without
attribution).

Pure: no screen library, no I/O; cost is a few regex passes over one paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.claims.cues import PERSON_PRONOUNS, Cue, find_cues, may_name_a_source
from reader.claims.kinds import kind_of, names_no_one
from reader.claims.model import NO_ATTRIBUTION, Attribution, Kind
from reader.claims.quotes import Quotes, find_quotes
from reader.document.model import Block, Document, Sentence

# How far a quote or a pronoun looks for its source, in sentences.
QUOTE_REACH = 3
PRONOUN_REACH = 6
# The marks a paragraph that goes on with the quote of the paragraph before starts with.
QUOTE_OPENERS = '"“«„`'
# A quote of fewer words is a phrase being quoted (a scare quote), not speech to attribute.
SPEECH_WORDS = 4

# A personal name for pronoun resolution: a title and a surname, or two or more capitalised
# words ("Fabien Pelous", "Mr Dams").
_PERSON_NAME = re.compile(
    r"\b(?:(?:Mr|Mrs|Ms|Mx|Dr|Prof|M\.|Mme|Sr\.|Sra\.|Herr|Frau)\s+[A-ZÀ-Ý][\w’'-]+"
    r"|[A-ZÀ-Ý][a-zà-ÿ’'-]+(?:\s+(?:de\s+|van\s+|von\s+|der\s+)?[A-ZÀ-Ý][\w’'-]+)+)"
)


# --- one sentence ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Found:
    """What one sentence says by itself, before the neighbours are consulted."""

    sentence: Sentence
    own: Attribution | None  # from its own cue
    pronoun: str  # the own source's pronoun (lower case), or ""
    quoted: bool  # holds quoted speech
    open_at_start: bool  # continues a quote from the sentence before
    open_at_end: bool  # its quote goes on in the next sentence


# Surveyed paragraphs by block index, kept by one caller for one document (or None).
Surveys = dict[int, list[_Found]] | None


def _display(block: Block, sentence: Sentence) -> str:
    """The sentence as displayed: a reflowed paragraph's line breaks are spaces there, one for
    one, so offsets still index `Document.text`."""
    return block.text[sentence.start - block.start : sentence.end - block.start]


def _from_cue(sentence: Sentence, text: str, cue: Cue) -> Attribution:
    phrase = text[cue.start : cue.end]
    kind: Kind = "named" if cue.pronoun else kind_of(phrase)  # type: ignore[assignment]
    base = sentence.start
    return Attribution(phrase, kind, base + cue.start, base + cue.end, cue.cue)


def _choose(cues: list[Cue]) -> Cue:
    """The cue that names the sentence's source, by priority:

    1. a verb right after a quote names the quote's speaker, and wins over a frame that only
       qualifies it ("«...», a affirmé le ministre ..., selon une vidéo");
    2. a frame ("according to X") names the claim's source even when the sentence also has a
       verb ("The administration has told Ukraine ..., according to the Financial Times");
       "citing" is left to the verb it follows (see `_own`);
    3. the first cue whose source is not a pronoun; else the first cue.
    """
    for wanted in (
        lambda c: c.after_quote and not c.pronoun,
        lambda c: c.frame and c.cue.lower() != "citing",
        lambda c: not c.pronoun,
    ):
        for cue in cues:
            if wanted(cue):
                return cue
    return cues[0]


def _opens_with_quote(text: str) -> bool:
    stripped = text.lstrip()
    return bool(stripped) and stripped[0] in QUOTE_OPENERS


def _own(
    sentence: Sentence, text: str, quotes: Quotes | None = None
) -> tuple[Attribution | None, str]:
    cues = [cue for cue in find_cues(text, quotes) if not names_no_one(text[cue.start : cue.end])]
    if not cues:
        return None, ""
    chosen = _choose(cues)
    found = _from_cue(sentence, text, chosen)
    if chosen.relay is not None:  # "The Guardian quotes X as saying"
        relay = text[chosen.relay[0] : chosen.relay[1]]
        return Attribution(found.source, found.kind, found.start, found.end, found.cue, relay), ""
    if chosen.cue.lower() == "citing":
        return found, ""
    following = cues[cues.index(chosen) + 1 :]
    citing = next((c for c in following if c.cue.lower() == "citing"), None)
    if citing is not None:  # "the Financial Times reported, citing eight people ..."
        cited = _from_cue(sentence, text, citing)
        return Attribution(
            cited.source, cited.kind, cited.start, cited.end, "citing", via=found.source
        ), ""
    return found, chosen.pronoun


def _survey(block: Block, sentence: Sentence) -> _Found:
    text = _display(block, sentence)
    quotes = find_quotes(text)
    own, pronoun = _own(sentence, text, quotes)
    # Speech, not a scare quote ("a postwar “prosperity plan”"): the quote opens the sentence,
    # runs past it, or holds a few words.
    speech = (
        quotes.open_at_start
        or quotes.open_at_end
        or _opens_with_quote(text)
        or any(len(text[s:e].split()) >= SPEECH_WORDS for s, e in quotes.regions)
    )
    return _Found(sentence, own, pronoun, speech, quotes.open_at_start, quotes.open_at_end)


# --- the paragraph --------------------------------------------------------------------------


def _earlier_paragraph_source(document: Document, block_index: int) -> Attribution | None:
    """The last source, not a pronoun, of the paragraph just before (a pronoun that opens a
    paragraph: "He says that ..." after "..., warns Fiat managing director Cesare Romiti.")."""
    for j in range(block_index - 1, max(-1, block_index - 3), -1):
        block = document.blocks[j]
        if not block.is_prose:
            continue
        for sentence in reversed(block.sentences):
            own, pronoun = _own(sentence, _display(block, sentence))
            if own is not None and not pronoun:
                return own
        return None
    return None


def _nearest_name(
    block: Block, found: list[_Found], last: int, limit: int, after: int, cue: str
) -> Attribution | None:
    """The last personal name written before offset `limit` in sentences `after`+1 to `last`
    of the paragraph, outside quoted speech (a name inside a quote is someone talked about,
    not the speaker)."""
    for j in range(last, after, -1):
        sentence = found[j].sentence
        text = _display(block, sentence)
        quotes = find_quotes(text)
        end = min(len(text), limit - sentence.start)
        names = [m for m in _PERSON_NAME.finditer(text, 0, end) if not quotes.inside(m.start())]
        if names:
            start = sentence.start + names[-1].start()
            return Attribution(
                names[-1].group(), "named", start, start + len(names[-1].group()), cue
            )
    return None


def _earlier_source(found: list[_Found], index: int, person: bool) -> int:
    """The index of the nearest earlier sentence of the paragraph whose source is not a pronoun
    (a named one for he/she), or -1."""
    for j in range(index - 1, max(-1, index - 1 - PRONOUN_REACH), -1):
        earlier = found[j].own
        if earlier is None or found[j].pronoun or (person and earlier.kind != "named"):
            continue
        return j
    return -1


def _resolve_pronoun(
    document: Document, block_index: int, found: list[_Found], index: int
) -> Attribution | None:
    item = found[index]
    assert item.own is not None
    person = item.pronoun in PERSON_PRONOUNS
    source_index = _earlier_source(found, index, person)
    earlier = found[source_index].own if source_index >= 0 else None
    if person:
        # A name written after the last speaker's sentence is who "he" is ("... the personal
        # choice of Steven Gaydos. But while he tipped Swank ..."); with no speaker before, the
        # nearest name of the paragraph, the pronoun's own sentence included.
        block = document.blocks[block_index]
        if source_index < 0:
            after = max(-1, index - 1 - PRONOUN_REACH)
            name = _nearest_name(block, found, index, item.own.start, after, item.own.cue)
        else:
            name = _nearest_name(
                block, found, index - 1, item.own.start, source_index, item.own.cue
            )
        earlier = name or earlier
    if earlier is None:
        earlier = _earlier_paragraph_source(document, block_index)
        if earlier is None or (person and earlier.kind != "named"):
            return None
    return Attribution(
        earlier.source, earlier.kind, earlier.start, earlier.end, item.own.cue, earlier.via
    )


def _where_quote_closes(found: list[_Found], index: int) -> Attribution | None:
    """A quote that goes on: its attribution is in the sentence where it closes."""
    for j in range(index + 1, min(len(found), index + 1 + QUOTE_REACH)):
        if found[j].own is not None:
            return found[j].own
        if not found[j].open_at_end:
            break
    return None


def _earlier_quote(found: list[_Found], index: int, before: _Found | None) -> Attribution | None:
    """The speaker going on: the source of the sentence just before when it has one (a quote
    after "..., it said." or after an attributed quote), else of the nearest attributed quote
    before, looking back over unattributed quoted sentences only."""
    earlier = [found[j] for j in range(index - 1, max(-1, index - 1 - QUOTE_REACH), -1)]
    if index == 0 and before is not None:
        earlier = [before]
    if earlier and earlier[0].own is not None:
        return earlier[0].own
    for item in earlier:
        if not item.quoted:
            return None
        if item.own is not None:
            return item.own
    return None


def _from_neighbours(found: list[_Found], index: int, before: _Found | None) -> Attribution | None:
    """The attribution a quote with no cue borrows from the sentences around it."""
    if found[index].open_at_end:
        closing = _where_quote_closes(found, index)
        if closing is not None:
            return closing
    earlier = _earlier_quote(found, index, before)
    if earlier is not None:
        return earlier
    # A quote before the sentence that attributes it.
    nxt = found[index + 1] if index + 1 < len(found) else None
    if nxt is not None and nxt.quoted and nxt.own is not None:
        return nxt.own
    return None


def _previous_block_tail(document: Document, block_index: int, surveys: Surveys) -> _Found | None:
    """The last sentence of the paragraph before, its pronoun resolved, for a quote that opens
    a paragraph."""
    for j in range(block_index - 1, max(-1, block_index - 3), -1):
        block = document.blocks[j]
        if block.is_prose and block.sentences:
            return _surveyed_block(document, j, surveys)[-1]
    return None


def _mark_long_quotes(found: list[_Found]) -> None:
    """A sentence with no quotation mark inside an open quote (the middle of a quote of three
    or more sentences) is quoted speech too."""
    for previous, item in zip(found, found[1:], strict=False):
        if previous.open_at_end and not item.quoted:
            item.quoted = item.open_at_start = item.open_at_end = True


def _resolve_pronouns(document: Document, block_index: int, found: list[_Found]) -> None:
    """Replace each pronoun source by what it stands for, where that can be found."""
    resolved = [
        _resolve_pronoun(document, block_index, found, i) if item.own and item.pronoun else None
        for i, item in enumerate(found)
    ]
    # Assigned after the loop: a pronoun resolves against the sources as written.
    for item, attribution in zip(found, resolved, strict=True):
        if attribution is not None:
            item.own = attribution
        if item.own is not None:
            item.pronoun = ""


def _surveyed_block(document: Document, block_index: int, surveys: Surveys) -> list[_Found]:
    """Each sentence's own source, long quotes marked and pronouns resolved (kept in
    `surveys`, by block index, when it is a dict: read, never changed, after this)."""
    if surveys is not None and block_index in surveys:
        return surveys[block_index]
    block = document.blocks[block_index]
    found = [_survey(block, s) for s in block.sentences]
    _mark_long_quotes(found)
    _resolve_pronouns(document, block_index, found)
    if surveys is not None:
        surveys[block_index] = found
    return found


def attribute_block(
    document: Document, block_index: int, surveys: Surveys = None
) -> list[Attribution]:
    """The attribution of every sentence of one block, in order (for showing each sentence's
    source on demand without redoing the paragraph for every sentence). `surveys`, a dict
    one caller keeps for one document, saves surveying a paragraph twice (a quote opening a
    paragraph looks at the end of the one before)."""
    block = document.blocks[block_index]
    if not block.is_prose or not may_name_a_source(block.text):
        return [NO_ATTRIBUTION for _ in block.sentences]
    found = _surveyed_block(document, block_index, surveys)
    before = None
    if found and found[0].quoted and _opens_with_quote(block.text):
        before = _previous_block_tail(document, block_index, surveys)
    result: list[Attribution] = []
    for i, item in enumerate(found):
        borrowed = _from_neighbours(found, i, before) if item.own is None and item.quoted else None
        result.append(item.own or borrowed or NO_ATTRIBUTION)
    return result


# --- the public entry points ----------------------------------------------------------------


class DocumentAttributions:
    """The attributions of one document's sentences, each block surveyed once: what asks for
    many highlights of one article (an export, a claims list) holds one of these, so every
    paragraph is worked out once however many highlights it holds."""

    __slots__ = ("_blocks", "_may", "_surveys", "document")

    def __init__(self, document: Document) -> None:
        self.document = document
        self._blocks: dict[int, list[Attribution]] = {}
        self._surveys: dict[int, list[_Found]] = {}
        self._may: dict[int, bool] = {}

    def may_name_a_source(self, index: int) -> bool:
        """Whether block `index` is prose that can name a source (`may_name_a_source`)."""
        found = self._may.get(index)
        if found is None:
            block = self.document.blocks[index]
            found = self._may[index] = block.is_prose and may_name_a_source(block.text)
        return found

    def block(self, index: int) -> list[Attribution]:
        """`attribute_block(document, index)`, worked out on the first call."""
        found = self._blocks.get(index)
        if found is None:
            found = attribute_block(self.document, index, self._surveys)
            self._blocks[index] = found
        return found

    def of(self, start: int, end: int) -> Attribution:
        """The attribution of the span `document.text[start:end]` (a highlight): that of the
        first sentence it overlaps that has one, else `NO_ATTRIBUTION`."""
        document = self.document
        index = document.block_at(start)
        if index is None:
            return NO_ATTRIBUTION
        end = max(end, start + 1)
        while index < len(document.blocks) and document.blocks[index].start < end:
            block = document.blocks[index]
            if not self.may_name_a_source(index):  # nothing to split into sentences
                index += 1
                continue
            overlapping = [
                i for i, s in enumerate(block.sentences) if s.start < end and s.end > start
            ]
            if overlapping:
                results = self.block(index)
                for i in overlapping:
                    if results[i].kind != "none":
                        return results[i]
            index += 1
        return NO_ATTRIBUTION


def attribute(document: Document, start: int, end: int) -> Attribution:
    """The attribution of the span `document.text[start:end]` (a highlight): that of the
    first sentence it overlaps that has one, else `NO_ATTRIBUTION`. (For many highlights of
    one document, hold a `DocumentAttributions`.)"""
    return DocumentAttributions(document).of(start, end)


def attribute_sentence(document: Document, sentence: Sentence) -> Attribution:
    """The attribution of one sentence of `document` (as given by a block's `sentences`)."""
    return attribute(document, sentence.start, sentence.end)
