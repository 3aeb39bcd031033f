"""Finding the household village of a row: by name within the importer's scope, or by code."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from django.db.models import QuerySet

from houbei.regions.models import Region

_CODE = re.compile(r"\d{12}")


@dataclass
class VillageIndex:
    """The villages one import may use. `scope` also holds merged (non-current) villages, so
    people registered there count as in scope; only current villages can be named in a row."""

    by_code: dict[str, int] = field(default_factory=dict)
    by_name: dict[str, list[int]] = field(default_factory=dict)
    labels: dict[int, str] = field(default_factory=dict)
    scope: set[int] = field(default_factory=set)

    @classmethod
    def of(cls, villages: QuerySet[Region]) -> VillageIndex:
        index = cls()
        rows = villages.values_list("pk", "code", "name", "valid_to")
        for pk, code, name, valid_to in rows.order_by("code", "pk"):
            index.scope.add(pk)
            index.labels[pk] = f"{name}（{code}）" if code else name
            if valid_to is not None:
                continue
            if code:
                index.by_code[code] = pk
            index.by_name.setdefault(name, []).append(pk)
        return index

    def find(self, value: object) -> int:
        """The village id for a name or 12-digit code; ValueError with a message otherwise."""
        text = _text(value)
        if not text:
            raise ValueError("户籍村不能为空")
        if _CODE.fullmatch(text):
            if text in self.by_code:
                return self.by_code[text]
            raise ValueError(f"区划代码 {text} 不是您管辖范围内的村")
        matches = self.by_name.get(text) or self.by_name.get(f"{text}村") or []
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise ValueError(f"您的范围内有{len(matches)}个“{text}”，请改填12位统计用区划代码")
        raise ValueError(f"“{text}”不是您管辖范围内的村，可填写村名或12位统计用区划代码")


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value)))
