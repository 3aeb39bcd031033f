"""Regions, villages and their sitting committees: scoped like the village pages."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from houbei.accounts.capabilities import Capability
from houbei.api.core import Id, PathId, guard, page_of
from houbei.api.errors import ERRORS
from houbei.api.scopes import Scope
from houbei.people.models import Post
from houbei.regions.models import Level, Region

router = Router(tags=["区划"])


class RegionOut(Schema):
    id: int
    code: str | None
    name: str
    level: str
    parent_id: int | None
    county_id: int | None
    town_id: int | None
    district_id: int | None
    committee_size: int | None


class RegionPage(Schema):
    items: list[RegionOut]
    next_cursor: str | None


class RegionFilter(Schema):
    level: Level | None = None
    parent: Id | None = None
    q: str | None = Field(None, max_length=50)
    cursor: str | None = None
    limit: int = Field(50, ge=1, le=100)


class CommitteeMember(Schema):
    post_id: int
    person_id: int
    name: str
    organisation: str
    role: str
    term_start: dt.date


class CommitteeOut(Schema):
    village_id: int
    members: list[CommitteeMember]


@router.get("/regions", response={200: RegionPage, **ERRORS}, summary="行政区划列表")
def region_list(request: HttpRequest, filters: Query[RegionFilter]) -> dict[str, object]:
    guard(request, Scope.READ, Capability.VIEW_REGIONS)
    regions = Region.objects.visible_to(request.user).current()
    if filters.level:
        regions = regions.filter(level=filters.level)
    if filters.parent is not None:
        regions = regions.filter(parent_id=filters.parent)
    if filters.q:
        regions = regions.search(filters.q[:50])
    return page_of(regions, keys=("name_pinyin", "id"), cursor=filters.cursor, limit=filters.limit)


@router.get("/villages", response={200: RegionPage, **ERRORS}, summary="村列表")
def village_list(request: HttpRequest, filters: Query[RegionFilter]) -> dict[str, object]:
    guard(request, Scope.READ, Capability.VIEW_REGIONS)
    villages = Region.objects.visible_to(request.user).villages().current()
    if filters.parent is not None:
        villages = villages.filter(parent_id=filters.parent)
    if filters.q:
        villages = villages.search(filters.q[:50])
    return page_of(villages, keys=("name_pinyin", "id"), cursor=filters.cursor, limit=filters.limit)


@router.get("/villages/{pk}", response={200: RegionOut, **ERRORS}, summary="村")
def village_detail(request: HttpRequest, pk: PathId) -> Region:
    guard(request, Scope.READ, Capability.VIEW_REGIONS)
    return get_object_or_404(Region.objects.visible_to(request.user).villages(), pk=pk)


@router.get(
    "/villages/{pk}/committee", response={200: CommitteeOut, **ERRORS}, summary="村两委现任成员"
)
def village_committee(request: HttpRequest, pk: PathId) -> dict[str, object]:
    guard(request, Scope.READ_PERSONAL, Capability.VIEW_PEOPLE)
    village = get_object_or_404(Region.objects.visible_to(request.user).villages(), pk=pk)
    posts = (
        Post.objects.sitting(timezone.localdate())
        .filter(village=village)
        .select_related("person")
        .order_by("organisation", "role", "id")
    )
    members = [
        {
            "post_id": post.pk,
            "person_id": post.person_id,
            "name": post.person.name,
            "organisation": post.organisation,
            "role": post.role,
            "term_start": post.term_start,
        }
        for post in posts
    ]
    return {"village_id": village.pk, "members": members}
