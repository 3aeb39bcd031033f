"""The region tree: county → town → district (管理区) → village.

Every row carries its ancestors (county, town, district) as foreign keys, so region scope is an
equality filter on an indexed column instead of a tree walk.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Q

from houbei.accounts.scope import region_q

if TYPE_CHECKING:
    from houbei.accounts.types import Actor


class Level(models.TextChoices):
    PROVINCE = "province", "省"
    CITY = "city", "市"
    COUNTY = "county", "县(市、区)"
    TOWN = "town", "乡镇(街道)"
    DISTRICT = "district", "管理区"
    VILLAGE = "village", "行政村"


class RegionQuerySet(models.QuerySet["Region"]):
    def visible_to(self, user: Actor) -> RegionQuerySet:
        return self.filter(region_q(user, ""))

    def under(self, region: Region | None) -> RegionQuerySet:
        """The region and everything below it (everything when `region` is None)."""
        return self if region is None else self.filter(subtree_q(region))

    def villages(self) -> RegionQuerySet:
        return self.filter(level=Level.VILLAGE)

    def current(self) -> RegionQuerySet:
        return self.filter(valid_to__isnull=True)

    def search(self, text: str) -> RegionQuerySet:
        text = text.strip().lower()
        if not text:
            return self
        return self.filter(
            Q(name__contains=text)
            | Q(name_pinyin__startswith=text)
            | Q(name_initials__startswith=text)
        )


def _at(path: str, name: str) -> str:
    return f"{path}__{name}" if path else name


def counties_under(region: Region) -> list[int]:
    """The counties below a city or a province (one query)."""
    above = "parent" if region.level == Level.CITY else "parent__parent"
    counties = Region.objects.filter(level=Level.COUNTY).filter(
        Q(**{above: region.pk}) | Q(parent=region.pk)
    )
    return list(counties.values_list("pk", flat=True))


def subtree_q(region: Region, path: str = "") -> Q:
    """Rows whose region (reached by `path`; "" for Region itself) is `region` or lies below it.

    The one answer to "what lies under a region": scope, figures and the risk engine build on it.
    Below the county it is one equality on an ancestor column. Above the county the counties are
    listed first, so every filter is on a plain column (a join through `county__parent` in a
    scope subquery has misled PostgreSQL's planner into a ten-minute plan).
    """
    level = region.level
    if level == Level.VILLAGE:
        return Q(**{_at(path, "pk"): region.pk})
    if level in (Level.COUNTY, Level.TOWN, Level.DISTRICT):
        return Q(**{_at(path, "pk"): region.pk}) | Q(**{_at(path, str(level)): region.pk})
    counties = counties_under(region)
    found = Q(**{_at(path, "county__in"): counties}) | Q(**{_at(path, "pk__in"): counties})
    # The region itself and the cities between it and its counties carry no county column.
    found |= Q(**{_at(path, "pk"): region.pk})
    if level == Level.PROVINCE:
        found |= Q(**{_at(path, "parent"): region.pk, _at(path, "level"): Level.CITY})
    return found


class Region(models.Model):
    code = models.CharField("统计用区划代码", max_length=12, null=True, blank=True, unique=True)
    name = models.CharField("名称", max_length=50)
    level = models.CharField("层级", max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children", verbose_name="上级"
    )
    county = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="县"
    )
    town = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="乡镇"
    )
    district = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="管理区"
    )
    name_pinyin = models.CharField(max_length=200, blank=True, editable=False)
    name_initials = models.CharField(max_length=50, blank=True, editable=False)
    committee_size = models.PositiveSmallIntegerField(
        "两委职数", null=True, blank=True, help_text="为空时使用换届规则中的默认职数"
    )
    valid_from = models.DateField("启用日期", null=True, blank=True)
    valid_to = models.DateField("撤销日期", null=True, blank=True)

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = "行政区划"
        verbose_name_plural = "行政区划"
        ordering = ["code", "name"]
        indexes = [
            models.Index(fields=["town", "level", "name"]),
            models.Index(fields=["county", "level"]),
            models.Index(fields=["district", "level"]),
            models.Index(fields=["name_initials"]),
            models.Index(fields=["name_pinyin"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="region_unique_name_in_parent")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_village(self) -> bool:
        return self.level == Level.VILLAGE

    def ancestors_for_child(self) -> dict[str, Any]:
        """The ancestor columns a direct child of this region carries."""
        keys = {"county": self.county_id, "town": self.town_id, "district": self.district_id}
        if self.level in (Level.COUNTY, Level.TOWN, Level.DISTRICT):
            keys[str(self.level)] = self.pk
        return {f"{k}_id": v for k, v in keys.items()}
