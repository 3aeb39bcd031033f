"""An import holds one batch at a time: its memory does not grow with its rows (docs/performance.md,
goal G1), beyond a few bytes per row to name a repeated ID number."""

from __future__ import annotations

import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from houbei.people.importer import Scope, import_people, run
from houbei.people.models import Person
from tests.people.sheets import person_row, write_sheet

pytestmark = pytest.mark.django_db


def _peak_bytes(path: Path, scope: Scope, actor: Any) -> int:
    tracemalloc.start()
    try:
        report = import_people(str(path), scope=scope, actor=actor)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert report.written
    return peak


def _sheet(path: Path, numbers: range) -> Path:
    rows = [person_row(i) for i in numbers]
    for row in rows:
        row[0] = f"测试{int(row[9][-2:])}"  # a hundred names: the pinyin cache stays warm
    return write_sheet(path, rows)


def test_three_times_the_rows_take_about_the_same_memory(
    personas: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.setattr(run, "BATCH_SIZE", 200)
    scope, actor = Scope.of_user(personas["town"]), personas["town"]
    _peak_bytes(_sheet(tmp_path / "w.xlsx", range(1000, 1400)), scope, actor)  # warms caches

    small = _peak_bytes(_sheet(tmp_path / "s.xlsx", range(10_000, 10_800)), scope, actor)
    large = _peak_bytes(_sheet(tmp_path / "l.xlsx", range(20_000, 22_400)), scope, actor)

    assert Person.objects.count() == 400 + 800 + 2400
    assert large - small < 1600 * 400  # holding the 1,600 extra rows would take ~2.5 KB each
