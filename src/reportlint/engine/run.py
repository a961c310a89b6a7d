"""Checking one file: read → parse → bind → run every enabled check → filter and sort findings."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from reportlint.engine.settings import Settings
from reportlint.findings.emit import Emitter
from reportlint.findings.finding import Finding

if TYPE_CHECKING:
    from reportlint.checks.base import Check
    from reportlint.convert.converted import Converted, Loader
    from reportlint.document.facts import Facts
    from reportlint.document.model import Document
    from reportlint.engine.isolate import Limits
    from reportlint.engine.recent import RecentReports
    from reportlint.format.library import Library
    from reportlint.format.packs import Pack
    from reportlint.plugins.manager import Plugins

#: Suffixes read as report YAML; any other suffix goes to a registered document loader.
YAML_SUFFIXES = (".yaml", ".yml")


class CannotRun(Exception):
    """reportlint itself cannot run (a broken installation or pack): exit 2, one line."""


class Terminated(SystemExit):
    """SIGTERM: stop now, quietly (exit 143). Raised by the command line's signal handler; passes
    through everything that turns a file's failure into a finding."""


def check_file(path: Path, settings: Settings, display: str | None = None, plugins: Plugins | None = None,
               notes: list[str] | None = None, facts: list[Facts] | None = None,
               paired: str | None = None, stream: BinaryIO | None = None, text: str | None = None,
               recent: RecentReports | None = None) -> list[Finding]:
    """All findings for one file, filtered by the settings and sorted by line, column, code.

    Whatever goes wrong with this file is a finding of this file (RL001, RL901); only a broken
    installation or pack (`CannotRun`), Ctrl-C and SIGTERM end the run.
    `plugins` default to the installed ones (`settings.autoload`); tests pass their own. A
    converted document's notes (what the converter assumed or could not find) go to `notes`; the
    report's facts (agency, year, pack, the tables' numbers) to `facts`, when it could be read.
    `paired` is last year's report found by pairing a folder run (`engine.pairing`): compared only
    when neither `--previous` nor `previous:` names one, and only when it proves to be of the same
    agency and the year before (else a note says why not).
    With `stream` (standard input), the report YAML is read from it, within the size limit of a file;
    `path` is then the name it is known by (its folder is where `previous:` is found).
    `text` is checked instead of the YAML file's contents (--fix re-checks its result so).
    `recent` keeps the reports bound in this process, so that one named as last year's by a later
    report is not read again (`engine.recent`)."""
    from reportlint.format.catalog import CatalogError
    from reportlint.format.packs import PackError

    try:
        return _check(path, settings, display, plugins, notes, facts, paired, stream, text, recent)
    except (CannotRun, Terminated, KeyboardInterrupt):
        raise
    except (PackError, CatalogError) as exc:  # a broken pack is not the report's fault: cannot run (exit 2)
        raise CannotRun(str(exc)) from None
    except (Exception, SystemExit) as exc:  # an internal error after the file was read
        _debug(settings)
        emit = Emitter(display or str(path), settings.library(), settings.severity)
        emit("RL001", "failed", (1, 1), error=_describe(exc))
        return emit.findings


