"""A department reviewer's queue and review page (only what the review needs); the town's page
that enters departments' opinions on their behalf, and the download of the answer's scan."""

from __future__ import annotations

import io
import re
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from houbei.accounts.capabilities import Capability, has_capability
from houbei.accounts.decorators import requires
from houbei.audit import record, record_read
from houbei.lib.paging import PAGE_SIZE, keyset_page
from houbei.people.forms import RevealForm
from houbei.people.services import reveal_id_number
from houbei.reserves import services
from houbei.reserves.forms.moves import BatchOnBehalfForm, OnBehalfForm, OpinionForm
from houbei.reserves.models import (
    Candidate,
    JointReview,
    PersonFact,
    ReviewAnswer,
    ReviewOutcome,
)
from houbei.reserves.rules import departments, disqualifier_items
from houbei.reserves.services import scans
from houbei.reserves.views.common import error_messages, user_round, visible_candidate
from houbei.rounds.models import RuleSet
from houbei.rounds.services import current_rules

RELATED = ("candidate__person", "candidate__village", "candidate__village__town")
QUEUE_PAGE = PAGE_SIZE
ANSWERED_RELATED = ("reviewer", "answer", "answer__entered_by")


@requires(Capability.REVIEW_CANDIDATES)
@require_safe
def review_queue(request: HttpRequest) -> HttpResponse:
    mine = JointReview.objects.for_department(request.user).select_related(*RELATED)
    waiting = mine.pending()
    # Paged, never cut: the workbench counts every pending review and links here.
    page = keyset_page(
        waiting, keys=("requested_at", "id"), token=request.GET.get("after"), size=QUEUE_PAGE
    )
    answered = mine.exclude(outcome=ReviewOutcome.PENDING).select_related("answer__entered_by")
    answered = answered.order_by("-reviewed_at")[:30]
    name, known = _department_of(request)
    context = {
        "pending": page.items,
        "pending_total": waiting.count(),
        "page": page,
        "answered": answered,
        "department_name": name,
        "department_known": known,
    }
    return render(request, "reserves/review_queue.html", context)


def _department_of(request: HttpRequest) -> tuple[str, bool]:
    """The reviewer's department's name, and whether the round's rules list it."""
    stored = getattr(request.user, "department", "")
    election_round = user_round(request)
    listed = departments(current_rules(election_round)) if election_round else []
    for department in listed:
        if stored in (department.code, department.name):
            return department.name, True
    return stored, False


def _relevant_facts(review: JointReview) -> list[PersonFact]:
    """The person's facts of the kinds this department checks under the review's rules."""
    rules: RuleSet | dict[str, Any] = review.rule_set or {}
    mine = {review.department, review.department_name}
    kinds = {
        kind for item in disqualifier_items(rules) if item.department in mine for kind in item.facts
    }
    facts = PersonFact.objects.filter(person_id=review.candidate.person_id, withdrawn=False)
    return [fact for fact in facts.order_by("-occurred_on") if fact.kind in kinds]


