"""`houbei import people FILE.xlsx [--valid-only] [--town CODE] [--check]`"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from houbei.people.importer import Report, Scope, check_people, import_people
from houbei.regions.models import Level, Region


def _town(code: str | None) -> Region | None:
    if not code:
        return None
    full = code.ljust(12, "0") if len(code) == 9 else code
    town = Region.objects.filter(code=full, level=Level.TOWN).first()
    if town is None:
        raise CommandError(f"没有区划代码为 {code} 的乡镇")
    return town


class Command(BaseCommand):
    help = "从 Excel 表格导入数据。目前支持：people（人员）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=["people"], help="导入什么：people（人员）")
        parser.add_argument("file", help=".xlsx 文件（可用网页上下载的模板）")
        parser.add_argument(
            "--valid-only", action="store_true", help="只导入无误的行，跳过有问题的行"
        )
        parser.add_argument("--town", help="只认该乡镇（9或12位区划代码）的村")
        parser.add_argument("--check", action="store_true", help="只检查，不写入")

    def handle(self, *args: Any, **options: Any) -> None:
        scope = Scope.of_town(_town(options["town"]))
        path, name = options["file"], str(options["file"]).rsplit("/", 1)[-1]
        if options["check"]:
            report = check_people(path, scope=scope, filename=name)
        else:
            report = import_people(
                path, scope=scope, actor=None, valid_only=options["valid_only"], filename=name
            )
        self._print(report)
        if not report.ok and not report.written:
            raise CommandError("未写入任何数据。")

    def _print(self, report: Report) -> None:
        lines = report.lines()
        style = self.style.SUCCESS if report.ok or report.written else self.style.ERROR
        self.stdout.write(style(lines[0]))
        for line in lines[1:]:
            self.stdout.write(line)
