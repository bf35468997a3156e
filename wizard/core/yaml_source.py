"""Read a YAML file and keep, for each JSON path, the line where it starts.

Schema errors then point at a line of the file the author edits, not at a path alone.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any


@cache
def _loader_class() -> type:
    """SafeLoader with YAML 1.2 booleans: only true/false, so that answer values such as
    yes, no and na stay text instead of turning into booleans (YAML 1.1's trap).

    Built on libyaml when PyYAML has it (its wheels do): the pure-Python parser took 0.4 s
    for the bundled questionnaire, libyaml 35 ms. PyYAML itself is imported only when a file
    must be read: a questionnaire already checked comes from the cache."""
    import yaml

    class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        pass

    Loader.yaml_implicit_resolvers = {
        key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
        for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    Loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
    )
    return Loader


class ContentError(Exception):
    """A questionnaire file is malformed; the message names file, place and problem."""


def _lines(node: Any, path: tuple[Any, ...], out: dict[tuple[Any, ...], int]) -> None:
    out[path] = node.start_mark.line + 1
    if node.id == "mapping":
        for key, value in node.value:
            out[path + (key.value,)] = key.start_mark.line + 1
            _lines(value, path + (key.value,), out)
            out[path + (key.value,)] = key.start_mark.line + 1
    elif node.id == "sequence":
        for index, item in enumerate(node.value):
            _lines(item, path + (index,), out)


def read_yaml(path: Path) -> tuple[Any, dict[tuple[Any, ...], int]]:
    """Parse a file; return the data and a map from JSON path to line number."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(f"{path}: cannot be read: {exc}") from exc
    import yaml

    loader = _loader_class()(text)
    try:
        # One parse gives both the nodes (for line numbers) and the data built from them.
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "unknown place"
        raise ContentError(f"{path}, {where}: invalid YAML: {exc.problem or exc}") from exc
    except yaml.YAMLError as exc:
        raise ContentError(f"{path}: invalid YAML: {exc}") from exc
    finally:
        loader.dispose()
    lines: dict[tuple[Any, ...], int] = {}
    if node is not None:
        _lines(node, (), lines)
    return data, lines


def line_of(lines: dict[tuple[Any, ...], int], path: tuple[Any, ...]) -> int | None:
    """Line of the deepest known prefix of path."""
    for end in range(len(path), -1, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return None


def describe(path: tuple[Any, ...]) -> str:
    return "/".join(str(part) for part in path) or "(top level)"
