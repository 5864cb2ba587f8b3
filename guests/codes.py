"""The codes on an invitation card: the RSVP token (in the QR code) and the short code (typed).

Both end in a signature: the first part is random, the rest is an HMAC-SHA256 of it under a
key derived from SECRET_KEY, written in the same alphabet. A door whose network dropped
holds the key (the check-in page gives it to signed-in door staff) and tells a genuine card
from a forged one without asking the server; the server checks the same signature before it
looks a code up, so a forged code costs no query and is recorded as forged.

- token: 26 random characters (130 bits) and 6 of signature: the RSVP address, unguessable.
- short code: 6 random characters (30 bits) and 4 of signature (20 bits): what a person types
  at the door, shown as `ABC-DEF-GHJK`. Door staff are signed in and every scan is recorded,
  so its shorter signature only has to stop a hand-made card, not a search.

The alphabet is Crockford's base 32 (no I, L, O, U): typed codes tolerate case, spaces,
dashes, Persian digits and the letters people confuse (O for 0, I and L for 1).
"""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.utils.crypto import salted_hmac

from moqdad.persian import to_latin_digits

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
TOKEN_RANDOM, TOKEN_SIGNATURE = 26, 6
CODE_RANDOM, CODE_SIGNATURE = 6, 4
_CONFUSED = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})
KEY_SALT = "moqdad.guests.codes"


def door_key() -> bytes:
    """The signing key of the cards (derived from SECRET_KEY; rotating that voids the cards)."""
    return salted_hmac(
        KEY_SALT, "door-key", secret=settings.SECRET_KEY, algorithm="sha256"
    ).digest()


def _encode(data: bytes, length: int) -> str:
    number = int.from_bytes(data, "big")
    chars = []
    for _ in range(length):
        number, index = divmod(number, 32)
        chars.append(ALPHABET[index])
    return "".join(chars)


def signature(text: str, length: int) -> str:
    digest = hmac.new(door_key(), text.encode("ascii"), hashlib.sha256).digest()
    # The first 8 bytes (big-endian), least significant base-32 digit first; at most 12 digits.
    return _encode(digest[:8], length)


def _random(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def new_token() -> str:
    body = _random(TOKEN_RANDOM)
    return (body + signature(body, TOKEN_SIGNATURE)).lower()


def new_short_code() -> str:
    body = _random(CODE_RANDOM)
    return body + signature(body, CODE_SIGNATURE)


def canonical(text: str) -> str:
    """A typed or scanned code as stored: upper case, no separators, confusable letters fixed."""
    text = to_latin_digits(str(text or "")).upper().translate(_CONFUSED)
    return "".join(ch for ch in text if ch in ALPHABET)


def _genuine(code: str, random_length: int, signature_length: int) -> bool:
    if len(code) != random_length + signature_length:
        return False
    body, sign = code[:random_length], code[random_length:]
    return hmac.compare_digest(sign, signature(body, signature_length))


def token_is_genuine(token: str) -> bool:
    return _genuine(canonical(token), TOKEN_RANDOM, TOKEN_SIGNATURE)


def short_code_is_genuine(code: str) -> bool:
    return _genuine(canonical(code), CODE_RANDOM, CODE_SIGNATURE)


def display_short_code(code: str) -> str:
    return f"{code[:3]}-{code[3:6]}-{code[6:]}" if len(code) == 10 else code
