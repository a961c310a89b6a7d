"""The schema of `pack.yaml` and of catalogue entries: pydantic models that forbid unknown keys.

Importing pydantic costs more than checking a report, so this module is imported only for files
that are not shipped inside reportlint (extra folders from configuration or plugins); the shipped
ones are validated by the test suite. A problem is one line: file, key path, what is wrong.
"""

from __future__ import annotations

import difflib
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import ErrorDetails

from reportlint.format.packs import PackError


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


def _as_text(value: Any) -> Any:
    return {"zh": value} if isinstance(value, str) else value


def _as_label(value: Any) -> Any:
    return {"label": value} if isinstance(value, str) else value


class Text(_Strict):
    zh: str
    en: str | None = None


BiText = Annotated[Text, BeforeValidator(_as_text)]


class ColumnEntry(_Strict):
    label: str
    kind: Literal["count", "money", "signed"] = "count"
    unit: str | None = None
    aliases: list[str] = []


ColumnItem = Annotated[ColumnEntry, BeforeValidator(_as_label)]


class Renamed(_Strict):
    label: str
    format: str


class Row(_Strict):
    label: str
    columns: list[ColumnItem] | None = None
    rows: list[Row] = []
    number: str | None = None
    short: str | None = None
    block: str | None = None
    note: str | None = None
    aliases: list[str] = []
    optional_group: bool = False
    single_row_format: str | None = None
    group_format: str | None = None
    renamed_from: list[Renamed] = []


class AddRow(Row):
    after: str | None = None
    before: str | None = None
    under: str | None = None


class AddColumn(ColumnEntry):
    after: str | None = None
    before: str | None = None


class ForeignEntry(_Strict):
    label: str
    format: str = ""
    instead: BiText | None = None


class Table(_Strict):
    id: str
    section: str | None = None
    title: str | None = None
    rows: list[Row] | None = None
    columns: list[ColumnItem] = []
    aliases: list[str] = []
    note: str | None = None
    foreign: list[ForeignEntry] = []
    foreign_columns: list[ForeignEntry] = []
    layout: Literal["rows", "across"] | None = None  # how a blank report (`reportlint init --docx`) lays it out
    remove: bool = False
    add_rows: list[AddRow] = []
    remove_rows: list[str] = []
    relabel_rows: dict[str, str] = {}
    add_columns: list[AddColumn] = []
    remove_columns: list[str] = []
    relabel_columns: dict[str, str] = {}

    @model_validator(mode="after")
    def _whole_or_edit(self) -> Table:
        edits = self.add_rows or self.remove_rows or self.relabel_rows or self.add_columns or \
            self.remove_columns or self.relabel_columns
        if not self.remove and not edits and (self.section is None or self.rows is None):
            missing = "section" if self.section is None else "rows"
            raise ValueError(f"missing required key {missing} (a table is whole, or `remove: true`, or edits "
                             "such as add_rows)")
        return self


class Section(_Strict):
    id: str
    heading: str | None = None
    content: Literal["text", "table"] | None = None
    table: str | None = None
    variants: list[str] = []
    required_text: bool | None = None
    sure: Literal["F", "P", "R"] | None = None
    remove: bool = False
    after: str | None = None


Code = Annotated[str, Field(pattern=r"^[A-Z]{2,4}[0-9]{3}$")]


class EquationEntry(_Strict):
    id: str
    rule: Code | None = None
    table: str | None = None
    each: Literal["column", "row"] | None = None
    equation: str | None = None
    anchor: str | None = None
    basis: str | None = None
    sure: Literal["F", "P", "R"] | None = None
    name: str | None = None
    summary: BiText | None = None
    severity: Literal["error", "warning", "info"] | None = None
    messages_from: Code | None = None
    remove: bool = False


class DeadlineEntry(_Strict):
    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)
    basis: str = ""
    sure: Literal["F", "P", "R"] = "F"


class AgencyKindPattern(_Strict):
    kind: str
    pattern: str = ""
    sure: bool = True  # False: a guess, which takes the reading that does not accuse (the latest deadline)


class MentionItem(_Strict):
    name: str
    any: list[str]


class ContentEntry(_Strict):
    """An entry of a generic content kind (RL6, RL7); the kind decides which keys it needs."""

    rule: Code
    kind: Literal["mentions", "text_numbers", "carried_over", "in_force", "copied"]
    # mentions
    section: str | None = None
    any: list[str] = []
    patterns: list[str] = []
    items: list[MentionItem] = []
    kinds: list[str] = []
    formats: list[str] = []
    hint: str | None = None  # what to write, for `reportlint init`'s placeholder text (holds one of `any`)
    # text_numbers
    name: str | None = None
    pattern: str | None = None
    cell: str | None = None
    not_in_clause: list[str] = []
    # carried_over, in_force, copied
    table: str | None = None
    this: str | None = None
    previous: str | None = None
    rows: list[str] = []
    total: str | None = None
    plus: str | None = None
    minus: str | None = None
    sections: list[str] = []
    threshold: float | None = None
    # a code defined here rather than in the catalogue
    summary: BiText | None = None
    basis: BiText | None = None
    severity: Literal["error", "warning", "info"] | None = None
    messages_from: Code | None = None


