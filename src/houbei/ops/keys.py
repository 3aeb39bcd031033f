"""Key rotation for encrypted fields: every `*_encrypted` column is re-encrypted with the first
key of FIELD_ENCRYPTION_KEYS. Put the new key first, keep the old ones after it, rotate, then
drop the old keys."""

from __future__ import annotations

from django.apps import apps
from django.db import transaction
from django.db.models import Model

from houbei.accounts.types import Actor
from houbei.audit import record
from houbei.lib import crypto

SUFFIX = "_encrypted"
BATCH = 1000


def encrypted_fields() -> list[tuple[type[Model], str]]:
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.name.endswith(SUFFIX):
                found.append((model, field.attname))
    return found


def _rotate_column(model: type[Model], column: str) -> int:
    rows = model._base_manager.exclude(**{column: ""}).exclude(**{f"{column}__isnull": True})
    done = 0
    batch: list[Model] = []
    for obj in rows.only("pk", column).order_by("pk").iterator(chunk_size=BATCH):
        setattr(obj, column, crypto.encrypt(crypto.decrypt(getattr(obj, column))))
        batch.append(obj)
        if len(batch) >= BATCH:
            done += model._base_manager.bulk_update(batch, [column])
            batch = []
    return done + (model._base_manager.bulk_update(batch, [column]) if batch else 0)


@transaction.atomic
def rotate_keys(*, actor: Actor | None = None) -> dict[str, int]:
    """Re-encrypts every value; all or nothing. A value no key opens stops it (DecryptionError)."""
    crypto.reset_keys()
    counts = {
        f"{model._meta.label_lower}.{column}": _rotate_column(model, column)
        for model, column in encrypted_fields()
    }
    record(actor, "ops.keys.rotated", None, {"rows": counts})
    return counts
