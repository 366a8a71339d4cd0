"""Tree-sitter nodes of TypeScript source: text, lines, children, string keys, and the
located warnings of one file."""

from __future__ import annotations

import codecs
from collections.abc import Iterator

import tree_sitter_typescript
from tree_sitter import Language, Node

from generator.errors import Diagnostic, Location, Severity
from generator.record import record

_LANGUAGE = Language(tree_sitter_typescript.language_typescript())


def _text(node: Node) -> str:
    return (node.text or b"").decode("utf-8", "replace")


def _line(node: Node) -> int:
    return node.start_point.row + 1


def _named(node: Node | None) -> list[Node]:
    """The named children that are not comments."""
    return [] if node is None else [c for c in node.named_children if c.type != "comment"]


def _string(node: Node) -> str | None:
    """The value of a string literal (`"a"`, `'a'`), or None when `node` is none."""
    if node.type != "string":
        return None
    parts = []
    for child in node.named_children:
        if child.type == "escape_sequence":
            parts.append(codecs.decode(_text(child), "unicode_escape"))
        else:
            parts.append(_text(child))
    return "".join(parts)


def _key(node: Node) -> str | None:
    """A property's name as written (`a`, `"b-c"`, `1`), None when computed."""
    if node.type in ("property_identifier", "identifier", "number"):
        return _text(node)
    return _string(node)


@record
class _Problems:
    """Where one file's warnings go, each at `file.ts:line`."""

    path: str
    found: list[Diagnostic]

    def add(self, node: Node, message: str) -> None:
        self.at(_line(node), message)

    def at(self, line: int, message: str) -> None:
        loc = Location(self.path, line)
        self.found.append(Diagnostic(loc, Severity.WARNING, message, code="ts-source"))


def _descendants(node: Node | None, kind: str) -> Iterator[Node]:
    todo = [node] if node is not None else []
    while todo:
        current = todo.pop()
        if current.type == kind:
            yield current
        todo.extend(reversed(current.named_children))


def _calls_named(node: Node | None, names: tuple[str, ...]) -> Iterator[Node]:
    for call in _descendants(node, "call_expression"):
        fn = call.child_by_field_name("function")
        if fn is not None and fn.type == "identifier" and _text(fn) in names:
            yield call


def _first_error(node: Node) -> Node:
    for child in node.children:
        if child.has_error or child.is_missing or child.type == "ERROR":
            return _first_error(child)
    return node
