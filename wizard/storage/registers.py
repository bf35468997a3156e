"""The registers of the relation between a laboratory and its processors, and their correspondence.

Three kinds of document, each on the data folder like the assessments (documents.py):

    processors/processors.vigie.json    the laboratory's register of processors  (format vigie-processors)
    clients/clients.vigie.json          the processor's register of clients       (format vigie-clients)
    correspondence/<side>-<id>.vigie.json  one request and its response:          (format vigie-correspondence)
                                        sent-<id> a laboratory's request as sent and the response it imported,
                                        received-<id> a processor's request as received and its response

A register is read whole (a few hundred entries) and kept in memory until its file changes.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from wizard.core import clients as clients_codec
from wizard.core import processors as processors_codec
from wizard.core.clients import ClientsRegister
from wizard.core.limits import is_assessment_id
from wizard.core.processors import ProcessorsRegister
from wizard.i18n import _
from wizard.storage.data_folder import DataFolder
from wizard.storage.documents import DocumentFiles, Payload
from wizard.storage.errors import StorageError
from wizard.typography import typeset

PROCESSORS_FORMAT, PROCESSORS_VERSION = "vigie-processors", 1
CLIENTS_FORMAT, CLIENTS_VERSION = "vigie-clients", 1
CORRESPONDENCE_FORMAT, CORRESPONDENCE_VERSION = "vigie-correspondence", 1
SIDES = ("sent", "received")

R = TypeVar("R")


class _Register(Generic[R]):
    """One register: a single document, read into its dataclass, cached until its file changes."""

    def __init__(self, files: DocumentFiles, ident: str, decode: Callable[[Any], R],
                 encode: Callable[[R], dict[str, Any]]) -> None:
        self.files = files
        self.ident = ident
        self._decode = decode
        self._encode = encode
        self._cached: tuple[tuple[int, ...], R] | None = None

    def _signature(self) -> tuple[int, ...] | None:
        try:
            st = os.stat(self.files.path_of(self.ident))
        except FileNotFoundError:
            return None
        return st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns

    def load(self) -> R:
        """The register as it stands (empty when none was written yet)."""
        sig = self._signature()
        if sig is not None and self._cached is not None and self._cached[0] == sig:
            return self._cached[1]
        payload = self.files.read(self.ident)
        register = self._decode(payload or {})
        if sig is not None and payload is not None:
            self._cached = (self._signature() or sig, register)
        return register

    def update(self, change: Callable[[R], R]) -> R:
        """Apply change to the register as stored, under its lock, and write the result at once."""
        with self.files.data.locks.writing(self.ident):
            register = self._decode(self.files.read(self.ident) or {})
            new = change(register)
            self.files.write(self.ident, self._encode(new))
        self._cached = None
        return new


class ProcessorsFile(_Register[ProcessorsRegister]):
    def __init__(self, folder: DataFolder) -> None:
        files = DocumentFiles(folder, "processors", PROCESSORS_FORMAT, PROCESSORS_VERSION,
                              check=processors_codec.register_from_dict,
                              label=lambda: _("Le registre des prestataires"))
        super().__init__(files, "processors", processors_codec.register_from_dict, processors_codec.register_to_dict)


class ClientsFile(_Register[ClientsRegister]):
    def __init__(self, folder: DataFolder) -> None:
        files = DocumentFiles(folder, "clients", CLIENTS_FORMAT, CLIENTS_VERSION,
                              check=clients_codec.register_from_dict,
                              label=lambda: _("Le registre des clients"))
        super().__init__(files, "clients", clients_codec.register_from_dict, clients_codec.register_to_dict)


def _check_correspondence(payload: Payload) -> None:
    """{"request": {...}, "party": "<entry id>", "response": null | {...}}: the request's own fields
    were checked when it was made or imported (wizard.core.request_file)."""
    if set(payload) - {"request", "party", "response"} or not isinstance(payload.get("request"), dict):
        raise ValueError("request")
    if not isinstance(payload.get("party"), str):
        raise ValueError("party")
    response = payload.get("response")
    if response is not None and not isinstance(response, dict):
        raise ValueError("response")


class Correspondence:
    """The requests and responses of this folder, one document each."""

    def __init__(self, folder: DataFolder) -> None:
        self.files = DocumentFiles(folder, "correspondence", CORRESPONDENCE_FORMAT, CORRESPONDENCE_VERSION,
                                   check=_check_correspondence, label=lambda: _("Le fichier d’une demande"))

    @staticmethod
    def ident(side: str, request_id: str) -> str:
        if side not in SIDES or not is_assessment_id(request_id):
            raise StorageError(typeset(_("identifiant de demande invalide : « {id} »")).format(id=request_id))
        return f"{side}-{request_id}"

    def get(self, side: str, request_id: str) -> Payload | None:
        return self.files.read(self.ident(side, request_id))

    def put(self, side: str, request_id: str, payload: Payload) -> None:
        ident = self.ident(side, request_id)
        _check_correspondence(payload)
        with self.files.data.locks.writing(ident):
            self.files.write(ident, payload)

    def ids(self, side: str) -> list[str]:
        prefix = f"{side}-"
        return [i[len(prefix):] for i in self.files.ids() if i.startswith(prefix)]


class RelationFiles:
    """The three kinds of document of the relation on one data folder, made once per folder (each
    is added to the folder: a passphrase change re-encrypts them with the assessments)."""

    def __init__(self, folder: DataFolder) -> None:
        self.processors = ProcessorsFile(folder)
        self.clients = ClientsFile(folder)
        self.correspondence = Correspondence(folder)
