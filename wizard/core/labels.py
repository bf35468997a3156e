"""The application's own vocabulary: answer values, priorities, action statuses and their labels.

What belongs to a framework (its profiles, axes and owner roles) is declared in its
framework.yaml (see framework.py), not here.
"""

from __future__ import annotations

from wizard.i18n import N_

ANSWER_VALUES: tuple[str, ...] = ("yes", "partial", "no", "unknown", "na")
GAP_VALUES: tuple[str, ...] = ("partial", "no", "unknown")
PRIORITIES: tuple[str, ...] = ("P1", "P2", "P3")

# Labels are marked with N_() here and translated where they are shown.
ANSWER_LABELS: dict[str, str] = {
    "yes": N_("Oui"),
    "partial": N_("Partiellement"),
    "no": N_("Non"),
    "unknown": N_("Je ne sais pas"),
    "na": N_("Non applicable"),
}
PRIORITY_LABELS: dict[str, str] = {
    "P1": N_("P1 — urgent"),
    "P2": N_("P2 — important"),
    "P3": N_("P3 — à planifier"),
}
ACTION_STATUSES: dict[str, str] = {
    "todo": N_("À lancer"),
    "doing": N_("En cours"),
    "done": N_("Fait"),
    "dropped": N_("Abandonné"),
}