class Years(_Strict):
    from_: int | None = Field(default=None, alias="from")
    to: int | None = None


class PackFile(_Strict):
    id: str
    extends: str | None = None
    title: BiText | None = None
    document: str | None = None
    years: Years | None = None
    other: str | None = None
    deadlines: dict[str, DeadlineEntry] = {}
    agency_kinds: list[AgencyKindPattern] = []
    sections: list[Section] = []
    tables: list[Table] = []
    equations: list[EquationEntry] = []
    content: list[ContentEntry] = []

    @model_validator(mode="after")
    def _base_is_whole(self) -> PackFile:
        if self.extends is None:
            for i, eq in enumerate(self.equations):
                for key in ("rule", "table", "equation"):
                    if getattr(eq, key) is None:
                        raise ValueError(f"equations.{i}.{key}: missing required key (a pack without `extends` "
                                         "gives whole equations)")
        return self


class Example(_Strict):
    fail: str = ""
    pass_: str = Field(default="", alias="pass")


class CatalogEntry(_Strict):
    code: Code
    name: str
    severity: Literal["error", "warning", "info"]
    family: str = ""
    sure: Literal["F", "P", "R"] = "P"
    formats: list[str] = []
    summary: BiText
    what: BiText | None = None
    why: BiText | None = None
    basis: BiText | None = None
    example: Example | None = None
    messages: dict[str, BiText] = {}
    options: dict[str, str] = {}
    always: bool = False  # cannot be hidden by selection, configuration or suppression (RL001)
    fix: Literal["safe", "unsafe", "none"] = "none"  # what --fix does with its findings


class KindEntry(_Strict):
    kind: str
    severity: Literal["error", "warning", "info"] = "error"
    family: str = ""
    summary: BiText | None = None
    what: BiText | None = None
    why: BiText | None = None
    basis: BiText | None = None
    messages: dict[str, BiText]


class HeadingCell(_Strict):
    label: str
    span: int = Field(default=1, ge=1)
    down: int = Field(default=1, ge=1)


class Drawing(_Strict):
    """How the html page draws one table as printed (rules/drawings.yaml; docs/page.md)."""

    corner: str | None = None
    header: list[list[str | HeadingCell]] = []
    one_row: list[str] | None = None


class DrawingsFile(_Strict):
    tables: dict[str, Drawing]


MODELS: dict[str, type[BaseModel]] = {"pack": PackFile, "catalogue": CatalogEntry, "kind": KindEntry,
                                      "drawings": DrawingsFile}


def validate(data: object, what: str, where: str) -> None:
    """Raise `PackError` with one line (`where: key.path: problem`) if `data` does not fit."""
    model = MODELS[what]
    try:
        model.model_validate(data)
    except ValidationError as exc:
        errors = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")  # a typo explains the rest
        first = errors[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise PackError(f"{where}: {_describe(model, first)}{more}") from None


def _describe(model: type[BaseModel], error: ErrorDetails) -> str:
    loc = [str(part) for part in error["loc"] if not str(part).startswith("function-")]
    path = ".".join(loc)
    kind = error["type"]
    if kind == "extra_forbidden":
        known = _fields_at(model, loc[:-1])
        close = difflib.get_close_matches(loc[-1], known, n=1, cutoff=0.6)
        return f"{path}: unknown key" + (f" (did you mean {close[0]}?)" if close else "")
    if kind == "missing":
        return f"{path}: missing required key"
    message = str(error.get("msg", "")).removeprefix("Value error, ")
    if kind == "value_error" and message.startswith(("missing required key", "equations.")):
        return f"{path}: {message}" if path and not message.startswith("equations.") else message
    return f"{path}: {message}" if path else message


def _fields_at(model: type[BaseModel], loc: list[str]) -> list[str]:
    """The keys allowed at `loc` inside `model` (for "did you mean")."""
    current: Any = model
    for part in loc:
        if part.isdigit() or current is None:
            continue
        field = getattr(current, "model_fields", {}).get(part) or next(
            (f for f in getattr(current, "model_fields", {}).values() if f.alias == part), None)
        if field is None:
            current = _inner_model(current, part)
            continue
        current = _inner_model(field.annotation, None)
    if current is None or not hasattr(current, "model_fields"):
        return []
    return [f.alias or name for name, f in current.model_fields.items()]


def _inner_model(annotation: Any, _key: str | None) -> Any:
    """The model inside `list[M]`, `dict[str, M]`, `M | None` or `Annotated[M, …]`, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg, None)
        if found is not None:
            return found
    meta = getattr(annotation, "__origin__", None)
    return _inner_model(meta, None) if isinstance(meta, type) and issubclass(meta, BaseModel) else None
