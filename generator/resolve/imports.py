"""How each generated module imports the docs it references: local names, and import
cycles.

Models only name other docs in annotations and method bodies, which run after every module
is loaded; a union alias needs its members while its module loads. So in a cycle:

- a model imports another model at its end (`from .b import B`, once B's class exists);
- a model imports a union as a module (`from . import u as _u`, named `_u.U`), which
  works while that module is still loading;
- a union imports its model members at the top, and other unions of its cycle at its end,
  writing its own definition as a string (it cannot name them yet).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar
from typing import Literal as TypingLiteral

from generator.errors import Diagnostic, Location, error
from generator.ir import (
    BoundDoc,
    Doc,
    DocId,
    Leaf,
    ListOf,
    Literal,
    MapOf,
    Number,
    Primitive,
    TypeExpr,
    Union,
    UnionOf,
    doc_refs,
)
from generator.record import record
from generator.resolve import names as naming
from generator.resolve.names import NAMES_MODULES_USE

Style = TypingLiteral["top", "end", "module"]
R = TypeVar("R", bound=Leaf)


@record
class RefImport:
    """One referenced doc as a module knows it."""

    target: DocId
    name: str
    """How annotations and code name it: `Pet`, `ComponentsError`, `_node.Node`."""
    style: Style
    alias: str = ""
    """The module alias for style `module`; the class alias otherwise (or "")."""
    loader: str = ""
    """How code names the union's `…_from_dict` (unions only)."""


@record
class Names:
    """What the resolver already decided about every doc."""

    layout: dict[DocId, tuple[str, ...]]
    classes: dict[DocId, str]
    modules: dict[DocId, str]
    kinds: dict[DocId, str]
    """`model`, `enum` or `union`: what an import of the doc brings."""


def loader_name(module: str) -> str:
    """The function that reads a union from JSON data, in the union's own module."""
    return f"{module}_from_dict"


def dumper_name(module: str) -> str:
    return f"{module}_to_dict"


def plan(doc: Doc, names: Names, cyclic: set[DocId]) -> tuple[tuple[RefImport, ...], bool]:
    """The imports of `doc`'s module, and whether its union alias must be a string.
    `cyclic` holds the referenced docs that are in an import cycle with `doc`."""
    referenced = {r.target for r in doc_refs(doc)}
    targets = sorted(referenced - {doc.id})
    own = names.classes[doc.id]
    taken = set(NAMES_MODULES_USE) | {own}
    if isinstance(doc, Union):
        module = names.modules[doc.id]
        taken |= {loader_name(module), dumper_name(module)}
    classes = [names.classes[t] for t in targets]
    result: list[RefImport] = []
    quoted = doc.id in referenced and isinstance(doc, Union)
    for target, cls in zip(targets, classes, strict=True):
        style = _style(doc, names.kinds[target], target in cyclic)
        quoted = quoted or (isinstance(doc, Union) and style == "end")
        if style == "module":
            alias = _fresh("_" + "_".join((*names.layout[target], names.modules[target])), taken)
            loader = f"{alias}.{loader_name(names.modules[target])}"
            result.append(RefImport(target, f"{alias}.{cls}", style, alias, loader))
            continue
        local = cls
        if local in taken or classes.count(local) > 1:
            local = _fresh(_package_prefix(names.layout[target]) + cls, taken)
        taken.add(local)
        loader = ""
        if names.kinds[target] == "union":
            loader = loader_name(names.modules[target])
            if local != cls:
                loader = loader_name(naming.snake_case(local))
            loader = _fresh(loader, taken)
        result.append(RefImport(target, local, style, "" if local == cls else local, loader))
    return tuple(result), quoted


def _style(doc: Doc, target: str, cyclic: bool) -> Style:
    if not cyclic:
        return "top"
    if isinstance(doc, Union):
        return "end" if target == "union" else "top"
    return "module" if target == "union" else "end"


def _package_prefix(package: tuple[str, ...]) -> str:
    words = naming.split_words("_".join(package) or "root")
    return "".join(word[:1].upper() + word[1:] for word in words)


