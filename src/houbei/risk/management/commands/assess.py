"""`houbei assess [--region CODE]`: the weekly assessment of every village (in a region)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from houbei.regions.models import Region
from houbei.risk.models import COLOURS, Colour, RunSource
from houbei.risk.services import run_assessment


class Command(BaseCommand):
    help = "运行选情研判：按本届规则计算每个村的颜色并保存快照（可用 --region 限定区划代码）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--region", help="12位统计用区划代码（县、乡镇或村）；不填为全部")

    def handle(self, *args: Any, **options: Any) -> None:
        region = None
        if options["region"]:
            region = Region.objects.filter(code=options["region"]).first()
            if region is None:
                raise CommandError(f"区划代码“{options['region']}”不存在")
        run = run_assessment(region=region, actor=None, source=RunSource.COMMAND)
        if not run.villages:
            raise CommandError("没有可研判的村：请确认区划下有村，且所在县已设立本届换届。")
        counts = "，".join(f"{Colour(c).label} {run.counts.get(c, 0)}" for c in COLOURS)
        self.stdout.write(f"研判完成：{run.villages} 个村（{counts}），用时 {run.seconds:.2f} 秒。")
