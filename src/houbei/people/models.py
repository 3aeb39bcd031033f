"""People (one record per human, keyed by the citizen ID number) and the posts they hold."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q
from django.utils import timezone

from houbei.accounts.scope import region_q
from houbei.lib import codes
from houbei.lib.dates import age_on

if TYPE_CHECKING:
    from houbei.accounts.types import Actor


class Background(models.TextChoices):
    VETERAN = "veteran", "退役军人"
    GRADUATE = "graduate", "高校毕业生"
    LOCAL_ACHIEVER = "local_achiever", "致富能手"
    RETURNING_ENTREPRENEUR = "returning_entrepreneur", "返乡创业"
    MIGRANT_WORKER = "migrant_worker", "外出务工经商"
    SITTING_CADRE = "sitting_cadre", "现任村干部"
    COLLEGE_VILLAGE_OFFICIAL = "college_village_official", "大学生村官"
    COOPERATIVE_HEAD = "cooperative_head", "合作组织负责人"
    OTHER = "other", "其他"


class Health(models.TextChoices):
    HEALTHY = "healthy", "健康"
    FAIR = "fair", "一般"
    POOR = "poor", "较差"


class PersonQuerySet(models.QuerySet["Person"]):
    def visible_to(self, user: Actor) -> PersonQuerySet:
        return self.filter(region_q(user, "village"))

    def search(self, text: str) -> PersonQuerySet:
        text = text.strip().lower()
        if not text:
            return self
        return self.filter(
            Q(name__contains=text)
            | Q(name_pinyin__startswith=text)
            | Q(name_initials__startswith=text)
        )


# The labels of the coded fields a list shows on every row, built once: Django's own
# get_FOO_display flattens and hashes the whole choice list on each call (the education list
# has ~90 codes; ~300 calls a person list page, docs/performance.md §4.5).
_LABELS = {
    "sex": dict(codes.SEX.choices),
    "political_status": dict(codes.POLITICAL_STATUS.choices),
    "education": dict(codes.EDUCATION.choices),
}


class Person(models.Model):
    name = models.CharField("姓名", max_length=50)
    sex = models.CharField("性别", max_length=1, choices=codes.SEX.choices)
    birth_date = models.DateField("出生日期")
    id_number_encrypted = models.TextField(editable=False)
    id_number_hash = models.CharField(max_length=64, unique=True, editable=False)
    id_number_masked = models.CharField("公民身份号码", max_length=18, editable=False)
    ethnicity = models.CharField(
        "民族", max_length=2, choices=codes.ETHNICITY.choices, default="01"
    )
    political_status = models.CharField(
        "政治面貌", max_length=2, choices=codes.POLITICAL_STATUS.choices, default="13"
    )
    party_joined_on = models.DateField("入党时间", null=True, blank=True)
    education = models.CharField("学历", max_length=2, choices=codes.EDUCATION.choices)
    major = models.CharField("专业", max_length=100, blank=True)
    phone = models.CharField("联系电话", max_length=20, blank=True)
    # Indexed by (village, name) below, whose first column serves every look-up by village.
    village = models.ForeignKey(
        "regions.Region",
        models.PROTECT,
        related_name="residents",
        verbose_name="户籍所在村",
        db_index=False,
    )
    backgrounds = models.JSONField("构成类别", default=list, blank=True)
    health = models.CharField(
        "健康状况", max_length=10, choices=Health.choices, default=Health.HEALTHY
    )
    notes = models.TextField("备注", blank=True)
    name_pinyin = models.CharField(max_length=200, blank=True, editable=False)
    name_initials = models.CharField(max_length=50, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = "人员"
        verbose_name_plural = "人员"
        ordering = ["name", "id"]
        # Only what a query uses (docs/decisions/0027-import-audit-per-batch.md): the village
        # filter and scope, the pinyin sort (lists, exports, the API). The search's prefixes and
        # name parts have PostgreSQL's own indexes (migration 0002); nothing filters by birth
        # date, and a b-tree on the initials serves no LIKE (people/0003_import_speed).
        indexes = [
            models.Index(fields=["village", "name"]),
            models.Index(fields=["name_pinyin"]),
        ]

    def __str__(self) -> str:
        return self.name

    def get_sex_display(self) -> str:  # type: ignore[no-redef]  # the same, faster
        return str(_LABELS["sex"].get(self.sex, self.sex))

    def get_political_status_display(self) -> str:  # type: ignore[no-redef]  # the same, faster
        return str(_LABELS["political_status"].get(self.political_status, self.political_status))

    def get_education_display(self) -> str:  # type: ignore[no-redef]  # the same, faster
        return str(_LABELS["education"].get(self.education, self.education))

    def age_on(self, day: dt.date) -> int:
        return age_on(self.birth_date, day)

    @property
    def age_today(self) -> int:
        return age_on(self.birth_date, timezone.localdate())

    def audit_region_id(self) -> int | None:
        return self.village_id

    def background_labels(self) -> list[str]:
        labels = dict(Background.choices)
        return [labels.get(code, code) for code in self.backgrounds]


class Organisation(models.TextChoices):
    PARTY = "party", "村党组织"
    VILLAGERS = "villagers", "村民委员会"


class Role(models.TextChoices):
    SECRETARY = "secretary", "党组织书记"
    DEPUTY_SECRETARY = "deputy_secretary", "党组织副书记"
    CHAIR = "chair", "村委会主任"
    VICE_CHAIR = "vice_chair", "村委会副主任"
    MEMBER = "member", "委员"


ORGANISATION_OF_ROLE = {
    Role.SECRETARY: Organisation.PARTY,
    Role.DEPUTY_SECRETARY: Organisation.PARTY,
    Role.CHAIR: Organisation.VILLAGERS,
    Role.VICE_CHAIR: Organisation.VILLAGERS,
}


class PostQuerySet(models.QuerySet["Post"]):
    def visible_to(self, user: Actor) -> PostQuerySet:
        return self.filter(region_q(user, "village"))

    def sitting(self, on: dt.date | None = None) -> PostQuerySet:
        day = on or timezone.localdate()
        return self.filter(Q(term_end__isnull=True) | Q(term_end__gte=day), term_start__lte=day)


class Post(models.Model):
    person = models.ForeignKey(Person, models.PROTECT, related_name="posts", verbose_name="人员")
    village = models.ForeignKey(
        "regions.Region", models.PROTECT, related_name="posts", verbose_name="村"
    )
    organisation = models.CharField("组织", max_length=10, choices=Organisation.choices)
    role = models.CharField("职务", max_length=20, choices=Role.choices)
    term_start = models.DateField("任职时间")
    term_end = models.DateField("离任时间", null=True, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        verbose_name = "现任职务"
        verbose_name_plural = "现任职务"
        ordering = ["village", "organisation", "role", "term_start"]
        indexes = [models.Index(fields=["village", "term_end", "role"])]
        constraints = [
            models.UniqueConstraint(
                fields=["village", "role"],
                condition=Q(term_end__isnull=True) & Q(role__in=["secretary", "chair"]),
                name="post_one_sitting_head_per_village",
            ),
            models.CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gte=models.F("term_start")),
                name="post_term_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.village} {self.get_role_display()} {self.person}"

    def audit_region_id(self) -> int | None:
        return self.village_id
