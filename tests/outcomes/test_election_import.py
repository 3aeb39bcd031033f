"""The election's result imported from a spreadsheet (issue 10 §4): read safely, every row
checked, a preview, then every village entered in one transaction or none."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
import xlsxwriter
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.lib import crafted

HEADER = ["村", "选举日期", "职务", "姓名", "公民身份号码"]
SEQ = iter(range(301, 999, 2))


def _day(days_ago: int = 3) -> str:
    return f"{timezone.localdate() - dt.timedelta(days=days_ago):%Y-%m-%d}"


def _workbook(rows: list[list[Any]], header: list[str] = HEADER) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("换届结果")
    sheet.write_row(0, 0, header)
    for n, row in enumerate(rows, start=1):
        for m, value in enumerate(row):
            sheet.write_string(n, m, value)
    book.close()
    return buffer.getvalue()


@pytest.fixture
def person(make_person: Any, tree: Any) -> Any:
    """`person(village, name)` → (the person, their ID number as written in the file)."""
    from houbei.lib.idnumber import make_id_number

    def make(village: Any, name: str) -> tuple[Any, str]:
        number = make_id_number("410782", dt.date(1985, 6, 1), next(SEQ))
        return make_person(village=village, name=name, id_number=number), number

    return make


def _row(village: Any, post: str, who: tuple[Any, str], day: str | None = None) -> list[str]:
    return [village.name, day or _day(), post, who[0].name, who[1]]


def _town_villages(tree: Any) -> Any:
    from houbei.regions.models import Region

    return Region.objects.villages().filter(town=tree["town_a"])


def _upload(client: Any, data: bytes) -> Any:
    file = SimpleUploadedFile("换届结果.xlsx", data)
    return client.post(reverse("outcomes:election_import"), {"file": file})


def test_a_good_file_enters_every_village_and_closes_and_opens_posts(
    client: Any, tree: Any, personas: Any, person: Any, walk: Any, election_round: Any
) -> None:
    from houbei.audit.models import AuditEntry
    from houbei.lib import crypto
    from houbei.outcomes.models import ElectionResult
    from houbei.people.models import Post
    from houbei.people.services import appoint_to_post

    a1, a3 = tree["a1"], tree["a3"]
    old, _ = person(a1, "老书记")
    appoint_to_post(
        person=old, village=a1, role="secretary", term_start=dt.date(2021, 3, 1), actor=None
    )
    reserve = walk("pooled", name="后备人")
    head = (reserve.person, crypto.decrypt(reserve.person.id_number_encrypted))
    member, third, fourth = person(a1, "甲委员"), person(a3, "乙书记"), person(a3, "丙委员")
    data = _workbook(
        [
            _row(a1, "党组织书记", head),
            _row(a1, "村委会主任", head),
            _row(a1, "党组织委员", member),
            _row(a1, "村委会委员", member),
            [a3.code, _day(5), "党组织书记", third[0].name, third[1]],
            _row(a3, "村委会委员", fourth, _day(5)),
        ]
    )
    client.force_login(personas["town"])
    preview = _upload(client, data).content.decode()
    assert "检查通过：2个村，4名当选人" in preview
    assert "一肩挑" in preview and "后备干部" in preview
    assert not ElectionResult.objects.exists()  # the preview writes nothing
    done = client.post(
        reverse("outcomes:election_import_confirm"),
        {"token": client.session["election_import"]},
        follow=True,
    )
    assert "已导入2个村的换届结果，共4人" in done.content.decode()
    first = ElectionResult.objects.get(village=a1)
    assert first.dual_role and first.elected_on == timezone.localdate() - dt.timedelta(days=3)
    assert {(m.person.name, m.from_reserve) for m in first.members.all()} == {
        ("后备人", True),
        ("甲委员", False),
    }
    assert not ElectionResult.objects.get(village=a3).dual_role
    old_post = Post.objects.get(person=old)
    assert old_post.term_end == first.elected_on - dt.timedelta(days=1)
    sitting = Post.objects.filter(village=a1, term_end__isnull=True)
    assert sorted(sitting.values_list("person__name", "role", "organisation")) == [
        ("后备人", "chair", "villagers"),
        ("后备人", "secretary", "party"),
        ("甲委员", "member", "party"),
        ("甲委员", "member", "villagers"),
    ]
    actions = AuditEntry.objects.filter(action__startswith="outcomes.election.")
    assert sorted(actions.values_list("action", flat=True)) == [
        "outcomes.election.entered",
        "outcomes.election.entered",
        "outcomes.election.imported",
    ]
    assert "election_import" not in client.session


def test_one_bad_row_writes_nothing_and_names_the_row_and_column(
    tree: Any, personas: Any, person: Any, election_round: Any
) -> None:
    from houbei.outcomes.election_import import import_file
    from houbei.outcomes.models import ElectionResult
    from houbei.people.models import Post

    a1, a3 = tree["a1"], tree["a3"]
    data = _workbook(
        [
            _row(a1, "党组织书记", person(a1, "甲")),
            _row(a3, "党组织书记", person(a3, "乙")),
            _row(a3, "村支书", person(a3, "丙")),
        ]
    )
    plan = import_file(data, villages=_town_villages(tree), actor=personas["town"])
    assert not plan.written
    assert plan.errors == [
        "第4行“职务”列（C列）：职务“村支书”不可识别，应为党组织书记、党组织副书记、党组织委员、"
        "村委会主任、村委会副主任、村委会委员之一"
    ]
    assert not ElectionResult.objects.exists()
    assert not Post.objects.exists()


def test_row_checks_speak_chinese_and_name_each_row(
    tree: Any, personas: Any, person: Any, election_round: Any
) -> None:
    from houbei.outcomes.election_import import check_file

    a1, a2, a3 = tree["a1"], tree["a2"], tree["a3"]
    stranger = person(a2, "外村人")
    twice = person(a1, "两职")
    future = f"{timezone.localdate() + dt.timedelta(days=2):%Y-%m-%d}"
    rows = [
        _row(a1, "党组织书记", person(a1, "甲")),
        _row(a1, "党组织书记", person(a1, "乙")),  # row 3: a second secretary
        _row(a1, "党组织副书记", twice),
        _row(a1, "党组织委员", twice),  # row 5: twice in the party committee
        _row(a1, "村委会主任", stranger),  # row 6: registered in another village
        [a3.name, future, "党组织书记", "丁", "410782198506010000"],  # row 7: date and number
        _row(a3, "村委会主任", (stranger[0], stranger[1]), _day(2)),  # row 8
    ]
    errors = check_file(_workbook(rows), villages=_town_villages(tree)).errors
    assert errors[0] == "第3行“职务”列（C列）：张屯村已有一名党组织书记（第2行）"
    assert errors[1] == "第5行“职务”列（C列）：两职在村党组织已担任职务（第4行）"
    assert errors[2].startswith("第6行“公民身份号码”列（E列）：该人员户籍登记在潘村")
    assert errors[3].startswith("第7行“选举日期”列（B列）：选举日期") and "晚于今天" in errors[3]
    assert errors[4].startswith("第7行“公民身份号码”列（E列）：")
    assert errors[5].startswith("第8行“公民身份号码”列（E列）：该人员户籍登记在潘村")
    assert len(errors) == 6


def test_an_unknown_person_is_an_error_naming_the_row(
    tree: Any, personas: Any, person: Any, election_round: Any
) -> None:
    """Unknown, and registered in another town, read the same (no oracle on ID numbers)."""
    from houbei.lib.idnumber import make_id_number
    from houbei.outcomes.election_import import check_file

    number = make_id_number("410782", dt.date(1980, 1, 1), 998)
    elsewhere = person(tree["b1"], "外镇人")
    data = _workbook(
        [
            [tree["a1"].name, _day(), "党组织书记", "无名", number],
            _row(tree["a1"], "村委会主任", elsewhere),
        ]
    )
    unknown = "“公民身份号码”列（E列）：您管辖范围内没有该公民身份号码的人员，请先在人员名单中登记"
    assert check_file(data, villages=_town_villages(tree)).errors == [
        f"第2行{unknown}",
        f"第3行{unknown}",
    ]


def test_a_village_out_of_scope_is_an_error(
    client: Any, tree: Any, personas: Any, person: Any, election_round: Any
) -> None:
    from houbei.outcomes.models import ElectionResult

    b1 = tree["b1"]
    data = _workbook([_row(b1, "党组织书记", person(b1, "外镇人"))])
    client.force_login(personas["town"])
    page = _upload(client, data).content.decode()
    assert "第2行“村”列（A列）：“蒋庄村”不是您管辖范围内的村" in page
    assert "未写入任何数据" in page and "确认导入" not in page
    assert "election_import" not in client.session
    refused = client.post(reverse("outcomes:election_import_confirm"), {"token": "x" * 32})
    assert refused.status_code == 302
    assert not ElectionResult.objects.exists()


def test_a_crafted_oversized_file_is_refused_by_the_safe_reader(
    client: Any, personas: Any, election_round: Any
) -> None:
    client.force_login(personas["town"])
    page = _upload(client, crafted.claimed_dimension()).content.decode()
    assert "声明的范围达到第1048576行，超过上限200000行" in page
    assert "未写入任何数据" in page


def test_a_refusal_by_the_service_undoes_every_village(
    tree: Any, personas: Any, person: Any, election_round: Any, monkeypatch: Any
) -> None:
    from django.core.exceptions import ValidationError

    from houbei.outcomes import election_import
    from houbei.outcomes.models import ElectionResult
    from houbei.people.models import Post

    a1, a3 = tree["a1"], tree["a3"]
    data = _workbook(
        [_row(a1, "党组织书记", person(a1, "甲")), _row(a3, "党组织书记", person(a3, "乙"))]
    )
    real, calls = election_import.enter_result, []

    def second_refused(**kwargs: Any) -> Any:
        calls.append(kwargs["village"].name)
        if len(calls) == 2:
            raise ValidationError("王展村已录入本届换届结果")
        return real(**kwargs)

    monkeypatch.setattr(election_import, "enter_result", second_refused)
    plan = election_import.import_file(data, villages=_town_villages(tree), actor=personas["town"])
    assert calls == ["张屯村", "王展村"]
    assert plan.errors == ["王展村：王展村已录入本届换届结果"] and not plan.written
    assert not ElectionResult.objects.exists() and not Post.objects.exists()


def test_the_preview_runs_the_same_queries_at_two_sizes(
    client: Any, tree: Any, personas: Any, person: Any, election_round: Any
) -> None:
    a1, a2, a3 = tree["a1"], tree["a2"], tree["a3"]
    client.force_login(personas["town"])

    def queries(rows: list[list[str]]) -> int:
        with CaptureQueriesContext(connection) as context:
            page = _upload(client, _workbook(rows)).content.decode()
        assert "检查通过" in page
        return len(context.captured_queries)

    small = queries([_row(a1, "党组织书记", person(a1, "甲"))])
    posts = ["党组织书记", "党组织副书记", "党组织委员", "村委会主任", "村委会副主任", "村委会委员"]
    large = [
        _row(v, post, person(v, f"{v.name}{n}"))
        for v in (a1, a2, a3)
        for n, post in enumerate(posts)
    ]
    assert queries(large) == small


def test_the_template_reads_back_and_the_board_links_to_the_import(
    client: Any, tree: Any, personas: Any, election_round: Any
) -> None:
    from houbei.outcomes.election_import import EXAMPLE, HEADERS, read_rows

    client.force_login(personas["town"])
    template = client.get(reverse("outcomes:election_import_template"))
    assert template.status_code == 200
    labels, rows = read_rows(b"".join(template.streaming_content))
    assert list(labels) == list(HEADERS)
    assert [[str(v) for v in values.values()] for _, values in rows] == [EXAMPLE]
    link = reverse("outcomes:election_import")
    assert f'href="{link}"' in client.get(reverse("outcomes:board")).content.decode()
    client.force_login(personas["county"])
    board = client.get(reverse("outcomes:board"))
    assert board.status_code == 200 and link not in board.content.decode()