@requires(Capability.REVIEW_CANDIDATES)
@require_http_methods(["GET", "POST"])
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_object_or_404(
        JointReview.objects.for_department(request.user).select_related(
            *RELATED, "rule_set", *ANSWERED_RELATED
        ),
        pk=pk,
    )
    if request.method == "GET":
        person = review.candidate.person_id
        record_read(request.user, "reserves.review.viewed", review, people=[person])
    form = OpinionForm(request.POST if request.method == "POST" else None)
    if form.is_valid() and review.outcome == ReviewOutcome.PENDING:
        try:
            services.record_opinion(review, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            for text in error_messages(error):
                form.add_error(None, text)
        else:
            messages.success(request, f"已记录对 {review.candidate.person} 的联审意见")
            return redirect("reserves:review_queue")
    context = {"review": review, "form": form, "facts": _relevant_facts(review)}
    if review.outcome == ReviewOutcome.PENDING and has_capability(
        request.user, Capability.REVEAL_FOR_REVIEW
    ):
        context["reveal_form"] = RevealForm()
    return render(request, "reserves/review_detail.html", context)


@requires(Capability.MANAGE_CANDIDATES)
@require_http_methods(["GET", "POST"])
def reviews_on_behalf(request: HttpRequest, pk: int) -> HttpResponse:
    """代录: the departments' opinions from a letter or a joint review meeting, in one form."""
    candidate = visible_candidate(request, pk)
    reviews = list(candidate.reviews.select_related(*ANSWERED_RELATED).order_by("id"))
    pending = [r for r in reviews if r.outcome == ReviewOutcome.PENDING]
    posted = request.method == "POST"
    form = OnBehalfForm(
        request.POST if posted else None, request.FILES if posted else None, reviews=pending
    )
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_on_behalf(
                candidate,
                kind=data["kind"],
                reference=data["reference"],
                answered_on=data["answered_on"],
                answers=data["answers"],
                scan=data.get("scan") or None,
                actor=request.user,
            )
        except ValidationError as error:
            for text in error_messages(error):
                form.add_error(None, text)
        else:
            names = "、".join(
                r.department_name for r in pending if data.get(f"tick_{r.department}")
            )
            messages.success(request, f"已代录{names}的联审意见")
            return redirect(reverse("reserves:candidate_detail", args=[candidate.pk]) + "#reviews")
    context = {
        "candidate": candidate,
        "form": form,
        "answered": [r for r in reviews if r.outcome != ReviewOutcome.PENDING],
    }
    return render(request, "reserves/review_on_behalf.html", context)


BATCH_LIMIT = 200  # candidates listed at once; a town has far fewer waiting for one department
POSTED_CANDIDATE = re.compile(r"^(?:tick|outcome|note)_(\d+)$")


def _posted_candidates(request: HttpRequest) -> set[int]:
    return {int(m[1]) for key in request.POST if (m := POSTED_CANDIDATE.match(key))}


@requires(Capability.MANAGE_CANDIDATES)
@require_http_methods(["GET", "POST"])
def reviews_batch(request: HttpRequest) -> HttpResponse:
    """代录 for several candidates at once: one department's letter (函复) or a joint review
    meeting (联审会) answering for the candidates waiting for it, one result each. A posted
    candidate outside the user's scope is a 404 and nothing is written."""
    election_round = user_round(request)
    listed = departments(current_rules(election_round)) if election_round else []
    department = request.GET.get("department", "")
    chosen = next((d for d in listed if d.code == department), None)
    context: dict[str, Any] = {"departments": listed, "department": chosen}
    if chosen is None:
        if department:
            raise Http404("没有该联审部门")
        return render(request, "reserves/review_batch.html", context)
    waiting = services.waiting_for_department(request.user, chosen.code)
    reviews = list(
        waiting.select_related("candidate__person", "candidate__village").order_by(
            "candidate__village__code", "requested_at", "id"
        )[:BATCH_LIMIT]
    )
    posted = request.method == "POST"
    asked = _posted_candidates(request) if posted else set()
    if posted:
        visible = Candidate.objects.visible_to(request.user).filter(pk__in=asked)
        if asked and visible.count() != len(asked):
            raise Http404("所选后备人选不在本人辖区")
    form = BatchOnBehalfForm(
        request.POST if posted else None, request.FILES if posted else None, reviews=reviews
    )
    stray = asked - {r.candidate_id for r in reviews} if posted else set()
    if posted and form.is_valid() and stray:
        form.add_error(
            None, f"所选人选中有 {len(stray)} 名已不在{chosen.name}待反馈名单，请刷新后重试。"
        )
    elif posted and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_batch_on_behalf(
                chosen.code,
                kind=data["kind"],
                reference=data["reference"],
                answered_on=data["answered_on"],
                answers=data["answers"],
                scan=data.get("scan") or None,
                actor=request.user,
            )
        except ValidationError as error:
            for text in error_messages(error):
                form.add_error(None, text)
        else:
            count = len(data["answers"])
            messages.success(request, f"已代录{chosen.name}对 {count} 名后备人选的联审意见")
            return redirect(f"{reverse('reserves:reviews_batch')}?department={chosen.code}")
    context.update({"form": form, "truncated": len(reviews) >= BATCH_LIMIT})
    return render(request, "reserves/review_batch.html", context)


@requires(Capability.VIEW_SCREENING)
@require_safe
def review_scan(request: HttpRequest, pk: int) -> FileResponse:
    """The scan of a letter or meeting, to those who see the candidate's screening."""
    answer = get_object_or_404(
        ReviewAnswer.objects.visible_to(request.user).select_related("candidate"), pk=pk
    )
    if answer.scan is None:
        raise Http404("没有扫描件")
    scan = answer.scan
    with transaction.atomic():
        changes = {"file": scan.name, "people": [answer.candidate.person_id]}
        record(request.user, "reserves.review_scan.downloaded", answer, changes)
    return FileResponse(
        io.BytesIO(scans.read(scan)),
        as_attachment=True,
        filename=scan.name,
        content_type=scan.content_type,
    )


@requires(Capability.REVEAL_FOR_REVIEW)
@require_POST
def review_reveal(request: HttpRequest, pk: int) -> HttpResponse:
    """The candidate's full ID number for a department's record check: only for a review
    pending in the reviewer's own queue (404 otherwise), with a reason, audited as every
    reveal (naming the review), never in a URL, never cached."""
    review = get_object_or_404(
        JointReview.objects.for_department(request.user).pending().select_related(*RELATED),
        pk=pk,
    )
    person = review.candidate.person
    form = RevealForm(request.POST)
    number = None
    if form.is_valid():
        number = reveal_id_number(
            person,
            reason=form.cleaned_data["reason"],
            actor=request.user,
            context={"review": review.pk, "department": review.department},
        )
    context = {"review": review, "person": person, "form": form, "number": number}
    status = 200 if number else 400
    response = render(request, "reserves/review_reveal.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response
