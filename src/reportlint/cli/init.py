"""`reportlint init`: a blank report of a year's format, as YAML or as a Word document."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reportlint.cli.common import EXIT_CANNOT_RUN, EXIT_CLEAN, Parser, UsageError, add_global_options, require_pack

if TYPE_CHECKING:
    from reportlint.engine.settings import Settings


def init_parser() -> Parser:
    """The options of `init` (also what shell completion offers)."""
    p = Parser(prog="reportlint init", description="Write a blank report of a year's format: every section, "
               "every table row and column at 0, the period and the publication deadline.")
    p.add_argument("--year", type=int, required=True, help="the year the report covers (chooses the rule pack)")
    p.add_argument("--agency", required=True, help="机关名称, the name of the agency")
    p.add_argument("--kind", default=None, help="the kind of agency (the pack's kinds: department, government, "
                   "township); default: guessed from the name")
    p.add_argument("--pack", default=None, help="use this rule pack instead of choosing it by year")
    p.add_argument("-o", "--output", default=None, metavar="FILE", help="write it here (default: standard output)")
    p.add_argument("--docx", action="store_true", help="write a Word document laid out like the official template")
    p.add_argument("--force", action="store_true", help="overwrite the output file if it exists")
    add_global_options(p)
    return p


def init(argv: list[str]) -> int:
    opts = init_parser().parse_args(argv)
    agency = opts.agency.strip()
    if not agency:
        raise UsageError("--agency: give the name of the agency")
    if not 1990 <= opts.year <= 2100:
        raise UsageError(f"--year {opts.year}: a report year is between 1990 and 2100")
    from reportlint.cli.commands import _library
    from reportlint.format.skeleton import Blank

    library = _library()
    configured = _configured()
    chosen = opts.pack or configured.pack  # as the checker chooses: --pack, the configuration, the year
    if chosen:
        require_pack(chosen, library.available(), "--pack" if opts.pack else "pack (configuration)")
    pack = library.pack(chosen) if chosen else library.pack_for_year(opts.year)
    kinds = list(dict.fromkeys(kind for kind, _, _ in pack.agency_kinds)) or list(pack.deadlines)
    if opts.kind is not None and opts.kind not in kinds:
        raise UsageError(f"--kind {opts.kind}: choose one of {', '.join(kinds)}")
    blank = Blank(agency, opts.year, opts.kind, configured.township_deadline, pack_named=bool(chosen))
    if opts.docx:
        if not opts.output or opts.output == "-":
            raise UsageError("--docx writes a file: give it with -o FILE.docx")
        from reportlint.cli.init_docx import docx_bytes

        return _write(Path(opts.output), docx_bytes(pack, blank), opts.force)
    from reportlint.format.skeleton import yaml_text

    text = yaml_text(pack, blank)
    if not opts.output or opts.output == "-":
        sys.stdout.write(text)
        return EXIT_CLEAN
    return _write(Path(opts.output), text.encode("utf-8"), opts.force)


def _configured() -> Settings:
    """The settings of the configuration found from the current folder (its pack and township deadline)."""
    from reportlint.engine.config import apply, find_config, load
    from reportlint.engine.settings import Settings

    settings = Settings()
    config_path = find_config(Path.cwd())
    if config_path is not None:
        apply(settings, load(config_path), config_path)
    return settings


def _write(path: Path, data: bytes, force: bool) -> int:
    """Write `data` to `path` atomically, never over an existing file without `force`."""
    from reportlint.cli.atomic import Refused, write_bytes

    try:
        write_bytes(path, data, force=force)
    except Refused as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        print(f"reportlint: cannot write {path}: {exc.strerror}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    return EXIT_CLEAN
