"""How far a signer's certificate is trusted, and if not, exactly why.

pyHanko validates the chain against the trust list (RFC 5280, offline); a signer is trusted
only when it succeeds AND the checks here pass: every certificate of the chain, the trusted
one included, valid today; a signature digest and certificate signatures stronger than
SHA-1; a key meant for signing. When the signer is not trusted, the reason is named in the
order a person can act on it: a certificate out of its validity period, a weak signature,
then a chain that does not reach the trust list (self-signed, or unknown issuer).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from wizard.i18n import _, format_day

WEAK_HASHES = frozenset({"md2", "md5", "sha1"})
SIGNING_USAGES = frozenset({"digital_signature", "non_repudiation"})
_MAX_CHAIN = 8

# trust states, from best to worst as `verify` reports them
TRUSTED, EXPIRED, NOT_YET_VALID, WEAK = "trusted", "expired", "not-yet-valid", "weak"
SELF_SIGNED, UNKNOWN_ISSUER, INVALID_CHAIN = "self-signed", "unknown-issuer", "invalid-chain"


@dataclass(frozen=True)
class TrustVerdict:
    state: str  # one of the states above
    detail: str  # plain words: which certificate, which date, which weakness
    weaknesses: tuple[str, ...] = ()  # "sha1-signature", "sha1-certificate", "key-usage"


def holder(cert: asn1_x509.Certificate) -> str:
    names = cert.subject.native
    return str(names.get("common_name") or cert.subject.human_friendly)


def validity_problem(cert: asn1_x509.Certificate, moment: datetime) -> tuple[str, str] | None:
    """(state, plain words) when cert is not valid at moment, else None."""
    if moment > cert.not_valid_after:
        return EXPIRED, _("certificat de {name} expiré le {date}").format(
            name=holder(cert), date=format_day(cert.not_valid_after.date(), "long"))
    if moment < cert.not_valid_before:
        return NOT_YET_VALID, _("certificat de {name} valable seulement à partir du {date}").format(
            name=holder(cert), date=format_day(cert.not_valid_before.date(), "long"))
    return None


def certificate_weaknesses(cert: asn1_x509.Certificate, *, signer: bool = True) -> list[str]:
    """What makes a certificate unfit: a SHA-1 (or older) signature by its issuer and, for the
    signer's own certificate, a key usage that leaves out signing (a certificate without the
    key-usage extension may sign)."""
    found = []
    if cert["signature_algorithm"].hash_algo in WEAK_HASHES:
        found.append("sha1-certificate")
    usage = cert.key_usage_value
    if signer and usage is not None and not SIGNING_USAGES & set(usage.native):
        found.append("key-usage")
    return found


def describe_weakness(code: str) -> str:
    return {
        "sha1-signature": _("signature calculée avec SHA-1, un algorithme cassé"),
        "sha1-certificate": _("certificat signé avec SHA-1, un algorithme cassé"),
        "key-usage": _("certificat qui n'est pas prévu pour signer (usage de clé sans « signature numérique »)"),
    }.get(code, code)


def _crypto(cert: asn1_x509.Certificate) -> x509.Certificate | None:
    """The certificate for cryptography's checks; None for one it cannot read (left aside)."""
    try:
        return x509.load_der_x509_certificate(cert.dump())
    except ValueError:
        return None


def _issued_by(child: x509.Certificate, parent: x509.Certificate) -> bool:
    """Whether parent's key signed child (SHA-1 signatures included: they must be recognised
    to be named as weak, which cryptography's own check refuses to do)."""
    if child.issuer != parent.subject:
        return False
    try:
        child.verify_directly_issued_by(parent)
        return True
    except InvalidSignature:
        return False
    except (ValueError, TypeError, UnsupportedAlgorithm):
        pass
    try:
        key, algorithm = parent.public_key(), child.signature_hash_algorithm
        if isinstance(key, rsa.RSAPublicKey) and algorithm is not None:
            key.verify(child.signature, child.tbs_certificate_bytes, padding.PKCS1v15(), algorithm)
        elif isinstance(key, ec.EllipticCurvePublicKey) and algorithm is not None:
            key.verify(child.signature, child.tbs_certificate_bytes, ec.ECDSA(algorithm))
        else:
            return False
    except (InvalidSignature, ValueError, TypeError, UnsupportedAlgorithm):
        return False
    return True


def chain_to_trust_list(leaf: asn1_x509.Certificate, others: list[asn1_x509.Certificate],
                        roots: list[asn1_x509.Certificate]) -> list[asn1_x509.Certificate] | None:
    """leaf, its issuers, up to a certificate of the trust list; None when there is no such
    chain. Validity dates are not looked at here."""
    trusted = {r.sha256 for r in roots}
    pool = [(c, crypto) for c in [*roots, *others] if (crypto := _crypto(c)) is not None]
    chain = [leaf]
    current = _crypto(leaf)
    while len(chain) <= _MAX_CHAIN:
        if chain[-1].sha256 in trusted:
            return chain
        if current is None:
            return None
        issuer = next(((a, c) for a, c in pool if a.sha256 not in {x.sha256 for x in chain}
                       and _issued_by(current, c)), None)
        if issuer is None:
            return None
        chain.append(issuer[0])
        current = issuer[1]
    return None


def trust_verdict(leaf: asn1_x509.Certificate, others: list[asn1_x509.Certificate],
                  roots: list[asn1_x509.Certificate], *, digest_algorithm: str, validated: bool,
                  moment: datetime | None = None) -> TrustVerdict:
    """The trust state of a signer's certificate at moment (default: now).

    validated: pyHanko's path validation succeeded against the same trust list.
    """
    moment = moment or datetime.now(UTC)
    chain = chain_to_trust_list(leaf, others, roots)
    issuers = chain[1:-1] if chain else []  # the trusted certificate's own signature does not matter
    found = ["sha1-signature"] if digest_algorithm.lower() in WEAK_HASHES else []
    found += certificate_weaknesses(leaf) + [w for c in issuers for w in certificate_weaknesses(c, signer=False)]
    weaknesses = tuple(dict.fromkeys(found))
    for cert in chain or [leaf]:
        problem = validity_problem(cert, moment)
        if problem:
            return TrustVerdict(problem[0], problem[1], weaknesses)
    if weaknesses:
        return TrustVerdict(WEAK, "; ".join(describe_weakness(w) for w in weaknesses), weaknesses)
    if chain is None:
        own = _crypto(leaf)
        if leaf.self_signed in ("yes", "maybe") and own is not None and _issued_by(own, own):
            return TrustVerdict(SELF_SIGNED, _("certificat auto-signé de {name}, absent de votre liste de "
                                               "confiance").format(name=holder(leaf)))
        return TrustVerdict(UNKNOWN_ISSUER, _("émetteur « {issuer} » absent de votre liste de confiance").format(
            issuer=leaf.issuer.native.get("common_name") or leaf.issuer.human_friendly))
    if not validated:
        return TrustVerdict(INVALID_CHAIN, _("la chaîne de certificats jusqu'à votre liste de confiance "
                                             "est refusée (contraintes d'autorité non respectées)"))
    if len(chain) == 1:
        return TrustVerdict(TRUSTED, _("certificat de {name}, dans votre liste de confiance").format(name=holder(leaf)))
    return TrustVerdict(TRUSTED, _("émis par « {issuer} », dans votre liste de confiance").format(
        issuer=holder(chain[-1])))
