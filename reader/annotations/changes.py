"""Small helpers of the store: checking and cleaning what a change brings, describing it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reader.annotations.model import CATEGORIES, CATEGORY_LABELS, Annotation
from reader.errors import ReaderError


def check_category(category: str) -> str:
    if category not in CATEGORIES:
        raise ReaderError(f"unknown category {category!r}: use one of {', '.join(CATEGORIES)}")
    return category


def aside_name(path: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    return target


def label(category: str) -> str:
    return CATEGORY_LABELS.get(category, category)


def text_of(value: Any) -> str:
    return value if isinstance(value, str) else ""


def clean_tags(tags: Any) -> list[str]:
    if isinstance(tags, str):
        tags = [tags]
    out: list[str] = []
    for tag in tags or ():
        tag = str(tag).strip()
        if tag and tag not in out:
            out.append(tag)
    return out


def selectors(ann: Annotation) -> tuple[int, int, str, str, str, bool, str]:
    return (ann.start, ann.end, ann.exact, ann.prefix, ann.suffix, ann.orphaned, ann.edited_from)


def describe_update(old: Annotation, new: Annotation) -> str:
    if old.edited_from and not new.edited_from:
        return "accept the new wording"
    if (old.status, old.rationale) != (new.status, new.rationale):
        return f"set verdict {new.status}"
    if old.evidence != new.evidence:
        return "edit evidence"
    if old.category != new.category and (old.note, old.tags) == (new.note, new.tags):
        return f"change highlight to {label(new.category)}"
    if old.note != new.note and (old.category, old.tags) == (new.category, new.tags):
        return "edit note"
    if old.tags != new.tags and (old.category, old.note) == (new.category, new.note):
        return "edit tags"
    return "edit annotation"
