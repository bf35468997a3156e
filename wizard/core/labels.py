"""The vocabulary of Vigie: answer values, profiles, priorities, owners, statuses and their labels.

Apart from the data types (model.py), so that the home list can name profiles without
building every class of the model at start-up.
"""

from __future__ import annotations

from wizard.i18n import N_

ANSWER_VALUES: tuple[str, ...] = ("yes", "partial", "no", "unknown", "na")
GAP_VALUES: tuple[str, ...] = ("partial", "no", "unknown")
PROFILES: tuple[str, ...] = ("lab", "vendor")
PRIORITIES: tuple[str, ...] = ("P1", "P2", "P3")
ARTICLES: tuple[str, ...] = ("28", "29", "30", "32")

# Labels are marked with N_() here and translated where they are shown.
ANSWER_LABELS: dict[str, str] = {
    "yes": N_("Oui"),
    "partial": N_("Partiellement"),
    "no": N_("Non"),
    "unknown": N_("Je ne sais pas"),
    "na": N_("Non applicable"),
}
PROFILE_LABELS: dict[str, str] = {
    "lab": N_("Laboratoire (responsable de traitement)"),
    "vendor": N_("Éditeur / prestataire (sous-traitant)"),
}
PRIORITY_LABELS: dict[str, str] = {
    "P1": N_("P1 — urgent"),
    "P2": N_("P2 — important"),
    "P3": N_("P3 — à planifier"),
}
OWNER_ROLES: dict[str, str] = {
    "direction": N_("Direction"),
    "dpo": N_("DPO / référent RGPD"),
    "it": N_("Responsable informatique"),
    "quality": N_("Responsable qualité"),
    "biologist": N_("Biologiste responsable"),
    "hr": N_("Ressources humaines"),
    "purchasing": N_("Achats / juridique"),
    "vendor": N_("Éditeur du logiciel"),
    "host": N_("Hébergeur"),
    "customer": N_("Laboratoire client"),
}
ACTION_STATUSES: dict[str, str] = {
    "todo": N_("À lancer"),
    "doing": N_("En cours"),
    "done": N_("Fait"),
    "dropped": N_("Abandonné"),
}
# The articles assessed, named two ways: their title (the application's charts) and a short topic
# that fits a sentence and the report's narrow chart labels (« l'article 28 (sous-traitance) »).
ARTICLE_TITLES: dict[str, str] = {
    "28": N_("Sous-traitant"),
    "29": N_("Sous l'autorité du responsable"),
    "30": N_("Registre des activités"),
    "32": N_("Sécurité du traitement"),
}
ARTICLE_TOPICS: dict[str, str] = {
    "28": N_("sous-traitance"),
    "29": N_("instructions"),
    "30": N_("registre"),
    "32": N_("sécurité"),
}
