"""The users' texts in the report: bounded, and cut into pieces ReportLab lays out in linear time.

Why a long text was slow (profiled on a 100 KB note): ReportLab breaks a paragraph into lines
again each time it splits it across a page, from the split point to the end, and a table
re-measures every paragraph of a cell at each page the row spans. A long text thus cost
pages × length: a 100 KB word took 80 s (every character of a word wider than the line is
measured one by one, again at every page), 1 MB of words more than five minutes.

So each text is cut into blocks of at most BLOCK characters (its own lines first, then at a
space, inside a word only when it has none) laid out by paragraphs that remember their lines
(styles.Para): every block is broken into lines once. And no text longer than its limit in
wizard.core.limits reaches the layout: an older file's longer text is cut, with a notice saying
that the attached copy of the assessment holds all of it.
"""

from __future__ import annotations

import re

BLOCK = 2_000
_LINES = re.compile(r"\r\n|[\r\n\u2028\u2029]")


def clip(text: str, limit: int) -> str:
    """A one-line field (a name, a title) of at most limit characters, ending with « … » if cut."""
    shown = " ".join(_LINES.split(text[:limit]))
    return shown if len(text) <= limit else shown[: limit - 1].rstrip() + "…"


def blocks(text: str, limit: int) -> tuple[list[str], int]:
    """The text's first limit characters as blocks of at most BLOCK characters, and how many
    characters were left out (0 when none)."""
    left_out = max(len(text) - limit, 0)
    out: list[str] = []
    for line in _LINES.split(text[:limit]):
        while len(line) > BLOCK:
            cut = _last_space(line, BLOCK)
            if line[:cut].strip():
                out.append(line[:cut].rstrip())
            line = line[cut:].lstrip()
        if line.strip():
            out.append(line)
    return out, left_out


def _last_space(line: str, size: int) -> int:
    """Where to cut line within its first size characters: after the last space of the second
    half, else at size (a word longer than a block: ReportLab breaks it where the line ends)."""
    space = max(line.rfind(" ", size // 2, size), line.rfind("\t", size // 2, size))
    return space + 1 if space > 0 else size
