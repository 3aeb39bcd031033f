"""Optimistic locking: an edited record carries a `version`; a save from a page opened before
somebody else's save is refused, and nothing of it is written."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F, Model


class ConflictError(ValidationError):
    """Somebody else saved the record after it was opened. A ValidationError, so a form shows
    its message above the fields like any other refusal."""


def claim_version(record: Model, version: int | None, message: str) -> None:
    """Moves the record's row from `version` (None: the version it was read at) to the next,
    in the database and on `record`; ConflictError(message) when the row has moved on. Call it
    inside the transaction that saves the record."""
    versioned: Any = record  # any model with an integer `version` field
    expected = versioned.version if version is None else version
    moved = (
        type(record)
        ._default_manager.filter(pk=record.pk, version=expected)
        .update(version=F("version") + 1)
    )
    if not moved:
        raise ConflictError(message)
    versioned.version = expected + 1
