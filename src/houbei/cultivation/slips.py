"""Code slips (签到码): one small mechanism for account-less entry on a public page.

Issue random codes for a purpose (a `scope` such as "session:12"), each for a holder (an opaque
id, or blank when the slip must stay anonymous, as the opinion poll's will) and a time window;
only a keyed hash of each code is stored, so the codes are shown once, on the page printed when
they are issued. A code is redeemed once, inside its window, for its own scope; the public page
gives one answer for unknown, used, expired and foreign codes, and every try counts against a
per-address and a global limit (database rows: no extra server). Tries and redemptions are
audited.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from houbei.accounts.types import Actor
from houbei.audit import record
from houbei.cultivation.models import CodeSlip, SlipAttempt
from houbei.lib.crypto import blind_index
from houbei.regions.models import Region

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read off paper
LENGTH = 8  # 32^8 ≈ 1.1e12 codes
PER_CLIENT = 10  # tries per address per window
GLOBAL = 300  # failed tries from everyone per window
WINDOW = dt.timedelta(minutes=10)
REFUSED = "签到码无效或已使用，或不在签到时间内"
LIMITED = "尝试次数过多，请稍后再试"


class RateLimited(Exception):
    """Too many tries from this address, or from everyone."""


@dataclass(frozen=True)
class Redeemed:
    slip: CodeSlip | None
    message: str

    @property
    def ok(self) -> bool:
        return self.slip is not None


def normalise(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def shown(code: str) -> str:
    """ABCD-EFGH, as printed."""
    return f"{code[:4]}-{code[4:]}"


def code_hash(code: str) -> str:
    return blind_index("slip:" + normalise(code))


def client_key(address: str | None) -> str:
    return blind_index("slip-client:" + (address or "unknown"))


@transaction.atomic
def issue(
    *,
    scope: str,
    holders: Iterable[str],
    region: Region,
    valid_from: dt.datetime,
    valid_until: dt.datetime,
    actor: Actor,
) -> dict[str, str]:
    """Holder → code (shown once). Unused earlier slips of the same holders are replaced."""
    holders = list(holders)
    CodeSlip.objects.filter(scope=scope, holder__in=holders, used_at__isnull=True).delete()
    codes = {holder: "".join(secrets.choice(ALPHABET) for _ in range(LENGTH)) for holder in holders}
    CodeSlip.objects.bulk_create(
        CodeSlip(
            scope=scope,
            holder=holder,
            code_hash=code_hash(code),
            region=region,
            valid_from=valid_from,
            valid_until=valid_until,
        )
        for holder, code in codes.items()
    )
    changes = {"scope": scope, "count": len(codes), "valid_until": valid_until.isoformat()}
    record(actor, "cultivation.slips.issued", None, changes, region=region)
    return codes


def _limited(client: str, now: dt.datetime) -> bool:
    since = now - WINDOW
    mine = SlipAttempt.objects.filter(client=client, at__gte=since).count()
    everyone = SlipAttempt.objects.filter(at__gte=since, ok=False).count()
    return mine >= PER_CLIENT or everyone >= GLOBAL


def _claim(code: str, scope_prefix: str, now: dt.datetime) -> CodeSlip | None:
    slip = CodeSlip.objects.filter(code_hash=code_hash(code)).first()
    if slip is None or not slip.scope.startswith(scope_prefix):
        return None
    if not slip.valid_from <= now < slip.valid_until:
        return None
    taken = CodeSlip.objects.filter(pk=slip.pk, used_at__isnull=True).update(used_at=now)
    if not taken:
        return None
    slip.used_at = now
    return slip


def redeem(
    *, code: str, address: str | None, scope_prefix: str, now: dt.datetime | None = None
) -> Redeemed:
    """Uses a code once. Raises RateLimited before looking at the code when over a limit.
    Not one transaction: the try and its audit entry stay even when the caller's work fails."""
    moment = now or timezone.now()
    client = client_key(address)
    if _limited(client, moment):
        record(None, "cultivation.slip.limited", None, {"client": client[:16]}, outcome="denied")
        raise RateLimited(LIMITED)
    slip = _claim(code, scope_prefix, moment) if len(normalise(code)) == LENGTH else None
    SlipAttempt.objects.create(client=client, at=moment, ok=slip is not None)
    if slip is None:
        record(None, "cultivation.slip.refused", None, {"client": client[:16]}, outcome="denied")
        return Redeemed(None, REFUSED)
    record(None, "cultivation.slip.redeemed", slip, {"scope": slip.scope, "client": client[:16]})
    return Redeemed(slip, "")


def forget_attempts(before: dt.datetime) -> int:
    """Old tries are only needed for the window; housekeeping may drop them."""
    deleted, _ = SlipAttempt.objects.filter(at__lt=before).delete()
    return deleted
