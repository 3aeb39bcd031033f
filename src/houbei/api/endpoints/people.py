"""People, masked exactly as on the person page; reading one is audited like opening the page."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from houbei.accounts.capabilities import Capability
from houbei.api.core import Id, PathId, guard, page_of, require_valid
from houbei.api.errors import ERRORS
from houbei.api.scopes import Scope
from houbei.audit import record
from houbei.people.forms import PersonFilterForm
from houbei.people.models import Person, Post
from houbei.people.queries import filter_people

router = Router(tags=["人员"])


class PersonOut(Schema):
    """As the person page shows it: the ID number masked, the birth date to the month only (the
    masked number's digits 7-14 are the birth date, docs/security.md §2)."""

    id: int
    name: str
    sex: str
    birth_month: str
    age: int
    id_number_masked: str
    ethnicity: str
    political_status: str
    party_joined_on: dt.date | None
    education: str
    major: str
    village_id: int
    village_name: str
    backgrounds: list[str]
    health: str
    phone: str

    @staticmethod
    def resolve_birth_month(obj: Person) -> str:
        return obj.birth_date.strftime("%Y-%m")

    @staticmethod
    def resolve_age(obj: Person) -> int:
        return obj.age_today

    @staticmethod
    def resolve_village_name(obj: Person) -> str:
        return obj.village.name


class PostOut(Schema):
    id: int
    village_id: int
    organisation: str
    role: str
    term_start: dt.date
    term_end: dt.date | None


class PersonDetailOut(PersonOut):
    notes: str
    posts: list[PostOut]

    @staticmethod
    def resolve_posts(obj: Person) -> list[Post]:
        return list(getattr(obj, "posts_list", []))


class PersonPage(Schema):
    items: list[PersonOut]
    next_cursor: str | None


class PersonFilter(Schema):
    q: str | None = Field(None, max_length=50)
    village: Id | None = None
    political_status: str | None = Field(None, max_length=2)
    education: str | None = Field(None, max_length=2)
    cursor: str | None = None
    limit: int = Field(50, ge=1, le=100)


@router.get("/people", response={200: PersonPage, **ERRORS}, summary="人员列表")
def person_list(request: HttpRequest, filters: Query[PersonFilter]) -> dict[str, object]:
    guard(request, Scope.READ_PERSONAL, Capability.VIEW_PEOPLE)
    data = filters.dict(exclude={"cursor", "limit"}, exclude_none=True)
    form = PersonFilterForm(data, user=request.user)
    require_valid(form)
    people = filter_people(
        Person.objects.visible_to(request.user).select_related("village"), form.cleaned_data
    )
    return page_of(people, keys=("name_pinyin", "id"), cursor=filters.cursor, limit=filters.limit)


@router.get("/people/{pk}", response={200: PersonDetailOut, **ERRORS}, summary="人员详情")
def person_detail(request: HttpRequest, pk: PathId) -> Person:
    guard(request, Scope.READ_PERSONAL, Capability.VIEW_PEOPLE)
    person = get_object_or_404(
        Person.objects.visible_to(request.user).select_related("village"), pk=pk
    )
    person.posts_list = list(  # type: ignore[attr-defined]
        Post.objects.filter(person=person).order_by("-term_start", "-id")
    )
    record(request.user, "people.person.viewed", person)
    return person
