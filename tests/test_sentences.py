"""Tests for reader.document.sentences.split_sentences (pure: no textual import)."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.document.sentences import split_sentences

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / ".." / "shared" / "corpus"


def _load_golden():
    spec = importlib.util.spec_from_file_location(
        "golden_rules", Path(__file__).with_name("golden_rules.py")
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GOLDEN = _load_golden()


def sentences(text: str) -> list[str]:
    return [text[s:e].strip() for s, e in split_sentences(text)]


def check_invariants(text: str, spans: list[tuple[int, int]]) -> None:
    covered = 0
    prev_end = 0
    for start, end in spans:
        assert 0 <= prev_end <= start < end <= len(text), (start, end)
        piece = text[start:end]
        assert piece == piece.strip(), repr(piece)
        # Nothing but whitespace between consecutive sentences.
        assert not text[prev_end:start].strip(), repr(text[prev_end:start])
        covered += end - start
        prev_end = end
    assert not text[prev_end:].strip(), repr(text[prev_end:])
    assert covered <= len(text)


# --- Golden Rules ------------------------------------------------------------------------


def test_golden_rules_are_48_distinct_rules():
    names = [name for name, _, _ in GOLDEN.GOLDEN_RULES]
    assert len(names) == 48
    assert len(set(names)) == 48
    assert len({text for _, text, _ in GOLDEN.GOLDEN_RULES}) == 48


def test_golden_rules_score_at_least_46_of_48():
    failures = [
        (name, sentences(text))
        for name, text, expected in GOLDEN.GOLDEN_RULES
        if sentences(text) != expected
    ]
    score = len(GOLDEN.GOLDEN_RULES) - len(failures)
    assert score >= 46, f"score {score}/48; failing: {failures}"


@pytest.mark.parametrize(
    ("name", "text", "expected"), GOLDEN.EXTRA_RULES, ids=[r[0] for r in GOLDEN.EXTRA_RULES]
)
def test_extra_rules(name, text, expected):
    assert sentences(text) == expected


# --- CJK and Arabic ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("今日は晴れ。明日は雨！本当？", ["今日は晴れ。", "明日は雨！", "本当？"]),
        ("すごい！本当？はい．終わり", ["すごい！", "本当？", "はい．", "終わり"]),
        ("「行くぞ！」彼は叫んだ。", ["「行くぞ！」", "彼は叫んだ。"]),
        ("『もう遅い。』そう思った。", ["『もう遅い。』", "そう思った。"]),
        ("（注意。）次へ進む。", ["（注意。）", "次へ進む。"]),
        ("他说：“我们走吧。”然后离开了。", ["他说：“我们走吧。”", "然后离开了。"]),
        ("彼は「行く。」と言った。", ["彼は「行く。」と言った。"]),
        ("価格は３．５倍になった。", ["価格は３．５倍になった。"]),
        ("第一句。 第二句。", ["第一句。", "第二句。"]),
        ("本当に!?それは驚きだ。", ["本当に!?", "それは驚きだ。"]),
    ],
)
def test_cjk(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("هل أنت هنا؟ نعم، أنا هنا. شكرا!", ["هل أنت هنا؟", "نعم، أنا هنا.", "شكرا!"]),
        ("قال الوزير، ثم غادر القاعة.", ["قال الوزير، ثم غادر القاعة."]),
        ("انتهى الاجتماع. وبدأ التصويت.", ["انتهى الاجتماع.", "وبدأ التصويت."]),
    ],
)
def test_arabic(text, expected):
    assert sentences(text) == expected


# --- News specifics ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Patel met Dr. Rowe and Mrs. Kay.", ["Mr. Patel met Dr. Rowe and Mrs. Kay."]),
        (
            "The U.S. economy grew. Exports rose in the U.S. They fell in Europe.",
            ["The U.S. economy grew.", "Exports rose in the U.S.", "They fell in Europe."],
        ),
        (
            "Profits at Fiat S.P.A. and Olivetti S.P.A. are booming.",
            ["Profits at Fiat S.P.A. and Olivetti S.P.A. are booming."],
        ),
        (
            "Acme Inc. Chief Executive Dana Wu spoke. Acme Inc. It was a short talk.",
            ["Acme Inc. Chief Executive Dana Wu spoke.", "Acme Inc.", "It was a short talk."],
        ),
        ("The vote is on Jan. 11 in Paris.", ["The vote is on Jan. 11 in Paris."]),
        ("He lives at No. 5 on the square.", ["He lives at No. 5 on the square."]),
        (
            "Replacements: W Servat, O Milloud, J-P Grandclaude. Wales: G Thomas (capt).",
            ["Replacements: W Servat, O Milloud, J-P Grandclaude.", "Wales: G Thomas (capt)."],
        ),
        (
            "Inflation was 2.5% in May. Prices rose 0.4 pct.",
            ["Inflation was 2.5% in May.", "Prices rose 0.4 pct."],
        ),
        (
            "He delivers the Budget at 1230 GMT. Markets are waiting.",
            ["He delivers the Budget at 1230 GMT.", "Markets are waiting."],
        ),
        (
            '"I think it is exaggerated...Observers swing wildly," he said.',
            ['"I think it is exaggerated...Observers swing wildly," he said.'],
        ),
        ("“We will win.” He left the hall.", ["“We will win.”", "He left the hall."]),
        ("‘Go home now.’ She did not move.", ["‘Go home now.’", "She did not move."]),
        (
            "It was, he said, “a disaster.” Nobody argued.",
            ["It was, he said, “a disaster.”", "Nobody argued."],
        ),
        (
            "The minister said\nthe plan would work. Critics\ndisagree.",
            ["The minister said\nthe plan would work.", "Critics\ndisagree."],
        ),
        (
            "The film opens on Sunday, Jan. 11. (AP Photo/Chris Pizzello)AP2014",
            ["The film opens on Sunday, Jan. 11.", "(AP Photo/Chris Pizzello)AP2014"],
        ),
        (
            "Shares of <ING. C. Olivetti and C. S.P.A.> rose.",
            ["Shares of <ING. C. Olivetti and C. S.P.A.> rose."],
        ),
        ("J.J. Abrams is amazing. I agree.", ["J.J. Abrams is amazing.", "I agree."]),
        (
            "It cost $3.50 a day, e.g. Less than lunch.",
            ["It cost $3.50 a day, e.g. Less than lunch."],
        ),
        (
            "First paragraph without a stop\n\nSecond one",
            ["First paragraph without a stop", "Second one"],
        ),
        ("A heading with no punctuation", ["A heading with no punctuation"]),
    ],
)
def test_news(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t", "\u3000"])
def test_blank_text_has_no_sentences(text):
    assert split_sentences(text) == []


def test_offsets_index_the_input():
    text = "  One. Two!  Three?  "
    spans = split_sentences(text)
    assert spans == [(2, 6), (7, 11), (13, 19)]


def test_bare_punctuation_never_forms_a_sentence():
    assert sentences('"... We agreed," she said.') == ['"... We agreed," she said.']
    assert sentences("!!! Wow.") == ["!!! Wow."]


# --- properties --------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "word",
        "Word",
        "I",
        "U.S.",
        "Mr.",
        "a.m.",
        "1.",
        "2)",
        "a.",
        "• 3.",
        "Co.",
        ".",
        "..",
        "...",
        ". . .",
        "!",
        "?",
        "!?",
        "。",
        "！",
        "？",
        "．",
        "؟",
        "،",
        '"',
        "'",
        "“",
        "”",
        "’",
        "(",
        ")",
        "[",
        "]",
        "「",
        "」",
        "と",
        "字",
        "كلمة",
        " ",
        " ",
        " ",
        "\n",
        "\n\n",
        "\t",
        "\u3000",
        "\xa0",
        "3.5",
        "x@y.com",
        "http://a.b/c",
        "<",
        ">",
        "—",
        "…",
    ]
)


@settings(deadline=None, max_examples=400)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_invariants_on_sentence_like_text(text):
    check_invariants(text, split_sentences(text))


@settings(deadline=None, max_examples=300)
@given(st.text(max_size=200))
def test_invariants_on_any_text(text):
    check_invariants(text, split_sentences(text))


@settings(deadline=None, max_examples=300)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_a_sentence_segmented_on_its_own_stays_one_sentence(text):
    for start, end in split_sentences(text):
        assert split_sentences(text[start:end]) == [(0, end - start)], text[start:end]


_PREFIXES = ["The river rose overnight. ", "Was it late? ", "“Go now.” ", "Done!\n\n", "它来了。 "]


@pytest.mark.parametrize("prefix", _PREFIXES)
def test_a_sentence_before_a_golden_case_does_not_change_its_split(prefix):
    for name, text, expected in GOLDEN.GOLDEN_RULES + GOLDEN.EXTRA_RULES:
        if sentences(text) != expected:
            continue  # a rule we fail anyway (the score test reports it)
        assert sentences(prefix + text) == [prefix.strip(), *expected], name


@pytest.mark.parametrize("suffix", [" The end came.", " Then we left!", "\n\nNext paragraph."])
def test_a_sentence_after_a_golden_case_does_not_change_its_split(suffix):
    for name, text, expected in GOLDEN.GOLDEN_RULES + GOLDEN.EXTRA_RULES:
        if sentences(text) != expected or expected[-1][-1] not in ".!?”\"'":
            continue
        if name == "4-dot ellipsis":
            continue  # "word. . . . Next" is split after the first period by that very rule
        assert sentences(text + suffix) == [*expected, suffix.strip()], name


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("." * 5000 + "x", 1),
        (". " * 3000 + "x", 1),
        ("!" * 5000 + "x", 1),
        ("?! " * 3000, 1),
        ("x" * 20000, 1),
        ("字。" * 3000, 3000),
        ("Word. " * 3000, 3000),
        ("x. " + "(" * 5000 + "y.", 1),
    ],
    ids=["dots", "spaced-dots", "bangs", "bare-punct", "no-space", "cjk", "words", "openers"],
)
def test_long_runs_of_punctuation(text, count):
    spans = split_sentences(text)
    check_invariants(text, spans)
    assert len(spans) == count


# --- corpus ------------------------------------------------------------------------------


def _corpus_texts():
    if not CORPUS.is_dir():
        return []
    out = []
    for path in sorted(CORPUS.glob("*")):
        if path.suffix not in (".txt", ".md") or path.name.startswith("binary"):
            continue
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", "replace")
        out.append((path.name, text.replace("\r\n", "\n")))
    return out


def test_corpus_invariants_and_counts():
    texts = _corpus_texts()
    if not texts:
        pytest.skip("shared corpus not present")
    counts = {}
    for name, text in texts:
        spans = split_sentences(text)
        check_invariants(text, spans)
        counts[name] = len(spans)
    if "book-moby-dick-pg2701-cp1252.txt" in counts:
        # Moby-Dick has roughly ten thousand sentences.
        assert 8000 < counts["book-moby-dick-pg2701-cp1252.txt"] < 12000
    if "news-chinese-hk-leung.txt" in counts:
        assert counts["news-chinese-hk-leung.txt"] >= 15


def test_corpus_fox_caption_and_abbreviations():
    path = CORPUS / "news-foxnews-oscar-isaac.txt"
    if not path.is_file():
        pytest.skip("shared corpus not present")
    got = sentences(path.read_text(encoding="utf-8"))
    assert "The 72nd annual Golden Globe awards will air on NBC on Sunday, Jan. 11." in got
    assert "(AP Photo/A24 Films, Atsushi Nishijima)AP2014" in got
    assert "“J.J. Abrams is amazing.”" in got


# --- purity ------------------------------------------------------------------------------


def test_module_does_not_import_textual():
    code = (
        "import sys; import reader.document.sentences; "
        "sys.exit(1 if any(m == 'textual' or m.startswith('textual.') for m in sys.modules) else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True)
    assert result.returncode == 0, result.stderr


# The candidate regex once held the CJK ranges in a character class after ASCII "!"/"?"; that
# class now lives in `_is_cjk` (compiling it cost milliseconds at every start). The original
# pattern, kept here as the reference: the new regex plus the check finds the same ends.
_REFERENCE = re.compile(
    r"(?=[.!?…‼⁇⁈⁉؟۔。！？｡．])(?<![.!?…‼⁇⁈⁉؟۔。！？｡．])(?:"
    r"(?P<term>(?<!\.\ )\.(?:\ \.){2,}+|[.!?…‼⁇⁈⁉؟۔]++)"
    r"(?P<close>[\"'”’»›)\]}」』）】〕〉》]*+)(?=\s|$)"
    r"|"
    r"(?P<cjk>(?:[。！？｡]|．(?![0-9０-９]))++|[!?]++"
    r"(?=[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]))"
    r"(?P<cjkclose>[\"'”’»›)\]}」』）】〕〉》]*+)"
    r")"
)


def _kept(text: str) -> list[tuple[int, int, dict]]:
    from reader.document.sentences import _CANDIDATE, _is_cjk

    found = []
    for m in _CANDIDATE.finditer(text):
        cjk = m.group("cjk")
        if (
            cjk is not None
            and cjk[0] in "!?"
            and not _is_cjk(text[m.end("cjk") : m.end("cjk") + 1])
        ):
            continue
        found.append((m.start(), m.end(), m.groupdict()))
    return found


@settings(deadline=None, max_examples=400)
@given(st.text(alphabet="ab .!?。！？．」”“é—漢かん한 \n1０", max_size=40))
def test_candidate_regex_matches_the_reference_with_the_cjk_check(text):
    reference = [(m.start(), m.end(), m.groupdict()) for m in _REFERENCE.finditer(text)]
    assert _kept(text) == reference


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Wow!漢字です。", ["Wow!", "漢字です。"]),
        ("Wow!é is a letter.", ["Wow!é is a letter."]),
        ("She said “Wow!”— then left.", ["She said “Wow!”— then left."]),
        # no candidate at all after "!" before a non-CJK letter (as the original pattern):
        (
            "She said: late!«a. Pack the tent b. Go home.",
            ["She said: late!«a.", "Pack the tent b. Go home."],
        ),
    ],
)
def test_ascii_end_before_cjk_only(text, expected):
    assert [text[s:e] for s, e in split_sentences(text)] == expected


# --- Devanagari danda and German ordinal dates (issue 15) ---------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Dainik Jagran (news-hi-jagran-agra-swami.txt): the danda ends a sentence.
        (
            "जागरण संवाददाता, आगरा। गोवर्धन मठ के स्वामी अधोक्षजानंद तीर्थदेव ने खंडन किया है।"
            " पूरा देश इसे महापर्व की तरह मनाएगा।",
            [
                "जागरण संवाददाता, आगरा।",
                "गोवर्धन मठ के स्वामी अधोक्षजानंद तीर्थदेव ने खंडन किया है।",
                "पूरा देश इसे महापर्व की तरह मनाएगा।",
            ],
        ),
        ("राम नाम सत्य है॥ जय श्री राम।", ["राम नाम सत्य है॥", "जय श्री राम।"]),
    ],
)
def test_danda_ends_a_sentence(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # NZZ live ticker (news-de-nzz-nahost-liveticker.txt), line 11.
        (
            "Durch die Massaker der Terrororganisation Hamas am 7. Oktober wurden rund 1200 Israeli"
            " getötet. Mindestens 243 Personen wurden verschleppt.",
            [
                "Durch die Massaker der Terrororganisation Hamas am 7. Oktober wurden rund 1200"
                " Israeli getötet.",
                "Mindestens 243 Personen wurden verschleppt.",
            ],
        ),
        (
            "Die Wahl fand am 14. und 15. Juli 2021 statt. Danach am 31. Oktober.",
            ["Die Wahl fand am 14. und 15. Juli 2021 statt.", "Danach am 31. Oktober."],
        ),
        # The ticker's weekday headings: day and month numbers with periods.
        ("Donnerstag, 18. 7. Es regnet.", ["Donnerstag, 18. 7.", "Es regnet."]),
        # A year before a capitalised word still ends the sentence.
        ("He won in 2019. Then he left.", ["He won in 2019.", "Then he left."]),
    ],
)
def test_german_ordinal_dates_do_not_split(text, expected):
    assert sentences(text) == expected


def test_corpus_hindi_sentences_end_at_each_danda():
    path = CORPUS / "news-hi-jagran-agra-swami.txt"
    if not path.is_file():
        pytest.skip("shared corpus not present")
    text = path.read_text(encoding="utf-8")
    second = text.split("\n")[2]  # the summary paragraph: four sentences
    assert len(sentences(second)) == 4


def test_thai_without_terminators_splits_at_spaces_between_thai_words():
    text = "ประเทศไทยมีประชากรประมาณ 70 ล้านคน กรุงเทพมหานครเป็นเมืองหลวง ภาษาไทยเป็นภาษาราชการ"
    assert sentences(text) == [
        "ประเทศไทยมีประชากรประมาณ 70 ล้านคน",  # a space next to a digit is no end
        "กรุงเทพมหานครเป็นเมืองหลวง",
        "ภาษาไทยเป็นภาษาราชการ",
    ]
    check_invariants(text, split_sentences(text))
