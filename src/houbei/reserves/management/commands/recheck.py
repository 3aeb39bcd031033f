"""`houbei recheck`: 回头看 — every sitting cadre against the round's negative list."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from houbei.people.models import Post
from houbei.reserves.management.commands._scope import region_by_code, under
from houbei.reserves.services import recheck
from houbei.rounds.models import ElectionRound
from houbei.rounds.services import current_rules, round_for


class Command(BaseCommand):
    help = "回头看：按当前换届的负面清单比对在任两委干部，列出全部触及情形"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--region", help="县、乡镇、管理区或村的12位区划代码（默认全部）")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args: Any, **options: Any) -> None:
        region = region_by_code(options["region"])
        election_round = round_for(region) if region else None
        election_round = election_round or ElectionRound.objects.filter(is_current=True).first()
        if election_round is None:
            raise CommandError("没有当前换届，无法比对")
        posts = Post.objects.filter(under(region, "village"))
        rows = recheck(posts, rule_set=current_rules(election_round), actor=None, region=region)
        found: list[dict[str, Any]] = [
            {
                "village": row.post.village.name,
                "role": row.post.get_role_display(),
                "name": row.post.person.name,
                "hits": [
                    {"code": h.item.code, "class": h.item.klass, "text": h.label} for h in row.hits
                ],
            }
            for row in rows
        ]
        if options["json"]:
            self.stdout.write(json.dumps(found, ensure_ascii=False, indent=2))
            return
        for item in found:
            codes = "、".join(f"{h['class']}·{h['code']}" for h in item["hits"])
            self.stdout.write(f"{item['village']} {item['role']} {item['name']}：{codes}")
        self.stdout.write(f"共 {len(found)} 名在任干部触及负面清单（{election_round}）")
