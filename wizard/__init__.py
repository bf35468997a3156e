"""Vigie: GDPR Art. 28, 29 and 32 self-assessment for French medical laboratories and their vendors."""

__version__ = "0.1.0"
