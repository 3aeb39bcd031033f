"""Writing checked rows a batch at a time: one lookup, one bulk insert, one bulk update and one
bulk audit insert per batch. Keyed by the ID number's blind index: never a duplicate."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.db import connection
from django.utils import timezone

from houbei.audit.services import diff, record_many
from houbei.lib import crypto
from houbei.lib.idnumber import mask
from houbei.lib.pinyin import search_keys
from houbei.people.importer.report import Report
from houbei.people.importer.rows import PersonRow, Problem
from houbei.people.importer.villages import VillageIndex
from houbei.people.models import Person
from houbei.people.services import snapshot

UPDATED_FIELDS = (
    "name",
    "sex",
    "birth_date",
    "ethnicity",
    "political_status",
    "party_joined_on",
    "education",
    "major",
    "phone",
    "village_id",
    "backgrounds",
    "health",
    "notes",
    "name_pinyin",
    "name_initials",
    "version",
    "updated_at",
)
OUT_OF_SCOPE = "该人员已登记在您管辖范围以外的村，不能通过导入修改，请联系其所在乡镇"


@lru_cache(maxsize=8192)
def _search_keys(name: str) -> tuple[str, str]:
    return search_keys(name)


class BatchWriter:
    """Sorts each batch into new, changed and unchanged people; writes them when told to."""

    def __init__(
        self, *, actor: Any, villages: VillageIndex, report: Report, id_column: str
    ) -> None:
        self.actor = actor
        self.villages = villages
        self.report = report
        self.id_column = id_column

    def process(self, batch: list[PersonRow], *, write: bool) -> None:
        if not batch:
            return
        hashes = {id(row): crypto.blind_index(row.id_number.number) for row in batch}
        existing = self._existing(list(hashes.values()), lock=write)
        created: list[Person] = []
        changed: list[tuple[Person, dict[str, Any]]] = []
        for row in batch:
            person = existing.get(hashes[id(row)])
            if person is None and not write:
                self.report.created += 1
            elif person is None:
                created.append(self._new(row, hashes[id(row)]))
            elif person.village_id not in self.villages.scope:
                self.report.add([Problem(row.row, self.id_column, OUT_OF_SCOPE)])
            else:
                self._compare(person, row, changed)
        self.report.created += len(created)
        self.report.updated += len(changed)
        if write:
            self._write(created, changed)

    def _existing(self, hashes: list[str], *, lock: bool) -> dict[str, Person]:
        people = Person.objects.filter(id_number_hash__in=hashes)
        if lock and connection.features.has_select_for_update:
            people = people.select_for_update()
        return {person.id_number_hash: person for person in people}

    def _new(self, row: PersonRow, digest: str) -> Person:
        number = row.id_number.number
        person = Person(
            **row.fields,
            id_number_hash=digest,
            id_number_encrypted=crypto.encrypt(number),
            id_number_masked=mask(number),
        )
        person.name_pinyin, person.name_initials = _search_keys(person.name)
        return person

    def _compare(
        self, person: Person, row: PersonRow, changed: list[tuple[Person, dict[str, Any]]]
    ) -> None:
        labels = self.villages.labels
        before = snapshot(person, village=labels[person.village_id])
        for key, value in row.fields.items():
            setattr(person, key, value)
        changes = diff(before, snapshot(person, village=labels[person.village_id]))
        if not changes:
            self.report.unchanged += 1
            return
        person.name_pinyin, person.name_initials = _search_keys(person.name)
        person.version += 1
        person.updated_at = timezone.now()
        changed.append((person, changes))

    def _write(self, created: list[Person], changed: list[tuple[Person, dict[str, Any]]]) -> None:
        labels = self.villages.labels
        Person.objects.bulk_create(created)
        Person.objects.bulk_update([person for person, _ in changed], UPDATED_FIELDS)
        entries = [
            ("people.person.created", p, diff({}, snapshot(p, village=labels[p.village_id])))
            for p in created
        ]
        entries += [("people.person.updated", person, changes) for person, changes in changed]
        record_many(self.actor, entries)
