"""YAML text to a tree of positioned nodes, safely.

PyYAML's parser (libyaml when present) gives the events; this module builds `Node`s from them in
one pass (no object is ever constructed, so no tag can run code) that keep every key's and value's
line and column, keep duplicate keys (PyYAML's loaders silently keep the last one), and refuse
alias bombs, cycles and deep nesting within a fixed budget, checked as the events arrive.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

import yaml

from reportlint.read.yaml_messages import zh_context, zh_problem
from reportlint.record import dataclass, field

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
    #: where the value as written ends (1-based, exclusive): a scalar's or a flow collection's
    #: (``[1, 2]``) last character plus one; (0, 0) for a block collection, whose end is not marked
    end_line: int = 0
    end_column: int = 0

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


def parse(text: str) -> Node | None:
    """Parse one YAML document into positioned nodes; None for an empty document.

    Raises `YamlProblem` for a syntax error, several documents, a tag other than the standard
    ones, an alias bomb, a cycle, or nesting deeper than `MAX_DEPTH`.
    """
    try:
        loader = _Loader(text)
        try:  # the parser's events pulled straight from it (no generator between: issue 14)
            return _Builder().build(iter(loader.get_event, None))
        finally:
            loader.dispose()
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


class _Builder:
    """Positioned nodes straight from the parser's events, in one pass: no intermediate node
    graph, no implicit-tag resolution (only nulls matter), the budget checked as events arrive.

    An alias reuses its anchor's node and counts all of that node's nodes again, so that an alias
    bomb is refused after `MAX_NODES` nodes however small the text; an alias to a node still
    open is a cycle."""

    def __init__(self) -> None:
        self.nodes = 0
        self.anchors: dict[str, tuple[Node, int]] = {}  # anchor → its node and how many nodes it holds
        self.open: set[str] = set()
        self.marks: dict[str, Any] = {}  # where each anchor was defined (a libyaml or PyYAML mark)

    def build(self, events: Iterator[yaml.Event]) -> Node | None:
        root: Node | None = None
        first: yaml.Event | None = None
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                if first is not None:
                    raise yaml.composer.ComposerError("expected a single document in the stream", _mark(first),
                                                      "but found another document", _mark(event))
                first = event
            elif isinstance(event, yaml.NodeEvent):
                root, _ = self._node(event, events, 0)
        return root

    def _count(self, event: yaml.Event, size: int) -> None:
        self.nodes += size
        if self.nodes > MAX_NODES:
            line, column = _position(event)
            raise YamlProblem(
                f"文件展开后超过 {MAX_NODES} 个节点（别名炸弹？），不予读取",
                f"the file expands to more than {MAX_NODES} nodes (an alias bomb?); not read",
                line,
                column,
            )

    def _node(self, event: yaml.Event, events: Iterator[yaml.Event], depth: int) -> tuple[Node, int]:
        """The node that `event` starts (its later events read from `events`), and its node count."""
        if type(event) is yaml.ScalarEvent and event.anchor is None and event.tag is None:
            # the common case, kept short (issue 14): an untagged, unanchored scalar
            self.nodes += 1
            mark = event.start_mark
            if self.nodes > MAX_NODES or depth > MAX_DEPTH:
                self._count(event, 0)
                self._deep(event, depth)
            style = event.style or ""
            value = event.value
            line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
            end = event.end_mark
            return Node("scalar", line, column, None if not style and value in _NULLS else value, bool(style), style,
                        end_line=end.line + 1 if end is not None else 0,
                        end_column=end.column + 1 if end is not None else 0), 1
        line, column = _position(event)
        if isinstance(event, yaml.AliasEvent):
            name = event.anchor or ""
            if name in self.open:
                raise YamlProblem("别名指向自身（循环引用）", "an alias refers to itself (a cycle)", line, column)
            if name not in self.anchors:
                raise yaml.composer.ComposerError(None, None, f"found undefined alias {name!r}", _mark(event))
            node, size = self.anchors[name]
            self._count(event, size)
            return node, size
        self._count(event, 1)
        self._deep(event, depth)
        tag: str | None = getattr(event, "tag", None)
        if tag is not None and tag != "!" and tag not in _PLAIN_TAGS:
            raise YamlProblem(
                f"不允许的 YAML 标签 {tag}：报告文件只含文字、数字、列表和映射",
                f"YAML tag {tag} is not allowed: a report holds only text, numbers, lists and mappings",
                line,
                column,
            )
        anchor = getattr(event, "anchor", None)
        self._check_anchor(anchor, event)
        if isinstance(event, yaml.ScalarEvent):
            node, size = self._scalar(event, tag, line, column), 1
        else:
            if anchor is not None:
                self.open.add(anchor)
            node, size = self._collection(event, events, depth, line, column)
            self.open.discard(anchor or "")
        if anchor is not None:
            self.anchors[anchor] = (node, size)
        return node, size

    @staticmethod
    def _deep(event: yaml.Event, depth: int) -> None:
        if depth > MAX_DEPTH:
            line, column = _position(event)
            raise YamlProblem(f"嵌套超过 {MAX_DEPTH} 层", f"nested more than {MAX_DEPTH} levels deep", line, column)

    def _check_anchor(self, anchor: str | None, event: yaml.Event) -> None:
        """An anchor defined twice is refused, as PyYAML's composer does."""
        if anchor is not None and anchor in self.marks:
            raise yaml.composer.ComposerError(f"found duplicate anchor {anchor!r}; first occurrence",
                                              self.marks[anchor], "second occurrence", _mark(event))
        if anchor is not None:
            self.marks[anchor] = _mark(event)

    @staticmethod
    def _scalar(event: yaml.ScalarEvent, tag: str | None, line: int, column: int) -> Node:
        style = event.style or ""
        # untagged: a null when YAML's resolver would make it one
        is_null = not style and (event.value in _NULLS if tag is None else tag == f"{_STANDARD}null")
        end = event.end_mark
        return Node("scalar", line, column, None if is_null else event.value, quoted=bool(style), style=style,
                    end_line=end.line + 1 if end is not None else 0, end_column=end.column + 1 if end is not None else 0)

    def _collection(self, start: yaml.Event, events: Iterator[yaml.Event], depth: int, line: int, column: int
                    ) -> tuple[Node, int]:
        children: list[Node] = []
        size = 1
        end = yaml.SequenceEndEvent if isinstance(start, yaml.SequenceStartEvent) else yaml.MappingEndEvent
        closed: tuple[int, int] = (0, 0)
        for event in events:
            if isinstance(event, end):
                mark = event.end_mark
                if getattr(start, "flow_style", False) and mark is not None:
                    closed = (mark.line + 1, mark.column + 1)
                break
            child, count = self._node(event, events, depth + 1)
            children.append(child)
            size += count
        if end is yaml.SequenceEndEvent:
            return Node("seq", line, column, items=children, end_line=closed[0], end_column=closed[1]), size
        pairs = list(zip(children[::2], children[1::2], strict=True))
        return Node("map", line, column, pairs=pairs, end_line=closed[0], end_column=closed[1]), size


#: Plain scalars that YAML 1.1 reads as null.
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


def _mark(event: yaml.Event) -> Any:
    """The event's start mark, for PyYAML's error classes (libyaml's marks are of another class)."""
    return event.start_mark


def _position(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
