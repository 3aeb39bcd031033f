"""The appointment form as LRMX: export, the round trip, and files that must be refused."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

pytestmark = pytest.mark.django_db

BIRTH = dt.date(1980, 7, 15)


def _number(seq: int = 3, birth: dt.date = BIRTH) -> str:
    from houbei.lib.idnumber import make_id_number

    return make_id_number("410782", birth, seq)


def _file(**overrides: Any) -> bytes:
    """A well-formed LRMX of a new man born 1980-07, with elements replaced or added."""
    from houbei.documents import lrmx

    values: dict[str, Any] = {
        "XingMing": "周　建国",
        "XingBie": "男",
        "ChuShengNianYue": "198007",
        "MinZu": "回族",
        "RuDangShiJian": "2003.06",
        "JianKangZhuangKuang": "健康",
        "ShuXiZhuanYeYouHeZhuanChang": "畜牧",
        "QuanRiZhiJiaoYu_XueLi": "大专",
        "JianLi": ["2001.09--2004.07  某职业技术学院学生", "2004.07--        务农"],
        "JiaTingChengYuan": [{"ChengWei": "妻子", "XingMing": "吴芳"}],
        "ShenFenZheng": _number(),
    }
    values.update(overrides)
    return lrmx.write(values)


def _import(content: bytes, tree: Any, actor: Any) -> Any:
    from houbei.documents import services
    from houbei.people.models import Person

    return services.import_lrmx(
        content,
        filename="form.lrmx",
        village=tree["a2"],
        visible=Person.objects.visible_to(actor),
        actor=actor,
    )


def test_a_new_person_is_created_from_an_lrmx_file(tree: Any, personas: Any) -> None:
    from houbei.audit.models import AuditEntry

    person, created = _import(_file(), tree, personas["town"])

    assert created
    person.refresh_from_db()
    assert (person.name, person.sex, person.birth_date) == ("周建国", "1", BIRTH)
    assert (person.ethnicity, person.political_status) == ("03", "01")
    assert person.party_joined_on == dt.date(2003, 6, 1)
    assert (person.education, person.health, person.major) == ("31", "healthy", "畜牧")
    assert person.village == tree["a2"]
    entry = AuditEntry.objects.filter(action="documents.lrmx.imported").get()
    assert entry.changes["people"] == [person.pk]
    assert entry.changes["created"] is True
    assert (entry.changes["resume_lines"], entry.changes["family_items"]) == (2, 1)
    assert AuditEntry.objects.filter(action="people.person.created").count() == 1


def test_an_exported_form_reads_back_as_the_same_person(
    client: Any, personas: Any, walk: Any
) -> None:
    from houbei.documents import lrmx
    from houbei.lib import crypto
    from houbei.people.services import update_person

    candidate = walk("screened", name="郑和平", major="园艺")
    person = update_person(
        candidate.person,
        fields={"political_status": "02", "party_joined_on": dt.date(2025, 7, 1),
                "ethnicity": "05", "health": "fair"},
        version=candidate.person.version, actor=personas["town"],
    )  # fmt: skip
    client.force_login(personas["town"])

    response = client.get(reverse("documents:lrmx_export", args=[person.pk]))

    assert response.status_code == 200
    parsed = lrmx.read(response.content)
    assert parsed.id_number == crypto.decrypt(person.id_number_encrypted)
    assert parsed.fields == {
        "name": "郑和平", "sex": person.sex, "political_status": "02",
        "party_joined_on": dt.date(2025, 7, 1), "education": person.education,
        "ethnicity": "05", "health": "fair", "major": "园艺",
    }  # fmt: skip
    assert b"<NiRenZhiWu>" in response.content and "党组织书记（后备）".encode() in response.content


def test_importing_an_exported_form_updates_the_same_person_and_changes_nothing(
    client: Any, personas: Any, walk: Any, tree: Any
) -> None:
    from houbei.audit.models import AuditEntry
    from houbei.people.models import Person

    person = walk("nominated", name="冯安").person
    client.force_login(personas["town"])
    content = client.get(reverse("documents:lrmx_export", args=[person.pk])).content
    before = Person.objects.count()

    found, created = _import(content, tree, personas["town"])

    assert (found.pk, created) == (person.pk, False)
    assert Person.objects.count() == before
    found.refresh_from_db()
    assert found.village == person.village
    assert not AuditEntry.objects.filter(action="people.person.updated").exists()


def test_the_export_is_audited_as_holding_the_full_id_number(
    client: Any, personas: Any, make_person: Any
) -> None:
    from houbei.audit.models import AuditEntry

    person = make_person()
    client.force_login(personas["leader"])
    client.get(reverse("documents:lrmx_export", args=[person.pk]))

    entry = AuditEntry.objects.filter(action="documents.lrmx.exported").get()
    assert entry.changes == {"people": [person.pk], "id_numbers": "full"}


def test_an_export_of_another_towns_person_is_not_found(
    client: Any, personas: Any, make_person: Any
) -> None:
    person = make_person()
    client.force_login(personas["town_b"])

    assert client.get(reverse("documents:lrmx_export", args=[person.pk])).status_code == 404


@pytest.mark.parametrize(
    ("form", "field"),
    [
        ({"ChuShengNianYue": "1980.07"}, None),
        ({"ChuShengNianYue": "198007"}, None),
        ({"RuDangShiJian": "200306"}, None),
        ({"RuDangShiJian": "民盟"}, None),
        ({"QuanRiZhiJiaoYu_XueLi": "", "ZaiZhiJiaoYu_XueLi": "中央党校大学"}, None),
    ],
)
def test_both_date_forms_and_the_common_words_are_read(
    form: dict[str, str], field: str | None
) -> None:
    from houbei.documents import lrmx

    parsed = lrmx.read(_file(**form))

    assert parsed.fields["name"] == "周建国"


def test_unknown_elements_are_ignored_and_named() -> None:
    from houbei.documents import lrmx

    content = _file().replace(b"</Person>", b"<ZiDingYi>x</ZiDingYi></Person>")

    assert lrmx.read(content).ignored == ["ZiDingYi"]


def test_a_gb2312_file_is_read() -> None:
    from houbei.documents import lrmx

    text = _file().decode("utf-8").replace("encoding='utf-8'", 'encoding="gb2312"')
    content = text.encode("gb18030")

    assert lrmx.read(content).fields["name"] == "周建国"


BAD = [
    (b"not xml at all", "不是有效的 XML"),
    (
        b"<?xml version='1.0'?><Cadre><XingMing>x</XingMing></Cadre>",
        "根元素应为 Person，实为 Cadre",
    ),
    (
        b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
        b"<Person><XingMing>&b;</XingMing></Person>",
        "DTD 或实体",
    ),
]


@pytest.mark.parametrize(("content", "message"), BAD)
def test_a_file_that_is_not_an_appointment_form_is_refused(
    content: bytes, message: str, tree: Any, personas: Any
) -> None:
    from houbei.audit.models import AuditEntry
    from houbei.documents.lrmx import LrmxError
    from houbei.people.models import Person

    before = Person.objects.count()
    with pytest.raises(LrmxError, match=message):
        _import(content, tree, personas["town"])

    assert Person.objects.count() == before
    assert AuditEntry.objects.filter(action="documents.lrmx.refused", outcome="refused").exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"XingMing": "  "}, "XingMing（姓名）不能为空"),
        ({"ShenFenZheng": ""}, "ShenFenZheng（身份证号）不能为空"),
        ({"ShenFenZheng": _number()[:-1] + ("0" if _number()[-1] != "0" else "1")},
         "ShenFenZheng（身份证号）"),
        ({"ChuShengNianYue": "198108"}, "ChuShengNianYue（出生年月）：198108 与身份号码"),
        ({"ChuShengNianYue": "去年"}, "ChuShengNianYue（出生年月）：“去年”不是日期"),
        ({"XingBie": "女"}, "XingBie（性别）：“女”与身份号码中的性别不一致"),
        ({"QuanRiZhiJiaoYu_XueLi": "扫盲班"}, "QuanRiZhiJiaoYu_XueLi（全日制教育学历）"),
        ({"QuanRiZhiJiaoYu_XueLi": ""}, "QuanRiZhiJiaoYu_XueLi（全日制教育学历）不能为空"),
        ({"MinZu": "火星族"}, "MinZu（民族）"),
        ({"JianKangZhuangKuang": "还行"}, "JianKangZhuangKuang（健康状况）：“还行”无法识别"),
        ({"RuDangShiJian": "某党"}, "RuDangShiJian（入党时间）"),
    ],
)  # fmt: skip
def test_a_bad_value_is_refused_naming_the_element_and_nothing_is_written(
    overrides: dict[str, str], message: str, tree: Any, personas: Any
) -> None:
    from houbei.documents.lrmx import LrmxError
    from houbei.people.models import Person

    before = Person.objects.count()
    with pytest.raises(LrmxError) as raised:
        _import(_file(**overrides), tree, personas["town"])

    assert message in str(raised.value)
    assert Person.objects.count() == before


def test_a_person_outside_the_importers_scope_is_not_updated(
    tree: Any, personas: Any, make_person: Any
) -> None:
    from houbei.documents.lrmx import LrmxError

    person = make_person(birth=BIRTH)
    from houbei.lib import crypto

    number = crypto.decrypt(person.id_number_encrypted)

    with pytest.raises(LrmxError, match="不在您的管辖范围内"):
        _import(_file(ShenFenZheng=number, XingBie=""), tree, personas["town_b"])
    person.refresh_from_db()
    assert person.name == "张三"


def test_the_upload_page_imports_and_shows_the_person(
    client: Any, personas: Any, tree: Any
) -> None:
    client.force_login(personas["town"])
    upload = SimpleUploadedFile("form.lrmx", _file(), content_type="application/xml")

    response = client.post(
        reverse("documents:lrmx_import"), {"file": upload, "village": tree["a1"].pk}
    )

    assert response.status_code == 302
    assert client.get(response["Location"]).content.decode().count("周建国") >= 1


def test_the_upload_page_shows_the_error_next_to_the_file(
    client: Any, personas: Any, tree: Any
) -> None:
    client.force_login(personas["town"])
    upload = SimpleUploadedFile("form.lrmx", _file(MinZu="火星族"))

    response = client.post(
        reverse("documents:lrmx_import"), {"file": upload, "village": tree["a1"].pk}
    )

    assert response.status_code == 200
    assert "MinZu（民族）" in response.content.decode()


def test_a_village_outside_the_scope_cannot_be_chosen(
    client: Any, personas: Any, tree: Any
) -> None:
    from houbei.people.models import Person

    client.force_login(personas["town"])
    upload = SimpleUploadedFile("form.lrmx", _file())

    response = client.post(
        reverse("documents:lrmx_import"), {"file": upload, "village": tree["b1"].pk}
    )

    assert response.status_code == 200
    assert not Person.objects.filter(name="周建国").exists()