def _check(path: Path, settings: Settings, display: str | None, plugins: Plugins | None,
           notes: list[str] | None, facts: list[Facts] | None, paired: str | None = None,
           stream: BinaryIO | None = None, given: str | None = None,
           recent: RecentReports | None = None) -> list[Finding]:
    from reportlint.convert.errors import ConversionFailed, NotAReport
    from reportlint.format.catalog import CatalogError
    from reportlint.format.packs import PackError
    from reportlint.plugins.manager import installed
    from reportlint.read import yamltree
    from reportlint.read.source import Unreadable

    plugins = plugins or installed(settings.autoload)
    library = settings.library()
    emit = Emitter(display or str(path), library, settings.severity)
    converted = text = None
    key = None
    if recent is not None and stream is None and given is None:
        from reportlint.engine.recent import identity

        key = identity(path)
    try:
        doc, converted, text = _load(path, emit, settings.pack, library, plugins, settings, stream, given)
        if converted is not None and notes is not None:
            notes.extend(converted.notes)
        if recent is not None and doc is not None and converted is None and settings.pack is None:
            recent.keep(key, library, doc)
    except Unreadable as exc:
        emit("RL001", "unreadable", (exc.line, exc.column), reason_zh=exc.zh, reason_en=exc.en)
        doc = None
    except yamltree.YamlProblem as exc:
        emit("RL001", "yaml", (exc.line, exc.column), reason_zh=exc.zh, reason_en=exc.en)
        doc = None
    except NotAReport as exc:
        emit("RL001", "not_a_report", (1, 1), reason_zh=exc.zh, reason_en=exc.en)
        doc = None
    except ConversionFailed as exc:
        if settings.debug and exc.detail:
            print(exc.detail, end="", file=sys.stderr)
        emit("RL001", exc.variant, (1, 1), **exc.fields)
        doc = None
    except (PackError, CatalogError) as exc:
        raise CannotRun(str(exc)) from None
    except (Terminated, KeyboardInterrupt):
        raise
    except (Exception, SystemExit) as exc:  # a reader's or a loader plugin's bug: this file's RL001
        _debug(settings)
        emit("RL001", "failed", (1, 1), error=_describe(exc))
        doc = None
    if doc is not None:
        if settings.previous or doc.meta.previous or paired is None:
            _attach_previous(doc, path, emit, settings, plugins, recent)
        else:
            _attach_paired(doc, Path(paired), emit, settings, plugins, notes, recent)
        _run_checks(doc, emit, settings, plugins)
        if facts is not None:
            from reportlint.document.facts import of

            facts.append(of(doc))
    findings = emit.findings
    if converted is None and doc is not None and text is not None:
        from reportlint.findings import suppress

        found = suppress.directives(text)
        if found:
            findings = suppress.apply(list(findings), found, set(library.registry()), emit)
    return _finish(findings, settings, converted, str(path), notes)


def _previous(target: Path, emit: Emitter, settings: Settings, plugins: Plugins,
              recent: RecentReports | None) -> Document | None:
    """Last year's report at `target`: kept from earlier in this process, else read and bound
    (its own problems are not this report's findings)."""
    if recent is not None:
        kept = recent.get(target, emit.library)
        if kept is not None:
            return kept
    previous, _, _ = _load(target, Emitter(str(target), emit.library), None, emit.library, plugins, settings)
    return previous


def _describe(exc: BaseException) -> str:
    from reportlint.engine.isolate import describe

    return describe(exc)


def _debug(settings: Settings) -> None:
    """With --debug, the traceback of the exception being handled, on stderr."""
    if settings.debug:
        import traceback

        traceback.print_exc()


def _load(path: Path, emit: Emitter, pack_override: str | None, library: Library, plugins: Plugins,
          settings: Settings, stream: BinaryIO | None = None, given: str | None = None
          ) -> tuple[Document | None, Converted | None, str]:
    """Read (unless `given` is the YAML text), parse and bind one file (or report YAML from
    `stream`); problems reading it raise,
    problems in it go to `emit`."""
    from reportlint.document.bind import bind
    from reportlint.read import yamltree
    from reportlint.read.source import decode, read_stream, read_text

    converted = None
    if given is not None:
        text = given
    elif stream is not None:
        text, _ = decode(read_stream(stream))
    elif path.suffix.lower() in YAML_SUFFIXES or not path.suffix:
        text, _ = read_text(path)
    else:
        converted = convert_kept(path, plugins, settings)
        text = converted.yaml_text
    lines = text.splitlines() if converted is None else None
    return bind(yamltree.parse(text), emit.file, emit, pack_override, library, lines), converted, text


