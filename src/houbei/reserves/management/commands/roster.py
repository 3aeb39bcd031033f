"""`houbei roster`: the reserve roster (后备干部花名册) as an Excel file, audited."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from houbei.lib.datadir import private_opener
from houbei.reserves.exports import write_candidates
from houbei.reserves.management.commands._scope import region_by_code, under
from houbei.reserves.models import POOL_STAGES, Candidate


class Command(BaseCommand):
    help = "导出后备干部花名册（Excel，身份号码脱敏）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--region", help="县、乡镇、管理区或村的12位区划代码（默认全部）")
        parser.add_argument("--output", "-o", required=True, help="输出文件，如 花名册.xlsx")
        parser.add_argument("--all", action="store_true", help="包括未入库和已出列的人选")

    def handle(self, *args: Any, **options: Any) -> None:
        region = region_by_code(options["region"])
        candidates = Candidate.objects.filter(
            under(region, "village"), election_round__is_current=True
        )
        if not options["all"]:
            candidates = candidates.filter(stage__in=POOL_STAGES)
        title = f"{region.name if region else ''}村级后备干部花名册"
        filters = {"region": options["region"], "all": options["all"]}
        with open(options["output"], "wb", opener=private_opener) as target:
            write_candidates(
                target, candidates, title=title, filters=filters, actor=None, region=region
            )
        self.stdout.write(f"已导出到 {options['output']}")
