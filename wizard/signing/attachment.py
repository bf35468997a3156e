"""Which signature covers the assessment attached to a plan.

The digest written beside the attachment says only that its bytes were not damaged: anyone
can replace both in an update made after the signature. The attachment is covered when an
intact signature, after which only signatures came (in the report's frames), signed a
revision holding exactly these bytes with this digest: the attachment as it stood when it
was signed, unchanged since.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pyhanko.pdf_utils.reader import PdfFileReader

from wizard.report.embedded import ATTACHMENT_NAME, EmbeddedCheck, check_embedded

if TYPE_CHECKING:
    from wizard.signing.verify import SignatureCheck


@dataclass(frozen=True)
class AttachmentStatus:
    state: str  # "match" (bytes match the recorded digest) | "mismatch" | "absent"
    covered_by: str | None = None  # the field of the first signature that covers it, unchanged
    signed_as_is: bool = False  # an intact signature signed these bytes, whatever came after it
    check: EmbeddedCheck | None = field(default=None, repr=False, compare=False)

    @property
    def covered(self) -> bool:
        return self.covered_by is not None

    def as_dict(self) -> dict[str, Any]:
        return {"state": self.state, "covered": self.covered, "covered_by": self.covered_by,
                "signed_as_is": self.signed_as_is}


def attachment_status(reader: PdfFileReader, signatures: Sequence[Any], checks: Sequence[SignatureCheck], *,
                      name: str = ATTACHMENT_NAME) -> AttachmentStatus:
    """The attachment of reader's file (the assessment, or the one named) and the first signature
    that covers it.

    signatures: pyHanko's embedded signatures, in signing order; checks: their verdicts.
    Raises wizard.report.embedded.DamagedAttachments on a malformed attachment list.
    """
    now = check_embedded(reader, name)
    if now is None:
        return AttachmentStatus("absent")
    state = "match" if now.matches else "mismatch"
    signed_as_is = False
    for signature, check in zip(signatures, checks, strict=True):
        if not check.intact:
            continue
        then = check_embedded(reader.get_historical_resolver(signature.signed_revision), name)
        if then is not None and (then.payload, then.recorded) == (now.payload, now.recorded):
            if check.acceptable:
                return AttachmentStatus(state, check.field, True, then)
            signed_as_is = True
    return AttachmentStatus(state, None, signed_as_is, now)
