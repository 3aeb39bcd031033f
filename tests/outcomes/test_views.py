"""The outcome pages: the whole way through the forms, scope, refusals, exports and the
constant query counts of the board and the targets table."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from houbei.outcomes import services


def _today() -> str:
    return f"{timezone.localdate():%Y-%m-%d}"


def _login(client: Any, user: Any) -> Any:
    client.force_login(user)
    return client


def test_the_way_through_the_pages_from_score_to_post(
    client: Any, placed: Any, personas: Any
) -> None:
    from houbei.outcomes.models import Poll

    candidate = placed()
    town = _login(client, personas["town"])
    page = reverse("outcomes:candidate", args=[candidate.pk])
    assert "现行公式：综合得分 = 出勤学时×20%" in town.get(page).content.decode()
    town.post(reverse("outcomes:evaluate", args=[candidate.pk]), {"evaluated_on": _today()})
    candidate.refresh_from_db()
    assert candidate.stage == "evaluated"
    town.post(
        reverse("outcomes:poll_new", args=[candidate.pk]),
        {
            "way": "paper",
            "electorate": "party_members",
            "scale": "satisfaction",
            "held_on": _today(),
            "eligible": "40",
        },
    )
    poll = Poll.objects.get(candidate=candidate)
    tally = {"issued": 38, "returned": 38, "valid": 37, "invalid": 1}
    tally |= {"count_0": 30, "count_1": 5, "count_2": 2}
    town.post(reverse("outcomes:poll_tally", args=[poll.pk]), tally)
    # the one who entered cannot confirm
    town.post(reverse("outcomes:poll_confirm", args=[poll.pk]))
    poll.refresh_from_db()
    assert poll.status == "entered"
    leader = _login(client, personas["leader"])
    leader.post(reverse("outcomes:poll_confirm", args=[poll.pk]))
    poll.refresh_from_db()
    assert poll.status == "closed" and poll.passed
    town = _login(client, personas["town"])
    town.post(
        reverse("outcomes:appoint", args=[candidate.pk]),
        {
            "role": "member",
            "term_start": _today(),
            "term_until": "2031-12-31",
            "document": "镇党委决定",
        },
    )
    appointment = candidate.appointments.get()
    leader = _login(client, personas["leader"])
    response = leader.post(
        reverse("outcomes:appointment_decide", args=[appointment.pk]), {"approve": "1", "note": ""}
    )
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.stage == "appointed"
    village = leader.get(reverse("regions:village_detail", args=[candidate.village_id]))
    committee = village.content.decode().split('id="committee"')[1].split("</section>")[0]
    assert candidate.person.name in committee and "现有 1 人" in committee


def test_a_form_error_names_the_field(client: Any, placed: Any, personas: Any) -> None:
    candidate = placed()
    services.evaluate(
        candidate=candidate, evaluated_on=timezone.localdate(), actor=personas["town"]
    )
    town = _login(client, personas["town"])
    response = town.post(
        reverse("outcomes:poll_new", args=[candidate.pk]),
        {
            "way": "paper",
            "electorate": "party_members",
            "scale": "satisfaction",
            "held_on": _today(),
            "eligible": "0",
        },
        follow=True,
    )
    assert "应到人数：" in response.content.decode()


def test_another_towns_officer_gets_404(client: Any, placed: Any, personas: Any) -> None:
    candidate = placed()
    other = _login(client, personas["town_b"])
    assert other.get(reverse("outcomes:candidate", args=[candidate.pk])).status_code == 404
    response = other.post(
        reverse("outcomes:evaluate", args=[candidate.pk]), {"evaluated_on": _today()}
    )
    assert response.status_code == 404


def _electronic(candidate: Any, personas: Any) -> Any:
    services.evaluate(
        candidate=candidate, evaluated_on=timezone.localdate(), actor=personas["town"]
    )
    return services.open_poll(
        candidate=candidate,
        electorate="representatives",
        scale="competence",
        way="electronic",
        held_on=timezone.localdate(),
        eligible=3,
        actor=personas["town"],
    )


def test_the_results_page_is_refused_until_the_poll_is_closed(
    client: Any, placed: Any, personas: Any
) -> None:
    poll = _electronic(placed(), personas)
    codes = services.issue_poll_slips(poll=poll, count=3, actor=personas["town"])
    for code in codes:
        services.cast_ballot(poll=poll, code=code, option=0, address="10.0.0.2")
    town = _login(client, personas["town"])
    url = reverse("outcomes:poll_results", args=[poll.pk])
    assert town.get(url).status_code == 403
    page = town.get(reverse("outcomes:poll", args=[poll.pk])).content.decode()
    assert "poll-counts" not in page
    services.close_poll(poll=poll, actor=personas["leader"])
    response = town.get(url)
    assert response.status_code == 200 and "称职" in response.content.decode()


def test_the_public_ballot_page_takes_a_code_once(client: Any, placed: Any, personas: Any) -> None:
    poll = _electronic(placed(), personas)
    code = services.issue_poll_slips(poll=poll, count=1, actor=personas["town"])[0]
    url = reverse("outcomes:vote")
    page = client.get(url, {"t": poll.token})
    assert page.status_code == 200 and poll.candidate.person.name in page.content.decode()
    assert client.post(url, {"t": poll.token, "code": code, "option": "1"}).status_code == 200
    again = client.post(url, {"t": poll.token, "code": code, "option": "1"})
    assert again.status_code == 400 and "测评码无效或已使用" in again.content.decode()
    assert client.get(url, {"t": "nosuchtoken"}).status_code == 404


def test_the_slips_page_shows_each_code_once(client: Any, placed: Any, personas: Any) -> None:
    from houbei.cultivation.models import CodeSlip

    poll = _electronic(placed(), personas)
    town = _login(client, personas["town"])
    page = town.post(reverse("outcomes:poll_slips", args=[poll.pk]), {"count": "2"})
    assert page.status_code == 200 and page.content.decode().count('class="slip"') == 2
    assert CodeSlip.objects.filter(scope=poll.slip_scope, holder__in=["1", "2"]).count() == 2


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_the_board_runs_the_same_queries_for_one_candidate_and_three(
    client: Any, placed: Any, personas: Any, tree: Any
) -> None:
    first = placed()
    services.evaluate(candidate=first, evaluated_on=timezone.localdate(), actor=personas["town"])
    town = _login(client, personas["town"])
    url = reverse("outcomes:board")
    small = _queries(client, url)
    for village in ("a2", "a3"):
        other = placed(tree[village], name=f"某{village}")
        services.evaluate(
            candidate=other, evaluated_on=timezone.localdate(), actor=personas["town"]
        )
    page = town.get(url).content.decode()
    assert page.count("综合评分") >= 1 and "某a2" in page
    assert _queries(client, url) == small


@pytest.fixture
def committees(make_person: Any, tree: Any) -> Any:
    from houbei.people.services import appoint_to_post

    def seat(villages: list[str]) -> None:
        for n, name in enumerate(villages):
            person = make_person(
                village=tree[name], name=f"书记{name}", birth=dt.date(1970 + n, 1, 1)
            )
            appoint_to_post(
                person=person,
                village=tree[name],
                role="secretary",
                term_start=dt.date(2021, 3, 1),
                actor=None,
            )

    return seat


def test_the_county_table_runs_the_same_queries_at_two_sizes(
    client: Any, committees: Any, personas: Any, election_round: Any
) -> None:
    committees(["a1"])
    county = _login(client, personas["county"])
    url = reverse("outcomes:targets")
    small = _queries(county, url)
    committees(["a2", "a3", "b1"])
    page = county.get(url).content.decode()
    assert "吴村镇" in page and "峪河镇" in page  # a row per town
    assert _queries(county, url) == small


def test_the_targets_export_is_a_workbook_and_audited(
    client: Any, committees: Any, personas: Any, election_round: Any
) -> None:
    from houbei.audit.models import AuditEntry

    committees(["a1", "a2"])
    town = _login(client, personas["town"])
    for name in ("targets_export", "evaluations_export", "polls_export"):
        response = town.get(reverse(f"outcomes:{name}"))
        assert response.status_code == 200
        assert b"".join(response.streaming_content)[:2] == b"PK"
    assert AuditEntry.objects.filter(action="outcomes.targets.exported").count() == 1


def test_the_village_page_leads_to_the_election_form_which_enters_the_result(
    client: Any, walk: Any, tree: Any, personas: Any, make_person: Any
) -> None:
    from houbei.outcomes.models import ElectionResult

    reserve = walk("pooled", name="后当选")
    other = make_person(name="老主任")
    village = reverse("regions:village_detail", args=[tree["a1"].pk])
    form = reverse("outcomes:election", args=[tree["a1"].pk])
    liaison = _login(client, personas["liaison"])
    seen = liaison.get(village)
    assert seen.status_code == 200 and form not in seen.content.decode()
    town = _login(client, personas["town"])
    assert f'href="{form}"' in town.get(village).content.decode()
    assert "保存换届结果" in town.get(form).content.decode()
    response = town.post(
        form,
        {"elected_on": _today(), "secretary": reserve.person.pk, "chair": other.pk},
        follow=True,
    )
    assert "已录入换届结果" in response.content.decode()
    result = ElectionResult.objects.get(village=tree["a1"])
    elected = {m.person.name: m.from_reserve for m in result.members.select_related("person")}
    assert elected == {"后当选": True, "老主任": False}
    page = town.get(form).content.decode()
    assert "党组织书记：后当选" in page
    assert "后备干部" in page
    other_town = _login(client, personas["town_b"])
    assert other_town.get(form).status_code == 404


def test_the_evaluations_export_names_whose_records_it_held(
    client: Any, placed: Any, personas: Any
) -> None:
    from houbei.audit.models import AuditEntry

    candidates = [placed(), placed()]
    for candidate in candidates:
        services.evaluate(
            candidate=candidate, evaluated_on=timezone.localdate(), actor=personas["town"]
        )
    town = _login(client, personas["town"])
    assert town.get(reverse("outcomes:evaluations_export")).status_code == 200
    entry = AuditEntry.objects.get(action="outcomes.evaluations.exported")
    assert entry.changes["rows"] == 2
    assert entry.changes["people"] == sorted(c.person_id for c in candidates)
