"""`houbei serve`: the production server (gunicorn; static files served by the app, WhiteNoise).

It refuses to start with the development SECRET_KEY or when `check --deploy` finds anything,
warnings included. HOUBEI_BIND, HOUBEI_WORKERS and HOUBEI_THREADS set the address, the worker
processes and the threads of each (1: synchronous workers; more: gunicorn's threaded workers).
What suits a two-core and an eight-core machine is in docs/performance.md §4.5.
"""

from __future__ import annotations

import multiprocessing
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

# gunicorn's access log without query strings or referrers (a name search or a typed ID
# number travels in a query string): the path, never `%(r)s`, `%(q)s` or `%(f)s`
# (docs/security.md item 23).
ACCESS_LOG_FORMAT = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)s "%(a)s"'


def default_workers() -> int:
    return int(settings.SERVE_WORKERS) or multiprocessing.cpu_count() * 2 + 1


class Command(BaseCommand):
    help = "以生产方式运行 houbei：先做部署检查，再用 gunicorn 提供服务。"
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=None, help="监听地址，默认取 HOUBEI_BIND")
        parser.add_argument(
            "--workers", type=int, default=None, help="进程数，默认取 HOUBEI_WORKERS"
        )
        parser.add_argument(
            "--threads", type=int, default=None, help="每个进程的线程数，默认取 HOUBEI_THREADS"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY:
            raise CommandError("拒绝启动：SECRET_KEY 仍是开发密钥，请设置环境变量 SECRET_KEY。")
        call_command("check", deploy=True, fail_level="WARNING")
        call_command("collectstatic", interactive=False, verbosity=0)
        connections.close_all()
        bind = options["bind"] or settings.SERVE_BIND
        workers = options["workers"] or default_workers()
        threads = max(1, options["threads"] or int(settings.SERVE_THREADS))
        self.stdout.write(
            f"houbei 正在 {bind} 提供服务（{workers} 个进程，每个 {threads} 个线程）", ending="\n"
        )
        self.stdout.flush()
        run_gunicorn(bind=bind, workers=workers, threads=threads)


def run_gunicorn(*, bind: str, workers: int, threads: int = 1) -> None:
    from gunicorn.app.base import BaseApplication  # type: ignore[import-untyped]

    from houbei.wsgi import application

    options = {
        "bind": bind,
        "workers": workers,
        # Threads: gunicorn's threaded workers (gthread); one: its synchronous ones.
        "worker_class": "gthread" if threads > 1 else "sync",
        "threads": threads,
        "accesslog": "-",
        "access_log_format": ACCESS_LOG_FORMAT,
        # Forwarded headers (X-Forwarded-Proto ...) only from proxies the settings declare.
        "forwarded_allow_ips": "*" if settings.TRUSTED_PROXY_COUNT else "",
        "errorlog": "-",
        "timeout": 60,
        "graceful_timeout": 30,
        "proc_name": "houbei",
    }

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return application

    _drop_server_header()
    Server().run()


def _drop_server_header() -> None:
    """gunicorn names itself and its version in a `Server` header of every response; houbei
    sends none (docs/security.md item 2)."""
    from gunicorn.http import wsgi  # type: ignore[import-untyped]

    original = wsgi.Response.default_headers
    if getattr(original, "houbei", False):
        return

    def default_headers(self: Any) -> list[str]:
        return [line for line in original(self) if not line.startswith("Server:")]

    default_headers.houbei = True  # type: ignore[attr-defined]
    wsgi.Response.default_headers = default_headers
