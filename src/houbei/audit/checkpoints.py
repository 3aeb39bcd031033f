"""Signed checkpoints of the audit log: how many entries, the last id and its hash (the head),
signed with an HMAC under the chain's key (docs/decisions/0016-trust.md).

A checkpoint is kept outside the database: `houbei audit checkpoint` (run it on a schedule)
appends it to AUDIT_CHECKPOINT_FILE and prints it, so it can be sent on (mail, syslog); every
backup manifest holds one. `houbei audit verify` checks the log against the latest one: an
entry deleted, changed or cut off from the tail before the checkpoint no longer matches it,
even by someone who could re-chain the rest.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from houbei.audit.models import AuditEntry
from houbei.audit.services import chain_key
from houbei.lib.datadir import ensure_private_dir

FIELDS = ("count", "last_id", "head", "at")


def _signature(checkpoint: dict[str, Any]) -> str:
    text = json.dumps({k: checkpoint[k] for k in FIELDS}, sort_keys=True)
    return hmac.digest(chain_key(), f"houbei:checkpoint:{text}".encode(), "sha256").hex()


def take() -> dict[str, Any]:
    """The log as it stands now, signed."""
    last = AuditEntry.objects.order_by("-id").values_list("id", "hash").first()
    checkpoint: dict[str, Any] = {
        "count": AuditEntry.objects.count(),
        "last_id": int(last[0]) if last else 0,
        "head": str(last[1]) if last else "",
        "at": timezone.now().isoformat(),
    }
    checkpoint["signature"] = _signature(checkpoint)
    return checkpoint


def checkpoint_file() -> Path:
    configured = getattr(settings, "AUDIT_CHECKPOINT_FILE", "")
    return Path(configured) if configured else settings.DATA_DIR / "audit-checkpoints.jsonl"


def write(checkpoint: dict[str, Any], path: Path | None = None) -> Path:
    """Appends the checkpoint as one line (the file is 0600 in a 0700 directory)."""
    target = path or checkpoint_file()
    ensure_private_dir(target.parent)
    with target.open("a", encoding="utf-8") as out:
        target.chmod(0o600)
        out.write(json.dumps(checkpoint, sort_keys=True) + "\n")
    return target


def latest(path: Path | None = None) -> dict[str, Any] | None:
    target = path or checkpoint_file()
    if not target.is_file():
        return None
    lines = [line for line in target.read_text(encoding="utf-8").splitlines() if line.strip()]
    return json.loads(lines[-1]) if lines else None


def check(checkpoint: dict[str, Any]) -> Iterator[str]:
    """Yields what does not match the checkpoint; nothing when the log holds it."""
    try:
        valid = hmac.compare_digest(_signature(checkpoint), str(checkpoint.get("signature")))
    except (KeyError, TypeError):
        valid = False
    if not valid:
        yield "检查点的签名不符（检查点被改动或密钥不同）"
        return
    last_id, count = int(checkpoint["last_id"]), int(checkpoint["count"])
    if not last_id:
        return
    head = AuditEntry.objects.filter(pk=last_id).values_list("hash", flat=True).first()
    if head is None:
        yield f"检查点记录的第 {last_id} 条记录已不存在（日志被截断或删除）"
    elif head != checkpoint["head"]:
        yield f"第 {last_id} 条记录的哈希与检查点不符（记录被改动后重新链接）"
    before = AuditEntry.objects.filter(pk__lte=last_id).count()
    if before != count:
        yield f"检查点时共有 {count} 条记录，现存其中 {before} 条（记录被删除）"
