from tests.signing.fixtures import consultant_p12, identity_source, personal, signed_plan  # noqa: F401
