"""``@frozen``: a frozen dataclass whose ``repr``, ``==`` and ``hash`` are shared functions.

Python 3.11 writes each method a dataclass generates as source text and compiles it: six for a
frozen class. reportgen has about ninety value classes, so every command paid for that before
reading a cell (CONTRIBUTING.md, "Speed", has the figures). Three of the six (``__repr__``,
``__eq__``, ``__hash__``) do the same in every class, given its field names, so they are
written once, here. The dataclass module still writes ``__init__`` and the frozen
``__setattr__``/``__delattr__``, and ``fields``, ``replace`` and ``asdict`` are its own.

Each shared method does what the generated one does: equal when of the same class with equal
compared fields; hashed on the fields ``hash`` (or else ``compare``) selects; shown as
``Name(field=value, ...)`` with the fields ``repr`` selects. As with ``@dataclass``, a method
the class writes itself is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")

_COMPARED = "__frozen_compared__"
_HASHED = "__frozen_hashed__"
_SHOWN = "__frozen_shown__"


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def frozen(cls: type[T]) -> type[T]:
    """``cls`` as ``@dataclass(frozen=True)`` makes it, with the shared methods below in place
    of the ones the class does not write itself (a class's own ``__repr__``, ``__eq__`` or
    ``__hash__`` is kept, as the dataclass module keeps it)."""
    own = dict(cls.__dict__)  # before the dataclass module adds its own
    made = dataclass(frozen=True, repr=False, eq=False)(cls)
    known = fields(made)  # type: ignore[arg-type]  # made is a dataclass by now
    setattr(made, _COMPARED, _getter(tuple(f.name for f in known if f.compare)))
    setattr(made, _HASHED, _getter(tuple(f.name for f in known
                                         if (f.compare if f.hash is None else f.hash))))
    setattr(made, _SHOWN, tuple(f.name for f in known if f.repr))
    if "__repr__" not in own:
        made.__repr__ = _repr  # type: ignore[method-assign]
    if "__eq__" not in own:
        made.__eq__ = _eq  # type: ignore[method-assign]
    # As the dataclass module decides: a __hash__ the class wrote is kept, but not the None
    # Python puts in its place when a class writes __eq__ alone (a frozen dataclass hashes
    # its fields then).
    if own.get("__hash__") is None and ("__hash__" not in own or "__eq__" in own):
        made.__hash__ = _hash  # type: ignore[method-assign]
    return made


def _getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The compared fields' values as a tuple, read in C (``attrgetter`` of one name gives the
    value itself, so that case is wrapped)."""
    if not names:
        return lambda _: ()
    if len(names) == 1:
        single = attrgetter(names[0])
        return lambda obj: (single(obj),)
    return attrgetter(*names)


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is not self.__class__:
        return NotImplemented
    compared = getattr(self.__class__, _COMPARED)
    return compared(self) == compared(other)


def _hash(self: Any) -> int:
    return hash(getattr(self.__class__, _HASHED)(self))


def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}"
                      for name in getattr(self.__class__, _SHOWN))
    return f"{self.__class__.__qualname__}({shown})"
