"""Edits of a YAML report's text for fixes, at the places the positioned tree knows: a scalar
replaced where it is written, an entry of a block mapping removed with its lines. Nothing is ever
re-dumped; an edit that cannot be made exactly is not offered (None)."""

from __future__ import annotations

import json
import re

from reportlint.document.model import Document
from reportlint.findings.fixes import Edit
from reportlint.read.yamltree import Node

#: Text that can stand as a plain YAML scalar and stay text of that value (re-checked after fixing).
_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^#]*(?<![\s:])$")


def node_at(doc: Document, line: int, column: int) -> Node | None:
    """The scalar that starts at (line, column) in the report, if there is one."""
    if doc.root is None:
        return None
    for node in doc.root.walk():
        if node.kind == "scalar" and node.line == line and node.column == column:
            return node
    return None


def as_scalar(text: str, style: str) -> str:
    """`text` written as a YAML scalar in `style` when it can be ("" plain, '"' or "'"), else double-quoted."""
    if style == "'" and "\n" not in text:
        return "'" + text.replace("'", "''") + "'"
    if style == "" and _PLAIN.match(text) and ": " not in text and " #" not in text:
        return text
    return json.dumps(text, ensure_ascii=False)


def replace_scalar(doc: Document, line: int, column: int, new: str) -> Edit | None:
    """Replace the one-line scalar written at (line, column) with `new` (YAML text, as written)."""
    node = node_at(doc, line, column)
    if node is None or node.end_line != line or doc.lines is None or line > len(doc.lines):
        return None
    old = doc.lines[line - 1][column - 1 : node.end_column - 1]
    if not old or old == new:
        return None
    return Edit(line, column, line, node.end_column, old, new)


def remove_entry(doc: Document, key: Node, value: Node) -> Edit | None:
    """Remove a block mapping's entry (its key, its value and the lines they fill), when the key
    starts its line and nothing but a comment follows the value on its last line."""
    lines = doc.lines
    if lines is None or key.kind != "scalar" or key.end_line != key.line:
        return None
    ends = [(n.end_line, n.end_column) for n in value.walk() if n.end_line]
    if not ends:
        return None
    last, end_column = max(ends)
    if last > len(lines) or lines[key.line - 1][: key.column - 1].strip():
        return None
    rest = lines[last - 1][end_column - 1 :].strip()
    if rest and not rest.startswith("#"):
        return None
    old = "\n".join(lines[key.line - 1 : last]) + "\n"
    return Edit(key.line, 1, last + 1, 1, old, "")
