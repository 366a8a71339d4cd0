"""How an IR type is spelled in Python, and what it must import: one function each.

Templates never build a type or an import themselves; they place what this module returns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .ir import ListOf, Literal, MapOf, Primitive, Ref, TypeExpr, UnionOf
from .pysource import py_str

DocId = str


@dataclass(frozen=True, slots=True, order=True)
class Import:
    """`from module import name [as alias]`; `module` is dotted, relative ones start with `.`."""

    module: str
    name: str
    alias: str = ""

    @property
    def local(self) -> str:
        """The name the importing module uses."""
        return self.alias or self.name


_PRIMITIVES: dict[str, tuple[str, Import | None]] = {
    "string": ("str", None),
    "number": ("float", None),
    "integer": ("int", None),
    "boolean": ("bool", None),
    "bytes": ("bytes", None),
    "any": ("Any", Import("typing", "Any")),
    "datetime": ("datetime", Import("datetime", "datetime")),
    "date": ("date", Import("datetime", "date")),
}

NAMES_MODULES_USE = frozenset(
    {"annotations", "dataclass", "field", "Enum", "Any", "Literal", "datetime", "date"}
    | {"str", "int", "float", "bool", "bytes", "list", "dict", "object", "None"}
)
"""Every name a generated module may use besides its own classes; nothing may shadow them."""


def annotation(t: TypeExpr, local: Callable[[DocId], str]) -> tuple[str, frozenset[Import]]:
    """The annotation for `t`, naming referenced docs by `local(doc_id)`, and its imports."""
    imports: set[Import] = set()
    text = _spell(t, local, imports)
    return text, frozenset(imports)


def optional(text: str) -> str:
    """`text | None`."""
    return f"{text} | None"


def _spell(t: TypeExpr, local: Callable[[DocId], str], imports: set[Import]) -> str:
    if isinstance(t, Primitive):
        text, needed = _PRIMITIVES[t.name]
        if needed:
            imports.add(needed)
        return text
    if isinstance(t, ListOf):
        return f"list[{_spell(t.item, local, imports)}]"
    if isinstance(t, MapOf):
        return f"dict[str, {_spell(t.value, local, imports)}]"
    if isinstance(t, Ref):
        return local(t.target)
    if isinstance(t, Literal):
        return _literal([t], imports)
    return _union(t, local, imports)


def _literal(items: list[Literal], imports: set[Import]) -> str:
    """`Literal[...]`; float literals are not allowed there and widen to `float`."""
    if any(isinstance(i.value, float) for i in items):
        return "float"
    imports.add(Import("typing", "Literal"))
    values = ", ".join(_literal_value(i.value) for i in items)
    return f"Literal[{values}]"


def _literal_value(value: str | int | float | bool) -> str:
    if isinstance(value, str):
        return py_str(value)
    return repr(value)


def _union(t: UnionOf, local: Callable[[DocId], str], imports: set[Import]) -> str:
    """Members in documented order; neighbouring literals merge into one `Literal[...]`."""
    parts: list[str] = []
    pending: list[Literal] = []
    for member in t.members:
        if isinstance(member, Literal) and not isinstance(member.value, float):
            pending.append(member)
            continue
        if pending:
            parts.append(_literal(pending, imports))
            pending = []
        parts.append(_spell(member, local, imports))
    if pending:
        parts.append(_literal(pending, imports))
    return " | ".join(_unique(parts))


def _unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)


def import_lines(imports: Iterable[Import]) -> list[str]:
    """`from … import …` lines: standard library first, then the package's own modules,
    each group sorted, names merged per module."""
    by_module: dict[str, list[str]] = {}
    for imp in sorted(set(imports)):
        spelled = f"{imp.name} as {imp.alias}" if imp.alias else imp.name
        by_module.setdefault(imp.module, []).append(spelled)
    stdlib = sorted(m for m in by_module if not m.startswith("."))
    own = sorted((m for m in by_module if m.startswith(".")), key=lambda m: (-m.count("."), m))
    lines: list[str] = []
    for group in (stdlib, own):
        if lines and group:
            lines.append("")
        lines.extend(f"from {m} import {', '.join(sorted(by_module[m]))}" for m in group)
    return lines
