"""`reportlint completion bash|zsh|powershell`: a shell completion script, printed once and
loaded by the shell, so that completing costs reportlint nothing at start-up. bash and zsh
scripts are generated from the argument parsers by shtab (the `completion` extra); the PowerShell
script is written here, from the same parsers, and needs nothing installed."""

from __future__ import annotations

import argparse
import importlib
import sys

from reportlint.cli.common import EXIT_CLEAN, Parser, UsageError, add_global_options

SHELLS = ("bash", "zsh", "powershell")
#: Each command word, what it does and the function (in `reportlint.MODULE`) that makes its parser (add other commands here).
COMMANDS = {
    "check": ("check reports (the default)", "cli.main:_check_parser"),
    "rules": ("list every rule, or explain one", "cli.commands:rules_parser"),
    "convert": ("turn a published document into report YAML", "cli.commands:convert_parser"),
    "schema": ("print the JSON Schema of the report file", "cli.commands:schema_parser"),
    "plugins": ("list the plugins loaded", "cli.commands:plugins_parser"),
    "export": ("write every report's verdict and numbers to a spreadsheet", "cli.export:export_parser"),
    "init": ("write a blank report of a year's format", "cli.init:init_parser"),
    "baseline": ("record today's findings for --baseline", "cli.baseline:baseline_parser"),
    "completion": ("print a shell completion script", "cli.completion:completion_parser"),
}
#: Options whose value is a file or folder name (completed as paths).
PATH_OPTIONS = {"--config", "--previous", "--output-file", "-o", "--output", "--stdin-filename"}
INSTALL = "pip install 'reportlint[completion]'"


def completion_parser() -> Parser:
    p = Parser(prog="reportlint completion", description="Print a shell completion script. bash: "
               "reportlint completion bash > ~/.local/share/bash-completion/completions/reportlint; zsh: "
               "reportlint completion zsh > ~/.zfunc/_reportlint; PowerShell: "
               "reportlint completion powershell | Out-String | Invoke-Expression (in $PROFILE)")
    p.add_argument("shell", choices=SHELLS, help="the shell: bash, zsh or powershell")
    add_global_options(p)
    return p


def completion(argv: list[str]) -> int:
    opts = completion_parser().parse_args(argv)
    script = powershell(parsers()) if opts.shell == "powershell" else _shtab(opts.shell)
    sys.stdout.write(script if script.endswith("\n") else script + "\n")
    return EXIT_CLEAN


def parsers() -> dict[str, argparse.ArgumentParser]:
    """Every command's parser, with the values of options that take one of a few filled in."""
    made: dict[str, argparse.ArgumentParser] = {}
    for name, (_, where) in COMMANDS.items():
        module, function = where.split(":")
        parser = getattr(importlib.import_module(f"reportlint.{module}"), function)()
        _fill_choices(parser)
        made[name] = parser
    return made


def _fill_choices(parser: argparse.ArgumentParser) -> None:
    """The output formats and rule packs the check knows, as choices (for completion only)."""
    for action in parser._actions:
        if action.choices is not None:
            continue
        if action.dest == "output" and "--format" in action.option_strings:
            from reportlint.output import WRITERS

            action.choices = sorted(WRITERS)
        elif action.dest == "pack":
            from reportlint.format.library import builtin

            action.choices = builtin().available()


def _shtab(shell: str) -> str:
    try:
        import shtab
    except ImportError:
        raise UsageError(f"completion for {shell} needs shtab: {INSTALL}") from None
    made = parsers()
    top = made.pop("check")
    for action in top._actions:
        if action.dest == "paths":  # the first word: a report or a command
            action.complete = {"bash": "_reportlint_file_or_command", "zsh": "_reportlint_file_or_command"}  # type: ignore[attr-defined]
        elif PATH_OPTIONS & set(action.option_strings):
            action.complete = shtab.FILE  # type: ignore[attr-defined]
    subparsers = top.add_subparsers(dest="command", metavar="COMMAND")
    for name, parser in made.items():
        sub = subparsers.add_parser(name, parents=[parser], add_help=False, help=COMMANDS[name][0])
        for action in sub._actions:
            if action.dest in ("file",) or PATH_OPTIONS & set(action.option_strings):
                action.complete = shtab.FILE  # type: ignore[attr-defined]
    names = " ".join(made)
    preamble = {
        "bash": f'_reportlint_file_or_command() {{\n  compgen -W "{names}" -- "$1"\n  compgen -f -- "$1"\n}}\n',
        "zsh": f"_reportlint_file_or_command() {{\n  _alternative 'commands:command:({names})' 'files:file:_files'\n}}\n",
    }
    return str(shtab.complete(top, shell=shell, preamble=preamble))  # type: ignore[arg-type]  # a dict per shell is documented


