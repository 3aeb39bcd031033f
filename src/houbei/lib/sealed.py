"""Sealed columns: a text encrypted at rest and bound to its table, row and column.

A model lists its sealed names in `SEALED`; each name `x` is stored in the column `x_sealed`
(crypto.seal with the context "<db table>.<x>.<pk>") and read and written through the
attribute `x` as plain text. The row's id is part of the binding, so a new row is inserted
first and its sealed columns written right after, in the same transaction. An empty text is
stored as an empty column. bulk_create and queryset.update() bypass this: use save().
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models

from houbei.lib import crypto

SUFFIX = "_sealed"


def context(table: str, name: str, pk: Any) -> str:
    return f"{table}.{name}.{pk}"


def seal_value(table: str, name: str, pk: Any, plaintext: str) -> str:
    return crypto.seal(plaintext, context=context(table, name, pk)) if plaintext else ""


def unseal_value(table: str, name: str, pk: Any, token: str) -> str:
    return crypto.unseal(token, context=context(table, name, pk)) if token else ""


class _Plain:
    """The plain text of one sealed column, opened once per instance."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, instance: Any, owner: Any = None) -> Any:
        if instance is None:
            return self
        cache = instance.__dict__.setdefault("_sealed_plain", {})
        if self.name not in cache:
            token = getattr(instance, self.name + SUFFIX)
            cache[self.name] = unseal_value(instance._meta.db_table, self.name, instance.pk, token)
        return cache[self.name]

    def __set__(self, instance: Any, value: str) -> None:
        instance.__dict__.setdefault("_sealed_plain", {})[self.name] = value or ""
        instance.__dict__.setdefault("_sealed_dirty", set()).add(self.name)


def plain(name: str) -> Any:
    """`kind = plain("kind")` beside `kind_sealed = models.TextField(...)`."""
    descriptor = _Plain(name)
    return property(descriptor.__get__, descriptor.__set__)


class SealedModel(models.Model):
    SEALED: ClassVar[tuple[str, ...]] = ()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Inserts first when the row is new (its id is part of the seal), then seals."""
        fields = kwargs.get("update_fields")
        if fields is not None:
            kwargs["update_fields"] = [f + SUFFIX if f in self.SEALED else f for f in fields]
        if self.pk is None and self.__dict__.get("_sealed_dirty"):
            super().save(*args, **kwargs)
            columns = self._seal_dirty()
            super().save(update_fields=columns, using=kwargs.get("using"))
            return
        if self.__dict__.get("_sealed_dirty"):
            columns = self._seal_dirty()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = sorted({*kwargs["update_fields"], *columns})
        super().save(*args, **kwargs)

    def _seal_dirty(self) -> list[str]:
        dirty = sorted(self.__dict__.get("_sealed_dirty", set()))
        plain_texts = self.__dict__.get("_sealed_plain", {})
        for name in dirty:
            token = seal_value(self._meta.db_table, name, self.pk, plain_texts[name])
            setattr(self, name + SUFFIX, token)
        self.__dict__["_sealed_dirty"] = set()
        return [name + SUFFIX for name in dirty]
