"""What the command line prints and reads as text, made safe for a terminal.

Names, notes and signers come from files anyone can write: an escape sequence in an
organisation's name would otherwise reach the terminal (clear the screen, retitle the window,
fake a line of output), a bidi override would turn a line around, a lone surrogate would end
the command with a traceback. Everything the CLI writes passes through safe_output(), which
shows such characters as visible escapes (\\u001b); fields of line-oriented listings go
through one_line() first, so that a line break in a name cannot fake another line.
Arguments that are not valid UTF-8 are refused before any command runs.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TextIO

from wizard.i18n import _

if TYPE_CHECKING:
    import argparse

# Control characters (but tab and line feed), DEL and C1, the bidi marks, embeddings, overrides and
# isolates, the Unicode line and paragraph separators, and lone surrogates (undecodable bytes).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")
_UNSAFE_IN_LINE = re.compile(f"[\t\n{_UNSAFE.pattern[1:-1]}]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"  # also a valid escape inside a JSON string


def printable(text: str) -> str:
    """text with every unsafe character shown as \\uXXXX; line breaks and tabs kept."""
    return _UNSAFE.sub(_escape, text)


def one_line(text: str) -> str:
    """A field of a one-line listing: line breaks and tabs escaped too."""
    return _UNSAFE_IN_LINE.sub(_escape, text)


class _SafeStream:
    """A text stream that escapes what printable() escapes before writing."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(printable(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextmanager
def safe_output() -> Iterator[None]:
    """Standard output and error escape unsafe characters while the block runs."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _SafeStream(sys.stdout), _SafeStream(sys.stderr)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


_FILE_NAMES = {"data_dir"}  # options holding a file name as text (the others are Path objects)


def undecodable_argument(parser: argparse.ArgumentParser, args: argparse.Namespace) -> str | None:
    """The message for the first text argument holding bytes that are not UTF-8, else None.

    File names are left alone (a Linux file name may be any bytes); texts (names, notes,
    ids) must be stored and printed, so they must be real text.
    """
    names = _option_names(parser)
    for dest, value in vars(args).items():
        if not isinstance(value, str) or dest in _FILE_NAMES:
            continue
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            return _("{option} : ce texte n’est pas de l’UTF-8 valide (octet {byte} en position {position})").format(
                option=names.get(dest, dest), byte=f"0x{ord(value[exc.start]) & 0xFF:02x}", position=exc.start + 1)
    return None


def _option_names(parser: argparse.ArgumentParser) -> dict[str, str]:
    import argparse

    names: dict[str, str] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                for dest, name in _option_names(sub).items():
                    names.setdefault(dest, name)
        else:
            names.setdefault(action.dest, action.option_strings[-1] if action.option_strings else action.dest)
    return names
