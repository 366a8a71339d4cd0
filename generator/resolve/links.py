"""Bind every reference between docs: links must reach a doc, bare names (`components.Pet`)
are found by name, and unions of models learn their discriminator.

The result is the same docs with every `UnboundRef` a `Ref` to a doc (or `any`), and
every example plain JSON; nothing past here sees an unbound reference.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import posixpath
import typing
from collections.abc import Callable, Iterable, Mapping

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
    ListOf,
    Literal,
    MapOf,
    Model,
    Number,
    Primitive,
    Ref,
    TypeExpr,
    UnboundRef,
    Union,
    UnionOf,
    doc_refs,
    map_leaves,
    map_types,
    with_example,
)
from generator.record import record
from generator.resolve import names as naming

MISSING = "missing-doc"
"""The code of a link or name that reaches no doc."""

AMBIGUOUS = "ambiguous-name"
"""The code of a name that several docs have, none preferred."""


@record
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
    docs: list[CheckedDoc],
    docset: DocSet,
    allow_unknown: bool = False,
    finder: NameFinder | None = None,
) -> tuple[list[BoundDoc], list[Diagnostic]]:
    """`docs` with their references bound: a link to its doc, a name to the doc of that
    name. A reference to a doc that failed to parse is `any`, without a word (that doc's
    own errors say why); one that reaches no doc is an error, or with `allow_unknown` a
    warning, and `any`. `finder` is the docset's (made once when binding docs one by one)."""
    diags: list[Diagnostic] = []
    found = finder if finder is not None else NameFinder(docset.titles)

    def unbound(loc: Location, message: str, hint: str = "", code: str = MISSING) -> TypeExpr[Ref]:
        if allow_unknown:
            text = f"{message}; typed as Any (--allow-unknown)"
            diags.append(warning(loc, text, hint, code=code))
        else:
            diags.append(error(loc, message, hint, code=code))
        return Primitive("any")

    def bind_ref(ref: UnboundRef, doc: CheckedDoc, loc: Location) -> TypeExpr[Ref]:
        if ref.link is not None:
            target = ref.link
        else:
            target, problem, code = found.find(ref.label, doc.id)
            if not target:
                return unbound(loc, problem, code=code)
        if target not in docset.known:
            target = _other_suffix(target, docset.known)
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


def _other_suffix(target: DocId, known: frozenset[DocId]) -> DocId:
    """`x.mdx` for a link to `x.md` (or the other way round) when only that doc is there:
    docs converted to MDX often keep their links as they were."""
    stem, dot, suffix = target.rpartition(".")
    other = f"{stem}.mdx" if suffix == "md" else f"{stem}.md"
    return other if dot and other in known else target


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


class NameFinder:
    """Docs by `# Name`, to bind `namespace.Name` references."""

    def __init__(self, titles: Mapping[DocId, str], root: tuple[str, ...] | None = None) -> None:
        self.by_name: dict[str, list[DocId]] = {}
        for doc_id, name in titles.items():
            self.by_name.setdefault(name, []).append(doc_id)
        self.root = search_root(titles) if root is None else root

    def find(self, label: str, here: DocId) -> tuple[DocId, str, str]:
        """The doc `label` names: the only doc with that name, else the one in the folder
        the namespace names, else (for `models.X`, `components.X`) the one of the models
        namespace, else the one nearest the referring doc; or "", why not and its code."""
        namespace, _, name = label.rpartition(".")
        candidates = sorted(self.by_name.get(name, []))
        if len(candidates) > 1:
            candidates = _narrow(candidates, namespace, here, self.root)
        if len(candidates) == 1:
            return candidates[0], "", ""
        if not candidates:
            return "", f"`{label}` names no doc: no doc is titled `# {name}`", MISSING
        shown = ", ".join(candidates)
        return "", f"`{label}` is ambiguous: it could be {shown}", AMBIGUOUS


def search_root(titles: Iterable[DocId]) -> tuple[str, ...]:
    """The deepest folder that holds every titled doc: where `models.X` looks first."""
    folders = list({folder_of(doc_id) for doc_id in titles})
    root = folders[0] if folders else ()
    for folder in folders[1:]:
        root = root[: _shared_depth(root, folder)]
    return root


def link_key(target: DocId) -> str:
    """What a link to `target` and the doc `target` share, whatever their suffix (a link
    to `x.md` may reach `x.mdx`): the keys of `binding_keys`."""
    stem, dot, _ = target.rpartition(".")
    return "link:" + (stem if dot else target)


def name_key(title: str) -> str:
    return "name:" + title


def enum_key(title: str) -> str:
    return "enum:" + title


def binding_keys(doc: CheckedDoc) -> frozenset[str]:
    """What the binding and finishing of `doc` looks up among other docs: the docs its
    links reach, the `# Name`s its bare references name, the enums its example names.
    A doc appearing, going or changing title or kind can only change how docs bind that
    have its keys."""
    keys = {
        link_key(ref.link) if ref.link is not None else name_key(ref.label.rpartition(".")[2])
        for ref in doc_refs(doc)
        if isinstance(ref, UnboundRef)
    }
    keys |= {enum_key(name) for name in _enums_named(doc.example)}
    return frozenset(keys)


def _enums_named(value: Example) -> set[str]:
    if isinstance(value, EnumMember):
        return {value.enum}
    if isinstance(value, list):
        return {n for v in value for n in _enums_named(v)}
    if isinstance(value, dict):
        return {n for v in value.values() for n in _enums_named(v)}
    return set()