def _attach_previous(doc: Document, path: Path, emit: Emitter, settings: Settings, plugins: Plugins,
                     recent: RecentReports | None = None) -> None:
    """Load last year's report (`--previous`, else `previous:` relative to the report) for RL7,
    unless it is of another agency (RL704 says so).

    Loaded even when the RL7 rules are off: a named input that cannot be read is always RL001."""
    from reportlint.convert.errors import ConversionFailed, NotAReport
    from reportlint.format.catalog import CatalogError
    from reportlint.format.packs import PackError
    from reportlint.read import yamltree
    from reportlint.read.source import Unreadable

    if settings.previous:
        target, at = Path(settings.previous), (1, 1)
    elif doc.meta.previous:
        target, at = path.parent / doc.meta.previous, doc.at("previous")
    else:
        return
    try:
        if _same_file(target, path):
            raise Unreadable("上年报告就是本文件", "the previous report is this file itself")
        previous = _previous(target, emit, settings, plugins, recent)
    except (Unreadable, yamltree.YamlProblem, NotAReport) as exc:
        emit("RL001", "previous", at, path="previous", file=str(target), reason_zh=exc.zh, reason_en=exc.en)
        return
    except ConversionFailed as exc:
        if settings.debug and exc.detail:
            print(exc.detail, end="", file=sys.stderr)
        zh, en = emit.library.doc("RL001").render(exc.variant, exc.fields)
        emit("RL001", "previous", at, path="previous", file=str(target), reason_zh=zh, reason_en=en)
        return
    except (Terminated, KeyboardInterrupt, CannotRun, PackError, CatalogError):
        raise
    except (Exception, SystemExit) as exc:  # a reader's bug: last year's report is unreadable, this one is checked
        _debug(settings)
        zh, en = emit.library.doc("RL001").render("failed", {"error": _describe(exc)})
        emit("RL001", "previous", at, path="previous", file=str(target), reason_zh=zh, reason_en=en)
        return
    if previous is None:
        emit("RL001", "previous", at, path="previous", file=str(target), reason_zh="其中没有报告",
             reason_en="there is no report in it")
        return
    from reportlint.document.agency import same_agency

    if not same_agency(doc.meta.agency, previous.meta.agency):  # a shared --previous of another agency
        emit("RL704", "default", at, path="previous", file=str(target), other=previous.meta.agency,
             agency=doc.meta.agency)
        return
    doc.previous = previous


def _attach_paired(doc: Document, target: Path, emit: Emitter, settings: Settings, plugins: Plugins,
                   notes: list[str] | None, recent: RecentReports | None = None) -> None:
    """Compare with `target`, last year's report found by pairing, when it is of the same agency
    (equal pairing keys) and the year before; otherwise, or when it cannot be read, a note, no finding."""
    from reportlint.document.agency import pair_key

    def skip(why: str) -> None:
        if notes is not None:
            notes.append(f"not compared with {target}: {why}")

    try:
        previous = _previous(target, emit, settings, plugins, recent)
    except (Terminated, KeyboardInterrupt, CannotRun):
        raise
    except Exception as exc:  # a report nobody named: it is not this report's fault
        skip(f"it cannot be read ({getattr(exc, 'en', None) or _describe(exc)})")
        return
    if previous is None:
        skip("there is no report in it")
        return
    mine, theirs = doc.meta, previous.meta
    if not pair_key(mine.agency) or not _one_agency(doc, previous):
        skip(f"it is of {theirs.agency}, this report of {mine.agency}")
    elif mine.year is None or theirs.year != mine.year - 1:
        skip(f"it is of {theirs.year}, this report of {mine.year}")
    elif doc.agency_kind_sure and previous.agency_kind_sure and doc.agency_kind != previous.agency_kind:
        skip(f"it is of a {previous.agency_kind}, this report of a {doc.agency_kind}")
    else:
        doc.previous = previous


def _one_agency(doc: Document, previous: Document) -> bool:
    """Equal pairing keys; or one name is the other with a leading city, and the report under the
    shorter name names the longer one in its own text (本报告由淮安市洪泽区人民政府办公室编制)."""
    from reportlint.document.agency import names_itself, pair_key, tails

    mine, theirs = doc.meta.agency, previous.meta.agency
    if pair_key(mine) == pair_key(theirs):
        return True
    short, long = (doc, previous) if pair_key(mine) in tails(theirs) else (previous, doc)
    if pair_key(short.meta.agency) not in tails(long.meta.agency):
        return False
    words = [short.meta.preamble or "", *(section.text for section in short.sections or ())]
    return names_itself("\n".join(words), long.meta.agency)


def convert_kept(path: Path, plugins: Plugins, settings: Settings) -> Converted:
    """`path` converted within the settings' limits, or its conversion kept earlier in this run
    (`settings.conversions`, when pairing converted it to learn its agency and year)."""
    if settings.conversions is None:
        return _convert(path, plugins, settings.limits())
    from reportlint.engine.conversions import cached

    return cached(settings.conversions, path, lambda: _convert(path, plugins, settings.limits()))