def _fresh(name: str, taken: set[str]) -> str:
    unique = naming.dedupe([name], taken)[0]
    taken.add(unique)
    return unique


def cycles(
    docs: list[Doc] | list[BoundDoc], layout: Mapping[DocId, tuple[str, ...]]
) -> dict[DocId, set[DocId]]:
    """For each doc, the docs it references that are in the same import cycle (counting
    the cycles that package `__init__`s close, see `package_cycles_of`)."""
    targets = {d.id: {r.target for r in doc_refs(d)} for d in docs}
    return package_cycles_of(targets, layout) or cycles_of(targets)


def package_cycles_of(
    targets: Mapping[DocId, Iterable[DocId]], layout: Mapping[DocId, tuple[str, ...]]
) -> dict[DocId, set[DocId]] | None:
    """`cycles_of` for docs whose packages import each other in a ring, else None (then
    `cycles_of` is the answer).

    Importing a module of another package first runs that package's `__init__`, which
    imports every module of it: a module that imports `components.gear` at its top may
    so load `components.report`, and that one the first module again, before the first
    has defined its class. Such an import is in a cycle too. Only packages that import
    each other can close one (a package's modules never run an `__init__` of their own
    package or of one above it), so the rest of the time this is None and costs one pass
    over the references."""
    targets = {d: sorted(set(found)) for d, found in targets.items()}
    packages: dict[DocId, list[DocId]] = {}
    for doc_id, found in targets.items():
        here = layout.get(doc_id)
        for t in found:
            there = layout.get(t)
            if here is not None and there is not None and there != here:
                packages.setdefault(_init_node(here), []).append(_init_node(there))
    ring = _strongly_connected(packages)
    if len(set(ring.values())) == len(ring):
        return None
    graph: dict[DocId, list[DocId]] = {}
    runs: dict[tuple[DocId, DocId], list[DocId]] = {}
    for doc_id, found in targets.items():
        here = layout.get(doc_id, ())
        out = set(found)
        for t in found:
            inits = [_init_node(p) for p in _inits_run(here, layout.get(t, here))]
            runs[doc_id, t] = inits
            out.update(inits)
        graph[doc_id] = sorted(out)
    for doc_id in targets:
        if doc_id in layout:
            graph.setdefault(_init_node(layout[doc_id]), []).append(doc_id)
    component = _strongly_connected(graph)
    return {
        doc_id: {
            t
            for t in found
            if t in targets
            and any(component[n] == component[doc_id] for n in (t, *runs[doc_id, t]))
        }
        for doc_id, found in targets.items()
    }


