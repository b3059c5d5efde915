"""Whether a source phrase names someone: `kind_of(phrase)` -> "named" | "anonymous"."""

from __future__ import annotations

import re

# The head nouns of a source that names nobody: "eight people familiar with the talks",
# "a senior official", "Treasury officials", "sources", "analysts", "según fuentes diplomáticas".
ANONYMOUS_HEADS = frozenset(
    """official officials source sources person people spokesperson spokesman spokeswoman
    spokespeople spokesmen diplomat diplomats someone somebody everyone everybody anyone anybody analyst analysts expert experts economist
    economists critic critics witness witnesses resident residents aide aides insider insiders
    observer observers industrialists traders dealers investors leaders bosses
    investigators authorities
    polling poll survey surveys data figures estimates report reports
    fuentes expertos analistas funcionarios diplomáticos portavoz
    responsable responsables diplomates analystes experts
    kreisen quellen diplomaten experten beobachter angaben""".split()
)
# "Nobody has said who will pay", "No official would say": a denial that anyone said it,
# not a source.
_NO_ONE = re.compile(r"(?i)(?:nobody|no[\s-]one|none(?:\s+of\b.*)?|no\s+\w.*|neither\b.*)")
_DETERMINERS = frozenset("a an the one two this that some many several another other".split())
_INDEFINITE = frozenset(
    """a an one two three four five six seven eight nine ten some several many other another
    un une des unos unas ein eine einige mehrere""".split()
)
_WORDS = re.compile(r"[\w’'.-]+")

_HEAD_CUT = re.compile(
    r"(?i)\s(?:familiar|close|with|who|of|at|in|from|for|on|briefed|knowledgeable|polled|"
    r"de|du|des|del|der|des)\b.*$"
)
_OF_THE = re.compile(r"(?i)\bof\s+(?:the\s+)?(.*)$")
# An appositive that is a personal name ("the official, Li Wei"): the source is named.
_NAME_APPOSITIVE = re.compile(r"\s*(?:[A-ZÀ-Ý][\w’'.-]*\s+){1,3}[A-ZÀ-Ý][\w’'.-]*\s*")
_QUANTITY = re.compile(r"[\d%]|^(?:some|most|all|many|few|half|about)$", re.IGNORECASE)


def _is_anonymous_word(word: str, first: bool) -> bool:
    """An anonymous head noun, written in lower case unless it opens the phrase ("People for
    the Ethical Treatment of Animals" is a name)."""
    return word.lower().strip("’'") in ANONYMOUS_HEADS and (first or word[:1].islower())


def kind_of(phrase: str) -> str:
    """`named` or `anonymous` for a source phrase (a pronoun counts as named: it stands for
    someone the text names; an anonymous head with a name as its appositive is named)."""
    first, *appositives = phrase.split(",")
    if any(_NAME_APPOSITIVE.fullmatch(part) for part in appositives):
        return "named"
    core = _HEAD_CUT.sub("", first)
    words = _WORDS.findall(core)
    if words and _QUANTITY.search(words[-1]):  # "about 28% of the bosses", "two of the sources"
        rest = _OF_THE.search(first)
        if rest:
            words = _WORDS.findall(_HEAD_CUT.sub("", " " + rest.group(1)))
    if not words:
        return "named"
    if _is_anonymous_word(words[-1], len(words) == 1):
        return "anonymous"
    # Noun before adjectives ("fuentes diplomáticas", "des experts russes").
    body = [w for w in words if w.lower() not in _INDEFINITE and w.lower() not in _DETERMINERS]
    if body and _is_anonymous_word(body[0], True) and not any(w[:1].isupper() for w in body[1:]):
        return "anonymous"
    if words[0].lower() in _INDEFINITE and not any(w[:1].isupper() for w in words[1:]):
        return "anonymous"
    return "named"


def names_no_one(phrase: str) -> bool:
    """Whether a source phrase says that nobody is the source ("nobody", "no official")."""
    return _NO_ONE.fullmatch(phrase.strip()) is not None
