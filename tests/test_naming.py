"""Python names for documented names: one table of cases per function."""

from __future__ import annotations

import keyword

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.resolve import names as naming


@pytest.mark.parametrize(
    ("documented", "expected"),
    [
        ("clientId", "client_id"),
        ("URLPath", "url_path"),
        ("accessTokenHash", "access_token_hash"),
        ("x-api-key", "x_api_key"),
        ("ipv4Address", "ipv4_address"),
        ("HTTPResponse", "http_response"),
        ("already_snake", "already_snake"),
        ("gMRequest", "g_m_request"),
        ("ID", "id"),
        ("sha256", "sha256"),
        ("Content-Type", "content_type"),
        ("a.b.c", "a_b_c"),
    ],
)
def test_snake_case(documented: str, expected: str) -> None:
    assert naming.snake_case(documented) == expected


@pytest.mark.parametrize(
    ("documented", "reserved", "expected"),
    [
        ("clientId", frozenset(), "client_id"),
        ("class", frozenset(), "class_"),
        ("from", frozenset(), "from_"),
        ("None", frozenset(), "none"),
        ("str", frozenset({"str"}), "str_"),
        ("field", frozenset({"field"}), "field_"),
        ("2fa", frozenset(), "field_2fa"),
        ("", frozenset(), "field"),
        ("__init__", frozenset(), "init"),
        ("_links", frozenset(), "links"),
        ("type", frozenset(), "type"),
    ],
)
def test_attribute_name(documented: str, reserved: frozenset[str], expected: str) -> None:
    name = naming.attribute_name(documented, reserved)
    assert name == expected
    assert name.isidentifier() and not keyword.iskeyword(name)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("TokenCreateResponse", "TokenCreateResponse"),
        ("token-create response", "TokenCreateResponse"),
        ("3DSecure", "Model3DSecure"),
        ("class", "class_"),
        ("", "Model"),
        ("_Private", "Private"),
    ],
)
def test_class_name(title: str, expected: str) -> None:
    assert naming.class_name(title) == expected


def test_class_name_avoids_names_modules_use() -> None:
    assert naming.class_name("Enum", frozenset({"Enum"})) == "Enum_"


@pytest.mark.parametrize(
    ("cls", "expected"),
    [("TokenCreateResponse", "token_create_response"), ("Import", "import_"), ("X", "x")],
)
def test_module_name(cls: str, expected: str) -> None:
    assert naming.module_name(cls) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("in-stock", "IN_STOCK"),
        ("INTERNAL_SERVER_ERROR", "INTERNAL_SERVER_ERROR"),
        ("camelCase", "CAMEL_CASE"),
        ("", "EMPTY"),
        ("1st", "V_1ST"),
        ("+", "V_2B"),
        ("application/json", "APPLICATION_JSON"),
        (3, "V_3"),
        (-1, "V_MINUS_1"),
    ],
)
def test_enum_member_name(value: str | int, expected: str) -> None:
    assert naming.enum_member_name(value) == expected


def test_dedupe_suffixes_later_repeats_in_order() -> None:
    assert naming.dedupe(["a", "a", "b", "a"]) == ["a", "a_2", "b", "a_3"]
    assert naming.dedupe(["a_2", "a", "a"]) == ["a_2", "a", "a_3"]
    assert naming.dedupe(["str"], taken={"str"}) == ["str_2"]


def test_names_are_nfkc_normalized_like_python_identifiers() -> None:
    """Python reads `ﬁeld` (a ligature) as `field`; so do we, so collisions are seen."""
    assert naming.snake_case("\ufb01eld") == "field"


@given(st.text(alphabet=st.sampled_from("aAbBzZ09_-. $éÀ"), max_size=24))
@settings(max_examples=3000)
def test_the_ascii_word_splitter_agrees_with_the_general_one(name: str) -> None:
    """ASCII names are split by regular expressions; they give the words the character
    by character splitter gives (which every other name goes through)."""
    assert naming._split_words(name) == naming._split_words_slowly(name)
