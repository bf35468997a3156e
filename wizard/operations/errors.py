"""The errors the application's operations raise with a message meant for the user."""

from __future__ import annotations


class OperationError(ValueError):
    """An operation refused or failed; the message says what and where, nothing was changed."""
