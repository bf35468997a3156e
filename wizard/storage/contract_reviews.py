"""The contract reviews of a data folder: one document each, kept like the registers (documents.py).

    contracts/processor-<entry id>.vigie.json   the review of one processor's contract (laboratory side)
    contracts/template.vigie.json               the review of the processor's own template (processor side)

Format vigie-contract-review, sealed with the folder's key, changed under the document's lock
after a copy to the rolling backups, repaired from its newest good backup when damaged, and
re-encrypted with the rest of the folder at a passphrase change. A review is read strictly
(wizard.core.contract_review); which elements the content still knows is for the operations.
"""

from __future__ import annotations

from collections.abc import Callable

from wizard.core.contract_review import ContractReview, review_from_dict, review_to_dict
from wizard.core.limits import is_entry_id
from wizard.i18n import _
from wizard.storage.data_folder import DataFolder
from wizard.storage.documents import DocumentFiles, Payload
from wizard.storage.errors import StorageError
from wizard.typography import typeset

REVIEW_FORMAT, REVIEW_VERSION = "vigie-contract-review", 1
TEMPLATE = "template"
_PROCESSOR = "processor-"


def _check(payload: Payload) -> None:
    review_from_dict(payload)


class ContractReviews:
    """The reviews of this folder, by processor (its entry id) or "" for the processor's own template."""

    def __init__(self, folder: DataFolder) -> None:
        self.files = DocumentFiles(folder, "contracts", REVIEW_FORMAT, REVIEW_VERSION, check=_check,
                                   label=lambda: _("La revue d’un contrat"))

    @staticmethod
    def ident(processor: str) -> str:
        """The document of a processor's review ("" : the template's)."""
        if processor == "":
            return TEMPLATE
        if not is_entry_id(processor):
            raise StorageError(typeset(_("identifiant de prestataire invalide : « {id} »")).format(id=processor))
        return _PROCESSOR + processor

    def get(self, processor: str) -> ContractReview | None:
        payload = self.files.read(self.ident(processor))
        return None if payload is None else review_from_dict(payload)

    def update(self, processor: str, change: Callable[[ContractReview], ContractReview], *,
               blank: ContractReview | None = None) -> ContractReview:
        """Apply change to the review as stored (blank, or an empty one, when none), under its lock,
        and write the result at once."""
        ident = self.ident(processor)
        with self.files.data.locks.writing(ident):
            payload = self.files.read(ident)
            if payload is not None:
                current = review_from_dict(payload)
            else:
                current = blank or ContractReview(processor=processor)
            new = change(current)
            if new.processor != processor:
                raise StorageError(typeset(_("la revue du contrat de « {id} » ne peut pas devenir celle d’un autre "
                                            "prestataire")).format(id=processor or TEMPLATE))
            data = review_to_dict(new)
            _check(data)
            self.files.write(ident, data)
        return new

    def remove(self, processor: str) -> bool:
        """Delete a review (its backups stay); False when there was none."""
        ident = self.ident(processor)
        with self.files.data.locks.writing(ident):
            path = self.files.path_of(ident)
            if not path.exists():
                return False
            try:
                path.unlink()
            except OSError as exc:
                raise StorageError(f"{path} : {exc.strerror or exc}") from None
        return True

    def processors(self) -> list[str]:
        """The entry ids of the processors whose contract has a review."""
        return [i[len(_PROCESSOR):] for i in self.files.ids() if i.startswith(_PROCESSOR)]

    def has_template(self) -> bool:
        return TEMPLATE in self.files.ids()
