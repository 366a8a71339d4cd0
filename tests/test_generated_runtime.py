"""The committed package behaves as documented at run time."""

from __future__ import annotations

import dataclasses
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT))

import generated
from generated import (
    UNSET,
    AuthorizationDetailsElement,
    AuthzDetails,
    Property,
    TokenCreateResponse,
    TokenCreateResponseAction,
)


def test_wire_names_in_field_metadata_in_doc_order() -> None:
    """Each attribute keeps its documented name as `metadata["wire"]`, in doc order."""
    fields = dataclasses.fields(TokenCreateResponse)
    assert [f.metadata["wire"] for f in fields[:5]] == [
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
    assert len(fields) == 20 + 1  # and additional_properties
    assert fields[-1].name == "additional_properties"
    assert "wire" not in fields[-1].metadata


def test_optional_fields_default_to_unset_and_are_keyword_only() -> None:
    """Optional fields default to UNSET (absent); every field is keyword-only."""
    empty = TokenCreateResponse()
    assert empty.client_id is UNSET
    assert not empty.client_id
    assert empty.to_dict() == {}
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
    """`__all__` lists every class of the root namespace, and the serde names users need."""
    assert sorted(generated.__all__) == [
        "AuthorizationDetailsElement",
        "AuthzDetails",
        "DecodeError",
        "Property",
        "TokenCreateResponse",
        "TokenCreateResponseAction",
        "UNSET",
        "Unset",
    ]


def test_docstrings_reach_the_class_and_attributes() -> None:
    """Descriptions become docstrings; `<br/>` became a line break."""
    assert AuthzDetails.__doc__ is not None
    assert "Rich" in AuthzDetails.__doc__
    source = (ROOT / "generated" / "property.py").read_text()
    assert '"""Name of the property."""' in source
    assert "When `true`, only the server side can read it." in source


def test_absent_is_not_null() -> None:
    """A key left out stays out; a key given as null comes back as null."""
    absent = TokenCreateResponse.from_dict({"resultCode": "A001"})
    assert absent.client_id is UNSET
    assert absent.to_dict() == {"resultCode": "A001"}
    null = TokenCreateResponse.from_dict({"resultCode": "A001", "clientId": None})
    assert null.client_id is None
    assert null.to_dict() == {"resultCode": "A001", "clientId": None}


def test_round_trip_keeps_numbers_nested_models_enums_and_unknown_keys() -> None:
    payload = {
        "resultCode": "A001",
        "action": "OK",
        "clientId": 26888344961664,
        "expiresIn": 3.5,
        "properties": [{"key": "region", "value": "eu", "hidden": False, "note": "extra"}],
        "authorizationDetails": {"elements": [{"type": "payment", "locations": ["https://a"]}]},
        "somethingNew": {"nested": [1, 2]},
    }
    model = TokenCreateResponse.from_dict(payload)
    assert model.action is TokenCreateResponseAction.OK
    assert isinstance(model.client_id, int) and isinstance(model.expires_in, float)
    assert model.additional_properties == {"somethingNew": {"nested": [1, 2]}}
    assert isinstance(model.properties, list)
    assert model.properties[0].additional_properties == {"note": "extra"}
    assert model.to_dict() == payload
    assert TokenCreateResponse.from_json(model.to_json()).to_dict() == payload


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (
            {"authorizationDetails": {"elements": [{"type": 7}]}},
            "$.authorizationDetails.elements[0].type: expected string, got int",
        ),
        (
            {"authorizationDetails": {"elements": [{}]}},
            "$.authorizationDetails.elements[0].type: required key is missing",
        ),
        ({"action": "MAYBE"}, '$.action: expected a TokenCreateResponseAction value, got "MAYBE"'),
        ({"clientId": True}, "$.clientId: expected number, got bool"),
        ({"properties": {"key": "a"}}, "$.properties: expected array, got dict"),
        ([], "$: expected object, got list"),
    ],
)
def test_validation_errors_name_the_json_path(payload: object, message: str) -> None:
    with pytest.raises(generated.DecodeError) as info:
        TokenCreateResponse.from_dict(payload)
    assert str(info.value) == message
    assert isinstance(info.value, ValueError)


def test_invalid_json_text_is_a_decode_error() -> None:
    with pytest.raises(generated.DecodeError, match=r"^\$: not valid JSON"):
        TokenCreateResponse.from_json("{nope")


def test_repr_shows_only_what_is_set() -> None:
    assert repr(Property(key="a")) == "Property(key='a')"