def _same_file(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:  # missing, a link loop …: reading it says why
        return False


def _convert(path: Path, plugins: Plugins, limits: Limits) -> Converted:
    """The document through the first loader that claims its suffix, within `limits` (a child process)."""
    from reportlint.engine.isolate import convert
    from reportlint.read.paths import require_regular
    from reportlint.read.source import Unreadable

    require_regular(path)
    suffix = path.suffix.lower()
    loader = loader_for(path, plugins)
    if loader is not None:
        return convert(loader, path, limits)
    known = sorted({s for loader in plugins.loaders() for s in loader.suffixes} | set(YAML_SUFFIXES))
    raise Unreadable(
        f"不认识的文件类型 {suffix}（可检查：{'、'.join(known)}）",
        f"unknown file type {suffix} (reportlint reads {', '.join(known)})",
    )


def loader_for(path: Path, plugins: Plugins) -> Loader | None:
    """The first loader that claims `path`'s suffix (None: a type reportlint does not read)."""
    suffix = path.suffix.lower()
    return next((loader for loader in plugins.loaders() if suffix in loader.suffixes), None)


def _run_checks(doc: Document, emit: Emitter, settings: Settings, plugins: Plugins) -> None:
    from reportlint.format.packs import PackError

    for check in plugins.checks():
        if not any(settings.enabled(code) for code in _codes_of(check, doc.pack)):
            continue
        try:
            check.run(doc, emit, settings)
        except PackError as exc:  # a broken rule pack is not the report's fault: cannot run (exit 2)
            raise CannotRun(str(exc)) from None
        except (Terminated, KeyboardInterrupt):
            raise
        except (Exception, SystemExit) as exc:  # a check's bug, or one that calls sys.exit: RL901, the run goes on
            _debug(settings)
            emit("RL901", "default", (1, 1), check=check.name, error=_describe(exc))


def _codes_of(check: Check, pack: Pack) -> tuple[str, ...]:
    """The codes `check` may report on a document of `pack`: its own, and those the pack's entries
    of the kinds it runs define (an equation `rule: RL391` is run by the equations check)."""
    kinds: tuple[str, ...] = getattr(check, "kinds", ())  # a plugin's check may not subclass `Check`
    codes = [*check.codes, *(str(entry["rule"]) for entry in pack.content if entry.get("kind") in kinds)]
    if "equation" in kinds:
        codes.extend(spec.rule for spec in pack.equations)
    return tuple(codes)


def _finish(findings: list[Finding], settings: Settings, converted: Converted | None, path: str,
            notes: list[str] | None) -> list[Finding]:
    """Apply selection, `per-file-ignores` and severity settings (except to the rules that cannot be
    hidden), place findings of converted documents in their source, and sort. Which per-file
    ignores hid what goes to `notes` (printed with --verbose)."""
    library = settings.library()
    kept: list[Finding] = []
    hidden: dict[str, list[str]] = {}
    for finding in findings:
        if library.doc(finding.code).always:
            pass
        elif not settings.enabled(finding.code):
            continue
        elif (glob := settings.ignored_in(path, finding.code)) is not None:
            hidden.setdefault(glob, []).append(finding.code)
            continue
        if converted is not None:
            _place_in_document(finding, converted)
        kept.append(finding)
    kept.sort(key=Finding.sort_key)
    if notes is not None:
        notes.extend(f"per-file-ignores {glob!r} hid {len(codes)} finding(s): {', '.join(sorted(set(codes)))}"
                     for glob, codes in hidden.items())
    return kept


def _place_in_document(finding: Finding, converted: Converted) -> None:
    """Point a finding on converted YAML, and each of its related places, into the document."""
    ref = converted.locate(finding.place)
    finding.line, finding.column = (ref.line, ref.column) if ref is not None else (1, 1)
    finding.source = ref.as_dict() if ref is not None else None
    for related in finding.related:
        ref = converted.locate(related.place)
        related.line, related.column = (ref.line, ref.column) if ref is not None else (1, 1)
        related.source = ref.as_dict() if ref is not None else None
