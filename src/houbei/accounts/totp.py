"""Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits).

Small enough to keep here rather than add a dependency; any authenticator app reads the key.
The shared key is stored encrypted (lib.crypto), like every `*_encrypted` column.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import struct
import time
from urllib.parse import quote

STEP_SECONDS = 30
DIGITS = 6
DRIFT_STEPS = 1  # a code from the step before or after is accepted (clock drift)


def new_key() -> str:
    """A random 160-bit key, base32 as authenticator apps expect."""
    return base64.b32encode(secrets.token_bytes(20)).decode()


def current_step(now: float | None = None) -> int:
    return int((time.time() if now is None else now) // STEP_SECONDS)


def code_at(key: str, step: int, digits: int = DIGITS) -> str:
    secret = base64.b32decode(key.upper() + "=" * (-len(key) % 8))
    digest = hmac.new(secret, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10**digits).zfill(digits)


def matching_step(key: str, code: str, now: float | None = None) -> int | None:
    """The step whose code this is (within the drift window), or None."""
    code = code.strip().replace(" ", "")
    if len(code) != DIGITS or not code.isdigit():
        return None
    step = current_step(now)
    for candidate in range(step - DRIFT_STEPS, step + DRIFT_STEPS + 1):
        if hmac.compare_digest(code_at(key, candidate), code):
            return candidate
    return None


def provisioning_uri(key: str, username: str, issuer: str = "houbei") -> str:
    label = quote(f"{issuer}:{username}")
    return f"otpauth://totp/{label}?secret={key}&issuer={quote(issuer)}&digits={DIGITS}&period={STEP_SECONDS}"
