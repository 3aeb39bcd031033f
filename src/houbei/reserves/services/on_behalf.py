"""Departments' opinions entered by the town on their behalf (代录): a department's letter
(函复) or a joint review meeting (联审会) that answered for several departments at once
(docs/domain.md §6.7), and one department's letter or meeting answering for several candidates
at once (record_batch_on_behalf)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from houbei.accounts.capabilities import Capability, has_capability
from houbei.accounts.types import Actor, acting_user, signed_in_user
from houbei.audit import record
from houbei.audit.services import record_many
from houbei.reserves.models import (
    AnswerKind,
    Candidate,
    CandidateEvent,
    JointReview,
    ReviewAnswer,
    ReviewOutcome,
)
from houbei.reserves.models.review import JointReviewQuerySet
from houbei.reserves.services import scans
from houbei.reserves.services.common import log_event


@dataclass(frozen=True)
class DepartmentAnswer:
    """One department's opinion in a letter or a meeting: its code, 通过/不通过, the reason."""

    department: str
    outcome: str
    note: str = ""


def _check(
    candidate: Candidate,
    *,
    kind: str,
    reference: str,
    answered_on: dt.date,
    answers: Sequence[DepartmentAnswer],
    actor: Actor,
) -> None:
    if not has_capability(actor, Capability.MANAGE_CANDIDATES):
        raise PermissionDenied("只有党建办工作人员或乡镇领导可以代录联审意见")
    if not Candidate.objects.visible_to(actor).filter(pk=candidate.pk).exists():
        raise PermissionDenied("该后备人选不在本人辖区")
    problems = _source_problems(kind, reference, answered_on)
    if not answers:
        problems.append("请至少勾选一个部门")
    codes = [a.department for a in answers]
    if len(set(codes)) != len(codes):
        problems.append("同一部门只能录入一次意见")
    if problems:
        raise ValidationError(problems)


def _answer_problems(review: JointReview, given: DepartmentAnswer) -> list[str]:
    name = review.department_name
    if review.outcome != ReviewOutcome.PENDING:
        return [f"{name}已给出意见（{review.get_outcome_display()}），不能重复录入"]
    if given.outcome not in (ReviewOutcome.PASSED, ReviewOutcome.NOT_PASSED):
        return [f"{name}：请选择通过或不通过"]
    if given.outcome == ReviewOutcome.NOT_PASSED and not given.note.strip():
        return [f"{name}：不通过时须说明理由"]
    return []


def record_on_behalf(
    candidate: Candidate,
    *,
    kind: str,
    reference: str,
    answered_on: dt.date,
    answers: Sequence[DepartmentAnswer],
    actor: Actor,
    scan: UploadedFile | None = None,
) -> ReviewAnswer:
    """Every ticked department's opinion and the scan, all or none."""
    _check(
        candidate,
        kind=kind,
        reference=reference,
        answered_on=answered_on,
        answers=answers,
        actor=actor,
    )
    return _write(
        candidate,
        kind=kind,
        reference=reference.strip(),
        answered_on=answered_on,
        answers=answers,
        actor=actor,
        scan=scan,
    )


@transaction.atomic
def _write(
    candidate: Candidate,
    *,
    kind: str,
    reference: str,
    answered_on: dt.date,
    answers: Sequence[DepartmentAnswer],
    actor: Actor,
    scan: UploadedFile | None,
) -> ReviewAnswer:
    wanted = {a.department: a for a in answers}
    reviews = {
        r.department: r
        for r in JointReview.objects.select_for_update()
        .filter(candidate=candidate, department__in=list(wanted))
        .order_by("department")
    }
    problems = [f"“{code}”不是该人选的联审部门" for code in wanted if code not in reviews]
    for code, review in reviews.items():
        problems += _answer_problems(review, wanted[code])
    if problems:
        raise ValidationError(problems)
    answer = ReviewAnswer.objects.create(
        candidate=candidate,
        kind=kind,
        reference=reference,
        answered_on=answered_on,
        scan=scans.store(scan) if scan is not None else None,
        entered_by=signed_in_user(actor),
    )
    now = timezone.now()
    how = f"{AnswerKind(kind).label}“{reference}”"
    for code, review in reviews.items():
        given = wanted[code]
        review.outcome, review.note = given.outcome, given.note.strip()
        review.reviewer, review.reviewed_at, review.answer = None, now, answer
        review.save(update_fields=["outcome", "note", "reviewer", "reviewed_at", "answer"])
        label = ReviewOutcome(given.outcome).label
        log_event(
            candidate,
            action=f"{review.department_name}联审{label}（据{how}代录）",
            actor=actor,
            rule_set=review.rule_set,
        )  # the note stays sealed in the review's row, not copied into the timeline
        record(
            actor,
            "reserves.review.entered_on_behalf",
            review,
            {
                "department": review.department_name,
                "outcome": str(label),
                "answer_kind": str(AnswerKind(kind).label),
                "reference": reference,
                "answered_on": answered_on.isoformat(),
                "scan": answer.scan.name if answer.scan else "",
            },
        )
    return answer


@dataclass(frozen=True)
class CandidateAnswer:
    """One candidate's result in a letter or meeting answering for several candidates:
    通过 (无异议) or 不通过 (有异议, with the reason)."""

    candidate_id: int
    outcome: str
    note: str = ""


