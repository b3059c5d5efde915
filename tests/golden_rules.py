"""Sentence-boundary cases for the English "Golden Rules".

The rule NAMES follow the published list of the Pragmatic Segmenter's English Golden Rules
(48 rules). The example TEXTS below are our own, written for margin-reader to exercise the same
phenomenon at the same difficulty; they are not copied from the Pragmatic Segmenter or pySBD.

`GOLDEN_RULES` is a list of `(name, text, expected_sentences)`; a rule scores when the
segmenter's sentences (each stripped) equal `expected_sentences` exactly. The bench imports
this module by path, so it must stay free of test-framework imports.

`EXTRA_RULES` holds further cases from the same family (errant line breaks) that are not part of
the 48-rule score.
"""

from __future__ import annotations

GOLDEN_RULES: list[tuple[str, str, list[str]]] = [
    (
        "Simple period to end sentence",
        "The river rose overnight. Nobody expected it.",
        ["The river rose overnight.", "Nobody expected it."],
    ),
    (
        "Question mark to end sentence",
        "Where did the ferry go? It left at dawn.",
        ["Where did the ferry go?", "It left at dawn."],
    ),
    (
        "Exclamation point to end sentence",
        "Look at that! The bridge is open.",
        ["Look at that!", "The bridge is open."],
    ),
    (
        "One letter upper case abbreviations",
        "Her mentor was Carla M. Ortiz.",
        ["Her mentor was Carla M. Ortiz."],
    ),
    (
        "One letter lower case abbreviations",
        "The table is on p. 112.",
        ["The table is on p. 112."],
    ),
    (
        "Two letter lower case abbreviations in the middle of a sentence",
        "Did Omar and co. leave early?",
        ["Did Omar and co. leave early?"],
    ),
    (
        "Two letter upper case abbreviations in the middle of a sentence",
        "The shares went to Hale, Marsh & Co. last spring.",
        ["The shares went to Hale, Marsh & Co. last spring."],
    ),
    (
        "Two letter lower case abbreviations at the end of a sentence",
        "Ask Priya and co. We can wait.",
        ["Ask Priya and co.", "We can wait."],
    ),
    (
        "Two letter upper case abbreviations at the end of a sentence",
        "The loan came from Hale, Marsh & Co. It was repaid in May.",
        ["The loan came from Hale, Marsh & Co.", "It was repaid in May."],
    ),
    (
        "Two letter (prepositive) abbreviations in a sentence",
        "We climbed Mt. Kenya last year.",
        ["We climbed Mt. Kenya last year."],
    ),
    (
        "Two letter (prepositive & postpositive) abbreviations in a sentence",
        "St. Agnes School is on 9th st. by the park.",
        ["St. Agnes School is on 9th st. by the park."],
    ),
    (
        "Possessive two letter abbreviations in a sentence",
        "This is Hank Sr.'s truck.",
        ["This is Hank Sr.'s truck."],
    ),
    (
        "Multi-period abbreviations in the middle of a sentence",
        "Her band toured the U.S.A. every summer.",
        ["Her band toured the U.S.A. every summer."],
    ),
    (
        "Multi-period abbreviations at the end of a sentence",
        "My office is in the U.K. Where is yours?",
        ["My office is in the U.K.", "Where is yours?"],
    ),
    (
        "U.S. as sentence boundary",
        "Their startup moved to the U.S. What happened next?",
        ["Their startup moved to the U.S.", "What happened next?"],
    ),
    (
        "U.S. as non sentence boundary with next word capitalized",
        "He advises the U.S. Navy on logistics.",
        ["He advises the U.S. Navy on logistics."],
    ),
    (
        "U.S. as non sentence boundary",
        "She has worked in the U.S. since 2009.",
        ["She has worked in the U.S. since 2009."],
    ),
    (
        "A.M. / P.M. as non sentence boundary and sentence boundary",
        "By 7 a.m. Dr. Okafor had opened the clinic. She closed it at 9 P.M. "
        "Dr. Okafor then drove home.",
        [
            "By 7 a.m. Dr. Okafor had opened the clinic.",
            "She closed it at 9 P.M.",
            "Dr. Okafor then drove home.",
        ],
    ),
    (
        "Number as non sentence boundary",
        "The ticket costs $42.50 at the door.",
        ["The ticket costs $42.50 at the door."],
    ),
    (
        "Number as sentence boundary",
        "The ticket costs $42.50. Students pay less.",
        ["The ticket costs $42.50.", "Students pay less."],
    ),
    (
        "Parenthetical inside sentence",
        "She coaches chess (She was a national champion in 1998.) at the town library.",
        ["She coaches chess (She was a national champion in 1998.) at the town library."],
    ),
    (
        "Email addresses",
        "Write to Sam.Lee@mail.example.org. He answers quickly.",
        ["Write to Sam.Lee@mail.example.org.", "He answers quickly."],
    ),
    (
        "Web addresses",
        "The report is at: http://data.example.gov/2021/annual_report-v2.pdf. "
        "Read the summary first.",
        [
            "The report is at: http://data.example.gov/2021/annual_report-v2.pdf.",
            "Read the summary first.",
        ],
    ),
    (
        "Single quotations inside sentence",
        "He looked up, 'That was close.' he whispered.",
        ["He looked up, 'That was close.' he whispered."],
    ),
    (
        "Double quotations inside sentence",
        'He looked up, "That was close." he whispered.',
        ['He looked up, "That was close." he whispered.'],
    ),
    (
        "Double quotations at the end of a sentence",
        'He looked up, "That was close." The car had stopped inches away.',
        ['He looked up, "That was close."', "The car had stopped inches away."],
    ),
    (
        "Double punctuation (exclamation point)",
        "Surprise!! You are all invited.",
        ["Surprise!!", "You are all invited."],
    ),
    (
        "Double punctuation (question mark)",
        "Anyone home?? The door was open.",
        ["Anyone home??", "The door was open."],
    ),
    (
        "Double punctuation (exclamation point / question mark)",
        "You did what!? That cannot be right.",
        ["You did what!?", "That cannot be right."],
    ),
    (
        "Double punctuation (question mark / exclamation point)",
        "Are you serious?! We leave in an hour.",
        ["Are you serious?!", "We leave in an hour."],
    ),
    (
        "List (period followed by parens and no period to end item)",
        "1.) Check the tyres 2.) Fill the tank",
        ["1.) Check the tyres", "2.) Fill the tank"],
    ),
    (
        "List (period followed by parens and period to end item)",
        "1.) Check the tyres. 2.) Fill the tank.",
        ["1.) Check the tyres.", "2.) Fill the tank."],
    ),
    (
        "List (parens and no period to end item)",
        "1) Check the tyres 2) Fill the tank",
        ["1) Check the tyres", "2) Fill the tank"],
    ),
    (
        "List (parens and period to end item)",
        "1) Check the tyres. 2) Fill the tank.",
        ["1) Check the tyres.", "2) Fill the tank."],
    ),
    (
        "List (period to mark list and no period to end item)",
        "1. Check the tyres 2. Fill the tank",
        ["1. Check the tyres", "2. Fill the tank"],
    ),
    (
        "List (period to mark list and period to end item)",
        "1. Check the tyres. 2. Fill the tank.",
        ["1. Check the tyres.", "2. Fill the tank."],
    ),
    (
        "List with bullet",
        "• 4. Pack the tent • 5. Pack the stove",
        ["• 4. Pack the tent", "• 5. Pack the stove"],
    ),
    (
        "List with hyphen",
        "⁃4. Pack the tent ⁃5. Pack the stove",
        ["⁃4. Pack the tent", "⁃5. Pack the stove"],
    ),
    (
        "Alphabetical list",
        "a. Pack the tent b. Pack the stove c. Pack the spare lantern",
        ["a. Pack the tent", "b. Pack the stove", "c. Pack the spare lantern"],
    ),
    (
        "Geo Coordinates",
        "The marker sits at N°. 4417.902.118. That is where we dig.",
        ["The marker sits at N°. 4417.902.118.", "That is where we dig."],
    ),
    (
        "Named entities with an exclamation point",
        "She won twice on Jeopardy! during the spring season.",
        ["She won twice on Jeopardy! during the spring season."],
    ),
    (
        "I as a sentence boundary and I as an abbreviation",
        "The work was split between Maria and I. Have you met Henry I. Castle?",
        ["The work was split between Maria and I.", "Have you met Henry I. Castle?"],
    ),
    (
        "Ellipsis at end of quotation",
        "The author insists that in a quiet room, “every small sound becomes a kind of "
        "event. . . .”",
        [
            "The author insists that in a quiet room, “every small sound becomes a kind of "
            "event. . . .”"
        ],
    ),
    (
        "Ellipsis with square brackets",
        '"Darwin [...] compared the finches of several islands [...]" (Jones 12).',
        ['"Darwin [...] compared the finches of several islands [...]" (Jones 12).'],
    ),
    (
        "Ellipsis as sentence boundary (standard ellipsis rules)",
        "When a quotation stops at the end of a sentence and nothing else is cut, the writer "
        "adds spaced ellipsis points and then the closing period . . . . A new sentence "
        "follows.",
        [
            "When a quotation stops at the end of a sentence and nothing else is cut, the "
            "writer adds spaced ellipsis points and then the closing period . . . .",
            "A new sentence follows.",
        ],
    ),
    (
        "Ellipsis as sentence boundary (non-standard ellipsis rules)",
        "I never said that.... He walked out.",
        ["I never said that....", "He walked out."],
    ),
    (
        "Ellipsis as non sentence boundary",
        "I wasn’t sure ... honestly, what I thought...look . . . what I'm trying to say, "
        "the point is . . . I didn’t plan it.",
        [
            "I wasn’t sure ... honestly, what I thought...look . . . what I'm trying to say, "
            "the point is . . . I didn’t plan it."
        ],
    ),
    (
        "4-dot ellipsis",
        "One older custom that faded slowly . . . was that of giving every boat a family "
        "name. . . . The habit never vanished entirely. . . .",
        [
            "One older custom that faded slowly . . . was that of giving every boat a family name.",
            ". . . The habit never vanished entirely. . . .",
        ],
    ),
]

EXTRA_RULES: list[tuple[str, str, list[str]]] = [
    (
        "Errant newlines in the middle of sentences (PDF)",
        "This line was\nbroken in the middle by a scanner.",
        ["This line was\nbroken in the middle by a scanner."],
    ),
    (
        "Errant newlines in the middle of sentences",
        "It was a warm \nevening in the port.",
        ["It was a warm \nevening in the port."],
    ),
]
