"""`houbei demo [--if-empty]`: load the demo town into an empty database."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from houbei.accounts.models import User
from houbei.audit import record
from houbei.demo import DemoContext, build_demo, database_is_empty
from houbei.demo.foundation import ACCOUNTS, PASSWORD
from houbei.people.models import Person

PRODUCTION_FLAG = "--accept-published-password"
PRODUCTION_REFUSED = (
    "拒绝载入演示数据：当前不是开发模式（DEBUG 未开启），而演示账号的密码是公开的。"
    f"如确需在此载入（例如培训用的独立系统），请加 {PRODUCTION_FLAG}，"
    "所有演示账号将在首次登录时被要求修改密码。切勿载入生产数据库。"
)
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
    "sysadmin": "账号列表与停用，不授权、不看个人信息",
    "secadmin": "授予角色和区划、重置密码、解锁、清除动态口令",
}


class Command(BaseCommand):
    help = "载入演示数据：辉县市吴村镇的42个村、约200名在任村干部和每个角色一个演示账号。"

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="数据库非空时不报错，只提示一行并退出（make run 使用）",
        )
        parser.add_argument(
            "--url",
            default="",
            help="提示用户打开的地址，须与实际提供服务的地址一致（make run 传入 HOST 和 PORT）",
        )
        parser.add_argument(
            PRODUCTION_FLAG,
            action="store_true",
            dest="accept_published_password",
            help="非开发模式下仍载入演示数据：知悉演示账号共用公开密码，所有演示账号首次登录须改密码",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        production = not settings.DEBUG
        if production and not options["accept_published_password"]:
            raise CommandError(PRODUCTION_REFUSED, returncode=1)
        if not database_is_empty():
            if options["if_empty"]:
                self.stdout.write(SKIPPED)
                return
            raise CommandError(REFUSED, returncode=1)
        with transaction.atomic():
            context = build_demo()
            if production:
                force_password_change(context)
        self.stdout.write(self.summary(context, url=options["url"], production=production))

    def summary(self, context: DemoContext, *, url: str, production: bool) -> str:
        cadres = Person.objects.filter(posts__village__town=context.town).distinct().count()
        lines = [
            f"演示数据已载入：{context.county.name}{context.town.name}，"
            f"{len(context.districts)} 个管理区，{len(context.villages)} 个村，"
            f"{cadres} 名在任村干部，{len(context.users)} 个演示账号。",
            (f"打开 {url} ，" if url else "启动服务后，")
            + f"用下列账号登录（密码均为 {PASSWORD}"
            + ("，首次登录须修改密码）：" if production else "）："),
        ]
        for username, role, _, full_name, _ in ACCOUNTS:
            lines.append(f"  {username:<9} {role.label}（{full_name}）：{SEES[username]}")
        return "\n".join(lines)


def force_password_change(context: DemoContext) -> None:
    """Outside development the published demo password works once: each account must change it."""
    for user in context.users.values():
        User.objects.filter(pk=user.pk).update(must_change_password=True)
        changes = {"must_change_password": [False, True], "source": "demo"}
        record(None, "accounts.user.updated", user, changes)
