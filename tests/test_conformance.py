"""The generator's own reading of examples (conformance.py) agrees with the generated
runtime: an example goes into a docstring only when `from_dict` would accept it."""

from __future__ import annotations

import types
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.emit.conformance import Checker
from generator.emit.render import render_runtime
from generator.ir import Primitive


@pytest.fixture(scope="module")
def runtime() -> types.ModuleType:
    """The generated `_serde` module, executed from its rendered source."""
    module = types.ModuleType("d2m_runtime_under_test")
    exec(render_runtime(), module.__dict__)
    return module


def _runtime_accepts(runtime: types.ModuleType, load: str, value: Any) -> bool:
    try:
        getattr(runtime, load)(value, "$")
    except runtime.DecodeError:
        return False
    return True


CHECKER = Checker({})
PARTS = {
    "year": st.sampled_from(["2024", "2023", "0001", "9999", "0000"]),
    "month": st.sampled_from(["01", "02", "12", "13", "00"]),
    "day": st.sampled_from(["01", "28", "29", "30", "31", "32"]),
    "time": st.sampled_from(["00:00:00", "23:59:59", "24:00:00", "12:60:00", "23:59:60"]),
    "fraction": st.sampled_from(["", ".5", ".123456789"]),
    "offset": st.sampled_from(["Z", "z", "+00:00", "-05:30", "+23:59", "+24:00", "-99:00"]),
}


date_times = st.builds(
    "{}-{}-{}T{}{}{}".format,
    *(PARTS[k] for k in ("year", "month", "day", "time", "fraction", "offset")),
)


@settings(max_examples=500, deadline=None)
@given(date_times)
def test_date_times_fit_exactly_when_the_runtime_reads_them(
    runtime: types.ModuleType, text: str
) -> None:
    expected = _runtime_accepts(runtime, "date_time", text)
    assert CHECKER.fits(text, Primitive("datetime")) == expected, text


@settings(max_examples=200, deadline=None)
@given(year=PARTS["year"], month=PARTS["month"], day=PARTS["day"])
def test_dates_fit_exactly_when_the_runtime_reads_them(
    runtime: types.ModuleType, year: str, month: str, day: str
) -> None:
    text = f"{year}-{month}-{day}"
    assert CHECKER.fits(text, Primitive("date")) == _runtime_accepts(runtime, "date_", text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("QUJD=+/_-!a ")), max_size=12))
def test_bytes_fit_exactly_when_the_runtime_reads_them(
    runtime: types.ModuleType, text: str
) -> None:
    assert CHECKER.fits(text, Primitive("bytes")) == _runtime_accepts(runtime, "bytes_", text)
