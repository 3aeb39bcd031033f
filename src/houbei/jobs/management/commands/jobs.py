"""`houbei jobs --reap [--stale-after SECONDS]`: fails the running jobs whose worker died."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from houbei.jobs.services import reap


class Command(BaseCommand):
    help = "后台任务维护：将无心跳的运行中任务标记为失败"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--reap", action="store_true", help="将已中止进程的任务标记为失败")
        parser.add_argument(
            "--stale-after", type=float, default=None, help="多少秒无心跳算作中止（默认按配置）"
        )

    def handle(self, *args: Any, reap_stale: bool = False, **options: Any) -> None:
        if not options["reap"]:
            self.stdout.write("未指定操作；用 --reap 标记已中止的任务。")
            return
        failed = reap(options["stale_after"])
        for job in failed:
            self.stdout.write(f"任务 #{job.pk} 已标记为失败：{job.message}")
        self.stdout.write(f"共标记 {len(failed)} 个任务为失败。")
