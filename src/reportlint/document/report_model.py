"""The report file as pydantic models: the top-level fields of the input contract (docs/report-file.md).

`sections` and `tables` are typed loosely here: their keys are labels that depend on the format
version, so the binder (`bind.py`) matches them against the rule pack with positions and
tolerance. `reportlint schema` fills the table rows in from the pack for editors.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import ErrorDetails

from reportlint.format.packs import AgencyKind

CellValue = int | float | str | None
RowValue = CellValue | list[CellValue] | dict[str, Any]


class PeriodModel(BaseModel):
    """统计期限: the period the numbers cover, as the report states it."""

    model_config = ConfigDict(extra="forbid", title="Period")

    start: date = Field(description="统计期限起 (YYYY-MM-DD)")
    end: date = Field(description="统计期限止 (YYYY-MM-DD)")


class FieldsModel(BaseModel):
    """The scalar fields of a report. Validated field by field: one bad value spoils only itself."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, title="Fields")

    schema_version: int = Field(1, ge=1, le=1, alias="schema", description="file format version; 1 today")
    format: str | None = Field(None, description="rule pack: gov-2021 or gov-2019; by year when absent")
    pack: str | None = Field(None, description="the rule pack, by its newer name (the same as format)")
    agency: str | None = Field(None, min_length=1, description="机关名称 (required)")
    agency_kind: AgencyKind | None = Field(
        None, description="部门 (1月31日) | 人民政府 (3月31日) | 乡镇/街道; inferred from the name when absent"
    )
    year: int | None = Field(None, ge=1990, le=2100, description="报告年度 (required)")
    period: PeriodModel | None = Field(None, description="统计期限")
    published: date | None = Field(None, description="落款日期")
    url: str | None = Field(None, description="where the report is published")
    previous: str | None = Field(None, description="last year's report, relative to this file")
    preamble: str | None = Field(None, description="the text before 一、总体情况")


class Report(FieldsModel):
    """A government information disclosure annual report (政府信息公开工作年度报告)."""

    model_config = ConfigDict(title="reportlint report file")

    agency: str = Field(min_length=1, description="机关名称")
    year: int = Field(ge=1990, le=2100, description="报告年度")
    sections: dict[str, str | None] | None = Field(None, description="heading as written → text, in order")
    tables: dict[str, dict[str, RowValue]] | None = Field(
        None, description="主动公开 (表二), 依申请公开 (表三), 复议诉讼 (表四)"
    )


#: Every top-level key, for "did you mean" and for binding.
FIELDS: tuple[str, ...] = tuple(f.alias or name for name, f in Report.model_fields.items())
#: The keys a report must have (RL005).
REQUIRED: tuple[str, ...] = tuple(f.alias or n for n, f in Report.model_fields.items() if f.is_required())


def validate_meta(data: dict[str, Any]) -> tuple[FieldsModel, list[ErrorDetails]]:
    """Validate the scalar fields. Returns the model, without the fields that failed, and the errors."""
    try:
        return FieldsModel.model_validate(data), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    failed = {str(e["loc"][0]) for e in errors if e.get("loc")}
    kept = {k: v for k, v in data.items() if k not in failed}
    try:
        return FieldsModel.model_validate(kept), errors
    except ValidationError:  # pragma: no cover - every failing key was dropped
        return FieldsModel(), errors
