"""Records that can be voided (作废): the record stays, marked with who voided it, when and why.

A voided record is kept for the history and left out of every count, score and guard
(`valid_q()`); docs/decisions/0028-record-corrections.md says which records are voided rather
than corrected.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


def valid_q(prefix: str = "") -> Q:
    """Rows not voided (`prefix` reaches them through a relation, e.g. "interviews__")."""
    return Q(**{f"{prefix}voided_at__isnull": True})


class Voidable(models.Model):
    voided_at = models.DateTimeField("作废时间", null=True, blank=True, editable=False)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name="作废人",
    )
    void_reason = models.TextField("作废理由", blank=True, default="", editable=False)

    class Meta:
        abstract = True

    @property
    def is_void(self) -> bool:
        return self.voided_at is not None
