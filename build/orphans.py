"""Drop the system libraries that no kept binary needs any more (Linux executables).

The analysis collects each binary's dependencies before the spec drops the Qt plugins Vigie does
not use (GTK theme, image formats, ...): what only those plugins needed (GIO, a second HarfBuzz,
libjpeg and theirs) would still be packed and, in the one-file executable, unpacked at every start.
A library stays when a kept binary needs it, directly or through another (ldd's closure).
"""

from __future__ import annotations

from pathlib import PurePosixPath


def needed_names(path: str) -> set[str]:
    from PyInstaller.depend.bindepend import get_imports

    return {name for name, _resolved in get_imports(path)}


def prune(binaries: list[tuple[str, str, str]], needed=needed_names) -> tuple[list, list[str]]:  # noqa: ANN001
    """(kept binaries, names of the dropped ones). Candidates are the top-level shared libraries
    the analysis brought as dependencies (not Python itself, not a package's own libraries)."""
    def candidate(dest: str, kind: str) -> bool:
        return kind == "BINARY" and "/" not in dest and dest.startswith("lib") and not dest.startswith("libpython")

    roots = [src for dest, src, kind in binaries if not candidate(dest, kind)]
    wanted: set[str] = set()
    for src in roots:
        wanted |= needed(src)
    kept, dropped = [], []
    for entry in binaries:
        dest, _src, kind = entry
        if candidate(dest, kind) and PurePosixPath(dest).name not in wanted:
            dropped.append(dest)
        else:
            kept.append(entry)
    return kept, dropped
