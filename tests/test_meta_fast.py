"""The fast path for the scalar fields (`reportlint.document.meta.fast`) agrees with the pydantic model."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reportlint.document.bind import FIELDS, REQUIRED
from reportlint.document.meta import fast, from_model
from reportlint.document.report_model import Report, validate_meta

dates = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z"),
    st.text(max_size=12),
)
values = st.one_of(st.none(), st.text(max_size=8), st.from_regex(r"\A[0-9]{1,5}\Z"), dates)
documents = st.fixed_dictionaries(
    {},
    optional={
        "schema": st.one_of(st.just("1"), values),
        "agency": values,
        "agency_kind": st.one_of(st.sampled_from(["department", "government", "township", "乡镇"]), values),
        "year": st.one_of(st.integers(1980, 2110).map(str), values),
        "published": dates,
        "url": values,
        "period": st.one_of(values, st.fixed_dictionaries({"start": dates, "end": dates})),
        "preamble": values,
    },
)


@settings(max_examples=400, deadline=None)
@given(documents)
def test_fast_path_accepts_only_what_pydantic_accepts_and_reads_it_alike(data):
    quick = fast(data)
    model, errors = validate_meta(data)
    if quick is not None:
        assert errors == []
        assert quick == from_model(model)


def test_fast_path_takes_a_plain_valid_file():
    data = {"agency": "某局", "year": "2024", "published": "2025-01-20",
            "period": {"start": "2024-01-01", "end": "2024-12-31"}, "url": "https://a.gov.cn/"}
    meta = fast(data)
    assert meta is not None and meta.year == 2024 and meta.published.isoformat() == "2025-01-20"


def test_binder_field_lists_match_the_model():
    assert set(FIELDS) == {f.alias or n for n, f in Report.model_fields.items()}
    assert set(REQUIRED) == {f.alias or n for n, f in Report.model_fields.items() if f.is_required()}