MODEL_NAMESPACES = ("models", "components")
"""Namespaces that name the SDK's models: in a TypeScript SDK `models.X` and
`components.X` are the docs at the top of the docs folder or in `components/`, never those
in `errors/` or `operations/`."""


def _narrow(
    candidates: list[DocId], namespace: str, here: DocId, root: tuple[str, ...]
) -> list[DocId]:
    """Among docs of one name: those in a folder named like the namespace (for a models
    namespace: else those at the top of the docs, `root`, or in `components/`), and of
    those the ones nearest the referring doc (the longest shared folder path)."""
    in_namespace = [c for c in candidates if folder_of(c)[-1:] == (namespace,)]
    if not in_namespace and namespace in MODEL_NAMESPACES:
        in_namespace = [
            c for c in candidates if folder_of(c) == root or folder_of(c)[-1:] == ("components",)
        ]
    pool = in_namespace or candidates
    shared = [_shared_depth(folder_of(c), folder_of(here)) for c in pool]
    nearest = max(shared)
    return [c for c, depth in zip(pool, shared, strict=True) if depth == nearest]


def folder_of(doc_id: DocId) -> tuple[str, ...]:
    """The folders of a doc's path (() at the top)."""
    return _folder_named(doc_id[: doc_id.rfind("/") + 1])


@functools.lru_cache(maxsize=65536)
def _folder_named(head: str) -> tuple[str, ...]:
    """The folders of a path that ends at its last `/` (many docs share one: cached)."""
    folder = posixpath.dirname(head)
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


OVERLAP = "union-overlap"
"""The code of a union member that an earlier member hides."""


def union_overlaps(
    doc: Doc | BoundDoc, bound: Callable[[DocId], Doc | BoundDoc | None]
) -> list[Diagnostic]:
    """A warning at each union member that no data can tell apart from an earlier one: the
    same type listed twice, or a model with the same fields (JSON keys, types, required)
    as an earlier member's. Data always loads as the earlier member, never as this one."""
    if not isinstance(doc, Union):
        return []
    first: dict[object, int] = {}
    diags: list[Diagnostic] = []
    for i, member in enumerate(m.type for m in doc.members):
        key, is_model = _member_key(member, bound)
        if key == Primitive("any"):
            continue  # takes any data (or stands for a doc that failed, which says so)
        j = first.setdefault(key, i)
        if j == i:
            continue
        earlier, later = _shown(doc.members[j].type, bound), _shown(member, bound)
        if earlier == later or not is_model:
            why = f"`{later}` is listed twice (first at line {doc.members[j].loc.line})"
            hint = "list each member once"
        else:
            why = f"models `{earlier}` and `{later}` have the same fields"
            hint = 'a field holding a different literal in each (`kind: "cat"`) tells them apart'
        message = f"union `{doc.name}`: {why}; data always loads as the earlier `{earlier}`"
        diags.append(warning(doc.members[i].loc, message, hint, code=OVERLAP))
    return diags


def _member_key(
    member: TypeExpr[Ref], bound: Callable[[DocId], Doc | BoundDoc | None]
) -> tuple[object, bool]:
    """What decides which data a union member takes, and whether it is a model's fields."""
    target = bound(member.target) if isinstance(member, Ref) else None
    if isinstance(target, Model):
        fields = frozenset((f.wire, f.required, _unlabelled(f.type)) for f in target.fields)
        return (fields, _unlabelled(target.extra_type)), True
    return _unlabelled(member), False


def _unlabelled(t: TypeExpr[Ref]) -> TypeExpr[Ref]:
    """`t` with its references named by target only (`models.X` and `components.X` agree)."""
    return map_leaves(t, lambda ref: Ref(ref.target, ""))


def _shown(t: TypeExpr[Ref], bound: Callable[[DocId], Doc | BoundDoc | None]) -> str:
    """A member type as the docs spell it: `Pet`, `string`, `Pet[]`, `Record<string, T>`."""
    if isinstance(t, Ref):
        target = bound(t.target)
        return target.name if target is not None else t.label
    if isinstance(t, ListOf):
        return f"{_shown(t.item, bound)}[]"
    if isinstance(t, MapOf):
        return f"Record<string, {_shown(t.value, bound)}>"
    if isinstance(t, UnionOf):
        return " | ".join(_shown(m, bound) for m in t.members)
    if isinstance(t, Literal):
        return json.dumps(t.value)
    if isinstance(t, Number):
        return "number"
    return t.name


def _with_example(doc: BoundDoc, enum_named: Callable[[str], Enum[Example] | None]) -> Doc:
    """The doc with `Enum.Member` references in its example replaced by their values; an
    example naming a member no enum has is dropped (the doc then has no example)."""
    try:
        example = _members_to_values(doc.example, enum_named)
    except LookupError:
        example = None
    return with_example(doc, example)


def _members_to_values(value: Example, enum_named: Callable[[str], Enum[Example] | None]) -> JSON:
    """`value` with its enum members looked up (`value` itself when it names none)."""
    if isinstance(value, EnumMember):
        return _member_value(value, enum_named)
    if isinstance(value, list):
        items = [_members_to_values(v, enum_named) for v in value]
        same = all(a is b for a, b in zip(items, value, strict=True))
        return typing.cast(JSON, value) if same else items
    if isinstance(value, dict):
        found = {k: _members_to_values(v, enum_named) for k, v in value.items()}
        same = all(found[k] is v for k, v in value.items())
        return typing.cast(JSON, value) if same else found
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
