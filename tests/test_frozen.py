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


def test_pickles() -> None:
    assert pickle.loads(pickle.dumps(Pickled(1, ("a",)))) == Pickled(1, ("a",))


@frozen
class Pickled:
    a: int
    b: tuple[str, ...]
