"""The committed package behaves as documented at run time."""

from __future__ import annotations

import dataclasses
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT))

import generated
from generated import (
    AuthorizationDetailsElement,
    AuthzDetails,
    Property,
    TokenCreateResponse,
    TokenCreateResponseAction,
)


def test_wire_names_in_field_metadata_in_doc_order() -> None:
    """Each attribute keeps its documented name as `metadata["wire"]`, in doc order."""
    fields = dataclasses.fields(TokenCreateResponse)
    assert [f.metadata["wire"] for f in fields][:5] == [
        "resultCode",
        "resultMessage",
        "action",
        "accessToken",
        "clientId",
    ]
    assert [f.name for f in fields][:5] == [
        "result_code",
        "result_message",
        "action",
        "access_token",
        "client_id",
    ]
    assert len(fields) == 20


def test_optional_fields_default_to_none_and_are_keyword_only() -> None:
    """Optional fields default to None; every field is keyword-only."""
    empty = TokenCreateResponse()
    assert empty.client_id is None
    with pytest.raises(TypeError):
        TokenCreateResponse("x")  # type: ignore[misc]


def test_required_fields_have_no_default() -> None:
    """`type` is required in AuthorizationDetailsElement: leaving it out is an error."""
    with pytest.raises(TypeError):
        AuthorizationDetailsElement()  # type: ignore[call-arg]
    element = AuthorizationDetailsElement(type="payment_initiation", actions=["read"])
    details = AuthzDetails(elements=[element])
    assert details.elements == [element]


def test_numbers_keep_their_runtime_type() -> None:
    """`number` is annotated float, but an int given stays an int."""
    response = TokenCreateResponse(client_id=1234567890123, properties=[Property(key="a")])
    assert isinstance(response.client_id, int)


def test_enum_members_are_strings_with_the_documented_values() -> None:
    """The enum is a str Enum holding every documented value."""
    assert [m.value for m in TokenCreateResponseAction] == [
        "INTERNAL_SERVER_ERROR",
        "BAD_REQUEST",
        "FORBIDDEN",
        "OK",
    ]
    assert TokenCreateResponseAction("OK") == "OK"


def test_package_reexports_every_class() -> None:
    """`__all__` lists every class of the root namespace."""
    assert sorted(generated.__all__) == [
        "AuthorizationDetailsElement",
        "AuthzDetails",
        "Property",
        "TokenCreateResponse",
        "TokenCreateResponseAction",
    ]


def test_docstrings_reach_the_class_and_attributes() -> None:
    """Descriptions become docstrings; `<br/>` became a line break."""
    assert AuthzDetails.__doc__ is not None
    assert "Rich" in AuthzDetails.__doc__
    source = (ROOT / "generated" / "property.py").read_text()
    assert '"""Name of the property."""' in source
    assert "When `true`, only the server side can read it." in source
