"""What a change to the generated package means for code that uses it: fields added and
removed, types, required flags and JSON keys changed, enum values added and removed — each
marked when it breaks existing callers.

Both sides are read from the generated modules themselves (with `ast`), so the summary
describes exactly the code that `check` found out of date.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Change:
    """One change in one module; `breaking` when existing callers may stop working."""

    text: str
    breaking: bool


UNREADABLE = "(could not compare: a version of the module is too large or not Python)"


@dataclass(slots=True)
class Shape:
    """What a generated module defines, as far as callers can tell."""

    name: str = ""
    kind: str = "module"
    fields: dict[str, tuple[str, bool]] = field(default_factory=dict)
    """Attribute → (annotation, required)."""
    wire: dict[str, str] = field(default_factory=dict)
    """Attribute → its JSON key (`metadata={"wire": …}`), where the module says it."""
    values: dict[str, str] = field(default_factory=dict)
    """Enum member → value."""
    alias: str = ""


MAX_SOURCE = 4 * 1024 * 1024
"""The largest module read for the summary (generated modules are kilobytes; a file in
OUT can be anything that starts with the header)."""


def shape(source: str) -> Shape | None:
    """The class (or alias) a generated module defines; None when the module cannot be
    read (too large, not Python, too deeply nested)."""
    if len(source) > MAX_SOURCE:
        return None
    try:
        return _shape(ast.parse(source))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _header(source: str) -> Shape | None:
    """The name and kind a module this generator wrote declares, from its first `class`
    or type alias line alone (parsing 12,000 new modules whole took seconds); None when
    no such line parses."""
    for line in source.splitlines():
        if line.startswith("class ") or (": TypeAlias = " in line and not line[0].isspace()):
            stub = f"{line}\n    pass\n" if line.startswith("class ") else line
            try:
                found = _shape(ast.parse(stub))
            except (SyntaxError, ValueError):
                return None
            return found if found.name else None
    return None


def _shape(tree: ast.Module) -> Shape:
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            return _class_shape(node)
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            if ast.unparse(node.annotation) == "TypeAlias" and node.value is not None:
                return Shape(node.target.id, "alias", alias=ast.unparse(node.value))
    return Shape()


def _class_shape(node: ast.ClassDef) -> Shape:
    bases = {ast.unparse(b) for b in node.bases}
    if "Enum" in bases:
        values = {
            target.id: ast.unparse(item.value)
            for item in node.body
            if isinstance(item, ast.Assign)
            for target in item.targets
            if isinstance(target, ast.Name)
        }
        return Shape(node.name, "enum", values=values)
    fields: dict[str, tuple[str, bool]] = {}
    wire: dict[str, str] = {}
    for item in node.body:
        if not (isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name)):
            continue
        name = item.target.id
        annotation = ast.unparse(item.annotation)
        if name.startswith("_") or name == "additional_properties" or "ClassVar" in annotation:
            continue
        fields[name] = (annotation, _required(item.value))
        key = _wire_key(item.value)
        if key is not None:
            wire[name] = key
    return Shape(node.name, "model", fields=fields, wire=wire)


def _wire_key(value: ast.expr | None) -> str | None:
    """The JSON key in `field(..., metadata={"wire": "key"})`, when there is one."""
    if not isinstance(value, ast.Call):
        return None
    metadata = [k.value for k in value.keywords if k.arg == "metadata"]
    if not metadata or not isinstance(metadata[0], ast.Dict):
        return None
    for k, v in zip(metadata[0].keys, metadata[0].values, strict=True):
        if isinstance(k, ast.Constant) and k.value == "wire" and isinstance(v, ast.Constant):
            return str(v.value)
    return None


def _required(value: ast.expr | None) -> bool:
    """A field without a default (a constant with one is still required in the JSON)."""
    if not isinstance(value, ast.Call):
        return value is None
    defaults = {k.arg: k.value for k in value.keywords if k.arg in ("default", "default_factory")}
    default = defaults.get("default")
    return not defaults or (isinstance(default, ast.Constant) and default.value is not None)


def changes(old: str | None, new: str | None) -> tuple[str, list[Change]]:
    """The model's name and what changed in it between two versions of one module."""
    if old is None and new is not None:
        header = _header(new)
        if header is not None:  # a new module: its name and kind are all there is to say
            return header.name, [Change(f"new {header.kind}", False)]
    before = None if old is None else shape(old)
    after = None if new is None else shape(new)
    if (old is not None and before is None) or (new is not None and after is None):
        known = after or before
        return (known.name if known else ""), [Change(UNREADABLE, False)]
    if before is None and after is not None:
        return after.name, [Change(f"new {after.kind}", False)]
    if after is None and before is not None:
        return before.name, [Change(f"{before.kind} removed", True)]
    before, after = before or Shape(), after or Shape()
    found: list[Change] = []
    if before.kind != after.kind:
        found.append(Change(f"{before.kind} became {after.kind}", True))
    found += _field_changes(before, after)
    for member in after.values.keys() - before.values.keys():
        found.append(Change(f"+ value {after.values[member]}", False))
    for member in before.values.keys() - after.values.keys():
        found.append(Change(f"- value {before.values[member]}", True))
    if before.alias != after.alias:
        found.append(Change(f"~ {before.alias or '?'} → {after.alias or '?'}", True))
    return after.name or before.name, sorted(found, key=lambda c: c.text)


def _field_changes(before: Shape, after: Shape) -> list[Change]:
    found: list[Change] = []
    for name, (annotation, required) in after.fields.items():
        if name not in before.fields:
            kind = "required" if required else "optional"
            found.append(Change(f"+ {name}: {annotation} ({kind})", required))
            continue
        old_annotation, old_required = before.fields[name]
        if old_annotation != annotation:
            found.append(Change(f"~ {name}: {old_annotation} → {annotation}", True))
        if old_required != required:
            text = "now required" if required else "now optional"
            found.append(Change(f"~ {name}: {text}", required))
        old_key, key = before.wire.get(name), after.wire.get(name)
        if old_key is not None and key is not None and old_key != key:
            # the model reads and writes other JSON: payloads of the old key go unread
            found.append(Change(f"~ {name}: JSON key {old_key!r} → {key!r}", True))
    for name, (annotation, _) in before.fields.items():
        if name not in after.fields:
            found.append(Change(f"- {name}: {annotation}", True))
    return found
