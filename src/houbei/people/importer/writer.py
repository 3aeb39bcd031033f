"""Writing checked rows a batch at a time: one lookup, one insert, one update and one audit
insert per batch. Keyed by the ID number's blind index: never a duplicate.

A changed person gets its own audit entry (`people.person.updated`, old and new values), the
same entry the person form writes. A new person is a batch item of the import's one audit entry
(`people.import.completed`): its id and a keyed digest of the values it was created with
(`digests.row_text`), staged as the batches are written and filed under the entry when it is
recorded; the person's history shows that entry, and `houbei audit verify` checks the person
against the digest while it is unchanged (docs/decisions/0027-import-audit-per-batch.md)."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import repeat
from typing import Any

from django.db import connection
from django.utils import timezone

from houbei.accounts.types import Actor
from houbei.audit.services import BatchItems, Serialised, append_serialised, chain_key
from houbei.lib import crypto
from houbei.lib.pinyin import search_keys
from houbei.people.importer import changes, digests, tables
from houbei.people.importer.report import Report
from houbei.people.importer.rows import PersonRow, Problem
from houbei.people.importer.villages import VillageIndex
from houbei.people.models import Person
from houbei.people.services import audit_birth, birth_day_change

OUT_OF_SCOPE = "该人员已登记在您管辖范围以外的村，不能通过导入修改，请联系其所在乡镇"
TARGET = Person._meta.label_lower


# What a new person holds where the file has no column for it: the model's defaults.
DEFAULTS = {
    column.attname: column.model_default() for column in tables.PLAIN if not column.required
}
# The fields of a row from a file with every column.
FULL_ROW = frozenset(tables.ROW_COLUMNS)
as_stored = digests.as_stored


Change = tuple[dict[str, Any], dict[str, Any], str]  # stored values, new values, changes text
Candidate = tuple[PersonRow, str, dict[str, Any]]  # a row, its blind index, the stored person


class BatchWriter:
    """Sorts each batch into new, changed and unchanged people; writes them when told to."""

    def __init__(
        self, *, actor: Actor | None, villages: VillageIndex, report: Report, id_column: str
    ) -> None:
        self.actor = actor
        self.villages = villages
        self.report = report
        self.id_column = id_column
        self.items = BatchItems(TARGET)
        self.key = chain_key()
        report.items_digest = self.items.digest

    def process(self, batch: list[PersonRow], *, write: bool) -> None:
        if not batch:
            return
        hashes = [crypto.blind_index(row.id_number.number) for row in batch]
        stored = tables.stored_people(hashes, lock=False)
        new, candidates = self._sort(zip(batch, hashes, strict=True), stored)
        if write and candidates and connection.features.has_select_for_update:
            # Read again, locked, the people the batch would change: an edit saved since the
            # first read is neither overwritten unseen nor recorded as the old value.
            locked = tables.stored_people([digest for _, digest, _ in candidates], lock=True)
            more, candidates = self._sort(((row, digest) for row, digest, _ in candidates), locked)
            new += more
        changed = [change for change in map(self._change, candidates) if change]
        self.report.created += len(new)
        self.report.updated += len(changed)
        self.report.unchanged += len(candidates) - len(changed)
        if write:
            self._write(new, changed)

    def _sort(
        self, rows: Iterable[tuple[PersonRow, str]], stored: dict[str, dict[str, Any]]
    ) -> tuple[list[tuple[PersonRow, str]], list[Candidate]]:
        """New rows, and rows whose stored person differs; counts the unchanged and refuses
        people registered outside the importer's villages."""
        new: list[tuple[PersonRow, str]] = []
        candidates: list[Candidate] = []
        for row, digest in rows:
            person = stored.get(digest)
            if person is None:
                new.append((row, digest))
            elif person["village_id"] not in self.villages.scope:
                self.report.add([Problem(row.row, self.id_column, OUT_OF_SCOPE)])
            elif any(person[key] != value for key, value in row.fields.items()):
                candidates.append((row, digest, person))
            else:
                self.report.unchanged += 1
        return new, candidates

    def _change(self, candidate: Candidate) -> Change | None:
        row, _, person = candidate
        after = person | row.fields
        extra = birth_day_change(person["birth_date"], after["birth_date"])
        text = changes.updated(self._snapshot(person), self._snapshot(after), extra)
        return (person, after, text) if text else None

    def _snapshot(self, values: dict[str, Any]) -> dict[str, Any]:
        """`people.services.snapshot` of a stored or new person."""
        snapshot = {key: values[key] for key in changes.KEYS if key != "village"}
        snapshot["village"] = self.villages.labels[values["village_id"]]
        snapshot["birth_date"] = audit_birth(values["birth_date"])
        return snapshot

    def _write(self, new: list[tuple[PersonRow, str]], changed: list[Change]) -> None:
        now = str(connection.ops.adapt_datetimefield_value(timezone.now()))
        if new:
            sealed = crypto.encrypt_many([row.id_number.number for row, _ in new])
            ids = tables.take_ids(len(new))
            # The rows are built while they are sent; building each notes its batch item.
            items: list[tuple[int, str]] = []
            tables.insert(map(self._new_row, ids, new, sealed, repeat(now), repeat(items)))
            self.items.add(items)
            self.report.items, self.report.items_digest = self.items.count, self.items.digest
        if changed:
            tables.update([self._changed_row(after, now) for _, after, _ in changed])
            entries: list[Serialised] = [
                ("people.person.updated", TARGET, str(person["id"]), after["name"],
                 after["village_id"], text)
                for person, after, text in changed
            ]  # fmt: skip
            append_serialised(self.actor, entries)

    def _new_row(
        self,
        pk: int,
        new: tuple[PersonRow, str],
        sealed: str,
        now: Any,
        items: list[tuple[int, str]],
    ) -> tuple[Any, ...]:
        row, digest = new
        values = row.fields if len(row.fields) == len(FULL_ROW) else DEFAULTS | row.fields
        stored = as_stored(values)
        number = row.id_number.number
        masked = f"{number[:6]}********{number[-4:]}"
        items.append((pk, digests.item(pk, stored, digest, masked, self.key)))
        return (pk, *stored, sealed, digest, masked, *search_keys(values["name"]), 1, now, now)

    def _changed_row(self, after: dict[str, Any], now: Any) -> tuple[Any, ...]:
        return (
            *as_stored(after), *search_keys(after["name"]), after["version"] + 1, now, after["id"]
        )  # fmt: skip
