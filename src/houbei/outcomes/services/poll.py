"""The opinion poll (民意测评): a paper tally entered by one account and confirmed by another,
or electronic ballots cast with anonymous code slips (cultivation/slips.py). A pass moves the
candidate to `polled`; a void poll (more ballots back than issued, quorum missed) moves nobody."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, F, Sum, Value, When
from django.utils import timezone

from houbei.accounts.types import Actor, acting_user
from houbei.audit import record
from houbei.audit.corrections import refuse_if_void
from houbei.cultivation import slips
from houbei.cultivation.models import CodeSlip
from houbei.outcomes.models import BallotCount, Poll, PollStatus, PollWay
from houbei.outcomes.rules import ELECTORATES, SCALES, PollRules, poll_rules
from houbei.outcomes.services.evaluation import locked
from houbei.outcomes.services.guards import poll_blockers
from houbei.reserves.models import Candidate, Stage
from houbei.reserves.services.common import claim, log_event, move, refuse_if, rules_for

SLIP_HOURS = 12


@dataclass(frozen=True)
class Verdict:
    void: bool
    passed: bool
    explanation: str


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole}（{part / whole:.1%}）" if whole else f"{part}/0"


def judge(
    rules: PollRules,
    *,
    electorate: str,
    scale: str,
    eligible: int,
    issued: int,
    returned: int,
    valid: int,
    counts: Sequence[int],
) -> Verdict:
    """The verdict under the rules: void first (more back than issued, quorum missed), then the
    favourable share of the valid ballots against the pass share."""
    quorum = rules.quorum[electorate]
    if returned > issued:
        return Verdict(True, False, f"测评无效：收回 {returned} 张，多于发出的 {issued} 张")
    if Fraction(returned, max(eligible, 1)) <= quorum:
        text = f"测评无效：收回 {returned} 张，未超过应到 {eligible} 人的 {quorum}"
        return Verdict(True, False, text)
    favourable = sum(counts[:-1])
    passed = valid > 0 and Fraction(favourable, valid) >= rules.pass_share
    names = "、".join(SCALES[scale][:-1])
    text = (
        f"{names}票 {_share(favourable, valid)}，通过比例 {rules.pass_share}："
        f"{'通过' if passed else '未通过'}"
    )
    return Verdict(False, passed, text)


@transaction.atomic
def open_poll(
    *,
    candidate: Candidate,
    electorate: str,
    scale: str,
    way: str,
    held_on: dt.date,
    eligible: int,
    actor: Actor,
) -> Poll:
    candidate = locked(candidate)
    refuse_if(poll_blockers(candidate))
    if electorate not in ELECTORATES:
        raise ValidationError({"electorate": "请选择参加范围"})
    if scale not in SCALES:
        raise ValidationError({"scale": "请选择测评等次"})
    if way not in PollWay.values:
        raise ValidationError({"way": "请选择测评方式"})
    if eligible < 1:
        raise ValidationError({"eligible": "应到人数应至少为 1"})
    poll = Poll.objects.create(
        candidate=candidate,
        electorate=electorate,
        scale=scale,
        way=way,
        held_on=held_on,
        eligible=eligible,
        status=PollStatus.OPEN,
        rule_set=rules_for(candidate),
        entered_by=acting_user(actor) if way == PollWay.ELECTRONIC else None,
        token=secrets.token_urlsafe(16) if way == PollWay.ELECTRONIC else "",
    )
    if way == PollWay.ELECTRONIC:
        BallotCount.objects.bulk_create(
            BallotCount(poll=poll, option=n) for n in range(len(SCALES[scale]))
        )
    log_event(candidate, action="组织民意测评", actor=actor, rule_set=poll.rule_set)
    record(actor, "outcomes.poll.opened", poll, {"way": way, "eligible": eligible})
    return poll


def _check_tally(
    poll: Poll, issued: int, returned: int, valid: int, invalid: int, counts: Sequence[int]
) -> None:
    options = SCALES[poll.scale]
    if len(counts) != len(options) or any(c < 0 for c in counts):
        raise ValidationError({"counts": f"请填写{'、'.join(options)}各等次的票数"})
    if issued > poll.eligible:
        raise ValidationError({"issued": f"发出票数 {issued} 不应多于应到人数 {poll.eligible}"})
    if valid + invalid != returned:
        raise ValidationError(
            {"valid": f"有效票 {valid} 加无效票 {invalid} 应等于收回票数 {returned}"}
        )
    if sum(counts) != valid:
        raise ValidationError({"counts": f"各等次票数之和 {sum(counts)} 应等于有效票 {valid}"})


@transaction.atomic
def enter_tally(
    *,
    poll: Poll,
    issued: int,
    returned: int,
    valid: int,
    invalid: int,
    counts: Sequence[int],
    actor: Actor,
) -> Poll:
    """The paper tally, entered by one account; a second account confirms it."""
    poll = Poll.objects.select_for_update().get(pk=poll.pk)
    refuse_if_void(poll)  # a voided poll takes no tally, slips or closing
    if poll.way != PollWay.PAPER or poll.status != PollStatus.OPEN:
        raise ValidationError("只有尚未录入的纸质测评可以录入计票结果")
    _check_tally(poll, issued, returned, valid, invalid, list(counts))
    poll.issued, poll.returned, poll.valid, poll.invalid = issued, returned, valid, invalid
    poll.counts = list(counts)
    poll.status = PollStatus.ENTERED
    poll.entered_by = acting_user(actor)
    poll.save()
    changes = {"issued": issued, "returned": returned, "valid": valid, "counts": list(counts)}
    record(actor, "outcomes.poll.tally_entered", poll, changes)
    return poll


def _finish(poll: Poll, *, actor: Actor, action: str) -> None:
    """Judges the poll under the rule version it was opened with and moves the candidate."""
    rules = poll_rules(poll.rule_set)
    verdict = judge(
        rules,
        electorate=poll.electorate,
        scale=poll.scale,
        eligible=poll.eligible,
        issued=poll.issued or 0,
        returned=poll.returned or 0,
        valid=poll.valid or 0,
        counts=poll.counts,
    )
    poll.void, poll.passed, poll.explanation = verdict.void, verdict.passed, verdict.explanation
    poll.status, poll.confirmed_at = PollStatus.CLOSED, timezone.now()
    poll.save()
    candidate = locked(poll.candidate)
    if verdict.passed and candidate.stage == Stage.EVALUATED:
        claim(candidate, None)
        move(
            candidate,
            to_stage=Stage.POLLED,
            action="民意测评通过",
            actor=actor,
            rule_set=poll.rule_set,
            note=verdict.explanation,
        )
    else:
        label = "民意测评无效" if verdict.void else "民意测评未通过"
        log_event(
            candidate, action=label, actor=actor, rule_set=poll.rule_set, note=verdict.explanation
        )
    changes = {"void": verdict.void, "passed": verdict.passed, "version": poll.rule_set.version}
    record(actor, action, poll, changes)


@transaction.atomic
def confirm_tally(*, poll: Poll, actor: Actor) -> Poll:
    """The second signature: another account than the one that entered the tally."""
    poll = Poll.objects.select_for_update().select_related("rule_set").get(pk=poll.pk)
    refuse_if_void(poll)  # a voided poll takes no tally, slips or closing
    if poll.way != PollWay.PAPER or poll.status != PollStatus.ENTERED:
        raise ValidationError("只有已录入、待复核的纸质测评可以复核")
    user = acting_user(actor)
    if user is None or poll.entered_by_id == user.pk:
        raise ValidationError("计票结果须由录入人以外的另一名工作人员复核")
    poll.confirmed_by = user
    _finish(poll, actor=actor, action="outcomes.poll.tally_confirmed")
    return poll


@transaction.atomic
def issue_poll_slips(*, poll: Poll, count: int, actor: Actor) -> list[str]:
    """Anonymous code slips for an open electronic poll (shown once, printed)."""
    poll = Poll.objects.select_for_update().select_related("candidate").get(pk=poll.pk)
    refuse_if_void(poll)  # a voided poll takes no tally, slips or closing
    if poll.way != PollWay.ELECTRONIC or poll.status != PollStatus.OPEN:
        raise ValidationError("只有进行中的电子测评可以发放测评码")
    already = poll.issued or 0
    if count < 1 or already + count > poll.eligible:
        room = poll.eligible - already
        raise ValidationError(
            {"count": f"可发放 1 到 {room} 张（应到 {poll.eligible} 人，已发 {already} 张）"}
        )
    now = timezone.now()
    holders = [f"{already + n}" for n in range(1, count + 1)]
    codes = slips.issue(
        scope=poll.slip_scope,
        holders=holders,
        region=poll.candidate.village,
        valid_from=now,
        valid_until=now + dt.timedelta(hours=SLIP_HOURS),
        actor=actor,
    )
    poll.issued = already + count
    poll.save(update_fields=["issued"])
    return [slips.shown(code) for code in codes.values()]


def open_electronic(token: str) -> Poll | None:
    if not token:
        return None
    found = Poll.objects.valid().filter(token=token, way=PollWay.ELECTRONIC, status=PollStatus.OPEN)
    return found.select_related("candidate__person", "candidate__village").first()


def cast_ballot(*, poll: Poll, code: str, option: int, address: str | None) -> slips.Redeemed:
    """One code, one ballot. The count goes up by one; nothing about the code is kept with it."""
    if not 0 <= option < len(SCALES[poll.scale]):
        return slips.Redeemed(None, "请选择测评意见")
    done = slips.redeem(code=code, address=address, scope_prefix=poll.slip_scope)
    if done.ok:
        _count(poll, option)
    return done


@transaction.atomic
def _count(poll: Poll, option: int) -> None:
    # Every option's row is written, so no row's last change marks the option just chosen.
    step = Case(When(option=option, then=Value(1)), default=Value(0))
    BallotCount.objects.filter(poll=poll).update(count=F("count") + step)
    region = poll.candidate.village
    record(None, "outcomes.ballot.cast", None, {"poll": poll.pk}, region=region)


@transaction.atomic
def close_poll(*, poll: Poll, actor: Actor) -> Poll:
    """Ends an electronic poll: unused codes are dropped, the counts are read and judged."""
    poll = Poll.objects.select_for_update().select_related("rule_set").get(pk=poll.pk)
    refuse_if_void(poll)  # a voided poll takes no tally, slips or closing
    if poll.way != PollWay.ELECTRONIC or poll.status != PollStatus.OPEN:
        raise ValidationError("只有进行中的电子测评可以结束")
    CodeSlip.objects.filter(scope=poll.slip_scope, used_at__isnull=True).delete()
    counts = dict(BallotCount.objects.filter(poll=poll).values_list("option", "count"))
    poll.counts = [counts.get(n, 0) for n in range(len(SCALES[poll.scale]))]
    poll.issued = poll.issued or 0
    poll.returned = poll.valid = sum(poll.counts)
    poll.invalid = 0
    _finish(poll, actor=actor, action="outcomes.poll.closed")
    return poll


def used_codes(poll: Poll) -> int:
    return CodeSlip.objects.filter(scope=poll.slip_scope, used_at__isnull=False).count()


def ballots_cast(poll: Poll) -> int:
    return int(BallotCount.objects.filter(poll=poll).aggregate(n=Sum("count"))["n"] or 0)
