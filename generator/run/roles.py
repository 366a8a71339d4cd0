"""Which models callers build and which they only read, from the package's import graph.

A model that a request model uses (one named `…Request` or `…RequestBody`, as Speakeasy
names an operation's input, or `…Input`, its name for the request side of a model with
read-only fields, and what those reach) is built by callers; every other model
is only read: callers get it from `from_dict`, the API fills it. In a package without
request models (model docs alone, no operations) every model may be either. Whether a change breaks
callers can depend on it: a new required field breaks code that builds the model, not
code that reads it; a field that may now be absent breaks readers, not builders.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from generator.run.change import COMPATIBLE, Change
from generator.run.surface import base_type
from generator.write.plan import Plan

BUILT, READ = "built", "read"

_IMPORT = re.compile(r"^from (\.+)([\w.]*) import (?:\(([^)]*)\)|([^\n(]+))", re.MULTILINE)
_DEFINES = re.compile(r"^(?:class (\w+)|(\w+): TypeAlias)", re.MULTILINE)
_REQUEST = re.compile(r"(Request|RequestBody|Input)$")


def is_module(path: str) -> bool:
    """A module that defines a model (not a package `__init__`, not the runtime)."""
    return path.endswith(".py") and not path.endswith(("__init__.py", "_serde.py"))


def package_texts(plan: Plan, out: Path) -> dict[str, str]:
    """Every module of the new package: the new text of those the plan writes, what OUT
    holds for those it leaves as they are."""
    texts = {p: t for p, t in plan.written.items() if is_module(p)}
    for path in plan.unchanged:
        if is_module(path):
            try:
                texts[path] = (out / path).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
    return texts


def imports(path: str, text: str) -> dict[str, str]:
    """Class name → the module path (in OUT) that a module imports it from."""
    folder = path.split("/")[:-1]
    found: dict[str, str] = {}
    for dots, module, wrapped, names in _IMPORT.findall(text):
        base = folder[: len(folder) - (len(dots) - 1)] if len(dots) > 1 else folder
        if not module:
            continue
        target = "/".join([*base, *module.split(".")]) + ".py"
        for name in (wrapped or names).replace("\n", " ").split(","):
            if name.strip():
                found[name.strip()] = target
    return found


def defined_name(text: str) -> str:
    """The class or alias a generated module defines, "" when none."""
    found = _DEFINES.search(text)
    return (found.group(1) or found.group(2)) if found else ""


def roles(texts: Mapping[str, str]) -> dict[str, frozenset[str]]:
    """Module path → {built} (only requests use it), {read}, or both."""
    uses = {path: set(imports(path, text).values()) for path, text in texts.items()}
    built: set[str] = set()
    stack = [p for p, text in texts.items() if _REQUEST.search(defined_name(text))]
    if not stack:  # models alone, no operations: callers may build or read any of them
        return dict.fromkeys(texts, frozenset((BUILT, READ)))
    while stack:
        path = stack.pop()
        if path in built:
            continue
        built.add(path)
        stack.extend(uses.get(path, ()))
    read = _reached_from_responses(texts, uses, built)
    return {
        path: frozenset(({BUILT} if path in built else set()) | ({READ} if path in read else set()))
        for path in texts
    }


def _reached_from_responses(
    texts: Mapping[str, str], uses: Mapping[str, set[str]], built: set[str]
) -> set[str]:
    """What callers read: every model no request uses, and all such models reach."""
    read: set[str] = set()
    stack = [p for p in texts if p not in built]
    while stack:
        path = stack.pop()
        if path in read:
            continue
        read.add(path)
        stack.extend(uses.get(path, ()))
    return read


def judged(change: Change, role: frozenset[str]) -> Change:
    """The verdict for a model callers only build (`built`) or only read (`read`); a
    model used both ways keeps the stricter verdict `compare` gave."""
    if len(role) != 1:
        return change
    built = "built" in role
    kind, new = change.kind, change.new
    optional_now = kind == "required-changed" and new.endswith("(optional)")
    required_now = (kind == "required-changed" and not optional_now) or (
        kind == "field-added" and new.endswith("(required)")
    )
    if (required_now and not built) or (optional_now and built):
        why = (
            "callers only read this model (it is in no request)"
            if not built
            else (
                "callers only build this model (it is in requests alone) and may now leave it out"
            )
        )
        return replace(change, severity=COMPATIBLE, reason=why)
    if kind == "type-changed" and base_type(_annotation(change.old)) == base_type(
        _annotation(change.new)
    ):
        null_now = "None" in _annotation(change.new)
        if null_now and built:
            return replace(change, severity=COMPATIBLE, reason="callers may now pass null")
        if not null_now and not built:
            return replace(change, severity=COMPATIBLE, reason="callers no longer get null")
    if built and kind in ("enum-value-added", "union-member-added"):
        reason = "callers only build this type (it is in requests alone): a new choice"
        return replace(change, severity=COMPATIBLE, reason=reason)
    return change


def _annotation(shown: str) -> str:
    """`str | None (optional)` → `str | None`."""
    return shown.rsplit(" (", 1)[0]
