"""The sitting committee of a village: who holds what, and which seats are empty."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet

from houbei.people.models import Post, Role
from houbei.regions.models import Region
from houbei.rounds.rules import core_rules


@dataclass
class Committee:
    posts: list[Post]
    size: int
    people: int = 0
    dual_role: bool = False
    vacancies: list[str] = field(default_factory=list)


def committee_size(village: Region, rules: Mapping[str, Any] | None) -> int:
    """The village's own size, else its round's (`rules`), else the default committee size."""
    if village.committee_size:
        return int(village.committee_size)
    return core_rules(rules or {}).committee_size


def vacancies(*, has_secretary: bool, has_chair: bool, people: int, size: int) -> list[str]:
    missing = []
    if not has_secretary:
        missing.append("党组织书记空缺")
    if not has_chair:
        missing.append("村委会主任空缺")
    if people < size:
        missing.append(f"两委成员缺 {size - people} 人（应配 {size} 人，现有 {people} 人）")
    return missing


def build_committee(village: Region, posts: list[Post], rules: dict[str, Any] | None) -> Committee:
    size = committee_size(village, rules)
    holders: dict[str, set[int]] = {}
    for post in posts:
        holders.setdefault(post.role, set()).add(post.person_id)
    secretaries = holders.get(Role.SECRETARY, set())
    chairs = holders.get(Role.CHAIR, set())
    people = len({p.person_id for p in posts})
    return Committee(
        posts=posts,
        size=size,
        people=people,
        dual_role=bool(secretaries & chairs),
        vacancies=vacancies(
            has_secretary=bool(secretaries), has_chair=bool(chairs), people=people, size=size
        ),
    )


def sitting_posts(village: Region, on: dt.date | None = None) -> QuerySet[Post]:
    return (
        Post.objects.sitting(on)
        .filter(village=village)
        .select_related("person")
        .order_by("organisation", "role", "person__name")
    )


def annotate_committee(villages: QuerySet[Region]) -> QuerySet[Region]:
    """Adds sitting_people, has_secretary, has_chair to each village in one query."""
    sitting = Q(posts__term_end__isnull=True)
    return villages.annotate(
        sitting_people=Count("posts__person", filter=sitting, distinct=True),
        secretaries=Count("posts", filter=sitting & Q(posts__role=Role.SECRETARY)),
        chairs=Count("posts", filter=sitting & Q(posts__role=Role.CHAIR)),
    )
