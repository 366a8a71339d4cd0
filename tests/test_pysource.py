"""Doc text reaches Python source only through pysource: it must come back unchanged and
never become code."""

from __future__ import annotations

import ast

import pytest

from generator.emit.formatting import format_python
from generator.emit.pysource import comment, docstring, py_str, wrap

NASTY = [
    "plain",
    '"""',
    "'''",
    '""""""',
    '\\"""',
    "back\\slash",
    "ends with backslash\\",
    "\\N{BULLET} and \\x41 and \\u0041",
    "nul\x00byte",
    "escape \x1b[31m red",
    "{{ jinja }} {% if x %}",
    "# not a comment",
    'first line\n"""\nimport os\nos.system("echo pwned")\n"""',
    "line\u2028separator and paragraph\u2029separator",
    "right-to-left \u200f mark \u202e override",
    'ends with a quote"',
    '"starts with a quote',
    "x" * 300,
    'it\'s "quoted"',
    "tab\there",
    "emoji 🐍 and accents éà",
    "carriage\rreturn",
]


@pytest.mark.parametrize("text", NASTY)
def test_py_str_round_trips(text: str) -> None:
    assert ast.literal_eval(py_str(text)) == text


@pytest.mark.parametrize("text", NASTY)
def test_py_str_is_black_stable(text: str) -> None:
    source = f"X = {py_str(text)}\n"
    if len(source) <= 88:
        assert format_python(source) == source


def _class_with_docstring(text: str) -> str:
    return f"class C:\n    {docstring(text, 4)}\n\n    x: int = 1\n"


@pytest.mark.parametrize("text", NASTY)
def test_docstring_cannot_inject_code(text: str) -> None:
    """Whatever the text, the class body is a docstring and one annotated assignment."""
    tree = ast.parse(_class_with_docstring(text))
    (cls,) = tree.body
    assert isinstance(cls, ast.ClassDef)
    assert [type(node) for node in cls.body] == [ast.Expr, ast.AnnAssign]
    doc = ast.get_docstring(cls, clean=False)
    assert doc is not None
    # Wrapping may move line breaks, never words or characters.
    assert doc.split() == text.strip().split() or "".join(doc.split()) == "".join(
        text.strip().split()
    )


@pytest.mark.parametrize("text", NASTY)
def test_docstring_is_black_stable(text: str) -> None:
    source = _class_with_docstring(text)
    assert format_python(source) == source


@pytest.mark.parametrize("text", NASTY)
def test_comment_is_one_line(text: str) -> None:
    line = "# " + comment(text)
    assert "\n" not in line and "\r" not in line
    assert ast.parse(line + "\nX = 1\n").body[0].lineno == 2


def test_docstring_keeps_line_breaks_and_rewraps_overflow() -> None:
    text = "First line.\n" + "word " * 30 + "\nNext line."
    lines = docstring(text, 4).splitlines()
    assert lines[0] == '"""First line.'
    assert all(len(line) <= 88 for line in lines)
    assert lines[-2].strip().endswith("Next line.")


def test_wrap_never_breaks_a_long_word() -> None:
    url = "https://example.com/" + "a" * 120
    assert wrap(f"see {url} now", 40) == ["see", url, "now"]


def test_wrap_keeps_list_items_apart() -> None:
    text = "Items:\n- " + "alpha " * 20 + "\n- beta"
    lines = wrap(text, 40)
    assert lines[-1] == "- beta"
    assert all(line.startswith(("Items", "- ", "  ")) for line in lines)
