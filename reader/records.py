"""Small value classes without `@dataclass`'s cost at start-up.

`@dataclass` writes and compiles each class's methods when its module is imported: about a
millisecond a class on this hardware, and the app needed a dozen of them before its first
frame. The classes on that path derive from these bases instead and write their `__init__`;
the bases give them a keyword `repr` and, where asked, field-wise equality and hashing,
using the names in `__slots__` (no code is generated).

- `Record`: mutable; equal when of the same type with equal fields (`EQ = False` keeps
  identity equality); unhashable unless identity-equal.
- `Value`: immutable after `__init__` (set fields with `object.__setattr__`), equal and
  hashable by its fields.
Slots whose names start with `_` are private caches: not in the repr, not compared.
"""

from __future__ import annotations

TYPE_CHECKING = False  # `typing` costs milliseconds at start-up; annotations are strings
if TYPE_CHECKING:
    from typing import Any, ClassVar


def _public(cls: type) -> tuple[str, ...]:
    names: list[str] = []
    for klass in reversed(cls.__mro__):
        for name in klass.__dict__.get("__slots__", ()):
            if not name.startswith("_"):
                names.append(name)
    return tuple(names)


class Record:
    __slots__ = ()
    EQ: ClassVar[bool] = True
    _FIELDS: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._FIELDS = _public(cls)
        if not cls.__dict__.get("EQ", cls.EQ):
            cls.__eq__ = object.__eq__  # type: ignore[method-assign]
            cls.__hash__ = object.__hash__  # type: ignore[method-assign]

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._FIELDS)

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._FIELDS)
        return f"{type(self).__name__}({fields})"

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]  (mutable and compared by value)


class Value(Record):
    __slots__ = ()

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: cannot delete {name!r}")

    def __hash__(self) -> int:
        return hash(self._values())

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        # copy, deepcopy and pickle rebuild through __init__ (setting slots would raise);
        # a Value's fields are its __init__ arguments, in order.
        return type(self), self._values()
