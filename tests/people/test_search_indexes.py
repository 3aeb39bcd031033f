"""The person search can use indexes on PostgreSQL (docs/performance.md G4): a name part, a pinyin
prefix or initials is answered from an index, not only by reading the whole table (migration
people 0002). At a test's size the planner may still prefer a scan; with scans priced out it must
find an index plan, which it cannot without the indexes."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from houbei.people.models import Person
from tests.people.factories import bulk_people

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db]


def plan(queryset: Any) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        explained = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET LOCAL enable_seqscan = on")
    return explained


def test_the_search_indexes_exist() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'people_person'")
        names = {row[0] for row in cursor.fetchall()}
    assert {
        "people_person_pinyin_prefix",
        "people_person_initials_prefix",
        "people_person_name_trgm",
    } <= names


@pytest.mark.parametrize(
    ("text", "index"),
    [
        ("钱孙12", "people_person_name_trgm"),
        ("qian", "people_pers"),  # the prefix index or the sort index, walked to 51 rows
        ("qs", "people_pers"),  # likewise
    ],
)
def test_a_search_reads_an_index_not_the_whole_table(tree: Any, text: str, index: str) -> None:
    bulk_people(tree["a1"], 5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE people_person")

    found = Person.objects.search(text).order_by("name_pinyin", "id")[:51]
    explained = plan(found)

    assert "Seq Scan on people_person" not in explained, explained
    assert index in explained, explained
    assert found.exists()
