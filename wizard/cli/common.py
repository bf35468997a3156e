"""What every command shares: the context (data folder, language) and the error type."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wizard import i18n, paths
from wizard.i18n import _


class CliError(Exception):
    """Bad input from the user: printed as is, exit code 2, nothing written."""


@dataclass
class Context:
    data_dir_override: str | None
    lang: str

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Context:
        from wizard.settings import load_settings

        lang = args.lang or os.environ.get("VIGIE_LANG") or load_settings(args.data_dir).language
        i18n.set_language(lang)
        return cls(args.data_dir, lang)

    @property
    def data_dir(self) -> Path:
        return paths.user_data_dir(self.data_dir_override)


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def secret(env_var: str, prompt: str) -> str:
    """A password from the environment, or asked on the terminal; never stored."""
    value = os.environ.get(env_var)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise CliError(_("{prompt} : définissez {variable} ou lancez la commande dans un terminal").format(
            prompt=prompt, variable=env_var))
    return getpass.getpass(f"{prompt} : ")


@contextmanager
def user_errors(*kinds: type[Exception]) -> Iterator[None]:
    """Turn the errors a lower layer raises with a message for the user into CliError (exit 2)."""
    try:
        yield
    except kinds as exc:
        raise CliError(str(exc)) from None
