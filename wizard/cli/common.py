"""What every command shares: the context (data folder, language) and the error type."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wizard import i18n, paths
from wizard.i18n import _

if TYPE_CHECKING:
    import argparse

    from wizard.core.registry import ContentRegistry


class CliError(Exception):
    """Bad input from the user: printed as is, exit code 2, nothing written."""


class Context:
    """The data folder asked for (None: VIGIE_DATA_DIR or the user's folder) and the language."""

    __slots__ = ("_registry", "data_dir_override", "lang")

    def __init__(self, data_dir_override: str | None, lang: str) -> None:
        self.data_dir_override = data_dir_override
        self.lang = lang
        self._registry: ContentRegistry | None = None

    @property
    def registry(self) -> ContentRegistry:
        """The content this command works with (loaded when a command first needs it)."""
        if self._registry is None:
            from wizard.core.registry import ContentRegistry

            self._registry = ContentRegistry()
        return self._registry

    def __repr__(self) -> str:
        return f"Context({self.data_dir_override!r}, {self.lang!r})"

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Context:
        return cls.create(args.data_dir, args.lang)

    @classmethod
    def create(cls, data_dir: str | None = None, lang: str | None = None) -> Context:
        """The language asked for, else VIGIE_LANG, else the saved setting; made current."""
        from wizard.settings import load_settings

        lang = lang or os.environ.get("VIGIE_LANG") or load_settings(data_dir).language
        i18n.set_language(lang)
        return cls(data_dir, lang)

    @property
    def data_dir(self) -> Path:
        try:
            return paths.user_data_dir(self.data_dir_override)
        except paths.DataFolderError as exc:
            raise CliError(str(exc)) from None


def print_json(data: Any) -> None:
    import json

    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def secret(env_var: str, prompt: str) -> str:
    """A password from the environment, or asked on the terminal; never stored."""
    value = os.environ.get(env_var)
    if value is not None:
        return value
    import getpass

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


PASSPHRASE_ENV = "VIGIE_STORE_PASSPHRASE"


@contextmanager
def opened_workspace(ctx: Context) -> Iterator[Any]:
    """The data folder's workspace (asking for its passphrase when it is encrypted); what it has to
    tell (a file repaired, a lock taken over) goes to stderr, its errors exit with code 2."""
    from wizard.operations.errors import OperationError, StorageError
    from wizard.operations.workspace import Workspace

    data_dir = ctx.data_dir
    try:
        passphrase = secret(PASSPHRASE_ENV, _("Phrase de passe du dossier")) \
            if Workspace.is_encrypted(data_dir) else None
        workspace = Workspace.open(data_dir, passphrase=passphrase, registry=ctx.registry)
    except (StorageError, OperationError) as exc:
        raise CliError(str(exc)) from None
    try:
        yield workspace
    except (StorageError, OperationError) as exc:
        raise CliError(str(exc)) from None
    finally:
        for notice in workspace.notices:
            print(f"vigie: {notice}", file=sys.stderr)
        workspace.close()
