"""One kind of document of a data folder, kept as the assessments are (see assessment_files.py).

Each document is one file <root>/<id>.vigie.json, sealed with the folder's key in the folder's
envelope under the kind's own format name and version. Every change reads the document, changes
it in memory and writes the whole file atomically under the document's lock, after a copy to the
folder's rolling backups. A file that does not open, or whose content the kind's check refuses,
is damaged: it is copied to the quarantine and its newest good backup put in its place. The kind
is added to the folder, so that a passphrase change re-encrypts its files with the rest.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

from wizard.atomic_files import atomic_write_bytes, clean_stale_temp_files
from wizard.i18n import _
from wizard.storage.data_folder import DataFolder, Tables
from wizard.storage.errors import CorruptFile, StorageError, write_failed
from wizard.typography import typeset

SUFFIX = ".vigie.json"
_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")  # never a path, never an option

Payload = dict[str, Any]


class DocumentFiles:
    """check(payload) raises ValueError (a FieldError) when the content is not what the kind holds;
    label() names the kind in messages (« le registre des prestataires »)."""

    def __init__(self, folder: DataFolder, root_name: str, file_format: str, file_version: int, *,
                 check: Callable[[Payload], object], label: Callable[[], str],
                 upgrade: Callable[[Payload, int], Payload] | None = None) -> None:
        self.data = folder
        self.root = folder.data_dir / root_name
        self.file_format = file_format
        self.file_version = file_version
        self._check = check
        self._label = label
        self._upgrade = upgrade
        if not folder.read_only and self.root.is_dir():
            clean_stale_temp_files(self.root)
        folder.add(self)  # re-keyed with the rest of the folder

    # -- names ---------------------------------------------------------------------------------
    def path_of(self, ident: str) -> Path:
        if not isinstance(ident, str) or _ID.fullmatch(ident) is None:
            raise StorageError(typeset(_("identifiant de document invalide : « {id} »")).format(id=ident))
        return self.root / f"{ident}{SUFFIX}"

    def file_name(self, ident: str) -> str:
        return self.path_of(ident).name

    def ids(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(p.name[: -len(SUFFIX)] for p in self.root.glob("*" + SUFFIX))

    # -- the Repository protocol of data_folder.py (a passphrase change) --------------------------------
    def current_tables(self, ident: str) -> Tables:
        return cast(Tables, self.read(ident) or {})

    def backup_tables(self, raw: bytes, path: Path) -> Tables:
        return cast(Tables, self.decode(raw, path))

    # -- reading ---------------------------------------------------------------------------------
    def decode(self, raw: bytes, path: Path) -> Payload:
        opened = self.data.open(raw, fmt=self.file_format, current=self.file_version, path=path)
        payload = opened.payload
        if opened.version < self.file_version and self._upgrade is not None:
            payload = self._upgrade(payload, opened.version)
        try:
            self._check(payload)
        except (ValueError, KeyError, TypeError) as exc:
            raise CorruptFile(path, _("contenu incomplet ou incohérent ({detail})").format(detail=exc)) from None
        return payload

    def read(self, ident: str) -> Payload | None:
        """The document as it stands (None: there is none yet); a damaged file is repaired first."""
        path = self.path_of(ident)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StorageError(typeset(_("{path} : lecture impossible ({error})")).format(
                path=path, error=exc.strerror or exc)) from None
        try:
            return self.decode(raw, path)
        except CorruptFile as exc:
            return self._recover(ident, raw, exc)

    # -- writing ---------------------------------------------------------------------------------
    def write(self, ident: str, payload: Payload, *, backup: bool = True) -> bytes:
        data = self.data.seal(self.file_format, self.file_version, ident, payload)
        path = self.path_of(ident)
        try:
            self.root.mkdir(mode=0o700, exist_ok=True)
            if backup:
                self.data.backups.save(ident, data)
            atomic_write_bytes(path, data)
        except OSError as exc:
            raise write_failed(path, exc) from None
        return data

    @contextmanager
    def change(self, ident: str) -> Iterator[Payload]:
        """Read, change the yielded dict in place, write once (under the document's lock)."""
        with self.data.locks.writing(ident):
            payload = self.read(ident) or {}
            yield payload
            self._check(payload)
            self.write(ident, payload)

    # -- damage ----------------------------------------------------------------------------------
    def _newest_good_backup(self, ident: str) -> tuple[str, Payload] | None:
        for info in self.data.backups.entries(ident):
            try:
                raw = (self.data.backups.folder(ident) / info.name).read_bytes()
                when = info.created.astimezone().strftime("%d/%m/%Y %H:%M:%S")
                return when, self.decode(raw, self.path_of(ident))
            except (OSError, StorageError):
                continue
        return None

    def _recover(self, ident: str, raw: bytes, error: CorruptFile) -> Payload:
        """Set the damaged file aside, then put its newest good backup in its place."""
        if self.data.read_only:
            found = self._newest_good_backup(ident)
            if found is None:
                raise error
            return found[1]
        with self.data.locks.trying(ident) as holder:
            if holder is not None:
                raise StorageError(typeset(_("{error}. Il est ouvert par {holder} : fermez-le là-bas pour qu’il soit "
                                            "réparé.")).format(error=error, holder=holder.describe()))
            try:
                moved = self.data.quarantine.keep(ident, raw, self.data.key)
                found = self._newest_good_backup(ident)
                if found is None:
                    self.path_of(ident).unlink(missing_ok=True)
            except OSError as exc:
                raise write_failed(self.data.quarantine.root, exc) from None
            if found is not None:
                when, payload = found
                self.write(ident, payload, backup=False)
                notice = typeset(_("{what} était endommagé ({reason}). Le fichier abîmé a été mis de côté dans "
                                  "{moved} ; la sauvegarde du {when} a été restaurée.")).format(
                    what=self._label(), reason=error.reason, moved=moved, when=when)
                if notice not in self.data.notices:
                    self.data.notices.append(notice)
                return payload
        raise StorageError(typeset(_("{error}. Le fichier a été mis de côté dans {moved} et aucune sauvegarde valide "
                                    "n’existe.")).format(error=error, moved=moved))
