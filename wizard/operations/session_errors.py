"""What a Session refuses, in words meant for the user."""

from __future__ import annotations


class SessionError(ValueError):
    """A change the session refuses (unknown question, bad value); nothing was stored."""


class ReadOnlySession(SessionError):
    """Another process writes this assessment; this session can only read it."""
