"""How signers are told apart: canonical emails, comparable names, hashed IPs.

Pure functions, no database: services and forms share them.
"""

import contextlib
import re
import unicodedata

from django.utils.crypto import salted_hmac

# Gmail ignores dots in the local part and treats googlemail.com as gmail.com.
GMAIL_DOMAINS = {"gmail.com", "googlemail.com"}

# Letters that Arabic and Persian keyboards type differently for the same
# Urdu or Hazaragi letter; NFKC leaves them apart, so fold them here.
ARABIC_SCRIPT_FOLDS = str.maketrans(
    {
        "\u064a": "\u06cc",  # Arabic yeh -> Farsi yeh
        "\u0649": "\u06cc",  # alef maksura -> Farsi yeh
        "\u0643": "\u06a9",  # Arabic kaf -> keheh
        "\u0640": None,  # tatweel only stretches a line
        "\u200c": None,  # zero-width non-joiner
        "\u200d": None,  # zero-width joiner
    }
)

WHITESPACE = re.compile(r"\s+")


def email_canonical(email: str) -> str:
    """The form of an address under which one person signs once.

    Case is folded everywhere, a `+tag` is dropped everywhere, and for Gmail
    the dots of the local part go too. Internationalised domains are kept in
    their ASCII (IDNA) form so both spellings meet.
    """
    email = unicodedata.normalize("NFKC", email.strip())
    local, _at, domain = email.rpartition("@")
    local = local.casefold().split("+", 1)[0]
    domain = domain.casefold().rstrip(".")
    with contextlib.suppress(UnicodeError):
        domain = domain.encode("idna").decode("ascii")
    if domain in GMAIL_DOMAINS:
        domain = "gmail.com"
        local = local.replace(".", "")
    return f"{local}@{domain}"


def email_domain(email: str) -> str:
    """The domain of an address, lower-case, without a trailing dot."""
    return email.rpartition("@")[2].casefold().rstrip(".")


def name_normalize(name: str) -> str:
    """The name as stored: NFKC, single spaces, no surrounding space."""
    return WHITESPACE.sub(" ", unicodedata.normalize("NFKC", name)).strip()


def name_key(name: str) -> str:
    """The name as compared: NFKC, case-folded, Arabic-script letter variants
    folded. Never slugged to ASCII, which would make every Urdu name empty."""
    return name_normalize(name).translate(ARABIC_SCRIPT_FOLDS).casefold()


def ip_hash(ip: str) -> str:
    """A keyed hash of an IP address: enough to count and compare, useless
    for finding the signer."""
    if not ip:
        return ""
    return salted_hmac("petitions.ip", ip, algorithm="sha256").hexdigest()[:32]
