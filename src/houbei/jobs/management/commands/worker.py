"""`houbei worker`: fails the jobs of a worker that died, then runs queued jobs until stopped
(django-tasks-db's `db_worker`; `houbei worker --batch` stops when none is left). While it
runs, a thread repeats the reaping every quarter of `JOB_STALE_SECONDS`, so the job of
another worker that died is failed without waiting for a restart."""

from __future__ import annotations

import threading
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection

from houbei.jobs.services import reap


class Command(BaseCommand):
    help = "运行后台任务进程（先将已中止进程遗留的任务标记为失败）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", action="store_true", help="处理完排队的任务后退出")
        parser.add_argument("--interval", type=float, default=1.0, help="无任务时的轮询间隔（秒）")

    def handle(self, *args: Any, batch: bool, interval: float, **options: Any) -> None:
        self._reap()
        stop = threading.Event()
        if not batch:
            threading.Thread(target=self._reap_every, args=(stop,), daemon=True).start()
        try:
            call_command(
                "db_worker",
                batch=batch,
                interval=interval,
                reload=False,
                startup_delay=False,
                verbosity=options["verbosity"],
            )
        finally:
            stop.set()

    def _reap(self) -> None:
        for job in reap():
            self.stdout.write(f"任务 #{job.pk} 已标记为失败：{job.message}")

    def _reap_every(self, stop: threading.Event) -> None:
        period = max(10.0, settings.JOB_STALE_SECONDS / 4)
        while not stop.wait(period):
            try:
                self._reap()
            finally:
                connection.close()  # this thread's own connection
