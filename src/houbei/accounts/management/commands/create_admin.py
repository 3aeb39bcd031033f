"""`houbei create_admin --role sysadmin|security_admin|auditor USERNAME`: the administrators
(三员) are set up from the command line, each with a one-time password to change at first
login. `--reset` gives an existing administrator a new one-time password and clears a lockout."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from houbei.accounts.capabilities import ADMINISTRATOR_ROLES, Role
from houbei.accounts.models import User
from houbei.accounts.services import generate_password
from houbei.accounts.sessions import end_sessions
from houbei.audit import record
from houbei.regions.models import Region


class Command(BaseCommand):
    help = "创建管理员账号（系统管理员、安全管理员、审计员），或用 --reset 重置其密码。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", choices=sorted(str(r) for r in ADMINISTRATOR_ROLES))
        parser.add_argument("--full-name", default="")
        parser.add_argument("--region", default="", help="所属区划的12位代码（审计员必填）")
        parser.add_argument("--reset", action="store_true", help="为已有管理员生成新的一次性密码")

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        username: str = options["username"]
        if options["reset"]:
            user, password = self.reset(username)
        else:
            user, password = self.create(username, options)
        self.stdout.write(
            f"账号 {user.username}（{user.get_role_display()}）的一次性密码：{password}"
        )
        self.stdout.write("首次登录后须立即修改密码。")

    def create(self, username: str, options: dict[str, Any]) -> tuple[User, str]:
        if not options["role"]:
            raise CommandError("请用 --role 指定管理员角色。")
        if User.objects.filter(username__iexact=username).exists():
            raise CommandError(f"用户名 {username} 已存在；如需重置密码请加 --reset。")
        region = self.region(options["region"], options["role"])
        user = User(
            username=username,
            role=options["role"],
            full_name=options["full_name"],
            region=region,
            must_change_password=True,
        )
        password = generate_password(user)
        user.set_password(password)
        user.save()
        record(None, "accounts.admin.created", user, {"role": user.role, "username": username})
        return user, password

    def reset(self, username: str) -> tuple[User, str]:
        from axes.utils import reset

        user = User.objects.filter(username=username, role__in=ADMINISTRATOR_ROLES).first()
        if user is None:
            raise CommandError(f"没有名为 {username} 的管理员账号。")
        password = generate_password(user)
        user.set_password(password)
        user.must_change_password = True
        user.is_active = True
        user.totp_key_encrypted, user.totp_last_step = "", None
        user.save()
        end_sessions(user)
        reset(username=username)
        record(None, "accounts.admin.password_reset", user, {"username": username})
        return user, password

    def region(self, code: str, role: str) -> Region | None:
        if not code:
            if role == Role.AUDITOR:
                raise CommandError("审计员须用 --region 指定所属县或乡镇的区划代码。")
            return None
        region = Region.objects.filter(code=code).first()
        if region is None:
            raise CommandError(f"找不到区划代码 {code}。")
        return region
