"""How an IR type is spelled in Python, and what it must import: one function each.

Templates never build a type or an import themselves; they place what this module returns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from generator.emit.pysource import py_str
from generator.ir import ListOf, Literal, MapOf, Number, Primitive, Ref, TypeExpr, UnionOf
from generator.record import record

DocId = str


@record(order=True)
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
    "integer": ("int", None),
    "boolean": ("bool", None),
    "bytes": ("bytes", None),
    "any": ("Any", Import("typing", "Any")),
    "datetime": ("datetime", Import("datetime", "datetime")),
    "date": ("date", Import("datetime", "date")),
}


Spelling = Mapping[str, tuple[str, Import | None]]
"""Primitive name → how a target spells it, and what that needs imported."""


def annotation(
    t: TypeExpr, local: Callable[[DocId], str], primitives: Spelling | None = None
) -> tuple[str, frozenset[Import]]:
    """The annotation for `t`, naming referenced docs by `local(doc_id)`, and its imports;
    a documented `number` is spelled as its `Number` says (float, int or both). A target
    may spell some primitives its own way (`primitives`, over the standard ones)."""
    imports: set[Import] = set()
    table = _PRIMITIVES if primitives is None else {**_PRIMITIVES, **primitives}
    text = _Speller(local, imports, table).spell(t)
    return text, frozenset(imports)


class _Speller:
    def __init__(
        self, local: Callable[[DocId], str], imports: set[Import], table: Spelling
    ) -> None:
        self.local = local
        self.imports = imports
        self.table = table

    def spell(self, t: TypeExpr) -> str:
        if isinstance(t, Number):
            return t.python
        if isinstance(t, Primitive):
            text, needed = self.table[t.name]
            if needed:
                self.imports.add(needed)
            return text
        if isinstance(t, ListOf):
            return f"list[{self.spell(t.item)}]"
        if isinstance(t, MapOf):
            return f"dict[str, {self.spell(t.value)}]"
        if isinstance(t, Ref):
            return self.local(t.target)
        if isinstance(t, Literal):
            return self.literal([t])
        return self.union(t)

    def literal(self, items: list[Literal]) -> str:
        """`Literal[...]`; float literals are not allowed there and widen to `float`, nor
        (for mypy) integers beyond 64 bits, which widen to `int`."""
        if any(isinstance(i.value, float) for i in items):
            return "float"
        if not all(_fits_literal(i) for i in items):
            return "int"
        self.imports.add(Import("typing", "Literal"))
        values = ", ".join(_literal_value(i.value) for i in items)
        return f"Literal[{values}]"

    def union(self, t: UnionOf) -> str:
        """Members in documented order; neighbouring literals merge into one `Literal[...]`."""
        parts: list[str] = []
        pending: list[Literal] = []
        for member in t.members:
            if isinstance(member, Literal) and _fits_literal(member):
                pending.append(member)
                continue
            if pending:
                parts.append(self.literal(pending))
                pending = []
            parts.append(self.spell(member))
        if pending:
            parts.append(self.literal(pending))
        return " | ".join(_unique(parts))


_INT64 = range(-(2**63), 2**63)


def _fits_literal(t: Literal) -> bool:
    """Whether mypy takes the value inside `Literal[...]` (no floats, 64-bit integers)."""
    value = t.value
    if isinstance(value, float):
        return False
    return isinstance(value, str | bool) or value in _INT64


def _literal_value(value: str | int | float | bool) -> str:
    if isinstance(value, str):
        return py_str(value)
    return repr(value)


def _unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)


def import_lines(imports: Iterable[Import], line_length: int = 88) -> list[str]:
    """`from … import …` lines: standard library first, then the package's own modules,
    each group sorted, names merged per module; a line too long lists one name a line in
    parentheses, as black writes it."""
    by_module: dict[str, list[str]] = {}
    for imp in set(imports):  # modules and names are sorted below
        spelled = f"{imp.name} as {imp.alias}" if imp.alias else imp.name
        by_module.setdefault(imp.module, []).append(spelled)
    stdlib = sorted(m for m in by_module if not m.startswith("."))
    own = sorted((m for m in by_module if m.startswith(".")), key=lambda m: (-m.count("."), m))
    lines: list[str] = []
    for group in (stdlib, own):
        if lines and group:
            lines.append("")
        for module in group:
            names = sorted(by_module[module])
            line = f"from {module} import {', '.join(names)}"
            if len(line) <= line_length:
                lines.append(line)
            else:
                lines += [f"from {module} import (", *(f"    {n}," for n in names), ")"]
    return lines
