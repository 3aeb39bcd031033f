"""A backup leaves the masked ID numbers out (beside the birth dates they would give the numbers
away, docs/security.md §2) and the restore derives them again."""

from __future__ import annotations

import json
from pathlib import Path

from houbei.people.models import Person
from tests.ops.sealing import archive
from tests.ops.test_backup_restore import _backup, _child, _houbei, empty_database, filled

__all__ = ["empty_database", "filled"]  # fixtures

MASKS = (
    "import django, json; django.setup(); from houbei.people.models import Person; "
    "print(json.dumps(sorted(Person.objects.values_list('id_number_masked', flat=True))))"
)


def test_the_backup_has_no_masks_and_the_restore_derives_them(
    filled: list[str], tmp_path: Path, empty_database: str
) -> None:
    _backup(tmp_path / "backup.zip")
    with archive(tmp_path / "backup.zip") as zf:
        people = zf.read("tables/people.person.jsonl").decode()
    masks = sorted(Person.objects.values_list("id_number_masked", flat=True))
    assert len(masks) == 4 and not any(mask in people for mask in masks)

    restored = _houbei("restore", str(tmp_path / "backup.zip"), database_url=empty_database)
    assert restored.returncode == 0, restored.stderr
    after = _child("-c", MASKS, database_url=empty_database)
    assert json.loads(after.stdout) == masks
