"""YAML text to a tree of positioned nodes, safely.

PyYAML composes the node graph (no object is ever constructed, so no tag can run code); this
module copies it into `Node`s that keep every key's and value's line and column, keep duplicate
keys (PyYAML's loaders silently keep the last one), and refuse alias bombs, cycles and deep
nesting within a fixed budget.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

import yaml

from reportlint.read.yaml_messages import zh_context, zh_problem

#: libyaml reads the text as UTF-8, so its reader errors give a byte offset; PyYAML's own reader a character offset.
_BYTE_POSITIONS: bool
try:  # libyaml is ten times faster; the pure-Python parser gives the same nodes and marks.
    from yaml import CSafeLoader as _Loader

    _BYTE_POSITIONS = True
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

    _BYTE_POSITIONS = False

#: Most nodes one file may expand to (aliases count each time they are used). A full report has ~400.
MAX_NODES = 50_000
#: Deepest nesting accepted. A report nests five levels at most.
MAX_DEPTH = 64

#: What a YAML value is: a mapping, a sequence or a single value.
NodeKind = Literal["map", "seq", "scalar"]

_STANDARD = "tag:yaml.org,2002:"
_PLAIN_TAGS = {f"{_STANDARD}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}
_PLAIN_TAGS |= {f"{_STANDARD}{t}" for t in ("omap", "set", "merge", "value", "binary", "pairs")}


@dataclass(slots=True)
class Node:
    """One YAML value with its 1-based position. Mappings keep every key, duplicates included."""

    kind: NodeKind
    line: int
    column: int
    text: str | None = None  # a scalar's text as written; None for null, a mapping or a sequence
    quoted: bool = False  # a scalar written in quotes or as a block (so never a number or a null)
    style: str = ""  # a scalar's style: "" plain, '"' or "'" quoted, "|" literal or ">" folded block
    items: list[Node] = field(default_factory=list)  # a sequence's items
    pairs: list[tuple[Node, Node]] = field(default_factory=list)  # a mapping's (key, value) pairs

    @property
    def is_null(self) -> bool:
        return self.kind == "scalar" and self.text is None

    @property
    def kind_zh(self) -> str:
        """What kind of value this is, in Chinese, for messages."""
        return {"map": "映射", "seq": "列表", "scalar": "单个值"}[self.kind]

    @property
    def kind_en(self) -> str:
        """What kind of value this is, in English, for messages."""
        return {"map": "mapping", "seq": "list", "scalar": "single value"}[self.kind]

    def key_text(self) -> str:
        """A mapping key as text (keys that are mappings or lists are rendered as YAML-ish text)."""
        if self.kind == "scalar":
            return "" if self.text is None else self.text
        return "[…]" if self.kind == "seq" else "{…}"

    def walk(self) -> Iterator[Node]:
        yield self
        for item in self.items:
            yield from item.walk()
        for key, value in self.pairs:
            yield key
            yield from value.walk()

    def plain(self) -> object:
        """The node as plain data: dicts, lists, and scalar text (None for null). Last duplicate wins."""
        if self.kind == "map":
            return {k.key_text(): v.plain() for k, v in self.pairs}
        if self.kind == "seq":
            return [item.plain() for item in self.items]
        return self.text


class YamlProblem(Exception):
    """The text is not acceptable YAML: `zh`/`en` say why, `line`/`column` say where (1-based)."""

    def __init__(self, zh: str, en: str, line: int = 1, column: int = 1) -> None:
        super().__init__(en)
        self.zh, self.en, self.line, self.column = zh, en, line, column


#: Texts longer than this are first scanned event by event and refused once they hold more than
#: `MAX_NODES` nodes, before PyYAML builds a node graph (4 MiB of ``1,`` takes seconds and ~600 MB).
PRECOUNT_CHARS = 256 * 1024


def _precount(text: str) -> None:
    """Refuse a long text with more than `MAX_NODES` nodes without composing it."""
    count = 0
    node_events = (yaml.ScalarEvent, yaml.AliasEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, node_events):
                count += 1
                if count > MAX_NODES:
                    mark = event.start_mark
                    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
                    raise YamlProblem(
                        f"文件展开后超过 {MAX_NODES} 个节点（别名炸弹？），不予读取",
                        f"the file expands to more than {MAX_NODES} nodes (an alias bomb?); not read",
                        line,
                        column,
                    )
    except yaml.YAMLError:
        return  # a syntax error: composing reports it, with its position
    except RecursionError:
        return


class _Budget:
    def __init__(self) -> None:
        self.nodes = 0
        self.open: set[int] = set()


def parse(text: str) -> Node | None:
    """Parse one YAML document into positioned nodes; None for an empty document.

    Raises `YamlProblem` for a syntax error, several documents, a tag other than the standard
    ones, an alias bomb, a cycle, or nesting deeper than `MAX_DEPTH`.
    """
    if len(text) > PRECOUNT_CHARS:
        _precount(text)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.composer.ComposerError as exc:  # e.g. several documents, undefined alias
        raise _from_marked(exc) from None
    except yaml.MarkedYAMLError as exc:
        raise _from_marked(exc) from None
    except yaml.YAMLError as exc:  # reader errors (control characters) carry a position of their own
        position = getattr(exc, "position", None)
        line, column = _line_col(text, position) if isinstance(position, int) else (1, 1)
        reason = getattr(exc, "reason", None) or str(exc).splitlines()[0]
        zh = zh_problem(reason)
        raise YamlProblem(f"不是有效的 YAML：{zh}" if zh else "不是有效的 YAML", f"not valid YAML: {reason}", line,
                          column) from None
    except RecursionError:
        raise YamlProblem("嵌套过深", "the YAML nests too deeply") from None
    if root is None:
        return None
    return _copy(root, _Budget(), 0)


def _line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column, in characters, of a reader error's `offset` (bytes of UTF-8 under libyaml).

    Lines are counted as YAML 1.1 and the rest of reportlint count them (`str.splitlines`): after
    CR LF, CR, LF, U+0085, U+2028 or U+2029."""
    if _BYTE_POSITIONS:
        offset = len(text.encode("utf-8", "surrogatepass")[:offset].decode("utf-8", "ignore"))
    before = text[:offset].splitlines(keepends=True) or [""]
    last = before[-1]
    if last.splitlines() != [last]:  # the error is at the start of a line
        return len(before) + 1, 1
    return len(before), len(last) + 1


