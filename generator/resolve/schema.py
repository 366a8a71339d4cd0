"""Docs → `Schema`: links bound, namespaces laid out, Python names assigned, cycles found.

All naming decisions happen here, in one pass over all docs, so collisions are seen whole:
two docs that would be one class are reported; two that would be one module, or two fields
that would be one attribute, get `_2`, `_3` suffixes in doc order (with a warning for
fields) — nothing is silently dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import field

from generator.errors import Diagnostic, error, warning
from generator.ir import CheckedDoc, Doc, DocId, Enum, Model
from generator.record import record
from generator.resolve import imports
from generator.resolve import names as naming
from generator.resolve.imports import Names, RefImport
from generator.resolve.links import DocSet, bind, binding_keys, folder_of, union_overlaps
from generator.resolve.names import CLASS_BODY_NAMES, MODEL_METHODS, NAMES_MODULES_USE


@record
class PyDoc:
    """One doc with its Python names: where its module lives and what it defines."""

    doc: Doc
    package: tuple[str, ...]
    module: str
    cls: str
    members: tuple[str, ...]
    """Attribute names of a model's fields, or member names of an enum's values."""
    refs: tuple[RefImport, ...] = ()
    """Each referenced doc and how this module imports and names it."""
    quoted: bool = False
    """A union whose definition must be a string (it names itself, or a union of its cycle)."""

    @property
    def dotted(self) -> str:
        """Module path inside the package, e.g. `operations.auth_token_api_request`."""
        return ".".join((*self.package, self.module))


@record
class Schema:
    """Every doc with its names, in DocId order, and the subpackages they make; also the
    whole-set decisions (names, import cycles) a later run may reuse."""

    docs: tuple[PyDoc, ...]
    packages: tuple[tuple[str, ...], ...]
    names: Names
    cyclic: dict[DocId, set[DocId]]
    wants: dict[DocId, frozenset[str]] = field(default_factory=dict)
    """What each doc's binding looked up among the others (links.binding_keys)."""

    def by_id(self) -> dict[DocId, PyDoc]:
        return {d.doc.id: d for d in self.docs}


def resolve(
    docs: Iterable[CheckedDoc], docset: DocSet, allow_unknown: bool = False
) -> tuple[Schema, list[Diagnostic]]:
    """Bind references (links.py) and assign names. `docset` holds every doc read, also
    those that failed to parse, so a link to a broken doc is not reported twice.

    A schema comes back even when there are errors (with names decided as well as they can
    be), so that every warning of the run is found; it is rendered only without them."""
    checked = sorted(docs, key=lambda d: d.id)
    wants = {doc.id: binding_keys(doc) for doc in checked}
    bound, diags = bind(checked, docset, allow_unknown)
    diags += imports.union_cycles(bound)
    by_id = {d.id: d for d in bound}
    diags += [w for doc in bound for w in union_overlaps(doc, by_id.get)]
    names, name_diags = name_docs(bound)
    diags += name_diags
    cyclic = imports.cycles(bound, names.layout)
    result: list[PyDoc] = []
    for doc in bound:
        pydoc, member_diags = pydoc_of(doc, names, cyclic[doc.id])
        diags += member_diags
        result.append(pydoc)
    return Schema(tuple(result), packages_of(names), names, cyclic, wants), diags


def name_docs(bound: list[Doc]) -> tuple[Names, list[Diagnostic]]:
    """Every doc's package, class and module name, decided over the whole set (two docs
    of one name are an error, and are told apart by a suffix all the same)."""
    layout = _packages(bound)
    classes, diags = _class_names(bound, layout)
    modules = _module_names(bound, layout, classes)
    kinds = {d.id: d.kind for d in bound}
    return Names(layout, classes, modules, kinds), diags


def pydoc_of(doc: Doc, names: Names, cyclic: set[DocId]) -> tuple[PyDoc, list[Diagnostic]]:
    """One doc with its Python names, given the names of all docs."""
    refs, quoted = imports.plan(doc, names, cyclic)
    cls = names.classes[doc.id]
    members, diags = _members(doc, cls, refs)
    return PyDoc(
        doc, names.layout[doc.id], names.modules[doc.id], cls, members, refs, quoted
    ), diags


def packages_of(names: Names) -> tuple[tuple[str, ...], ...]:
    """Every package the docs make, parents included, sorted."""
    layout = names.layout.values()
    return tuple(sorted({p[:i] for p in layout for i in range(len(p) + 1)}))


def _packages(docs: list[Doc]) -> dict[DocId, tuple[str, ...]]:
    """Each doc's subpackage: its folder below the deepest folder that holds all docs."""
    common = common_folder([d.id for d in docs])
    return {d.id: package_of(d.id, common) for d in docs}


def package_of(doc_id: DocId, common: tuple[str, ...]) -> tuple[str, ...]:
    """A doc's subpackage, given the deepest folder that holds all docs."""
    return tuple(naming.package_name(part) for part in folder_of(doc_id)[len(common) :])


