"""layout.py and linesplit.py write statements exactly as black would: checked against
black itself on every statement shape the emitters produce, with names of 1 to 200
characters, at every depth the templates use and line lengths from 40 to 320."""

from __future__ import annotations

import json
import string
import subprocess
from keyword import iskeyword
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.emit.formatting import format_python, format_statement
from generator.emit.layout import (
    AnnAssign,
    Block,
    Call,
    Chain,
    Display,
    If,
    Stmt,
    common_split,
    if_split,
    lay_out,
    parts,
    source,
)
from generator.emit.linesplit import split_statement

from conftest import corpus_path
from real_sdks import docs2models_command

names = (
    st.text(string.ascii_lowercase + "_", min_size=0, max_size=199)
    .map(lambda s: "n" + s)
    .filter(lambda s: not iskeyword(s))  # `not`, `nonlocal`: no name black can parse
)
classes = st.text(string.ascii_letters, min_size=0, max_size=199).map(lambda s: "C" + s)
keys = st.text(string.ascii_letters + "_- ", min_size=0, max_size=200).map(lambda s: f'"{s}"')
limits = st.integers(40, 320)
depths = st.sampled_from([0, 1, 2, 3])


@st.composite
def types(draw: st.DrawFn) -> str:
    """A type as the annotations spell it."""
    cls = draw(classes)
    return draw(
        st.sampled_from(
            [cls, f"list[{cls}]", f"dict[str, {cls}]", "str", "Any", f"dict[str, list[{cls}]]"]
        )
    )


@st.composite
def annotations(draw: st.DrawFn) -> str | Chain:
    parts = draw(st.lists(types(), min_size=1, max_size=4))
    parts = [*parts, "None", "Unset"] if draw(st.booleans()) else parts
    return parts[0] if len(parts) == 1 else Chain("|", tuple(parts))


@st.composite
def loaders(draw: st.DrawFn) -> str:
    """A `(value, path) -> value` callable: a name or a lambda."""
    cls = draw(classes)
    return draw(
        st.sampled_from(
            [
                f"{cls}.from_dict",
                "_serde.string",
                f"lambda v, p: _serde.enum({cls}, v, p)",
                f"lambda v, p: _serde.list_of(v, p, {cls}.from_dict)",
                f"lambda v, p: _serde.dict_of(v, p, lambda v, p: _serde.enum({cls}, v, p))",
            ]
        )
    )


@st.composite
def one_of(draw: st.DrawFn) -> Call:
    options = tuple(
        Display(
            "(", (draw(keys), draw(st.sampled_from(["None", draw(keys)])), draw(loaders())), ")"
        )
        for _ in range(draw(st.integers(1, 4)))
    )
    exploded = draw(st.booleans())
    return Call("_serde.one_of", ("data", "path", draw(keys), Display("(", options, ")", exploded)))


@st.composite
def values(draw: st.DrawFn) -> str | Call | Display:
    """What a loader assigns or a dumper writes."""
    var, attr, cls = draw(names), draw(names), draw(classes)
    return draw(
        st.sampled_from(
            [
                Call("data.get", (draw(keys), "UNSET")),
                Call(f"{cls}.from_dict", (var, f"path + {draw(keys)}")),
                Call("_serde.list_of", (var, f"path + {draw(keys)}", draw(loaders()))),
                draw(one_of()),
                f"self.{attr}",
                f"self.{attr}.to_dict()",
                Display("[", (f"e0.to_dict() for e0 in self.{attr}",), "]"),
                Display("{", (f"k0: v0.to_dict() for k0, v0 in self.{attr}.items()",), "}"),
                Display(
                    "{",
                    (
                        f"k0: {{k1: e1.to_dict() for k1, e1 in v0.items()}}"
                        f" for k0, v0 in self.{attr}.items()",
                    ),
                    "}",
                ),
                Display("[", tuple(draw(st.lists(keys, min_size=1, max_size=5))), "]"),
                Display("{", tuple(f"{k}: {k}" for k in draw(st.lists(keys, max_size=4))), "}"),
                draw(keys),
            ]
        )
    )


SIMPLE = ["assign", "store", "call", "return", "field", "alias", "if"]


@st.composite
def statements(draw: st.DrawFn, kinds: tuple[str, ...] = (*SIMPLE, "def")) -> Block:
    var, attr = "_" + draw(names), draw(names)
    kind = draw(st.sampled_from(kinds))
    if kind == "assign":
        return Stmt(draw(values()), prefix=f"{var} = ")
    if kind == "store":
        return Stmt(draw(values()), prefix=f"data[{draw(keys)}] = ")
    if kind == "call":
        return Stmt(Call("_serde.fail", (f"path + {draw(keys)}", draw(keys), var)))
    if kind == "return":
        args = tuple(f"{n}=_{n}" for n in draw(st.lists(names, min_size=1, max_size=4)))
        return Stmt(Call("cls", args, exploded=draw(st.booleans())), prefix="return ")
    if kind == "field":
        metadata = f'metadata={{"wire": {draw(keys)}}}'
        args = ("default=UNSET", metadata) if draw(st.booleans()) else (metadata,)
        value = draw(st.sampled_from([Call("field", args), "UNSET", draw(one_of())]))
        return AnnAssign(attr, draw(annotations()), value)
    if kind == "alias":
        return Stmt(draw(annotations()), prefix=f"{draw(classes)}: TypeAlias = ")
    if kind == "def":
        cls = draw(classes)
        params = draw(
            st.sampled_from(
                [
                    ("cls", "data: Any", 'path: str = "$"'),
                    ("cls", "value: object"),
                    (f"value: {cls}",),
                    ("cls", "text: str | bytes"),
                    (f"value: {cls} | {draw(classes)}",),
                ]
            )
        )
        returns = draw(st.sampled_from([cls, f"{cls} | None", "Any", f"dict[str, {cls}]"]))
        return Stmt(Call(draw(names), params), prefix="def ", suffix=f" -> {returns}:")
    conditions = [f"{var} is not UNSET", f"{var} is not None", f"not isinstance({var}, str)"]
    conditions = conditions[: draw(st.integers(1, 3))]
    body = tuple(draw(st.lists(statements(tuple(SIMPLE)), min_size=1, max_size=2)))
    keyword = draw(st.sampled_from(["if", "elif", "else"]))
    return If(keyword, () if keyword == "else" else tuple(conditions), body)


def _chained(blocks: list[Block]) -> list[Block]:
    """`elif` and `else` only after an `if` or `elif`."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, If):
            before = out[-1] if out else None
            chained = isinstance(before, If) and before.keyword != "else"
            keyword = block.keyword if chained or block.keyword == "if" else "if"
            conditions = block.conditions or ("x",) if keyword != "else" else ()
            out.append(If(keyword, conditions, tuple(_chained(list(block.body)))))
        else:
            out.append(block)
    return out


def _black_agrees(lines: list[str], depth: int, limit: int) -> None:
    """`lines` at `depth` are what black gives, nested in stand-in `if` blocks."""
    stand_in = ["    " * i + "if _:" for i in range(depth)]
    text = "\n".join([*stand_in, *lines, "    " * depth + "pass"]) + "\n"
    black = [line for line in format_python(text, limit).splitlines() if line.strip()]
    assert black == [line for line in text.splitlines() if line.strip()]


@settings(max_examples=400, deadline=None)
@given(st.lists(statements(), min_size=1, max_size=3), depths, limits)
def test_statements_agree_with_black(blocks: list[Block], depth: int, limit: int) -> None:
    blocks = _chained(blocks)
    lines: list[str] = []
    for block in blocks:
        laid_out = lay_out([block], 4 * depth, limit)
        assert laid_out is not None  # every shape is laid out without black
        lines += laid_out
        if isinstance(block, Stmt) and block.prefix == "def ":
            lines.append("    " * (depth + 1) + "pass")
    _black_agrees(lines, depth, limit)


@settings(max_examples=150, deadline=None)
@given(statements(), depths, limits)
def test_one_statement_formatted_alone_equals_black_over_the_module(
    block: Block, depth: int, limit: int
) -> None:
    """The fallback for a statement linesplit.py would not know: black on that statement
    alone, in a stand-in of its context, gives what black gives over the whole module."""
    while isinstance(block, If):
        block = block.body[0]
    assert isinstance(block, Stmt | AnnAssign)
    prefix, suffix = parts(block)
    text = f"{prefix}{source(block.value)}{suffix}"
    lines = format_statement(text, 4 * depth, limit)
    assert lines == lay_out([block], 4 * depth, limit)
    if text.endswith(":"):
        lines.append("    " * (depth + 1) + "pass")
    _black_agrees(lines, depth, limit)


@settings(max_examples=500, deadline=None)
@given(statements(), depths, limits)
def test_the_common_split_is_what_the_whole_search_gives(
    block: Block, depth: int, limit: int
) -> None:
    while isinstance(block, If):
        head = f"{block.keyword} {' and '.join(block.conditions)}:"
        quick = if_split(block, 4 * depth, limit) if block.conditions else None
        if quick is not None:
            assert quick == split_statement(head, depth, limit)
        block = block.body[0]
    assert isinstance(block, Stmt | AnnAssign)
    prefix, suffix = parts(block)
    quick = common_split(prefix, block.value, suffix, 4 * depth, limit)
    if quick is not None:
        text = f"{prefix}{source(block.value)}{suffix}"
        assert quick == split_statement(text, depth, limit)


short_names = (
    st.text(string.ascii_lowercase + "_", max_size=40)
    .map(lambda s: "n" + s)
    .filter(lambda s: not iskeyword(s))
)
short_classes = st.text(string.ascii_letters, max_size=40).map(lambda s: "C" + s)
short_keys = st.text(string.ascii_letters + "_- ", max_size=30).map(lambda s: f'"{s}"')


@st.composite
def common_shapes(draw: st.DrawFn) -> Block:
    """The shapes common_split and if_split take, with names short enough to reach them."""
    name, cls = draw(short_names), draw(short_classes)
    kind = draw(st.sampled_from(["def", "if", "return", "wire", "field", "call"]))
    if kind == "def":
        params = draw(
            st.sampled_from(
                [
                    ("cls", "data: Any", 'path: str = "$"'),
                    ("cls", "value: object"),
                    (f"value: {cls}",),
                    (f"value: dict[str, {cls}]",),
                    (f"value: {cls} | None",),
                ]
            )
        )
        returns = draw(st.sampled_from([cls, f"{cls} | None", "Any"]))
        return Stmt(Call(name, params), prefix="def ", suffix=f" -> {returns}:")
    if kind == "if":
        var = "_" + name
        conditions = [f"{var} is not UNSET", f"{var} is not None", f"not isinstance({var}, str)"]
        conditions.append(f"type({var}) not in (int, float)")
        count = draw(st.integers(3, 4))
        return If("if", tuple(conditions[:count]), (Stmt("pass"),))
    if kind == "return":
        args = tuple(f"{n}=_{n}" for n in draw(st.lists(short_names, min_size=1, max_size=5)))
        return Stmt(
            Call("cls", args, exploded=True), prefix=draw(st.sampled_from(["return ", "x = "]))
        )
    if kind == "wire":
        items = tuple(draw(st.lists(short_keys, min_size=1, max_size=12)))
        value = Call("frozenset", (Display("{", items, "}"),))
        return Stmt(value, prefix="_WIRE_KEYS: ClassVar[frozenset[str]] = ")
    if kind == "field":
        args = ("default=UNSET", f'metadata={{"wire": {draw(short_keys)}}}')
        return AnnAssign(name, Chain("|", (cls, "None", "Unset")), Call("field", args))
    args = (f"path + {draw(short_keys)}", draw(short_keys), "_" + name)
    return Stmt(Call("_serde.fail", args), prefix=draw(st.sampled_from(["", "x = "])))


@settings(max_examples=600, deadline=None)
@given(common_shapes(), depths, st.integers(40, 120))
def test_common_shapes_take_the_quick_split_and_agree(block: Block, depth: int, limit: int) -> None:
    test_the_common_split_is_what_the_whole_search_gives.hypothesis.inner_test(  # type: ignore[attr-defined]
        block, depth, limit
    )
    lines = lay_out([block], 4 * depth, limit)
    assert lines is not None
    if isinstance(block, Stmt) and block.prefix == "def ":
        lines.append("    " * (depth + 1) + "pass")
    _black_agrees(lines, depth, limit)


def test_field_declarations_split_as_black_does() -> None:
    decl = AnnAssign(
        "access_token_expires_at",
        Chain("|", ("float", "None", "Unset")),
        Call("field", ("default=UNSET", 'metadata={"wire": "accessTokenExpiresAt"}')),
    )
    assert lay_out([decl], 4, 88) == [
        "    access_token_expires_at: float | None | Unset = field(",
        '        default=UNSET, metadata={"wire": "accessTokenExpiresAt"}',
        "    )",
    ]


@pytest.mark.parametrize("limit", [40, 88])
def test_a_name_longer_than_the_line_stays_whole(limit: int) -> None:
    """What black does when nothing fits: the name is left on a line of its own."""
    name = "GetFirewallConfigSecurityResponse200ApplicationJSONResponseBodyManagedRulesAiBots"
    define = Stmt(Call("from_dict", ("cls", "data: Any")), prefix="def ", suffix=f" -> {name}:")
    lines = lay_out([define], 4, limit)
    assert lines is not None
    assert any(name in line and len(line) > limit for line in lines)
    _black_agrees([*lines, "        pass"], 1, limit)


@pytest.mark.slow
@pytest.mark.parametrize(("corpus", "limit"), [("speakeasy-client-ts", 40), ("authlete-ts", 320)])
def test_whole_corpora_at_extreme_line_lengths(corpus: str, limit: int, tmp_path: Path) -> None:
    """At 40 columns nearly nothing fits (every name is "long"); at 320 nearly everything
    does. Through the command users run: nothing is left to black, and black over each
    module changes nothing."""
    docs = corpus_path(corpus, "models")
    package = tmp_path / "pkg"
    command = [*docs2models_command(), "generate", str(docs), "-o", str(package)]
    command += ["--line-length", str(limit), "--format", "json", "--allow-unknown"]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert json.loads(result.stdout)["run"]["left_to_black"] == 0
    changed = [
        str(module.relative_to(package))
        for module in sorted(package.rglob("*.py"))
        if module.name != "_serde.py"
        and format_python(module.read_text("utf-8"), limit) != module.read_text("utf-8")
    ]
    assert not changed, changed[:20]


@pytest.mark.parametrize("limit", [36, 40, 44])
def test_a_split_keeps_the_spaces_of_leaves_an_earlier_try_moved(limit: int) -> None:
    """A delimiter split tried on `(int, float)` clears the space before `float` as the
    first leaf of its line; when that try is dropped for the optional-parentheses
    second opinion, the copies must get their spaces back (`(int,float)` was written)."""
    check = If("if", ("_owner_id is not None", "type(_owner_id) not in (int, float)"), ())
    lines = lay_out([check], 8, limit)
    assert lines is not None
    assert not any("(int,float)" in line for line in lines)
    _black_agrees([*lines, "            pass"], 2, limit)
