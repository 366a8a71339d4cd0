"""`--diff=signatures`: the diff of what callers see, without the JSON load/dump code.

Each module is shown with the bodies of its functions and methods left out (their
`def` lines and docstrings stay): a change to a field, a value or a member shows, the
hundreds of lines of `from_dict`/`to_dict` that follow from it do not.
"""

from __future__ import annotations

import ast

from generator.run.surface import MAX_SOURCE
from generator.write.plan import Plan, unified_diff


def signatures(source: str) -> str:
    """`source` with every function body after its docstring replaced by `...`; the
    source as it is when it does not parse."""
    if len(source) > MAX_SOURCE:
        return source
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return source
    lines = source.splitlines(keepends=True)
    cuts: list[tuple[int, int, int]] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        body = node.body
        first = body[0]
        has_doc = isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
        rest = body[1:] if has_doc else body
        if not rest or rest[-1].end_lineno is None:
            continue
        cuts.append((rest[0].lineno - 1, rest[-1].end_lineno, rest[0].col_offset))
    for start, end, indent in sorted(cuts, reverse=True):
        lines[start:end] = [" " * indent + "...\n"]
    return "".join(lines)


def signatures_diff(plan: Plan, label: str) -> str:
    """The unified diff of the plan's modules as `signatures` shows them; modules whose
    signatures are equal drop out."""
    view = Plan(added=set(plan.added), removed=set(plan.removed))
    for path, text in plan.written.items():
        new = signatures(text)
        old = signatures(plan.old[path]) if path in plan.old else None
        if old != new:
            view.written[path] = new
            if old is not None:
                view.old[path] = old
    for path in plan.removed:
        view.old[path] = signatures(plan.old.get(path, ""))
    return unified_diff(view, label)
