"""Signed tokens for the links in emails, each bound to one purpose.

A token made for one purpose never works for another: the purpose is the
signing salt. Values are ids, never addresses, so links in server logs and
forwarded emails give nothing away.
"""

import enum

from django.core import signing


class TokenPurpose(enum.StrEnum):
    SIGNATURE_CONFIRM = "signature.confirm"
    SUPPORTER_CONFIRM = "supporter.confirm"
    UNSUBSCRIBE = "unsubscribe"


def token_make(*, purpose: TokenPurpose, value: str) -> str:
    return signing.TimestampSigner(salt=f"petitions.{purpose}").sign(value)


def token_read(*, purpose: TokenPurpose, token: str, max_age: int | None = None) -> str:
    """The value a token was made for. Raises signing.SignatureExpired when it
    is older than `max_age` seconds and signing.BadSignature when it was not
    made by this site for this purpose."""
    return signing.TimestampSigner(salt=f"petitions.{purpose}").unsign(
        token, max_age=max_age
    )
