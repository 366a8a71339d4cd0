"""What generated code may contain, checked on its syntax tree: only the statements the
templates write, calling only what the templates call. Doc text may appear in string
constants, never as code."""

from __future__ import annotations

import ast

ALLOWED_IMPORTS = {"__future__", "dataclasses", "typing", "enum", "datetime"}
CLASS_METHODS = {"__repr__", "from_dict", "to_dict", "from_json", "to_json", "_missing_"}
CALLABLE_NAMES = {"cls", "list", "dict", "isinstance", "type", "frozenset", "field", "dataclass"}
ATTRIBUTE_CALLS = {"to_dict", "isoformat", "from_dict", "get", "update", "items", "__new__"}
FORBIDDEN_NAMES = {
    "eval", "exec", "compile", "open", "__import__", "globals", "locals", "getattr",
    "setattr", "delattr", "breakpoint", "input", "print", "os", "sys", "subprocess",
    "__builtins__", "vars", "exit", "quit",
}  # fmt: skip


TARGET_IMPORTS = {"dataclasses": set(), "pydantic": {"typing_extensions"}, "msgspec": set()}
"""What each target's templates import besides ALLOWED_IMPORTS (pydantic: a self-naming
union is a `TypeAliasType`)."""
TARGET_CALLS = {"dataclasses": set(), "pydantic": {"TypeAliasType"}, "msgspec": set()}
TARGET_METHODS = {"dataclasses": set(), "pydantic": set(), "msgspec": {"__post_init__"}}
"""msgspec Structs read what msgspec kept as JSON (unions it cannot tell apart) there."""


def problems(source: str, target: str = "dataclasses") -> list[str]:
    """Everything in a generated module that its templates (for `target`) do not write."""
    tree = ast.parse(source)
    found: list[str] = []
    for node in tree.body:
        found += _top_level(node, target)
    for node in ast.walk(tree):
        found += _anywhere(node, target)
    return found


def _top_level(node: ast.stmt, target: str) -> list[str]:
    if isinstance(node, ast.ImportFrom):
        allowed = ALLOWED_IMPORTS | TARGET_IMPORTS[target]
        if node.level == 0 and node.module not in allowed:
            return [f"line {node.lineno}: import from {node.module}"]
        return []
    if isinstance(node, ast.Assign) and _is_alias_type(node, target):
        return []
    if isinstance(node, ast.ClassDef):
        return [p for item in node.body for p in _in_class(item, target)]
    if isinstance(node, ast.Assign | ast.AnnAssign) and _is_all(node):
        return []
    if isinstance(node, ast.AnnAssign):
        if ast.unparse(node.annotation) != "TypeAlias":
            return [f"line {node.lineno}: module-level assignment that is not a type alias"]
        return []
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
        return []  # a docstring
    if isinstance(node, ast.FunctionDef):
        if not node.name.endswith(("_from_dict", "_to_dict")):
            return [f"line {node.lineno}: function {node.name}"]
        return []
    return [f"line {node.lineno}: module-level {type(node).__name__}"]


def _is_alias_type(node: ast.Assign, target: str) -> bool:
    """`X = TypeAliasType("X", "…")`: a name and its definition as string constants."""
    value = node.value
    return (
        "TypeAliasType" in TARGET_CALLS[target]
        and len(node.targets) == 1
        and isinstance(node.targets[0], ast.Name)
        and isinstance(value, ast.Call)
        and ast.unparse(value.func) == "TypeAliasType"
        and not value.keywords
        and len(value.args) == 2
        and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in value.args)
    )


def _is_all(node: ast.Assign | ast.AnnAssign) -> bool:
    """`__all__ = ["A", "B"]`, a list of names as strings."""
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    value = node.value
    return (
        [ast.unparse(t) for t in targets] == ["__all__"]
        and isinstance(value, ast.List)
        and all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in value.elts)
    )


def _is_tag_property(node: ast.stmt) -> bool:
    """A msgspec Struct's tag as a property: `@property`, `def name(self) -> …:`, an
    optional docstring, `return <constant>`."""
    if not isinstance(node, ast.FunctionDef):
        return False
    body = node.body[1:] if _is_docstring(node.body[0]) else node.body
    return (
        [ast.unparse(d) for d in node.decorator_list] == ["property"]
        and [a.arg for a in node.args.args] == ["self"]
        and len(body) == 1
        and isinstance(body[0], ast.Return)
        and isinstance(body[0].value, ast.Constant)
    )


def _is_docstring(node: ast.stmt) -> bool:
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)


def _in_class(node: ast.stmt, target: str) -> list[str]:
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
        return []
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return []
    if isinstance(node, ast.Assign):
        value = node.value
        if isinstance(value, ast.UnaryOp) and isinstance(value.op, ast.USub):
            value = value.operand  # a negative number
        if all(isinstance(t, ast.Name) for t in node.targets) and isinstance(value, ast.Constant):
            return []
        return [f"line {node.lineno}: class-level assignment of {ast.unparse(node.value)}"]
    if target == "msgspec" and _is_tag_property(node):
        return []
    if isinstance(node, ast.FunctionDef) and node.name in CLASS_METHODS | TARGET_METHODS[target]:
        return []
    return [f"line {node.lineno}: class-level {type(node).__name__}"]


def _anywhere(node: ast.AST, target: str = "dataclasses") -> list[str]:
    if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id in FORBIDDEN_NAMES:
        return [f"line {node.lineno}: uses {node.id}"]  # a field may be *named* `open`
    if isinstance(node, ast.Attribute) and node.attr.startswith("__") and node.attr != "__new__":
        return [f"line {node.lineno}: uses attribute {node.attr}"]
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Name):
            allowed = CALLABLE_NAMES | TARGET_CALLS[target]
            if func.id in allowed or func.id.endswith("_from_dict"):
                return []
            return [f"line {node.lineno}: calls {func.id}"]
        if isinstance(func, ast.Attribute):
            root = func
            while isinstance(root, ast.Attribute):
                root = root.value  # type: ignore[assignment]
            if isinstance(root, ast.Name) and root.id == "_serde":
                return []
            if (
                isinstance(root, ast.Name)
                and root.id.startswith("_")
                and func.attr.endswith("_from_dict")
            ):
                return []  # a union's loader, through its module imported in a cycle
            if func.attr in ATTRIBUTE_CALLS:
                return []
            return [f"line {node.lineno}: calls .{func.attr}"]
        return [f"line {node.lineno}: calls {ast.unparse(func)}"]
    if isinstance(node, ast.Import):
        return [f"line {node.lineno}: import {', '.join(a.name for a in node.names)}"]
    return []
