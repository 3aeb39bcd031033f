"""Key rotation for encrypted fields: every `*_encrypted` column, and every `*_sealed` one (bound
to its row, houbei.lib.sealed), is re-encrypted with the first key of FIELD_ENCRYPTION_KEYS.
Put the new key first, keep the old ones after it, rotate, then drop the old keys."""

from __future__ import annotations

from django.apps import apps
from django.db import transaction
from django.db.models import Model

from houbei.accounts.types import Actor
from houbei.audit import record
from houbei.lib import crypto, sealed

SUFFIX = "_encrypted"
BATCH = 1000


def encrypted_fields() -> list[tuple[type[Model], str]]:
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.name.endswith((SUFFIX, sealed.SUFFIX)):
                found.append((model, field.attname))
    return found


def _renew(model: type[Model], column: str, obj: Model) -> str:
    token = getattr(obj, column)
    if not column.endswith(sealed.SUFFIX):
        return crypto.encrypt(crypto.decrypt(token))
    table, name = model._meta.db_table, column.removesuffix(sealed.SUFFIX)
    text = sealed.unseal_value(table, name, obj.pk, token)
    return sealed.seal_value(table, name, obj.pk, text)


def _rotate_column(model: type[Model], column: str) -> int:
    rows = model._base_manager.exclude(**{column: ""}).exclude(**{f"{column}__isnull": True})
    done = 0
    batch: list[Model] = []
    size = getattr(model, "ROTATE_BATCH", BATCH)  # models with large values ask for fewer
    for obj in rows.only("pk", column).order_by("pk").iterator(chunk_size=size):
        setattr(obj, column, _renew(model, column, obj))
        batch.append(obj)
        if len(batch) >= size:
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
