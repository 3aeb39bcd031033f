"""Loading reference regions (辉县市 and its towns)."""

from __future__ import annotations

from django.db import transaction

from houbei.regions.data import huixian
from houbei.regions.models import Level, Region
from houbei.regions.services import create_region


def _get_or_create(code: str, name: str, level: Level, parent: Region | None) -> Region:
    existing = Region.objects.filter(code=code).first()
    return existing or create_region(name=name, level=level, parent=parent, code=code)


@transaction.atomic
def load_huixian() -> Region:
    """Idempotent: returns the county, creating what is missing."""
    province = _get_or_create(*huixian.PROVINCE, Level.PROVINCE, None)
    city = _get_or_create(*huixian.CITY, Level.CITY, province)
    county = _get_or_create(*huixian.COUNTY, Level.COUNTY, city)
    for code, name in huixian.TOWNS:
        _get_or_create(code, name, Level.TOWN, county)
    return county
