"""Bind every reference between docs: links must reach a doc, bare names (`components.Pet`)
are found by name, and unions of models learn their discriminator.

The result is the same docs with every `UnboundRef` a `Ref` to a doc (or `any`), and
every example plain JSON; nothing past here sees an unbound reference.
"""

from __future__ import annotations

import dataclasses
import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from generator.errors import Diagnostic, Location, error, warning
from generator.ir import (
    JSON,
    BoundDoc,
    CheckedDoc,
    Doc,
    DocId,
    Enum,
    EnumMember,
    Example,
    Literal,
    Model,
    Primitive,
    Ref,
    TypeExpr,
    UnboundRef,
    Union,
    map_leaves,
    map_types,
    with_example,
)
from generator.resolve import names as naming


@dataclass(frozen=True, slots=True)
class DocSet:
    """Every doc a run found: the `# Name` of each that has one (docs that failed to
    parse included, so that a name referring to one still finds it), and which failed."""

    titles: Mapping[DocId, str]
    known: frozenset[DocId]
    failed: frozenset[DocId]


def bind(
    docs: list[CheckedDoc], docset: DocSet, allow_unknown: bool = False
) -> tuple[list[Doc], list[Diagnostic]]:
    """The docs with every reference bound (see `bind_refs`) and finished."""
    bound, diags = bind_refs(docs, docset, allow_unknown)
    by_id = {d.id: d for d in bound}
    return finish(bound, by_id.get, docset.titles), diags


def bind_refs(
    docs: list[CheckedDoc], docset: DocSet, allow_unknown: bool = False
) -> tuple[list[BoundDoc], list[Diagnostic]]:
    """`docs` with their references bound: a link to its doc, a name to the doc of that
    name. A reference to a doc that failed to parse is `any`, without a word (that doc's
    own errors say why); one that reaches no doc is an error, or with `allow_unknown` a
    warning, and `any`."""
    diags: list[Diagnostic] = []
    finder = _NameFinder(docset.titles)

    def unbound(loc: Location, message: str, hint: str = "") -> TypeExpr[Ref]:
        if allow_unknown:
            text = f"{message}; typed as Any (--allow-unknown)"
            diags.append(warning(loc, text, hint, code="missing-doc"))
        else:
            diags.append(error(loc, message, hint))
        return Primitive("any")

    def bind_ref(ref: UnboundRef, doc: CheckedDoc, loc: Location) -> TypeExpr[Ref]:
        if ref.link is not None:
            target = ref.link
        else:
            target, problem = finder.find(ref.label, doc.id)
            if not target:
                return unbound(loc, problem)
        if target in docset.failed:
            return Primitive("any")
        if target not in docset.known:
            return unbound(
                loc,
                f"link to {target} ({ref.label}): no such doc in the specs",
                "add the doc, or fix the link's path",
            )
        return Ref(target, ref.label)

    def bind_doc(doc: CheckedDoc) -> BoundDoc:
        def bind_type(t: TypeExpr[UnboundRef], loc: Location) -> TypeExpr[Ref]:
            return map_leaves(t, lambda ref: bind_ref(ref, doc, loc))

        return map_types(doc, bind_type)

    return [bind_doc(doc) for doc in docs], diags


def finish(
    docs: list[BoundDoc], bound: Callable[[DocId], BoundDoc | None], titles: Mapping[DocId, str]
) -> list[Doc]:
    """Bound docs completed with what needs the docs they reference: a union's
    discriminator, and examples' `Enum.Member` values. `bound` gives any doc with its
    references bound (finished or not: only fields and values are read)."""
    enum_named = enum_finder(bound, titles)
    return [finish_one(d, bound, enum_named) for d in docs]


def enum_finder(
    bound: Callable[[DocId], BoundDoc | None], titles: Mapping[DocId, str]
) -> Callable[[str], Enum[Example] | None]:
    """Enum docs by `# Name`, looked up only when an example names one."""
    by_title: dict[str, list[DocId]] = {}
    for doc_id, name in titles.items():
        by_title.setdefault(name, []).append(doc_id)

    def enum_named(name: str) -> Enum[Example] | None:
        for doc_id in by_title.get(name, []):
            doc = bound(doc_id)
            if isinstance(doc, Enum):
                return doc
        return None

    return enum_named


