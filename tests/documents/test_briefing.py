"""The weekly briefing (选情研判周报) of the demo town, as Word and as PDF."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.documents.reading import docx_text, leftover_placeholders, pdf_text

pytestmark = pytest.mark.django_db


def _assessed(demo: Any) -> Any:
    from houbei.risk.services import run_assessment

    run_assessment(region=demo.town, actor=None)
    return demo


def _red(demo: Any) -> list[str]:
    return sorted(row.name for row in demo.story if row.tier == "red")


def test_the_word_briefing_counts_colours_and_lists_red_villages_with_reasons(
    demo: Any, client: Any
) -> None:
    from houbei.audit.models import AuditEntry

    _assessed(demo)
    client.force_login(demo.users["town"])

    response = client.get(reverse("documents:briefing_docx"))

    assert response.status_code == 200
    text = docx_text(response.content)
    assert leftover_placeholders(text) == []
    assert "吴村镇选情研判周报" in text
    assert "红色 6 个，橙色 12 个，黄色 14 个，绿色 10 个" in text
    for village in _red(demo):
        assert village in text, village
    assert "失分项" in text or "硬性规则" in text
    assert "未销号问题" in text and "培养先行：学员" in text
    entry = AuditEntry.objects.filter(action="documents.briefing.exported").get()
    assert entry.changes["format"] == "docx" and entry.changes["villages"] == 42


def test_the_pdf_briefing_has_extractable_chinese_text(demo: Any, client: Any) -> None:
    _assessed(demo)
    client.force_login(demo.users["leader"])

    response = client.get(reverse("documents:briefing_pdf"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "吴村镇选情研判周报" in text
    assert "红色6个，橙色12个" in text
    for village in _red(demo):
        assert village in text, village
    assert len(response.content) < 400_000  # the font is subset, not embedded whole


def test_without_a_cjk_font_the_pdf_is_refused_in_chinese_and_nothing_is_audited(
    demo: Any, client: Any, settings: Any
) -> None:
    from houbei.audit.models import AuditEntry

    settings.DOCUMENT_FONT = "/nonexistent/font.ttc"
    client.force_login(demo.users["town"])

    response = client.get(reverse("documents:briefing_pdf"), follow=True)

    assert "没有找到中文字体" in response.content.decode()
    assert not AuditEntry.objects.filter(action="documents.briefing.exported").exists()


def test_a_town_before_its_first_assessment_gets_a_briefing_saying_so(
    demo: Any, client: Any
) -> None:
    client.force_login(demo.users["town"])

    text = docx_text(client.get(reverse("documents:briefing_docx")).content)

    assert "未研判 42 个" in text


def test_the_briefing_of_a_district_takes_as_many_queries_as_of_the_town(demo: Any) -> None:
    from houbei.documents import briefing
    from houbei.regions.models import Region

    _assessed(demo)
    today = timezone.localdate()
    district = next(iter(demo.districts.values()))
    few = Region.objects.under(district).villages()
    everything = Region.objects.under(demo.town).villages()
    briefing.build(demo.town, everything, today)  # rule versions parsed once per process
    with CaptureQueriesContext(connection) as small:
        found_small = briefing.build(district, few, today)
    with CaptureQueriesContext(connection) as large:
        found_large = briefing.build(demo.town, everything, today)

    assert found_small.villages < found_large.villages == 42
    assert len(small.captured_queries) == len(large.captured_queries)


def test_a_liaison_gets_no_briefing(demo: Any, client: Any) -> None:
    client.force_login(demo.users["liaison"])

    assert client.get(reverse("documents:briefing_docx")).status_code == 403


def test_the_county_may_ask_for_one_towns_briefing(demo: Any, client: Any) -> None:
    _assessed(demo)
    client.force_login(demo.users["county"])

    response = client.get(reverse("documents:briefing_docx"), {"region": demo.town.pk})

    text = docx_text(response.content)
    assert "吴村镇选情研判周报" in text and "吴村镇共 42 个村" in text


def test_the_county_briefing_names_each_red_villages_town(demo: Any, client: Any) -> None:
    _assessed(demo)
    client.force_login(demo.users["county"])

    text = docx_text(client.get(reverse("documents:briefing_docx")).content)

    assert "辉县市选情研判周报" in text
    assert any(f"{village}（吴村镇" in text for village in _red(demo))


def test_the_documents_page_offers_each_download(demo: Any, client: Any) -> None:
    client.force_login(demo.users["town"])

    page = client.get(reverse("documents:index")).content.decode()

    for name in ("documents:briefing_docx", "documents:briefing_pdf", "documents:batch"):
        assert reverse(name) in page
    assert reverse("documents:lrmx_import") in page
