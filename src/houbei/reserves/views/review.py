"""A department reviewer's queue and review page: only what the review needs."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from houbei.accounts.capabilities import Capability, has_capability
from houbei.accounts.decorators import requires
from houbei.audit import record_read
from houbei.people.forms import RevealForm
from houbei.people.services import reveal_id_number
from houbei.reserves import services
from houbei.reserves.forms.moves import OpinionForm
from houbei.reserves.models import JointReview, PersonFact, ReviewOutcome
from houbei.reserves.rules import disqualifier_items
from houbei.reserves.views.common import error_messages
from houbei.rounds.models import RuleSet

RELATED = ("candidate__person", "candidate__village", "candidate__village__town")


@requires(Capability.REVIEW_CANDIDATES)
@require_safe
def review_queue(request: HttpRequest) -> HttpResponse:
    mine = JointReview.objects.for_department(request.user).select_related(*RELATED)
    pending = list(mine.pending().order_by("requested_at", "id")[:200])
    answered = list(mine.exclude(outcome=ReviewOutcome.PENDING).order_by("-reviewed_at")[:30])
    context = {"pending": pending, "answered": answered}
    return render(request, "reserves/review_queue.html", context)


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
        JointReview.objects.for_department(request.user).select_related(*RELATED, "rule_set"),
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