def powershell(made: dict[str, argparse.ArgumentParser]) -> str:
    """A `Register-ArgumentCompleter` script: the options of the command typed (the check's without
    one), the values of options and arguments with a few, a command word begun as the first word;
    else (nothing fits) PowerShell's own completion of paths."""

    def words(items: list[str]) -> str:
        return "@(" + ", ".join("'" + item.replace("'", "''") + "'" for item in items) + ")"

    options = {name: sorted({o for a in p._actions for o in a.option_strings}) for name, p in made.items()}
    choices = {name: {o: [str(c) for c in a.choices] for a in p._actions if a.choices is not None
                      for o in a.option_strings} for name, p in made.items()}
    first = {name: [str(c) for c in a.choices] for name, p in made.items() for a in p._actions
             if not a.option_strings and a.choices is not None and name != "check"}
    takes_value = sorted({o for p in made.values() for a in p._actions if a.option_strings and a.nargs != 0
                          for o in a.option_strings})
    table = "\n".join(f"        '{name}' = {words(opts)}" for name, opts in options.items())
    values = "\n".join(f"        '{name}' = @{{ " + "; ".join(f"'{o}' = {words(v)}" for o, v in sorted(of.items())) + " }"
                       for name, of in choices.items())
    arguments = "\n".join(f"        '{name}' = {words(vals)}" for name, vals in first.items())
    return POWERSHELL.format(commands=table, choices=values, arguments=arguments, takes_value=words(takes_value),
                             names=words([n for n in COMMANDS if n != "check"]))


POWERSHELL = """\
# reportlint completion for PowerShell. Load it in your profile ($PROFILE):
#   reportlint completion powershell | Out-String | Invoke-Expression
Register-ArgumentCompleter -Native -CommandName reportlint, reportlint.exe -ScriptBlock {{
    param($wordToComplete, $commandAst, $cursorPosition)
    $options = @{{
{commands}
    }}
    $choices = @{{
{choices}
    }}
    $arguments = @{{
{arguments}
    }}
    $takesValue = {takes_value}
    $commandNames = {names}
    $before = @($commandAst.CommandElements | Select-Object -Skip 1 |
        Where-Object {{ $_.Extent.EndOffset -lt $cursorPosition }} | ForEach-Object {{ $_.ToString() }})
    $command = 'check'
    $positional = $false
    $afterCommand = 0
    $expectValue = $false
    foreach ($word in $before) {{
        if ($expectValue) {{ $expectValue = $false; continue }}
        if ($word -like '-*') {{ if ($takesValue -contains $word) {{ $expectValue = $true }}; continue }}
        if (-not $positional -and $options.ContainsKey($word)) {{ $command = $word }} else {{ $afterCommand++ }}
        $positional = $true
    }}
    $last = if ($before.Count) {{ $before[-1] }} else {{ '' }}
    if ($choices[$command].ContainsKey($last)) {{
        $candidates = $choices[$command][$last]
    }} elseif ($wordToComplete -like '-*') {{
        $candidates = $options[$command]
    }} elseif ($expectValue) {{
        return  # the value of an option: a file, a number, codes
    }} elseif ($arguments.ContainsKey($command) -and $afterCommand -eq 0) {{
        $candidates = $arguments[$command]
    }} elseif (-not $positional -and $wordToComplete) {{
        $candidates = $commandNames  # a command word begun; none that fits: a file
    }} else {{
        return  # a file or folder: PowerShell completes paths
    }}
    $fitting = @($candidates | Where-Object {{ $_ -like "$wordToComplete*" }})
    if (-not $fitting.Count) {{ return }}
    $fitting | ForEach-Object {{
        [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
    }}
}}
"""
