"""Datelines, bylines and reporting credits of news copy, read from one line or paragraph.

A dateline opens the lead paragraph and says where (and sometimes when) the story was filed
and by which agency: `LONDON (Reuters) - `, `BEIRUT/THE HAGUE, March 7 (Reuters) - `,
`Aug 9 (Reuters) - `, `LA CROSSE, Wis. (AP) — `, `ATLANTA (AP) _ ` (ANPA wire),
`ROME, March 2  - `, `(CNN) -- `, `March 17, 2020 (American Thinker) — `; Hindi papers write
`जागरण संवाददाता, आगरा। ` (correspondent, place, danda); Japanese papers open with
`【ソウル＝小池和樹】` (place = reporter) or sign off with `【エルサレム松岡大地、カイロ金子淳】`.
The dateline stays in the paragraph's text (it is part of the lead); what it says goes to
the metadata: the place to `Metadata.extra["dateline"]`, the agency to the source.

Everything here is pure and never raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.document.dates import MONTHS
from reader.document.patterns import compiled_on_use

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# A place in capitals: "LONDON", "LA CROSSE", "THE HAGUE", "SAN JOSÉ", "N'DJAMENA".
_CAPS_PLACE = r"[A-Z][A-ZÀ-Ý.'’]{1,}(?:[ -][A-ZÀ-Ý][A-ZÀ-Ý.'’]+){0,3}"
# Optionally followed by a region in ordinary case: ", Wis.", ", Indonesia", ", Calif.".
_REGION = r"(?:,\s*[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?(?=[/,\s(]))?"
_PLACES = rf"(?P<place>{_CAPS_PLACE}{_REGION}(?:/{_CAPS_PLACE}{_REGION}){{0,3}})"
_DAY_DATE = rf"(?P<date>{_MONTH}\s+\d{{1,2}}(?:,\s+(?P<year>\d{{4}}))?)"
_AGENCY = r"\((?P<agency>[A-Z][A-Za-z.&' ]{1,30})\)"
_DASH = r"\s*(?:--?|—|–|_)\s+"

# PLACE[, Month Day][ (Agency)] -    (a bare PLACE needs a dash right after it)
_WIRE = re.compile(rf"^{_PLACES}(?:,\s*{_DAY_DATE})?(?:\s*{_AGENCY})?{_DASH}")
# Month Day[, Year] (Agency) -       (no place)
_DATE_AGENCY = re.compile(rf"^{_DAY_DATE}\s*{_AGENCY}{_DASH}")
# (Agency) -
_AGENCY_ONLY = re.compile(rf"^{_AGENCY}{_DASH}")
# Hindi: "जागरण संवाददाता, आगरा।", "नई दिल्ली, प्रेट्र।" is not covered (agency last). Only
# looked for in a head holding a danda (।), as are the Japanese forms below in a head or tail
# holding a 【: compiled when an article first has one.
_HINDI = compiled_on_use(
    r"^(?P<agency>[^\s,।]+(?:\s[^\s,।]+)?\s(?:संवाददाता|ब्यूरो|डेस्क))\s*,\s*"
    r"(?P<place>[^\s,।]+(?:\s[^\s,।]+)?)\s*।"
)
# Japanese: "【ソウル＝小池和樹】" at the start of the lead.
_JA_OPEN = compiled_on_use(r"^【(?P<place>[^＝=】]{1,20})[＝=](?P<names>[^】]{1,40})】")
# Japanese sign-off at the end of the article: "【エルサレム松岡大地、カイロ金子淳】".
_JA_SIGNOFF = compiled_on_use(r"【(?P<body>[^【】]{2,60})】\s*$")
_KATAKANA_PLACE = compiled_on_use(
    r"^(?P<place>[\u30a0-\u30ffー・]{2,})(?P<name>[\u4e00-\u9fff\u3005]{2,6})$"
)

_LOWER_SOON = re.compile(r"[a-zà-ÿ]")
# Words an agency name may be mistaken for when a place is in brackets: never a source.
_NOT_AGENCIES = frozenset({"Sat", "Sun", "Update", "Updated", "Video", "Watch", "Photos"})


@dataclass(slots=True)
class Dateline:
    """What a dateline or a sign-off says: where the story was filed, by which agency, on
    which day (when it gives the year), and by whom (the Japanese forms name reporters)."""

    place: str = ""
    agency: str = ""
    published: str | None = None  # ISO date, only when the dateline gives a year
    authors: list[str] = field(default_factory=list)


def _iso_date(date: str, year: str | None) -> str | None:
    if not year:
        return None
    parts = date.split(",")[0].split()
    month = MONTHS.get(parts[0].lower().rstrip("."))
    try:
        day = int(parts[1])
    except (IndexError, ValueError):
        return None
    if month is None or not 1 <= day <= 31:
        return None
    return f"{int(year):04d}-{month:02d}-{day:02d}"


def _agency(m: re.Match[str]) -> str:
    agency = (m["agency"] or "").strip()
    return "" if agency in _NOT_AGENCIES else agency


def read_dateline(text: str) -> Dateline | None:
    """The dateline that opens `text` (a lead paragraph), or None."""
    head = text[:160]
    m = _WIRE.match(head)
    if m:
        place = " ".join(m["place"].split())
        # A bare place needs a lead in ordinary case after the dash ("ROME – Italy's …"),
        # not more capitals ("ECONOMIC SPOTLIGHT - ITALIAN BOOM" is a headline).
        bare = not (m["agency"] or m["date"])
        if not bare or (len(place) >= 3 and _LOWER_SOON.search(head, m.end(), m.end() + 30)):
            date = m["date"] or ""
            return Dateline(place, _agency(m), _iso_date(date, m["year"]) if date else None)
    m = _DATE_AGENCY.match(head)
    if m:
        return Dateline("", _agency(m), _iso_date(m["date"], m["year"]))
    m = _AGENCY_ONLY.match(head)
    if m:
        return Dateline("", _agency(m))
    m = _HINDI().match(head) if "।" in head else None
    if m:
        return Dateline(m["place"], m["agency"])
    m = _JA_OPEN().match(head) if head.startswith("【") else None
    if m:
        names = [n.strip() for n in re.split(r"[、,・]", m["names"]) if n.strip()]
        return Dateline(m["place"].strip(), "", None, names)
    return None


def read_signoff(text: str) -> Dateline | None:
    """A Japanese sign-off closing `text` (the last paragraph): places and reporters."""
    tail = text[-80:]
    m = _JA_SIGNOFF().search(tail) if "【" in tail else None
    if m is None:
        return None
    places: list[str] = []
    names: list[str] = []
    for part in re.split(r"[、,]", m["body"]):
        pm = _KATAKANA_PLACE().match(part.strip())
        if pm is None:
            return None
        places.append(pm["place"])
        names.append(pm["name"])
    return Dateline("/".join(places), "", None, names)


# --- bylines ---------------------------------------------------------------------------------

_BYLINE = re.compile(
    r"^by\s+(?P<names>[^\W\d_][^,|;]{1,80}?)\s*=?(?:\s*[,|]\s*(?P<rest>.{1,60}?))?\s*=?$", re.I
)
# What may follow a name after a comma without being a source: degrees, ranks, roles.
_NAME_SUFFIX = compiled_on_use(
    r"^(?:Ph\.?\s?D\.?|M\.?D\.?|Jr\.?|Sr\.?|J\.?D\.?|M\.?A\.?|MBA|Esq\.?|I{1,3}|IV"
    r"|(?:\w+\s){0,3}(?:writer|editor|correspondent|reporter|contributor|columnist|staff))$",
    re.I,
)
# "Lena deCasparis | Contributing Writer | 5 days ago" (only looked for in a line with a |)
_PIPE_BYLINE = compiled_on_use(
    r"^(?P<name>[A-Z][\w'’.-]+(?:\s[\w'’.-]+){1,3})\s*\|\s*(?P<role>(?:\w+\s){0,3}"
    r"(?:Writer|Editor|Correspondent|Reporter|Contributor|Columnist|Staff))\b(?:\s*\|.*)?$"
)
_REPORTING = re.compile(
    r"^\(?\s*(?:Reporting|Reported|Writing|Additional reporting)\s+by\s+(?P<names>[^;)]{2,200})",
    re.I,
)
_SPLIT_NAMES = re.compile(r"\s*(?:,|\band\b|&)\s*")
_PLACE_SUFFIX = re.compile(r"\s+in\s+[A-Z][\w .'-]*$")


def _clean_name(name: str) -> str:
    name = " ".join(name.strip(" =").split())
    if name.isupper() and len(name) > 3:
        name = name.title()  # "CHARLES ODUM" (wire copy in capitals)
    return name


@dataclass(slots=True)
class Byline:
    """The authors a byline names, and the source it gives after them (", Reuters")."""

    authors: list[str]
    source: str = ""


def read_byline(line: str) -> Byline | None:
    """Authors (and a source such as ", Reuters") of a byline line, or None."""
    m = _BYLINE.match(line)
    if m and m["names"][0].isupper() and m["names"].rstrip()[-1:] not in ".!?;:":
        names = [_clean_name(n) for n in _SPLIT_NAMES.split(m["names"].strip())]
        rest = (m["rest"] or "").strip()
        source = "" if not rest or _NAME_SUFFIX().match(rest) else rest
        return Byline([n for n in names if n], source)
    m = _PIPE_BYLINE().match(line) if "|" in line else None
    if m:
        return Byline([_clean_name(m["name"])])
    return None


def read_reporting_credit(line: str) -> list[str]:
    """Reporters named in a wire credit line: "(Reporting by A in London and B in Bengaluru;
    Editing by C)" gives [A, B]; other lines give []."""
    m = _REPORTING.match(line)
    if m is None:
        return []
    names = []
    for part in _SPLIT_NAMES.split(" ".join(m["names"].split())):
        name = _PLACE_SUFFIX.sub("", part).strip()
        if name and name[0].isupper() and len(name.split()) <= 4:
            names.append(name)
    return names