def waiting_for_department(actor: Actor, department: str) -> JointReviewQuerySet:
    """The reviews of the user's current-round candidates still waiting for `department`."""
    return (
        JointReview.objects.visible_to(actor)
        .pending()
        .filter(department=department, candidate__election_round__is_current=True)
    )


def record_batch_on_behalf(
    department: str,
    *,
    kind: str,
    reference: str,
    answered_on: dt.date,
    answers: Sequence[CandidateAnswer],
    actor: Actor,
    scan: UploadedFile | None = None,
) -> list[ReviewAnswer]:
    """One department's answer for several candidates (a letter or a joint review meeting):
    every candidate's result, all or none; the scan is stored once. Each candidate's review is
    audited on its own. A candidate outside the user's scope refuses the whole batch."""
    if not has_capability(actor, Capability.MANAGE_CANDIDATES):
        raise PermissionDenied("只有党建办工作人员或乡镇领导可以代录联审意见")
    problems = _source_problems(kind, reference, answered_on)
    if not answers:
        problems.append("请至少勾选一名后备人选")
    ids = [a.candidate_id for a in answers]
    if len(set(ids)) != len(ids):
        problems.append("同一后备人选只能录入一次意见")
    if problems:
        raise ValidationError(problems)
    return _write_batch(
        department,
        kind=kind,
        reference=reference.strip(),
        answered_on=answered_on,
        answers=answers,
        actor=actor,
        scan=scan,
    )


def _source_problems(kind: str, reference: str, answered_on: dt.date) -> list[str]:
    problems = []
    if kind not in AnswerKind.values:
        problems.append("请选择答复方式（函复或联审会）")
    if not reference.strip():
        problems.append("请填写文号或会议名称")
    elif len(reference.strip()) > 100:
        problems.append("文号或会议名称不能超过 100 个字")
    if answered_on > timezone.localdate():
        problems.append(f"函复或会议日期 {answered_on:%Y-%m-%d} 晚于今天")
    return problems


def _candidate_problems(review: JointReview, given: CandidateAnswer) -> list[str]:
    name = review.candidate.person.name
    if review.outcome != ReviewOutcome.PENDING:
        shown = review.get_outcome_display()
        return [f"{name}：{review.department_name}已给出意见（{shown}），不能重复录入"]
    if given.outcome not in (ReviewOutcome.PASSED, ReviewOutcome.NOT_PASSED):
        return [f"{name}：请选择无异议或有异议"]
    if given.outcome == ReviewOutcome.NOT_PASSED and not given.note.strip():
        return [f"{name}：有异议时须说明理由"]
    return []


@transaction.atomic
def _write_batch(
    department: str,
    *,
    kind: str,
    reference: str,
    answered_on: dt.date,
    answers: Sequence[CandidateAnswer],
    actor: Actor,
    scan: UploadedFile | None,
) -> list[ReviewAnswer]:
    wanted = {a.candidate_id: a for a in answers}
    reviews = list(
        JointReview.objects.visible_to(actor)
        .select_for_update(of=("self",))
        .filter(department=department, candidate_id__in=list(wanted))
        .select_related("candidate", "candidate__person")
        .order_by("candidate_id")
    )
    if len(reviews) != len(wanted):
        raise PermissionDenied("所选后备人选不在本人辖区或没有该部门的联审")
    problems = [p for r in reviews for p in _candidate_problems(r, wanted[r.candidate_id])]
    if problems:
        raise ValidationError(problems)
    user = signed_in_user(actor)
    stored = scans.store(scan) if scan is not None else None
    rows = ReviewAnswer.objects.bulk_create(
        [
            ReviewAnswer(
                candidate_id=r.candidate_id,
                kind=kind,
                reference=reference,
                answered_on=answered_on,
                scan=stored,
                entered_by=user,
            )
            for r in reviews
        ]
    )
    now = timezone.now()
    how = f"{AnswerKind(kind).label}“{reference}”"
    events, entries = [], []
    for review, answer in zip(reviews, rows, strict=True):
        given = wanted[review.candidate_id]
        review.outcome, review.note = given.outcome, given.note.strip()
        review.reviewer, review.reviewed_at, review.answer = None, now, answer
        review._seal_dirty()  # bulk_update skips save(), which seals the note
        label = ReviewOutcome(given.outcome).label
        events.append(
            CandidateEvent(
                candidate_id=review.candidate_id,
                action=f"{review.department_name}联审{label}（据{how}代录）",
                actor=acting_user(actor),
                rule_set_id=review.rule_set_id,
            )  # the note stays sealed in the review's row, not copied into the timeline
        )
        changes = {
            "department": review.department_name,
            "outcome": str(label),
            "answer_kind": str(AnswerKind(kind).label),
            "reference": reference,
            "answered_on": answered_on.isoformat(),
            "scan": stored.name if stored else "",
            "batch": len(reviews),
        }
        entries.append(("reserves.review.entered_on_behalf", review, changes))
    fields = ["outcome", "note_sealed", "reviewer", "reviewed_at", "answer"]
    JointReview.objects.bulk_update(reviews, fields)
    CandidateEvent.objects.bulk_create(events)
    record_many(actor, entries)
    return rows
