"""Vigie's command line: the application's operations, headless, for scripts and tests.

`vigie` with no command starts the GUI. Each command group lives in its own module and
registers its sub-commands here. Errors in the user's input exit with code 2 and a message
on stderr; nothing is written in that case.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from wizard import __version__, i18n
from wizard.cli.common import CliError, Context
from wizard.i18n import _

if TYPE_CHECKING:
    import argparse

# Modules that add sub-commands; each exposes register(subparsers).
_COMMAND_MODULES = ("wizard.cli.questionnaire", "wizard.cli.assessments", "wizard.cli.safekeeping",
                    "wizard.cli.signed_plans", "wizard.cli.verification", "wizard.cli.identity",
                    "wizard.cli.comparison", "wizard.cli.sheets", "wizard.cli.processors", "wizard.cli.requests",
                    "wizard.cli.clients", "wizard.cli.contracts")


def _global_parser(**kwargs: object) -> argparse.ArgumentParser:
    import argparse

    from wizard.cli import argparse_words

    argparse_words.install()
    # No abbreviations: argparse matched « processors add --data LISTE » to the global
    # --data-dir, and the register went into a folder named after a data category.
    kwargs.setdefault("allow_abbrev", False)
    parser = argparse.ArgumentParser(
        prog="vigie",
        # The articles covered are the content's to say (`vigie questions`): not repeated here.
        description=_("Vigie — auto-évaluation RGPD des laboratoires de biologie médicale et de leurs "
                      "prestataires. Sans commande : lance l'application."), **kwargs)  # type: ignore[arg-type]
    parser.add_argument("--version", action="version", version=f"Vigie {__version__}",
                        help=_("afficher la version de Vigie et quitter"))
    parser.add_argument("--data-dir", help=_("dossier des données (sinon VIGIE_DATA_DIR ou le dossier utilisateur)"))
    parser.add_argument("--lang", choices=tuple(i18n.LANGUAGES), help=_("langue de l'interface et du contenu"))
    return parser


def build_parser() -> argparse.ArgumentParser:
    import importlib

    parser = _global_parser()
    subparsers = parser.add_subparsers(dest="command", metavar=_("COMMANDE"))
    for name in _COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue  # a command group not written yet
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:  # a double-click, the start menu, `make run`: straight to the window
        from wizard.ui.app import run_gui

        return run_gui(Context.create())
    # Without a command the GUI starts: the command modules (and the signing stack they import)
    # are not loaded, which keeps start-up close to that of an empty window.
    from wizard.cli.output import safe_output, undecodable_argument

    known, rest = _global_parser(add_help=False).parse_known_args(argv)
    if not rest and not {"-h", "--help"} & set(argv):
        args, parser = known, None
    else:
        Context.from_args(known)  # the language first, so that help and messages speak it
        parser = build_parser()
        with safe_output():
            args = parser.parse_args(argv)
    context = Context.from_args(args)
    handler: Callable[[argparse.Namespace, Context], int] | None = getattr(args, "handler", None)
    if handler is None or parser is None:
        from wizard.ui.app import run_gui

        return run_gui(context)
    with safe_output():
        try:
            problem = undecodable_argument(parser, args)
            if problem:
                raise CliError(problem)
            code = handler(args, context)
            sys.stdout.flush()  # a closed pipe shows here, inside the handling below
            return code
        except BrokenPipeError:
            return _reader_went_away()
        except CliError as exc:
            print(f"vigie: {exc}", file=sys.stderr)
            return 2
        except KeyboardInterrupt:
            print("vigie: interrompu", file=sys.stderr)
            return 130


def _reader_went_away() -> int:
    """`vigie plan --json | head`: the reader has what it wanted and closed the pipe. No
    traceback; the rest of the output goes nowhere (Python would try to flush it at exit and
    complain again); the exit code a process killed by SIGPIPE has."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real stdout (in-process tests): nothing to redirect
        pass
    return 141


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