def _inits_run(here: tuple[str, ...], there: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The packages whose `__init__` an import from package `here` of a module in package
    `there` may run first: those below the packages the two share, down to `there`."""
    common = 0
    while common < min(len(here), len(there)) and here[common] == there[common]:
        common += 1
    return [there[: i + 1] for i in range(common, len(there))]


def _init_node(package: tuple[str, ...]) -> DocId:
    """A node standing for a package's `__init__` among the docs (no doc id has a NUL)."""
    return "\0" + "/".join(package)


def cycles_of(targets: Mapping[DocId, Iterable[DocId]]) -> dict[DocId, set[DocId]]:
    """`cycles`, given the docs each doc references."""
    graph = {doc_id: sorted(found) for doc_id, found in targets.items()}
    component = _strongly_connected(graph)
    return {
        doc_id: {t for t in targets if t in component and component[t] == component[doc_id]}
        for doc_id, targets in graph.items()
    }


def load_ranks(docs: list[Doc]) -> dict[DocId, int]:
    """How deep each doc's chain of imports goes: 0 for a doc that imports no other, else
    one more than the deepest doc it imports (the docs of one import cycle share a rank).
    `__init__` imports modules in rank order, so loading the package never nests imports
    along a long chain (Python stops at about 140 levels)."""
    return ranks_of({d.id: {r.target for r in doc_refs(d)} for d in docs})


def ranks_of(
    targets: Mapping[DocId, Iterable[DocId]], known: Mapping[DocId, int] | None = None
) -> dict[DocId, int]:
    """`load_ranks`, given the docs each doc references; a referenced doc that is not one
    of `targets` counts with its rank in `known`, if there (a part of the graph ranked
    again after an edit that cannot reach the rest)."""
    outside = known or {}
    graph = {doc_id: sorted(set(found) - {doc_id}) for doc_id, found in targets.items()}
    component = _strongly_connected(graph)
    members: dict[int, list[DocId]] = {}
    for doc_id, c in component.items():
        members.setdefault(c, []).append(doc_id)
    rank: dict[int, int] = {}
    for start in sorted(members):
        todo = [(start, False)]
        while todo:
            c, expanded = todo.pop()
            if c in rank:
                continue
            below = {component[t] for d in members[c] for t in graph[d] if t in graph} - {c}
            if expanded:
                deepest = max((rank[b] for b in below), default=-1)
                if outside:
                    fixed = [
                        outside[t]
                        for d in members[c]
                        for t in graph[d]
                        if t not in graph and t in outside
                    ]
                    deepest = max(deepest, *fixed) if fixed else deepest
                rank[c] = 1 + deepest
                continue
            todo.append((c, True))
            todo.extend((b, False) for b in below if b not in rank)
    return {doc_id: rank[c] for doc_id, c in component.items()}


def direct_members(doc: Union[R, Any]) -> list[tuple[R, Location]]:
    """The references a union has as members themselves (not inside a list or a map),
    each with the line of the member that names it."""
    return [(ref, member.loc) for member in doc.members for ref in _direct_refs(member.type)]


def _direct_refs(t: TypeExpr[R]) -> list[R]:
    if isinstance(t, UnionOf):
        return [r for m in t.members for r in _direct_refs(m)]
    if isinstance(t, Primitive | Number | Literal | ListOf | MapOf):
        return []
    return [t]


def union_cycles(docs: list[Doc]) -> list[Diagnostic]:
    """Unions that are members of themselves, directly or through other unions
    (`A = str | A`): a type that says nothing, which neither TypeScript nor mypy accepts.
    Through a list or a map the same reference is fine (`A = str | list[A]`)."""
    unions = {d.id: d for d in docs if isinstance(d, Union)}
    edges = {u: direct_members(doc) for u, doc in unions.items()}
    graph = {
        u: sorted({r.target for r, _ in found if r.target in unions}) for u, found in edges.items()
    }
    component = _strongly_connected(graph)
    rings: dict[int, list[DocId]] = {}
    for u in sorted(graph):
        rings.setdefault(component[u], []).append(u)
    diags: list[Diagnostic] = []
    for ring in rings.values():
        first = ring[0]
        if len(ring) == 1 and first not in graph[first]:
            continue
        loc = next(loc for r, loc in edges[first] if r.target in ring)
        names = [f"`{unions[u].name}`" for u in ring]
        if len(ring) == 1:
            message = f"union {names[0]} has itself as a member"
        elif len(ring) == 2:
            message = f"unions {names[0]} and {names[1]} have each other as members"
        else:
            listed = ", ".join(names[:-1])
            message = f"unions {listed} and {names[-1]} are members of each other in a ring"
        hint = "a union may contain itself only inside a list or a map"
        diags.append(error(loc, message, hint, code="union-cycle"))
    return diags


def _strongly_connected(graph: dict[DocId, list[DocId]]) -> dict[DocId, int]:
    """Tarjan's algorithm, iterative (cycles may be long); node → component number."""
    index: dict[DocId, int] = {}
    low: dict[DocId, int] = {}
    on_stack: set[DocId] = set()
    stack: list[DocId] = []
    component: dict[DocId, int] = {}
    inside = {node: [t for t in targets if t in graph] for node, targets in graph.items()}
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work: list[tuple[DocId, int]] = [(start, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            edges = inside.get(node, [])
            if child < len(edges):
                work.append((node, child + 1))
                nxt = edges[child]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component[member] = index[node]
                    if member == node:
                        break
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return component
