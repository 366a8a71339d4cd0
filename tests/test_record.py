"""`record` (generator/record.py): frozen to mypy, a plain slots dataclass at run time,
with the equality and hash of a frozen dataclass."""

from __future__ import annotations

import dataclasses
import pickle
import subprocess
import sys
from pathlib import Path

from generator.record import record

ROOT = Path(__file__).resolve().parent.parent


@record
class Point:
    x: int
    y: tuple[int, ...] = ()


@record(kw_only=True, order=True)
class Named:
    name: str
    rank: int = 0


def test_equality_and_hash_are_by_fields() -> None:
    assert Point(1, (2,)) == Point(1, (2,))
    assert hash(Point(1, (2,))) == hash(Point(1, (2,)))
    assert Point(1) != Point(2)
    assert len({Point(1), Point(1), Point(2)}) == 2


def test_the_repr_is_a_dataclass_repr() -> None:
    assert repr(Point(1, (2,))) == "Point(x=1, y=(2,))"
    assert repr(Named(name="a")) == "Named(name='a', rank=0)"

    @record
    class Box:
        inner: object
        hidden: int = dataclasses.field(default=0, repr=False)

    assert (
        repr(Box(Point(1)))
        == "test_the_repr_is_a_dataclass_repr.<locals>.Box(inner=Point(x=1, y=()))"
    )
    loop: list[object] = []
    loop.append(Box(loop))
    assert repr(loop) == "[test_the_repr_is_a_dataclass_repr.<locals>.Box(inner=[...])]"


def test_it_is_a_slots_dataclass_with_its_options() -> None:
    assert dataclasses.is_dataclass(Point)
    assert not hasattr(Point(1), "__dict__")
    assert [f.name for f in dataclasses.fields(Named)] == ["name", "rank"]
    assert Named(name="a") < Named(name="b")
    assert dataclasses.replace(Point(1), y=(3,)) == Point(1, (3,))
    assert pickle.loads(pickle.dumps(Point(1, (2,)))) == Point(1, (2,))


def test_mypy_rejects_assigning_to_a_field(tmp_path: Path) -> None:
    """Immutability is mypy's to enforce: assigning to a record's field, positional
    arguments to a keyword-only record, are type errors."""
    snippet = tmp_path / "snippet.py"
    snippet.write_text(
        "from generator.record import record\n\n\n"
        "@record(kw_only=True)\nclass Point:\n    x: int\n\n\n"
        "p = Point(x=1)\np.x = 2\nPoint(1)\nok: int = hash(p)\n"
    )
    mypy = [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir=/dev/null"]
    done = subprocess.run(
        [*mypy, str(snippet)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if "error:" in line]
    assert any(':10: error: Property "x" defined in "Point" is read-only' in x for x in lines)
    assert any(":11: error: Too many positional arguments" in x for x in lines)
    assert len(lines) == 2, done.stdout
