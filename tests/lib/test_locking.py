"""The one optimistic lock: a save from a stale version is refused, with the caller's message."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from houbei.lib.locking import ConflictError, claim_version
from houbei.people.models import Person

pytestmark = pytest.mark.django_db

STALE = "该记录已被他人修改，请刷新页面后重新填写。"


def test_claiming_the_current_version_moves_the_row_and_the_record_to_the_next(
    make_person: Any,
) -> None:
    person = make_person()

    claim_version(person, 1, STALE)

    assert person.version == 2
    assert Person.objects.get(pk=person.pk).version == 2


def test_without_a_version_the_one_the_record_was_read_at_is_claimed(make_person: Any) -> None:
    person = make_person()
    claim_version(Person.objects.get(pk=person.pk), None, STALE)  # somebody else's save

    with pytest.raises(ConflictError):
        claim_version(person, None, STALE)
    assert Person.objects.get(pk=person.pk).version == 2


def test_a_stale_version_is_a_validation_error_with_the_callers_message(make_person: Any) -> None:
    person = make_person()
    claim_version(Person.objects.get(pk=person.pk), 1, STALE)

    with pytest.raises(ValidationError) as refused:
        claim_version(person, 1, STALE)

    assert isinstance(refused.value, ConflictError)
    assert refused.value.messages == [STALE]
    assert person.version == 1 and Person.objects.get(pk=person.pk).version == 2
