"""Column labels by their place in a structured table, from the header rows above the values."""

from __future__ import annotations

from reportlint.convert.blocks import Block, squeeze
from reportlint.format.labels import normalise

Token = tuple[str, Block]


class HeaderGrid:
    """The column label over each column of a table read as cells (HTML, DOCX, PDF).

    Header rows that follow each other add up (Table 三: 申请人情况 / 自然人, 法人或其他组织, 总计 /
    商业企业 …); a header row after values starts again. A cell names the column it starts in (a
    merged cell the first of its columns); a lower row's label wins. Rows without any column label
    (a group label on a row of its own) change nothing.
    """

    def __init__(self, known: dict[str, str]) -> None:
        self.known = known  # normalised label -> label as the pack writes it
        self.at: dict[int, str] = {}
        self.open = False

    def see(self, tokens: list[Token], has_values: bool) -> None:
        """Take in one row of the table: a header row's labels, or the end of the header."""
        if has_values:
            self.open = False
            return
        found = {b.col: self.known[key] for t, b in tokens
                 if b.kind == "cell" and b.col is not None and (key := normalise(squeeze(t))) in self.known}
        if found:
            if not self.open:
                self.at = {}
            self.at.update(found)
            self.open = True

    def labels(self, values: list[Token]) -> list[str] | None:
        """The label over each value ("" where there is none); None when the values are not cells."""
        if not self.at or any(b.kind != "cell" or b.col is None for _, b in values):
            return None
        return [self.at.get(b.col, "") for _, b in values if b.col is not None]
