"""What an attribution is: the source a text gives for a claim (`Attribution`) and its kinds.

Finding it is reader/claims/attribution.py; what is stored of it (the sidecar's places,
reader/annotations/places.py) is read back with this alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["named", "anonymous", "none"]
KINDS: tuple[Kind, ...] = ("named", "anonymous", "none")


@dataclass(slots=True, frozen=True)
class Attribution:
    """The source a text gives for a claim.

    `source` is the source as named in the text (`the Financial Times`, `Anna Kelly, the deputy
    White House press secretary`, `eight people familiar with the talks`), "" for `none`;
    `start`/`end` index `Document.text` (the resolved name's own place for a resolved pronoun),
    -1 for `none`; `cue` is the reporting verb or frame found (`said`, `according to`, `:`);
    `via` is who relays it when a cited source is the one given (`X reported, citing Y`: Y is
    the source, X the via), else "".
    """

    source: str
    kind: Kind
    start: int = -1
    end: int = -1
    cue: str = ""
    via: str = ""

    def to_json(self) -> dict[str, object]:
        """The fields as a JSON object (the shape `reader annotations --json` prints)."""
        return {
            "source": self.source,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "cue": self.cue,
            "via": self.via,
        }


NO_ATTRIBUTION = Attribution("", "none")
