"""Who is who between a laboratory and its processors, and the rules the registers' fields obey.

A Party is one side of the relation (a laboratory, a vendor) with the contacts a request, a
response and the Art. 30(2) register need. The helpers here read the registers' JSON form
strictly (unknown keys, wrong types and values beyond wizard.core.limits are refused with a
FieldError naming the field), whoever wrote it: the store, a request file, a response.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Any

from wizard.core import checks, limits
from wizard.core.checks import FieldError, got
from wizard.i18n import _


@dataclass(frozen=True)
class Party:
    name: str
    siret: str = ""
    address: str = ""
    contact: str = ""  # the person to write to
    email: str = ""
    phone: str = ""
    dpo: str = ""  # the data protection officer (Art. 37), or the person in charge of data protection
    dpo_email: str = ""


def check_party(party: Party, where: str, *, required: bool = True) -> None:
    checks.text(party.name, f"{where}.name", limits.ORGANISATION_NAME, required=required)
    checks.text(party.address, f"{where}.address", limits.ADDRESS)
    for name in ("siret", "contact", "email", "phone", "dpo", "dpo_email"):
        checks.text(getattr(party, name), f"{where}.{name}", limits.NAME)


def _digits(siret: str) -> str:
    return re.sub(r"\D", "", siret)


def check_typed_siret(siret: str, where: str) -> None:
    """A SIRET a person enters (a register's own, a processor's): its length and key must hold.
    One read from a file or a request keeps what was written there (FieldError only here)."""
    from wizard.core.siret import siret_problem

    problem = siret_problem(siret)
    if problem:
        raise FieldError(f"{where} : {problem}")


def same_party(a: Party, b: Party) -> bool:
    """The same organisation: the same SIRET when both give one, else the same name (case and
    spaces aside)."""
    if _digits(a.siret) and _digits(b.siret):
        return _digits(a.siret) == _digits(b.siret)
    return " ".join(a.name.split()).casefold() == " ".join(b.name.split()).casefold() != ""


# -- reading the JSON form strictly ----------------------------------------------------------------
def obj(raw: Any, where: str, keys: Iterable[str], required: Iterable[str] = ()) -> dict[str, Any]:
    """raw as an object with only these keys (and at least the required ones)."""
    if not isinstance(raw, dict):
        raise FieldError(_("{where} : objet attendu, {got} trouvé").format(where=where, got=got(raw)))
    allowed = set(keys)
    extra = sorted(set(raw) - allowed)
    if extra:
        raise FieldError(_("{where} : clé inconnue {keys}").format(where=where, keys=", ".join(extra)))
    missing = sorted(set(required) - set(raw))
    if missing:
        raise FieldError(_("{where} : clé manquante {keys}").format(where=where, keys=", ".join(missing)))
    return raw


def party_from(raw: Any, where: str, *, required: bool = True) -> Party:
    names = [f.name for f in fields(Party)]
    data = obj(raw, where, names, ["name"])
    party = Party(**{k: data.get(k, "") for k in names})
    check_party(party, where, required=required)
    return party


def plain(data: Any) -> Any:
    """A register's dataclasses as JSON data (asdict keeps tuples; JSON has lists)."""
    from dataclasses import asdict, is_dataclass

    if is_dataclass(data) and not isinstance(data, type):
        data = asdict(data)
    if isinstance(data, dict):
        return {k: plain(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [plain(v) for v in data]
    return data


def items(raw: Any, where: str, limit: int) -> list[Any]:
    if isinstance(raw, tuple):
        raw = list(raw)
    if not isinstance(raw, list):
        raise FieldError(_("{where} : liste attendue, {got} trouvé").format(where=where, got=got(raw)))
    checks.count(raw, where, limit)
    return raw


def terms(raw: Any, where: str, known: Iterable[str] | None = None) -> tuple[str, ...]:
    """A list of ids of a vocabulary (services, data categories), each once; known: the content's."""
    values = items(raw, where, limits.TERMS)
    allowed = tuple(known) if known is not None else None
    out: list[str] = []
    for i, value in enumerate(values):
        if allowed is not None:
            checks.choice(value, f"{where}[{i}]", allowed)
        else:
            checks.text(value, f"{where}[{i}]", limits.NAME, required=True)
        if value not in out:
            out.append(value)
    return tuple(out)


def names(raw: Any, where: str) -> tuple[str, ...]:
    """A list of free names (sub-processors)."""
    values = items(raw, where, limits.TERMS)
    return tuple(checks.text(v, f"{where}[{i}]", limits.NAME, required=True) for i, v in enumerate(values))


def entry_id(value: Any, where: str) -> str:
    if not limits.is_entry_id(value):
        raise FieldError(_("{where} : identifiant d’entrée (12 chiffres hexadécimaux) attendu, {got} trouvé")
                         .format(where=where, got=got(value)))
    return value


def request_id(value: Any, where: str) -> str:
    if not limits.is_assessment_id(value):
        raise FieldError(_("{where} : identifiant de demande (UUID en minuscules) attendu, {got} trouvé")
                         .format(where=where, got=got(value)))
    return value


def optional_day(value: Any, where: str) -> str:
    """"" or a date AAAA-MM-JJ within the limits."""
    if value == "":
        return value
    checks.day(value, where)
    return value


def index(value: Any, where: str) -> int | None:
    """A maturity index: null or an integer from 0 to 100."""
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 100:
        raise FieldError(_("{where} : indice de 0 à 100 (ou null) attendu, {got} trouvé").format(
            where=where, got=got(value)))
    return value


def fingerprint(value: Any, where: str, *, required: bool = False) -> str:
    """"" (none yet) or the SHA-256 of a certificate, in lower-case hexadecimal."""
    if value == "" and not required:
        return value
    if not isinstance(value, str) or re.fullmatch(r"[0-9a-f]{64}", value) is None:
        raise FieldError(_("{where} : empreinte SHA-256 (64 chiffres hexadécimaux) attendue, {got} trouvé")
                         .format(where=where, got=got(value)))
    return value
