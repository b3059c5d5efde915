"""Sentence segmentation (PLACEHOLDER: the sentences helper replaces this)."""

from __future__ import annotations

import re

_END = re.compile(r"[.!?。！？؟]+[\"'”’)]*(?=\s|$)")


def split_sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for m in _END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text) and text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans
