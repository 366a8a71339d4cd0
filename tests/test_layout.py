"""layout.py writes statements exactly as black would: checked against black itself on
statements of every shape docs2models emits, with names of every length."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.emit.formatting import format_python
from generator.emit.layout import AnnAssign, Call, Chain, Display, If, Stmt, lay_out

LIMIT = 88

names = st.text(string.ascii_lowercase + "_", min_size=1, max_size=60).map(lambda s: "n_" + s)
classes = st.text(string.ascii_letters, min_size=1, max_size=60).map(lambda s: "C" + s)
keys = st.text(string.ascii_letters + "_- ", min_size=1, max_size=70).map(lambda s: f'"{s}"')


@st.composite
def annotations(draw: st.DrawFn) -> str | Chain:
    parts = draw(st.lists(st.one_of(classes, classes.map(lambda c: f"list[{c}]")), min_size=1))
    optional = draw(st.booleans())
    parts = [*parts, "None", "Unset"] if optional else parts
    return parts[0] if len(parts) == 1 else Chain("|", tuple(parts))


@st.composite
def field_declarations(draw: st.DrawFn) -> AnnAssign:
    metadata = f'metadata={{"wire": {draw(keys)}}}'
    args = ("default=UNSET", metadata) if draw(st.booleans()) else (metadata,)
    return AnnAssign(draw(names), draw(annotations()), Call("field", args))


@st.composite
def statements(draw: st.DrawFn) -> Stmt | If:
    var = "_" + draw(names)
    kind = draw(st.sampled_from(["get", "load", "fail", "dump", "construct", "if", "nested"]))
    if kind == "get":
        return Stmt(Call("data.get", (draw(keys), "UNSET")), prefix=f"{var} = ")
    if kind == "load":
        path = f"path + {draw(keys)}"
        return Stmt(Call(f"{draw(classes)}.from_dict", (var, path)), prefix=f"{var} = ")
    if kind == "fail":
        return Stmt(Call("_serde.fail", (f"path + {draw(keys)}", '"string"', var)))
    if kind == "dump":
        item = f"e0.to_dict() for e0 in self.{draw(names)}"
        value = draw(st.sampled_from([f"self.{draw(names)}", Display("[", (item,), "]")]))
        return Stmt(value, prefix=f"data[{draw(keys)}] = ")
    if kind == "construct":
        args = tuple(f"{n}=_{n}" for n in draw(st.lists(names, min_size=1, max_size=4)))
        return Stmt(Call("cls", args, exploded=True), prefix="return ")
    conditions = (f"{var} is not UNSET", f"{var} is not None", f"not isinstance({var}, str)")
    body = (Stmt(Call("_serde.missing", ("path", draw(keys)))),)
    if kind == "nested":
        inner = Display("(", (draw(keys), "None", f"{draw(classes)}.from_dict"), ")")
        options = Display("(", (inner, inner), ")", exploded=True)
        body = (Stmt(Call("_serde.one_of", ("data", "path", draw(keys), options)), prefix="x = "),)
    return If("if", conditions[: draw(st.integers(1, 3))], body)


def _agrees_with_black(body: list[str]) -> None:
    source = "class X:\n    def f(self):\n" + "\n".join(body) + "\n"
    assert format_python(source) == source


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(field_declarations())
def test_field_declarations_agree_with_black(decl: AnnAssign) -> None:
    lines = lay_out([decl], 4, LIMIT)
    if lines is not None:
        source = "class X:\n" + "\n".join(lines) + "\n"
        assert format_python(source) == source


@pytest.mark.slow
@settings(max_examples=250, deadline=None)
@given(st.lists(statements(), min_size=1, max_size=3))
def test_method_statements_agree_with_black(blocks: list[Stmt | If]) -> None:
    lines = lay_out(blocks, 8, LIMIT)
    if lines is not None:
        _agrees_with_black(lines)


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(classes, annotations(), st.booleans())
def test_aliases_and_defs_agree_with_black(name: str, value: str | Chain, one: bool) -> None:
    alias = lay_out([Stmt(value, prefix=f"{name}: TypeAlias = ")], 0, LIMIT)
    params = (f"value: {name}",) if one else ("cls", "data: Any", 'path: str = "$"')
    define = lay_out(
        [Stmt(Call("from_dict", params), prefix="def ", suffix=f" -> {name}:")], 0, LIMIT
    )
    if alias is not None:
        source = "\n".join(alias) + "\n"
        assert format_python(source) == source
    if define is not None:
        source = "\n".join([*define, "    pass"]) + "\n"
        assert format_python(source) == source


def test_most_shapes_are_laid_out_without_black() -> None:
    """The layout handles the usual lengths itself: this is what keeps black out of a run."""
    decl = AnnAssign(
        "access_token_expires_at",
        Chain("|", ("float", "None", "Unset")),
        Call("field", ("default=UNSET", 'metadata={"wire": "accessTokenExpiresAt"}')),
    )
    assert lay_out([decl], 4, LIMIT) == [
        "    access_token_expires_at: float | None | Unset = field(",
        '        default=UNSET, metadata={"wire": "accessTokenExpiresAt"}',
        "    )",
    ]
