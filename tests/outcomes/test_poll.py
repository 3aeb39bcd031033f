"""The opinion poll: the paper tally's two signatures, void polls, and electronic ballots that
cannot be tied to the codes that cast them."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from houbei.outcomes import services


@pytest.fixture
def evaluated(placed: Any, personas: Any) -> Any:
    candidate = placed()
    services.evaluate(
        candidate=candidate, evaluated_on=timezone.localdate(), actor=personas["town"]
    )
    candidate.refresh_from_db()
    return candidate


def _open(candidate: Any, personas: Any, way: str = "paper", eligible: int = 40) -> Any:
    return services.open_poll(
        candidate=candidate,
        electorate="party_members",
        scale="satisfaction",
        way=way,
        held_on=timezone.localdate(),
        eligible=eligible,
        actor=personas["town"],
    )


def test_a_paper_poll_entered_and_confirmed_by_another_passes(
    evaluated: Any, paper_poll: Any
) -> None:
    poll = paper_poll(evaluated, counts=(30, 5, 3))
    assert poll.status == "closed" and poll.passed and not poll.void
    assert "35/38" in poll.explanation
    evaluated.refresh_from_db()
    assert evaluated.stage == "polled"


def test_the_person_who_entered_the_tally_cannot_confirm_it(evaluated: Any, personas: Any) -> None:
    poll = _open(evaluated, personas)
    services.enter_tally(
        poll=poll,
        issued=38,
        returned=38,
        valid=38,
        invalid=0,
        counts=[30, 5, 3],
        actor=personas["town"],
    )
    with pytest.raises(ValidationError, match="另一名工作人员复核"):
        services.confirm_tally(poll=poll, actor=personas["town"])
    evaluated.refresh_from_db()
    assert evaluated.stage == "evaluated"


def test_a_poll_is_void_when_more_ballots_come_back_than_were_issued(
    evaluated: Any, personas: Any
) -> None:
    poll = _open(evaluated, personas)
    services.enter_tally(
        poll=poll,
        issued=30,
        returned=32,
        valid=32,
        invalid=0,
        counts=[30, 1, 1],
        actor=personas["town"],
    )
    poll = services.confirm_tally(poll=poll, actor=personas["leader"])
    assert poll.void and not poll.passed and "多于发出" in poll.explanation
    evaluated.refresh_from_db()
    assert evaluated.stage == "evaluated"


def test_a_poll_is_void_when_the_quorum_is_missed(evaluated: Any, paper_poll: Any) -> None:
    # 20 of 40 is not more than half
    poll = paper_poll(evaluated, counts=(18, 1, 1), returned=20)
    assert poll.void and "未超过应到 40 人的 1/2" in poll.explanation


def test_a_poll_fails_under_the_pass_share(evaluated: Any, paper_poll: Any) -> None:
    poll = paper_poll(evaluated, counts=(20, 5, 13))  # 25/38 = 65.8% < 70%
    assert not poll.void and not poll.passed


def test_a_tally_that_does_not_add_up_names_the_field(evaluated: Any, personas: Any) -> None:
    poll = _open(evaluated, personas)
    with pytest.raises(ValidationError) as error:
        services.enter_tally(
            poll=poll,
            issued=38,
            returned=38,
            valid=38,
            invalid=0,
            counts=[30, 5, 2],
            actor=personas["town"],
        )
    assert error.value.message_dict == {"counts": ["各等次票数之和 37 应等于有效票 38"]}


def _vote(poll: Any, code: str, option: int = 0) -> Any:
    return services.cast_ballot(poll=poll, code=code, option=option, address="10.0.0.1")


def test_electronic_poll_one_code_one_ballot_and_unknown_codes_refused(
    evaluated: Any, personas: Any
) -> None:
    poll = _open(evaluated, personas, way="electronic", eligible=3)
    codes = services.issue_poll_slips(poll=poll, count=3, actor=personas["town"])
    assert _vote(poll, codes[0]).ok
    assert not _vote(poll, codes[0]).ok  # used
    assert not _vote(poll, "ZZZZ-ZZZZ").ok  # unknown
    assert _vote(poll, codes[1], option=1).ok
    assert _vote(poll, codes[2], option=2).ok
    poll = services.close_poll(poll=poll, actor=personas["leader"])
    assert poll.counts == [1, 1, 1] and poll.returned == 3
    assert not poll.void and not poll.passed  # 2/3 favourable < 70%


def test_a_code_of_another_poll_is_refused(evaluated: Any, placed: Any, personas: Any) -> None:
    poll = _open(evaluated, personas, way="electronic", eligible=3)
    other = placed(name="王五")
    services.evaluate(candidate=other, evaluated_on=timezone.localdate(), actor=personas["town"])
    other_poll = _open(other, personas, way="electronic", eligible=3)
    foreign = services.issue_poll_slips(poll=other_poll, count=1, actor=personas["town"])[0]
    assert not _vote(poll, foreign).ok
    assert _vote(other_poll, foreign).ok


def test_closing_drops_unused_codes(evaluated: Any, personas: Any) -> None:
    poll = _open(evaluated, personas, way="electronic", eligible=3)
    codes = services.issue_poll_slips(poll=poll, count=3, actor=personas["town"])
    assert _vote(poll, codes[0]).ok
    services.close_poll(poll=poll, actor=personas["leader"])
    assert not _vote(poll, codes[1]).ok
    poll.refresh_from_db()
    assert poll.void  # 1 of 3 is no quorum


def test_no_column_of_the_ballot_table_can_link_a_vote_to_a_code(
    evaluated: Any, personas: Any
) -> None:
    """The counts hold poll, option and a number: no code, hash, slip, time or address, and no
    row per ballot whose order could be matched to the codes' use."""
    from houbei.outcomes.models import BallotCount

    poll = _open(evaluated, personas, way="electronic", eligible=2)
    codes = services.issue_poll_slips(poll=poll, count=2, actor=personas["town"])
    _vote(poll, codes[0], 0)
    _vote(poll, codes[1], 0)
    columns = {f.column for f in BallotCount._meta.concrete_fields}
    assert columns == {"id", "poll_id", "option", "count"}
    with connection.cursor() as cursor:
        described = connection.introspection.get_table_description(
            cursor, BallotCount._meta.db_table
        )
    assert {c.name for c in described} == columns
    assert BallotCount.objects.filter(poll=poll).count() == 3  # one per option, made at opening
    assert BallotCount.objects.get(poll=poll, option=0).count == 2


def test_the_ballot_audit_entry_does_not_say_how_the_vote_went(
    evaluated: Any, personas: Any
) -> None:
    from houbei.audit.models import AuditEntry

    poll = _open(evaluated, personas, way="electronic", eligible=2)
    code = services.issue_poll_slips(poll=poll, count=1, actor=personas["town"])[0]
    _vote(poll, code, 2)
    entry = AuditEntry.objects.filter(action="outcomes.ballot.cast").get()
    assert entry.changes == {"poll": poll.pk}
