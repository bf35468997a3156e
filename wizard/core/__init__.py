"""Questionnaire model, skip logic, scoring and action plan. Plain Python: no Qt here."""