def common_folder(ids: Iterable[DocId]) -> tuple[str, ...]:
    """The deepest folder that holds the docs `ids`."""
    return _common_prefix(list({folder_of(doc_id) for doc_id in ids}))


def _common_prefix(paths: list[tuple[str, ...]]) -> tuple[str, ...]:
    if not paths:
        return ()
    prefix = paths[0]
    for path in paths[1:]:
        n = 0
        while n < min(len(prefix), len(path)) and prefix[n] == path[n]:
            n += 1
        prefix = prefix[:n]
    return prefix


def subpackages(layout: Mapping[DocId, tuple[str, ...]]) -> dict[tuple[str, ...], set[str]]:
    """Each package's subpackage names."""
    children: dict[tuple[str, ...], set[str]] = {}
    for package in set(layout.values()):
        for depth in range(len(package)):
            children.setdefault(package[:depth], set()).add(package[depth])
    return children


def _class_names(
    docs: list[Doc], layout: dict[DocId, tuple[str, ...]]
) -> tuple[dict[DocId, str], list[Diagnostic]]:
    """Class per doc; two docs with the same name in one package are an error, two
    different names that meet after sanitising get `_2`."""
    diags: list[Diagnostic] = []
    result: dict[DocId, str] = {}
    by_package: dict[tuple[str, ...], list[Doc]] = {}
    for doc in docs:
        by_package.setdefault(layout[doc.id], []).append(doc)
    children = subpackages(layout)
    for package, members in by_package.items():
        first_by_title: dict[str, Doc] = {}
        for doc in members:
            if doc.name in first_by_title:
                other = first_by_title[doc.name]
                diags.append(
                    error(
                        doc.loc,
                        f"`# {doc.name}` is also the name of {other.id} (line {other.loc.line})",
                        "rename one of the docs",
                        code="duplicate-name",
                    )
                )
            first_by_title.setdefault(doc.name, doc)
        names = package_classes([d.name for d in members], children.get(package, set()))
        result.update({d.id: n for d, n in zip(members, names, strict=True)})
    return result, diags


def package_classes(titles: list[str], children: set[str]) -> list[str]:
    """The class names of one package's docs (their `# Name`s in DocId order), beside
    its subpackages `children`."""
    reserved = NAMES_MODULES_USE | children
    wanted = [_not_a_helper(naming.class_name(title, reserved)) for title in titles]
    return naming.dedupe(wanted, reserved)


def _not_a_helper(name: str) -> str:
    """A class or module name that cannot meet a union's `x_from_dict` / `x_to_dict`
    helpers, which the package's `__init__` exports beside the classes."""
    return name + "_" if name.endswith(("_from_dict", "_to_dict")) else name


def _module_names(
    docs: list[Doc], layout: dict[DocId, tuple[str, ...]], classes: dict[DocId, str]
) -> dict[DocId, str]:
    result: dict[DocId, str] = {}
    by_package: dict[tuple[str, ...], list[Doc]] = {}
    for doc in docs:
        by_package.setdefault(layout[doc.id], []).append(doc)
    children = subpackages(layout)
    for package, members in by_package.items():
        names = package_modules([classes[d.id] for d in members], children.get(package, set()))
        result.update({d.id: n for d, n in zip(members, names, strict=True)})
    return result


def package_modules(classes: list[str], children: set[str]) -> list[str]:
    """The module names of one package's docs, given their classes (in DocId order)."""
    # A module may not share its name with a class the package's `__init__` exports
    # (`tree` the class would hide `tree` the module from `from . import tree`).
    taken = children | {"__init__"} | set(classes)
    reserved = frozenset(taken)  # frozen once, not once per doc
    return naming.dedupe(
        [_not_a_helper(naming.module_name(cls, reserved)) for cls in classes], taken
    )


def _members(
    doc: Doc, cls: str, refs: tuple[RefImport, ...]
) -> tuple[tuple[str, ...], list[Diagnostic]]:
    """Attribute names for a model's fields, or member names for an enum's values."""
    if isinstance(doc, Enum):
        wanted = [naming.enum_member_name(v.name if v.name else v.value) for v in doc.values]
        return tuple(naming.dedupe(wanted)), []
    if not isinstance(doc, Model):
        return (), []
    reserved = (
        CLASS_BODY_NAMES
        | MODEL_METHODS
        | {cls}
        | {r.name for r in refs}
        | {r.alias for r in refs}
        | {r.loader for r in refs}
    )
    wanted = [naming.attribute_name(f.name, reserved) for f in doc.fields]
    names = naming.dedupe(wanted, reserved)
    diags = [
        warning(
            f.loc, f"field `{f.name}` is named `{got}` because `{want}` is taken", code="renamed"
        )
        for f, want, got in zip(doc.fields, wanted, names, strict=True)
        if want != got
    ]
    return tuple(names), diags