def finish_one(
    doc: BoundDoc,
    bound: Callable[[DocId], BoundDoc | None],
    enum_named: Callable[[str], Enum[Example] | None],
) -> Doc:
    return _with_example(_with_discriminator(doc, bound), enum_named)


class _NameFinder:
    """Docs by `# Name`, to bind `namespace.Name` references."""

    def __init__(self, titles: Mapping[DocId, str]) -> None:
        self.by_name: dict[str, list[DocId]] = {}
        for doc_id, name in titles.items():
            self.by_name.setdefault(name, []).append(doc_id)

    def find(self, label: str, here: DocId) -> tuple[DocId, str]:
        """The doc `label` names: the only doc with that name, else the one in the folder
        the namespace names, else the one nearest the referring doc; or "" and why not."""
        namespace, _, name = label.rpartition(".")
        candidates = sorted(self.by_name.get(name, []))
        if len(candidates) > 1:
            candidates = _narrow(candidates, namespace, here)
        if len(candidates) == 1:
            return candidates[0], ""
        if not candidates:
            return "", f"`{label}` names no doc: no doc is titled `# {name}`"
        return "", f"`{label}` is ambiguous: it could be {', '.join(candidates)}"


def _narrow(candidates: list[DocId], namespace: str, here: DocId) -> list[DocId]:
    """Among docs of one name: those in a folder named like the namespace, and of those the
    ones nearest the referring doc (the longest shared folder path)."""
    in_namespace = [c for c in candidates if _folder(c)[-1:] == (namespace,)]
    pool = in_namespace or candidates
    shared = [_shared_depth(_folder(c), _folder(here)) for c in pool]
    nearest = max(shared)
    return [c for c, depth in zip(pool, shared, strict=True) if depth == nearest]


def _folder(doc_id: DocId) -> tuple[str, ...]:
    folder = posixpath.dirname(doc_id)
    return tuple(folder.split("/")) if folder else ()


def _shared_depth(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _with_discriminator(doc: BoundDoc, bound: Callable[[DocId], BoundDoc | None]) -> BoundDoc:
    """A union of models that all carry one required field with a distinct string literal
    (`op: "add"` / `op: "remove"`) records that field's JSON key as its discriminator."""
    if not isinstance(doc, Union) or len(doc.members) < 2:
        return doc
    models: list[Model[Ref, Example]] = []
    for member in doc.members:
        target = bound(member.type.target) if isinstance(member.type, Ref) else None
        if not isinstance(target, Model):
            return doc
        models.append(target)
    for first in models[0].fields:
        values = [_literal_of(m, first.wire) for m in models]
        if all(v is not None for v in values) and len(set(values)) == len(values):
            return dataclasses.replace(doc, discriminator=first.wire)
    return doc


def _with_example(doc: BoundDoc, enum_named: Callable[[str], Enum[Example] | None]) -> Doc:
    """The doc with `Enum.Member` references in its example replaced by their values; an
    example naming a member no enum has is dropped (the doc then has no example)."""
    try:
        example = _members_to_values(doc.example, enum_named)
    except LookupError:
        example = None
    return with_example(doc, example)


def _members_to_values(value: Example, enum_named: Callable[[str], Enum[Example] | None]) -> JSON:
    if isinstance(value, EnumMember):
        return _member_value(value, enum_named)
    if isinstance(value, list):
        return [_members_to_values(v, enum_named) for v in value]
    if isinstance(value, dict):
        return {k: _members_to_values(v, enum_named) for k, v in value.items()}
    return value


def _member_value(ref: EnumMember, enum_named: Callable[[str], Enum[Example] | None]) -> str | int:
    enum = enum_named(ref.enum)
    if enum is None:
        raise LookupError(ref.enum)
    wanted = naming.snake_case(ref.member)
    for v in enum.values:
        if v.name is not None and (v.name == ref.member or naming.snake_case(v.name) == wanted):
            return v.value
    for v in enum.values:
        if naming.snake_case(str(v.value)) == wanted:
            return v.value
    raise LookupError(ref.member)


def _literal_of(model: Model[Ref, Example], wire: str) -> str | None:
    """The string a model's required field at JSON key `wire` always holds, if it is one
    (an optional field cannot tell members apart: it may be absent)."""
    for f in model.fields:
        if f.wire == wire and f.required and isinstance(f.type, Literal):
            return f.type.value if isinstance(f.type.value, str) else None
    return None
