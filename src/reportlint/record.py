"""Plain data classes at a tenth of the import cost of `dataclasses` (issue 14: start-up).

`@dataclass` here takes the classes of the check path as the standard decorator would — fields
from the annotations, defaults, `field(default_factory=…, init=False, compare=False, repr=False)`,
`__post_init__`, `slots`, `frozen` — and builds `__init__` with one `exec` per class, while
`__eq__`, `__repr__`, `__hash__` and pickling come from a shared base. Importing `dataclasses` costs
`inspect`, `ast` and `dis`, and each of its classes several `exec`s and a scan of its annotations;
the check path builds about thirty classes before it reads a report. Type checkers read the
decorator through `dataclass_transform` (PEP 681).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, dataclass_transform, overload

T = TypeVar("T", bound=type)


class _Missing:
    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class Field:
    """What `field(…)` gives: a default or a factory, and whether the field is in `__init__`,
    compared and shown."""

    __slots__ = ("compare", "default", "factory", "init", "repr")

    def __init__(self, default: Any, factory: Callable[[], Any] | None, init: bool, compare: bool, repr: bool) -> None:
        self.default, self.factory, self.init, self.compare, self.repr = default, factory, init, compare, repr


def field(*, default: Any = MISSING, default_factory: Callable[[], Any] | None = None, init: bool = True,
          compare: bool = True, repr: bool = True) -> Any:
    """A field with a default factory, or left out of `__init__`, comparison or `repr`."""
    return Field(default, default_factory, init, compare, repr)


class Record:
    """The shared behaviour: equality over the compared fields, a readable `repr`, pickling."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()  # every field, in order
    _compared: tuple[str, ...] = ()
    _shown: tuple[str, ...] = ()

    def _key(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._compared)

    def __eq__(self, other: object) -> bool:
        if other is self:
            return True
        if other.__class__ is not self.__class__:
            return NotImplemented
        return isinstance(other, Record) and self._key() == other._key()

    __hash__ = None  # type: ignore[assignment]  # mutable records are not hashable, as with dataclasses

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._shown)
        return f"{type(self).__qualname__}({shown})"

    def __getstate__(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name, MISSING) for name in self._fields)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        for name, value in zip(self._fields, state, strict=True):
            if value is not MISSING:
                object.__setattr__(self, name, value)


class FrozenRecord(Record):
    """A record whose fields are set once: hashable, and assignment raises."""

    __slots__ = ()

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(self._key())

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r} of a frozen {type(self).__name__}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r} of a frozen {type(self).__name__}")


@overload
def dataclass(cls: T, /) -> T: ...
@overload
def dataclass(*, slots: bool = True, frozen: bool = False) -> Callable[[T], T]: ...


@dataclass_transform(field_specifiers=(field, Field))
def dataclass(cls: Any = None, /, *, slots: bool = True, frozen: bool = False) -> Any:
    """A slotted record class of `cls` (`slots` is accepted for the standard decorator's spelling;
    records always have slots)."""

    def wrap(cls: type) -> type:
        return _build(cls, frozen)

    return wrap if cls is None else wrap(cls)


def _build(cls: type, frozen: bool) -> type:
    own = cls.__dict__
    names = [name for name, hint in own.get("__annotations__", {}).items()
             if not str(hint).startswith(("ClassVar", "typing.ClassVar"))]
    specs: dict[str, Field] = {}
    for name in names:
        value = own.get(name, MISSING)
        specs[name] = value if isinstance(value, Field) else Field(value, None, True, True, True)
    body = {key: value for key, value in own.items() if key not in specs and key not in ("__dict__", "__weakref__")}
    body["__slots__"] = tuple(names)
    body["_fields"] = tuple(names)
    body["_compared"] = tuple(n for n in names if specs[n].compare)
    body["_shown"] = tuple(n for n in names if specs[n].repr)
    body["__init__"] = _init(cls.__qualname__, specs, frozen, "__post_init__" in own)
    body["__match_args__"] = tuple(n for n in names if specs[n].init)
    base = FrozenRecord if frozen else Record
    bases = tuple(b for b in cls.__bases__ if b is not object)
    bases = bases if any(issubclass(b, Record) for b in bases) else (*bases, base)
    new = type(cls)(cls.__name__, bases, body)
    new.__qualname__ = cls.__qualname__
    return new


def _init(qualname: str, specs: dict[str, Field], frozen: bool, post_init: bool) -> Callable[..., None]:
    """`__init__` for the fields, made with one `exec` (as fast to call as a hand-written one)."""
    scope: dict[str, Any] = {"MISSING": MISSING, "_set": object.__setattr__}
    params, lines = ["self"], []
    for name, spec in specs.items():
        if not name.isidentifier() or name.startswith("__"):
            raise TypeError(f"{qualname}: field name {name!r} is not a plain identifier")
        if spec.init:
            if spec.factory is not None:
                scope[f"_f_{name}"] = spec.factory
                params.append(f"{name}=MISSING")
                lines.append(f"if {name} is MISSING: {name} = _f_{name}()")
            elif spec.default is not MISSING:
                scope[f"_d_{name}"] = spec.default
                params.append(f"{name}=_d_{name}")
            else:
                params.append(name)
            value = name
        elif spec.factory is not None:
            scope[f"_f_{name}"] = spec.factory
            value = f"_f_{name}()"
        elif spec.default is not MISSING:
            scope[f"_d_{name}"] = spec.default
            value = f"_d_{name}"
        else:
            continue  # set by __post_init__
        lines.append(f"_set(self, {name!r}, {value})" if frozen else f"self.{name} = {value}")
    if post_init:
        lines.append("self.__post_init__()")
    _check_order(qualname, params)
    source = f"def __init__({', '.join(params)}):\n    " + "\n    ".join(lines or ["pass"]) + "\n"
    # made only of this class's own field names, each checked to be an identifier above
    exec(source, scope)
    init: Callable[..., None] = scope["__init__"]
    init.__qualname__ = f"{qualname}.__init__"
    return init


def _check_order(qualname: str, params: list[str]) -> None:
    seen_default = False
    for param in params[1:]:
        if "=" in param:
            seen_default = True
        elif seen_default:
            raise TypeError(f"{qualname}: field {param!r} without a default follows one with a default")


def replace(obj: Any, **changes: Any) -> Any:
    """A copy of the record `obj` with some fields changed (as `dataclasses.replace`)."""
    new = object.__new__(type(obj))
    for name in obj._fields:
        if hasattr(obj, name):
            object.__setattr__(new, name, changes.pop(name, getattr(obj, name)))
    if changes:
        raise TypeError(f"{type(obj).__name__} has no field {next(iter(changes))!r}")
    return new
