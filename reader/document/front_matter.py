"""Front matter (YAML between `---` lines, TOML between `+++` lines) read safely.

Front matter comes from untrusted files, so reading it is bounded: at most `MAX_CHARS`
characters are parsed, YAML aliases are refused (a few hundred bytes of nested aliases expand
to gigabytes: "billion laughs"), and any failure of a parser (a syntax error, nesting deep
enough to exhaust the stack, a number too long to convert) means the front matter is ignored,
with a one-line reason. Nothing here raises.
"""

from __future__ import annotations

import tomllib

import yaml

MAX_CHARS = 64 * 1024


class _NoAliasLoader(yaml.SafeLoader):
    """`yaml.SafeLoader` that refuses aliases (`*name`) instead of expanding them."""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases are not allowed in front matter", event.start_mark
            )
        return super().compose_node(parent, index)


def read_yaml(content: str) -> tuple[object, str | None]:
    """(data, None) for YAML front matter, or (None, why it was ignored)."""
    if len(content) > MAX_CHARS:
        return None, f"front matter is longer than {MAX_CHARS // 1024} KB, ignored"
    try:
        return yaml.load(content, Loader=_NoAliasLoader), None  # noqa: S506 - a safe loader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        problem = getattr(error, "problem", None) or ""
        if "aliases" in problem:
            return None, f"front matter uses YAML aliases{where}, ignored"
        return None, f"front matter is not valid YAML{where}, ignored"
    except (RecursionError, MemoryError, ValueError, TypeError):
        return None, "front matter could not be read, ignored"


def read_toml(content: str) -> tuple[object, str | None]:
    """(data, None) for TOML front matter, or (None, why it was ignored)."""
    if len(content) > MAX_CHARS:
        return None, f"front matter is longer than {MAX_CHARS // 1024} KB, ignored"
    try:
        return tomllib.loads(content), None
    except tomllib.TOMLDecodeError:
        return None, "front matter is not valid TOML, ignored"
    except (RecursionError, MemoryError, ValueError, TypeError):
        return None, "front matter could not be read, ignored"
