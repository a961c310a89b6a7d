"""reportlint.record: the data classes of the check path, without importing `dataclasses`."""

from __future__ import annotations

import pickle
import subprocess
import sys

import pytest

from conftest import SEED
from reportlint.findings.finding import Place
from reportlint.record import dataclass, field, replace


@dataclass(slots=True)
class Box:
    name: str
    size: int = 1
    items: list[int] = field(default_factory=list)
    note: str = field(default="", compare=False, repr=False)
    derived: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.derived = self.name.upper()


@dataclass(slots=True, frozen=True)
class Pair:
    left: int
    right: int = 0


def test_init_defaults_factories_and_post_init() -> None:
    one, two = Box("a"), Box("a")
    one.items.append(1)
    assert two.items == [] and one.derived == "A" and one.size == 1
    assert Box("b", 2, [3], note="x").items == [3]
    assert not hasattr(Box("a"), "__dict__")  # slotted
    with pytest.raises(TypeError):
        Box()  # type: ignore[call-arg]


def test_equality_ignores_uncompared_fields_and_repr_hides_them() -> None:
    assert Box("a", note="x") == Box("a", note="y")
    assert Box("a") != Box("a", 2)
    assert Box("a") != Pair(1)
    assert repr(Box("a", 2)) == "Box(name='a', size=2, items=[])"


def test_frozen_records_hash_and_refuse_assignment() -> None:
    assert hash(Pair(1, 2)) == hash(Pair(1, 2)) and {Pair(1): "x"}[Pair(1, 0)] == "x"
    with pytest.raises(AttributeError):
        Pair(1).left = 2  # type: ignore[misc]
    with pytest.raises(TypeError):
        hash(Box("a"))


def test_records_pickle_as_workers_send_them() -> None:
    for value in (Box("a", 3, [1]), Pair(4, 5), Place(("tables", "主动公开"), "table")):
        again = pickle.loads(pickle.dumps(value))
        assert again == value and type(again) is type(value)
    assert pickle.loads(pickle.dumps(Box("q"))).derived == "Q"


def test_replace_changes_only_the_named_fields() -> None:
    changed = replace(Pair(1, 2), right=3)
    assert changed == Pair(1, 3)
    with pytest.raises(TypeError):
        replace(Pair(1), nothing=1)


def test_a_field_without_a_default_after_one_with_a_default_is_refused() -> None:
    with pytest.raises(TypeError, match="without a default"):
        @dataclass(slots=True)
        class Bad:
            first: int = 0
            second: int  # type: ignore[misc]


def test_checking_a_report_as_json_does_not_import_dataclasses_or_inspect() -> None:
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "reportlint", "--format", "json", str(SEED)],
                            capture_output=True, text=True, timeout=60)
    loaded = {line.rsplit("|", 1)[1].strip() for line in result.stderr.splitlines()
              if line.startswith("import time:") and "|" in line}
    assert "reportlint.engine.run" in loaded
    assert not {"dataclasses", "inspect", "ast"} & loaded, sorted({"dataclasses", "inspect", "ast"} & loaded)


def test_a_field_name_that_is_no_plain_identifier_is_refused_before_any_code_is_made() -> None:
    from reportlint.record import _build

    odd = type("Odd", (), {"__annotations__": {"a = 1; import os": "int"}})
    with pytest.raises(TypeError, match="not a plain identifier"):
        _build(odd, False)
