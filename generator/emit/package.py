"""What every package has besides its docs' modules: an `__init__` per package
(templates/init.py.jinja), `py.typed` and the runtime `_serde.py`, and where each module goes."""

from __future__ import annotations

import functools
from collections.abc import Iterable

from generator.emit.context import HEADER, RUNTIME, Context, Lines, Rendered, environment
from generator.emit.pysource import py_str
from generator.emit.pytypes import Import
from generator.emit.runtime import runtime_source
from generator.ir import (
    Union,
)
from generator.record import record
from generator.resolve.imports import dumper_name, load_ranks, loader_name
from generator.resolve.schema import PyDoc


@record
class Export:
    """What a package's `__init__` re-exports from one module."""

    module: str
    cls: str
    union: bool
    rank: int = 0
    """Where the module comes in `__init__`'s imports: after every module it imports."""


def export_of(pydoc: PyDoc, rank: int = 0) -> Export:
    return Export(pydoc.module, pydoc.cls, isinstance(pydoc.doc, Union), rank)


def module_path(pydoc: PyDoc) -> str:
    return "/".join((*pydoc.package, pydoc.module + ".py"))


def init_path(package: tuple[str, ...]) -> str:
    return "/".join((*package, "__init__.py"))


def package_exports(
    pydocs: Iterable[PyDoc], packages: Iterable[tuple[str, ...]]
) -> dict[tuple[str, ...], list[Export]]:
    """Each package's exports (its own docs' modules), packages without docs included."""
    pydocs = list(pydocs)
    ranks = load_ranks([p.doc for p in pydocs])
    exports: dict[tuple[str, ...], list[Export]] = {p: [] for p in packages}
    for pydoc in pydocs:
        exports.setdefault(pydoc.package, []).append(export_of(pydoc, ranks[pydoc.doc.id]))
    return exports


def fixed_files(ctx: Context) -> dict[str, Rendered]:
    """The files every package has, whatever its docs: `py.typed` and `_serde.py`."""
    runtime = render_runtime(ctx.config.target, ctx.config.line_length)
    return {"py.typed": Rendered("", 0), f"{RUNTIME}.py": Rendered(runtime, 0)}


@functools.cache
def render_runtime(target: str = "dataclasses", line_length: int = 88) -> str:
    """`_serde.py` as generated: the header, then the target's runtime module's own text.
    That text is written (and checked) at black's default 88 columns; at another line
    length black lays it out once per process, so `black --check --line-length N` passes
    on the whole package."""
    text = f"{HEADER}. Do not edit.\n{runtime_source(target)}"
    if line_length == 88:
        return text
    from generator.emit.formatting import format_python  # noqa: PLC0415 (black loads slowly)

    return format_python(text, line_length)


RUNTIME_EXPORTS: dict[str, tuple[str, ...]] = {
    "dataclasses": ("UNSET", "DecodeError", "Unset"),
    "pydantic": ("DecodeError",),
    "msgspec": ("UNSET", "DecodeError", "UnsetType"),
}
"""What the root package re-exports from `_serde`, per target."""


def render_init(
    exports: list[Export], root: bool, line_length: int, target: str = "dataclasses"
) -> Rendered:
    """A package's `__init__`: re-exports its own docs' classes (and union functions);
    the root package also exports what users need from `_serde`. Modules are imported
    in rank order (each after those it imports), not by name."""
    groups: list[tuple[int, str, set[Import]]] = []
    names: list[str] = []
    for export in exports:
        wanted = [export.cls]
        if export.union:
            wanted += [loader_name(export.module), dumper_name(export.module)]
        groups.append(
            (export.rank, export.module, {Import("." + export.module, n) for n in wanted})
        )
        names += wanted
    if root:
        wanted = list(RUNTIME_EXPORTS[target])
        groups.append((-1, RUNTIME, {Import("." + RUNTIME, n) for n in wanted}))
        names += wanted
    lines = Lines(line_length)
    text = (
        environment()
        .get_template("init.py.jinja")
        .render(
            header=f"{HEADER}. Do not edit.",
            imports=[line for *_, group in sorted(groups) for line in lines.imports(group)],
            names=[py_str(n) for n in sorted(names)],
        )
    )
    return Rendered(text, lines.left_to_black)
