"""What an import found and did, told in Chinese."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from houbei.people.importer.rows import Problem

if TYPE_CHECKING:
    from houbei.people.importer.reader import Sheet

MAX_LISTED = 2000
MAX_SKIPPED_LISTED = 200


@dataclass
class Report:
    filename: str = ""
    valid_only: bool = False
    rows: int = 0
    bad_rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    unlisted: int = 0
    file_problem: str = ""
    written: bool = False
    sheet: str = ""  # the sheet read
    header_row: int = 0
    ignored_columns: list[str] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (row, why), the first ones
    skipped_rows: int = 0
    sheet_choices: list[str] = field(default_factory=list)  # when the user must choose
    sheet_names: list[str] = field(default_factory=list)  # the workbook's visible sheets
    sha256: str = ""  # the file's
    items: int = 0  # people created, each a batch item of the import's audit entry
    items_digest: str = ""  # their digest (houbei.audit.services.BatchItems)

    def read_from(self, sheet: Sheet) -> None:
        self.sheet, self.header_row = sheet.name, sheet.header_row
        self.ignored_columns = sheet.ignored
        self.sheet_names = sheet.sheet_names
        self.sha256 = sheet.sha256

    def skip(self, row: int, reason: str) -> None:
        """A row that is not a person (houbei.people.importer.skips)."""
        self.skipped_rows += 1
        if len(self.skipped) < MAX_SKIPPED_LISTED:
            self.skipped.append((row, reason))

    def add(self, problems: list[Problem]) -> None:
        """The problems of one bad row."""
        self.bad_rows += 1
        for problem in problems:
            if len(self.problems) < MAX_LISTED:
                self.problems.append(problem)
            else:
                self.unlisted += 1

    @property
    def ok(self) -> bool:
        return not self.file_problem and self.bad_rows == 0

    @property
    def valid_rows(self) -> int:
        return self.rows - self.bad_rows

    @property
    def bad_row_numbers(self) -> list[int]:
        return sorted({problem.row for problem in self.problems})

    def sorted_problems(self) -> list[Problem]:
        return sorted(self.problems, key=lambda p: p.row)

    def counts(self) -> str:
        return f"新增 {self.created} 人，更新 {self.updated} 人，{self.unchanged} 人无变化"

    def where(self) -> str:
        """Which sheet was read, and what was left aside."""
        if not self.sheet:
            return ""
        text = f"读取工作表“{self.sheet}”，第{self.header_row}行为表头"
        if self.skipped_rows:
            text += f"；跳过 {self.skipped_rows} 行不是人员的行"
        if self.ignored_columns:
            text += f"；未识别的列已忽略：{'、'.join(self.ignored_columns)}"
        return text + "。"

    def summary(self) -> str:
        if self.file_problem:
            return f"文件无法导入：{self.file_problem}"
        head = f"共 {self.rows} 行"
        if self.written:
            skipped = f"，跳过有问题的 {self.bad_rows} 行" if self.bad_rows else ""
            return f"{head}，已导入：{self.counts()}{skipped}。"
        if self.ok:
            return f"{head}，全部通过检查；确认后将{self.counts()}。"
        return f"{head}，其中 {self.bad_rows} 行有问题，{self.valid_rows} 行无误；未写入任何数据。"

    def lines(self) -> list[str]:
        lines = [self.summary()]
        lines += [str(problem) for problem in self.sorted_problems()]
        if self.unlisted:
            lines.append(f"另有 {self.unlisted} 处问题未列出，请先修正以上各行后重新检查。")
        if self.sheet:
            lines.append(self.where())
        lines += [f"第{row}行：{reason}" for row, reason in self.skipped]
        return lines

    def audit_changes(self) -> dict[str, object]:
        """The import's one audit entry; when written, it names the people created through
        its batch items and holds their digest (docs/decisions/0027-import-audit-per-batch.md)."""
        batch = (
            {"batch_items": self.items, "batch_digest": self.items_digest} if self.written else {}
        )
        return batch | {
            "file": self.filename,
            "sha256": self.sha256,
            "sheet": self.sheet,
            "rows": self.rows,
            "skipped_not_people": self.skipped_rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.bad_rows,
            "valid_only": self.valid_only,
        }
