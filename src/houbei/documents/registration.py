"""The reserve cadre registration form (后备干部登记表): what it says of one person, read for many
people in a constant number of queries, and rendered from the Word template in data/."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet

from houbei.documents.render import render_docx
from houbei.documents.templatebuild import REGISTRATION
from houbei.lib import codes
from houbei.lib.dates import age_on
from houbei.people.models import Health, Person, Post
from houbei.reserves.models import Candidate


@dataclass(frozen=True)
class Form:
    """One registration form: the person and, when they are a candidate, their candidacy."""

    person: Person
    candidate: Candidate | None

    @property
    def filename(self) -> str:
        return f"后备干部登记表-{self.person.name}-{self.person.pk}.docx"


def _label(table: codes.CodeTable, code: str) -> str:
    return table.short_label(code) if code in table.codes else code


def _month(day: dt.date | None) -> str:
    return f"{day:%Y.%m}" if day else ""


def _post_line(post: Post) -> dict[str, str]:
    end = _month(post.term_end) if post.term_end else "至今"
    return {
        "period": f"{_month(post.term_start)}—{end}",
        "village": post.village.name,
        "role": f"{post.get_organisation_display()}{post.get_role_display()}",
    }


def _candidacy(candidate: Candidate | None) -> dict[str, str]:
    if candidate is None:
        return {"target_post": "", "stage": "", "readiness": "", "source": "", "round_name": ""}
    return {
        "target_post": candidate.get_target_post_display(),
        "stage": candidate.get_stage_display(),
        "readiness": candidate.get_readiness_display() if candidate.readiness else "",
        "source": candidate.get_source_display(),
        "round_name": candidate.election_round.name,
    }


def context(form: Form, today: dt.date) -> dict[str, Any]:
    """The template's placeholders, all text (the ID number masked, docs/security.md §2)."""
    person = form.person
    posts = list(person.posts.all())
    sitting = [p for p in posts if p.term_end is None]
    cutoff = form.candidate.election_round.cutoff_date if form.candidate else today
    return {
        "name": person.name,
        "sex": _label(codes.SEX, person.sex),
        "birth_month": _month(person.birth_date),
        "age": str(age_on(person.birth_date, cutoff)),
        "ethnicity": _label(codes.ETHNICITY, person.ethnicity),
        "political_status": _label(codes.POLITICAL_STATUS, person.political_status),
        "party_joined": _month(person.party_joined_on),
        "education": _label(codes.EDUCATION, person.education),
        "major": person.major,
        "health": dict(Health.choices).get(person.health, person.health),
        "id_number": person.id_number_masked,
        "phone": person.phone,
        "village": person.village.name,
        "town": person.village.town.name if person.village.town else "",
        "backgrounds": "、".join(person.background_labels()),
        "posts_now": "；".join(_post_line(p)["village"] + _post_line(p)["role"] for p in sitting)
        or "无",
        "posts": [_post_line(p) for p in posts],
        "notes": person.notes or "",
        "today": f"{today:%Y年%m月%d日}",
        **_candidacy(form.candidate),
    }


def forms_for(people: QuerySet[Person]) -> list[Form]:
    """The forms of these people (already scoped): three queries however many they are."""
    candidates = Candidate.objects.filter(election_round__is_current=True).select_related(
        "election_round", "village"
    )
    rows = people.select_related("village", "village__town").prefetch_related(
        Prefetch("posts", Post.objects.select_related("village").order_by("term_start", "id")),
        Prefetch("candidacies", candidates.order_by("-created_at", "-id"), to_attr="current"),
    )
    return [Form(person, next(iter(person.current), None)) for person in rows]


def render(form: Form, today: dt.date) -> bytes:
    return render_docx(REGISTRATION, context(form, today))


def render_many(forms: Iterable[Form], today: dt.date) -> Iterable[tuple[str, bytes]]:
    for form in forms:
        yield form.filename, render(form, today)
