"""A reviewer account's department is chosen from the round's reviewing departments, never
typed; a stored department the list lacks is flagged on the account page and in the queue."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from houbei.accounts.models import User
from houbei.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def _reviewer(tree: dict[str, Any], department: str) -> dict[str, Any]:
    return {
        "username": "newreviewer",
        "full_name": "赵六",
        "role": "reviewer",
        "region": tree["county"].pk,
        "department": department,
        "villages": "",
    }


def test_the_form_offers_the_rounds_departments_and_stores_the_code(
    client: Client, personas: Any, tree: Any, election_round: Any
) -> None:
    client.force_login(personas["secadmin"])

    page = client.get(reverse("accounts:user_create")).content.decode()
    response = client.post(reverse("accounts:user_create"), _reviewer(tree, "discipline"))

    assert '<option value="discipline">纪委监委</option>' in page
    assert '<option value="agriculture">农业农村</option>' in page
    assert response.status_code == 200 and "newreviewer" in response.content.decode()
    user = User.objects.get(username="newreviewer")
    assert user.department == "discipline"
    entry = AuditEntry.objects.filter(action="accounts.user.created").first()
    assert entry is not None and "discipline" in str(entry.changes)


def test_a_typed_department_is_refused(
    client: Client, personas: Any, tree: Any, election_round: Any
) -> None:
    client.force_login(personas["secadmin"])

    response = client.post(reverse("accounts:user_create"), _reviewer(tree, "纪委"))

    assert "department" in response.context["form"].errors
    assert not User.objects.filter(username="newreviewer").exists()


def test_without_a_round_no_department_can_be_chosen(
    client: Client, personas: Any, tree: Any
) -> None:
    client.force_login(personas["secadmin"])

    response = client.post(reverse("accounts:user_create"), _reviewer(tree, "police"))

    assert "department" in response.context["form"].errors
    assert not User.objects.filter(username="newreviewer").exists()


def test_a_department_outside_the_list_is_flagged_on_the_account_page(
    client: Client, personas: Any, election_round: Any
) -> None:
    reviewer = personas["reviewer"]
    User.objects.filter(pk=reviewer.pk).update(department="纪委")
    client.force_login(personas["secadmin"])

    flagged = client.get(reverse("accounts:user_edit", args=[reviewer.pk])).content.decode()
    User.objects.filter(pk=reviewer.pk).update(department="公安")
    response = client.get(reverse("accounts:user_edit", args=[reviewer.pk]))

    assert "该账号登记的联审部门“纪委”不在本轮资格联审部门中" in flagged
    assert 'id="department-unknown"' not in response.content.decode()
    assert response.context["form"]["department"].value() == "police"


def test_the_queue_names_the_department_and_flags_an_unknown_one(
    client: Client, personas: Any, election_round: Any
) -> None:
    reviewer = personas["reviewer"]
    client.force_login(reviewer)

    known = client.get(reverse("reserves:review_queue")).content.decode()
    User.objects.filter(pk=reviewer.pk).update(department="纪委")
    unknown = client.get(reverse("reserves:review_queue")).content.decode()

    assert '资格联审队列 <span class="muted">公安</span>' in known
    assert 'id="department-unknown"' not in known
    assert "本账号登记的联审部门“纪委”不在本轮资格联审部门中" in unknown


def test_a_stored_department_reads_in_chinese() -> None:
    from houbei.accounts.models import User

    assert User(department="police").department_label == "公安"
    assert User(department="公安").department_label == "公安"  # an older account's name
    assert User(department="market").department_label == "market"  # a county's own code
