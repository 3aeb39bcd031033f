"""`houbei assess [--region CODE] [--show-source]`: the weekly assessment of every village (in a
region), or the generated source of the current round's rules without assessing."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from houbei.regions.models import Region
from houbei.risk.models import COLOURS, Colour, RunSource
from houbei.risk.services import run_assessment
from houbei.rounds.models import ElectionRound
from houbei.rounds.services import round_for


class Command(BaseCommand):
    help = "运行选情研判：按本届规则计算每个村的颜色并保存快照（可用 --region 限定区划代码）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--region", help="12位统计用区划代码（县、乡镇或村）；不填为全部")
        parser.add_argument(
            "--show-source",
            action="store_true",
            help="不研判，只显示本届规则生成的 Python 代码和 SQL 语句",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        region = None
        if options["region"]:
            region = Region.objects.filter(code=options["region"]).first()
            if region is None:
                raise CommandError(f"区划代码“{options['region']}”不存在")
        if options["show_source"]:
            self._show_source(region)
            return
        run = run_assessment(region=region, actor=None, source=RunSource.COMMAND)
        if not run.villages:
            raise CommandError("没有可研判的村：请确认区划下有村，且所在县已设立本届换届。")
        counts = "，".join(f"{Colour(c).label} {run.counts.get(c, 0)}" for c in COLOURS)
        self.stdout.write(f"研判完成：{run.villages} 个村（{counts}），用时 {run.seconds:.2f} 秒。")

    def _show_source(self, region: Region | None) -> None:
        from houbei.risk.engine.source import show

        if region is None:
            rounds = list(
                ElectionRound.objects.filter(is_current=True)
                .select_related("region")
                .order_by("region__code", "year")
            )
        else:
            found = round_for(region)
            rounds = [found] if found else []
        if not rounds:
            raise CommandError("没有本届换届：请先为县（或上级）设立本届换届。")
        for election_round in rounds:
            self.stdout.write(show(election_round, timezone.localdate()))
