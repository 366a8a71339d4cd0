"""The AST guard itself: it accepts what the templates write and rejects injected code."""

from __future__ import annotations

import ast
import builtins
from pathlib import Path

import pytest
from ast_guard import problems

from generator.resolve.names import CLASS_BODY_NAMES, NAMES_MODULES_USE

from conftest import ROOT

EMIT = ROOT / "tests" / "cases" / "emit"


def _generated() -> list[Path]:
    modules = [*sorted((ROOT / "generated").rglob("*.py")), *sorted(EMIT.rglob("expected/**/*.py"))]
    return [m for m in modules if m.name != "_serde.py"]


@pytest.mark.parametrize("module", _generated(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_generated_module_passes(module: Path) -> None:
    assert problems(module.read_text()) == []


@pytest.mark.parametrize(
    "injected",
    [
        "import os\n",
        "from os import system\n",
        "X = 1\n",
        "class A:\n    def __init__(self):\n        pass\n",
        "class A:\n    x = eval('1')\n",
        "def evil():\n    pass\n",
        "class A:\n    def from_dict(cls):\n        return open('x')\n",
        "class A:\n    def to_dict(self):\n        return self.__class__\n",
        "print('hi')\n",
    ],
)
def test_injected_code_is_caught(injected: str) -> None:
    assert problems(injected) != []


def _loaded_names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def test_reserved_names_cover_every_builtin_the_templates_use() -> None:
    """A class, alias or field named like a builtin the generated code calls would hide it
    (a doc titled `type`, a field named `classmethod`): the reserved sets must list each
    one. Class bodies are checked apart, since only their names bind to fields."""
    module_wide: set[str] = set()
    in_class_bodies: set[str] = set()
    for path in _generated():
        tree = ast.parse(path.read_text())
        module_wide |= _loaded_names(tree)
        for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
            for item in cls.body:
                if isinstance(item, ast.FunctionDef):
                    in_class_bodies |= {
                        name for d in item.decorator_list for name in _loaded_names(d)
                    }
                    if item.returns is not None:
                        in_class_bodies |= _loaded_names(item.returns)
                    in_class_bodies |= {
                        name
                        for a in item.args.args
                        if a.annotation is not None
                        for name in _loaded_names(a.annotation)
                    }
                else:
                    in_class_bodies |= _loaded_names(item)
    builtin_names = set(dir(builtins))
    assert module_wide & builtin_names <= NAMES_MODULES_USE
    assert in_class_bodies & builtin_names <= CLASS_BODY_NAMES


def test_targets_add_only_their_own_constructs() -> None:
    """pydantic's self-naming union (`X = TypeAliasType("X", "…")`) passes for that target
    alone, and only with its name and definition as string constants."""
    alias = (
        'from typing_extensions import TypeAliasType\n\nD = TypeAliasType("D", "str | list[D]")\n'
    )
    assert problems(alias, "pydantic") == []
    assert problems(alias) != []
    assert problems('D = TypeAliasType("D", eval("1"))\n', "pydantic") != []
    assert problems('D = TypeAliasType("D", "x", y=1)\n', "pydantic") != []
    assert problems("from typing_extensions import TypeAliasType\n", "msgspec") != []
    tag = (
        'class A:\n    @property\n    def op(self) -> str:\n        """Always."""\n'
        '        return "add"\n'
    )
    assert problems(tag, "msgspec") == []
    assert problems(tag) != []
    assert problems(tag.replace('return "add"', "return open('x')"), "msgspec") != []
