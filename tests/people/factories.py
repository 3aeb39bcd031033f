"""Many people at once, for list and query-count tests (no audit entries: not the point here)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from houbei.lib import crypto
from houbei.lib.idnumber import make_id_number, mask
from houbei.lib.pinyin import search_keys
from houbei.people.models import Person

NAMES = "赵钱孙李周吴郑王冯陈"


def bulk_people(village: Any, count: int, *, start: int = 0, **fields: Any) -> list[Person]:
    people = []
    for i in range(start, start + count):
        number = make_id_number("410782", dt.date(1970, 1, 1) + dt.timedelta(days=i), i % 1000)
        name = NAMES[i % 10] + NAMES[(i // 10) % 10] + str(i)
        pinyin, initials = search_keys(name)
        people.append(
            Person(
                name=name,
                sex="1",
                birth_date=dt.date(1970, 1, 1) + dt.timedelta(days=i),
                id_number_encrypted=crypto.encrypt(number),
                id_number_hash=crypto.blind_index(number),
                id_number_masked=mask(number),
                education=fields.get("education", "21"),
                political_status=fields.get("political_status", "13"),
                village=village,
                name_pinyin=pinyin,
                name_initials=initials,
            )
        )
    return Person.objects.bulk_create(people)
