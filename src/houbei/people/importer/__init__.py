"""Importing people from the spreadsheets towns already keep (issue 2 item 9).

    report = check_people(file, scope=Scope.of_user(user))             # writes nothing
    report = import_people(file, scope=..., actor=user, valid_only=False)

Every row is checked fully; nothing is written unless every row is valid, or the caller asked
for the valid rows only; re-importing updates by ID number and never duplicates. Rows are written
a batch at a time with COPY (PostgreSQL) or executemany (SQLite), each person with its own audit
entry: docs/decisions/0009-import-writes.md.
"""

from houbei.people.importer.reader import FileProblem
from houbei.people.importer.report import Report
from houbei.people.importer.rows import Problem
from houbei.people.importer.run import Scope, check_people, import_people
from houbei.people.importer.template import build_template

__all__ = [
    "FileProblem",
    "Problem",
    "Report",
    "Scope",
    "build_template",
    "check_people",
    "import_people",
]
