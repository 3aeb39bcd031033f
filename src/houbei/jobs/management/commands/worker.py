"""`houbei worker`: fails the jobs of a worker that died, then runs queued jobs until stopped
(django-tasks-db's `db_worker`; its options pass through, e.g. `houbei worker --batch`)."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from houbei.jobs.services import reap


class Command(BaseCommand):
    help = "运行后台任务进程（先将已中止进程遗留的任务标记为失败）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", action="store_true", help="处理完排队的任务后退出")
        parser.add_argument("--interval", type=float, default=1.0, help="无任务时的轮询间隔（秒）")

    def handle(self, *args: Any, batch: bool, interval: float, **options: Any) -> None:
        for job in reap():
            self.stdout.write(f"任务 #{job.pk} 已标记为失败：{job.message}")
        call_command(
            "db_worker",
            batch=batch,
            interval=interval,
            reload=False,
            startup_delay=False,
            verbosity=options["verbosity"],
        )
