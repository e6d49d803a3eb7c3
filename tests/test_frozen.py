"""``@frozen`` classes behave as ``@dataclass(frozen=True)`` ones do, each checked against the
same class made by the dataclass module itself."""

from __future__ import annotations

import dataclasses
import pickle
from dataclasses import dataclass, field
from typing import Any

import pytest

from reportgen.frozen import frozen


def twins(body: dict[str, Any], annotations: dict[str, str]) -> tuple[type, type]:
    """The same class body made by ``@frozen`` and by ``@dataclass(frozen=True)``."""
    def make() -> type:
        return type("Thing", (), {**body, "__annotations__": dict(annotations),
                                  "__module__": __name__, "__qualname__": "Thing"})
    return frozen(make()), dataclass(frozen=True)(make())


SHAPES: dict[str, tuple[dict[str, Any], dict[str, str]]] = {
    "several": ({"b": "x", "c": field(default=())}, {"a": "int", "b": "str", "c": "tuple"}),
    "one": ({}, {"a": "int"}),
    "none": ({}, {}),
    "uncompared": ({"b": field(default=0, compare=False, repr=False)},
                   {"a": "int", "b": "int"}),
    "hashed apart": ({"b": field(default=0, hash=False)}, {"a": "int", "b": "int"}),
    "hashed though uncompared": ({"b": field(default=0, compare=False, hash=True)},
                                 {"a": "int", "b": "int"}),
}


def instances(kind: type, shape: str) -> list[Any]:
    if shape == "none":
        return [kind(), kind()]
    if shape == "one":
        return [kind(1), kind(1), kind(2)]
    if shape in ("uncompared", "hashed apart", "hashed though uncompared"):
        return [kind(1, 5), kind(1, 6), kind(2, 5)]
    return [kind(1), kind(1, "x", ()), kind(1, "y"), kind(2, "x", (1, [2]))]


@pytest.mark.parametrize("shape", SHAPES)
def test_equality_hash_and_repr_are_the_dataclass_ones(shape: str) -> None:
    ours, theirs = twins(*SHAPES[shape])
    for mine, reference in zip(instances(ours, shape), instances(theirs, shape), strict=True):
        assert repr(mine) == repr(reference)
        for other_mine, other_reference in zip(instances(ours, shape), instances(theirs, shape),
                                               strict=True):
            assert (mine == other_mine) is (reference == other_reference)
            assert (mine != other_mine) is (reference != other_reference)
            assert _hash(mine) == _hash(reference)


def _hash(thing: Any) -> int | None:
    """The hash, or None where a list inside makes it unhashable."""
    try:
        return hash(thing)
    except TypeError:
        return None


def test_another_class_with_the_same_fields_is_not_equal() -> None:
    ours, theirs = twins(*SHAPES["one"])
    assert ours(1) != theirs(1)
    assert ours(1) != (1,)
    assert ours(1).__eq__((1,)) is NotImplemented


def test_frozen_and_still_a_dataclass() -> None:
    ours, _ = twins(*SHAPES["several"])
    thing = ours(1, "x")
    with pytest.raises(dataclasses.FrozenInstanceError):
        thing.a = 2
    with pytest.raises(dataclasses.FrozenInstanceError):
        del thing.a
    assert dataclasses.replace(thing, a=3) == ours(3, "x")
    assert [f.name for f in dataclasses.fields(thing)] == ["a", "b", "c"]
    assert dataclasses.asdict(thing) == {"a": 1, "b": "x", "c": ()}
    assert {thing, ours(1, "x")} == {thing}


def test_methods_of_its_own_are_kept() -> None:
    @frozen
    class Named:
        name: str

        def __str__(self) -> str:
            return self.name.upper()

    assert str(Named("a")) == "A"
    assert repr(Named("a")) == "test_methods_of_its_own_are_kept.<locals>.Named(name='a')"


def _own_repr(self: Any) -> str:
    return f"<{self.a}>"


def _own_eq(self: Any, other: Any) -> bool:
    return isinstance(other, self.__class__) and self.a % 10 == other.a % 10


def _own_hash(self: Any) -> int:
    return int(self.a) % 10


OWN: dict[str, dict[str, Any]] = {
    "repr": {"__repr__": _own_repr},
    "eq": {"__eq__": _own_eq},  # Python gives it __hash__ = None; a frozen dataclass hashes
    "hash": {"__hash__": _own_hash},
    "eq and hash": {"__eq__": _own_eq, "__hash__": _own_hash},
    "unhashable": {"__hash__": None},
}


@pytest.mark.parametrize("methods", OWN)
def test_a_classs_own_repr_eq_and_hash_are_kept_as_the_dataclass_module_keeps_them(
        methods: str) -> None:
    ours, theirs = twins(OWN[methods], {"a": "int"})
    values = (1, 11, 2)
    for mine, reference in zip(map(ours, values), map(theirs, values), strict=True):
        assert repr(mine) == repr(reference)
        assert _hash(mine) == _hash(reference)
        for other, other_reference in zip(map(ours, values), map(theirs, values), strict=True):
            assert (mine == other) is (reference == other_reference)
            assert (mine != other) is (reference != other_reference)


def test_own_methods_are_kept_in_a_class_written_as_usual() -> None:
    @frozen
    class Loose:
        a: float

        def __repr__(self) -> str:
            return f"about {self.a:.0f}"

        def __eq__(self, other: object) -> bool:
            return isinstance(other, Loose) and round(self.a) == round(other.a)

        def __hash__(self) -> int:
            return hash(round(self.a))

    assert repr(Loose(1.2)) == "about 1"
    assert Loose(1.2) == Loose(0.9) and Loose(1.2) != Loose(2.0)
    assert len({Loose(1.2), Loose(0.9)}) == 1


def test_pickles() -> None:
    assert pickle.loads(pickle.dumps(Pickled(1, ("a",)))) == Pickled(1, ("a",))


@frozen
class Pickled:
    a: int
    b: tuple[str, ...]