def _from_marked(exc: yaml.MarkedYAMLError) -> YamlProblem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = exc.problem or exc.context or "syntax error"
    if exc.context and exc.problem and "expected a single document" in exc.context:
        zh = "文件里有多个 YAML 文档；一个文件只应是一份报告"
        return YamlProblem(zh, "the file holds several YAML documents; one file is one report", line, column)
    problem_zh = zh_problem(problem)
    zh = f"YAML 语法错误：{problem_zh}" if problem_zh else "YAML 语法错误"
    if exc.context and exc.context != problem:
        context_zh = zh_context(exc.context)
        zh += f"（{context_zh}）" if context_zh and problem_zh else ""
        problem = f"{exc.context}: {problem}"
    context = exc.context_mark
    if context is not None and exc.problem_mark is not None and context.line != exc.problem_mark.line:
        zh += f"；起于第 {context.line + 1} 行第 {context.column + 1} 列"
        problem += f" (started at line {context.line + 1}, column {context.column + 1})"
    return YamlProblem(zh, f"YAML syntax error: {problem}", line, column)


def _copy(node: yaml.Node, budget: _Budget, depth: int) -> Node:
    line, column = node.start_mark.line + 1, node.start_mark.column + 1
    budget.nodes += 1
    if budget.nodes > MAX_NODES:
        raise YamlProblem(
            f"文件展开后超过 {MAX_NODES} 个节点（别名炸弹？），不予读取",
            f"the file expands to more than {MAX_NODES} nodes (an alias bomb?); not read",
            line,
            column,
        )
    if depth > MAX_DEPTH:
        raise YamlProblem(f"嵌套超过 {MAX_DEPTH} 层", f"nested more than {MAX_DEPTH} levels deep", line, column)
    if node.tag not in _PLAIN_TAGS:
        raise YamlProblem(
            f"不允许的 YAML 标签 {node.tag}：报告文件只含文字、数字、列表和映射",
            f"YAML tag {node.tag} is not allowed: a report holds only text, numbers, lists and mappings",
            line,
            column,
        )
    if isinstance(node, yaml.ScalarNode):
        is_null = node.tag == f"{_STANDARD}null" and not node.style
        return Node("scalar", line, column, None if is_null else node.value, quoted=bool(node.style),
                    style=node.style or "")
    key = id(node)
    if key in budget.open:
        raise YamlProblem("别名指向自身（循环引用）", "an alias refers to itself (a cycle)", line, column)
    budget.open.add(key)
    try:
        if isinstance(node, yaml.SequenceNode):
            return Node("seq", line, column, items=[_copy(item, budget, depth + 1) for item in node.value])
        pairs = [(_copy(k, budget, depth + 1), _copy(v, budget, depth + 1)) for k, v in node.value]
        return Node("map", line, column, pairs=pairs)
    finally:
        budget.open.discard(key)
