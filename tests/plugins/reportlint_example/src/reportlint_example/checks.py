"""EXA001: the agency name names a whole body (局, 委员会, 人民政府, …), not a person or a desk."""

from __future__ import annotations

from reportlint.checks.base import Check

SUFFIXES = ("局", "委员会", "人民政府", "办公室", "办事处", "中心", "厅", "院", "委", "部")


class AgencySuffixCheck(Check):
    name = "example-agency-suffix"
    codes = ("EXA001",)

    def run(self, doc, emit, settings) -> None:
        agency = doc.meta.agency
        if agency and not agency.endswith(SUFFIXES):
            emit("EXA001", "default", doc.at("agency"), path="agency", agency=agency)
