"""The errors the application's operations raise with a message meant for the user.

The UI and the command line catch these names from here, whichever layer raised them.
"""

from __future__ import annotations

from wizard.core.checks import FieldError
from wizard.core.plan_edits import PlanEditError
from wizard.core.questionnaire import ContentError
from wizard.storage.crypto import PassphraseRequired, WrongPassphrase  # the library itself loads later
from wizard.storage.errors import AssessmentLocked, FolderBusy, StorageError, UnknownAssessment

__all__ = ["AssessmentLocked", "ContentError", "FieldError", "FolderBusy", "OperationError", "PassphraseRequired",
           "PlanEditError", "StorageError", "UnknownAssessment", "WrongPassphrase"]


class OperationError(ValueError):
    """An operation refused or failed; the message says what and where, nothing was changed."""

