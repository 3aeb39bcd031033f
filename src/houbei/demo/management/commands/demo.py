"""`houbei demo [--if-empty]`: load the demo town into an empty database."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from houbei.demo import DemoContext, build_demo, database_is_empty
from houbei.demo.foundation import ACCOUNTS, PASSWORD
from houbei.people.models import Person

URL = "http://127.0.0.1:8000"
REFUSED = (
    "数据库中已有人员或账号，演示数据只能载入空数据库，未做任何修改。"
    "如需重新载入，请删除数据库文件（默认 var/houbei.sqlite3）后重试。"
)
SKIPPED = "数据库中已有数据，跳过演示数据（如需演示数据，请使用空数据库）。"
SEES = {
    "county": "全县各乡镇",
    "leader": "吴村镇（审批、决定）",
    "town": "吴村镇（录入、维护）",
    "liaison": "包联的4个村",
    "reviewer": "公安联审队列",
    "auditor": "审计日志",
    "sysadmin": "账号管理，不看个人信息",
}


class Command(BaseCommand):
    help = "载入演示数据：辉县市吴村镇的42个村、约200名在任村干部和每个角色一个演示账号。"

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="数据库非空时不报错，只提示一行并退出（make run 使用）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not database_is_empty():
            if options["if_empty"]:
                self.stdout.write(SKIPPED)
                return
            raise CommandError(REFUSED, returncode=1)
        context = build_demo()
        self.stdout.write(self.summary(context))

    def summary(self, context: DemoContext) -> str:
        cadres = Person.objects.filter(posts__village__town=context.town).distinct().count()
        lines = [
            f"演示数据已载入：{context.county.name}{context.town.name}，"
            f"{len(context.districts)} 个管理区，{len(context.villages)} 个村，"
            f"{cadres} 名在任村干部，{len(context.users)} 个演示账号。",
            f"打开 {URL} ，用下列账号登录（密码均为 {PASSWORD}）：",
        ]
        for username, role, _, full_name, _ in ACCOUNTS:
            lines.append(f"  {username:<9} {role.label}（{full_name}）：{SEES[username]}")
        return "\n".join(lines)
