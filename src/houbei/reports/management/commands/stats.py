"""`houbei stats [--json] [--region CODE]`: figures for operators."""

from __future__ import annotations

import importlib
import json
import unicodedata
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from houbei.people.models import Role as PostRole
from houbei.regions.models import Level, Region
from houbei.reports.stats import compute

VACANCY_LABELS = {
    "villages": "村（现有）",
    "no_secretary": "书记空缺的村",
    "no_chair": "主任空缺的村",
    "short_of_committee": "两委不足职数的村",
    "any_vacancy": "有任一空缺的村",
    "dual_role": "书记主任一肩挑的村",
}
# The Chinese labels of the optional figures' keys: (key, module, TextChoices class).
OPTIONAL_LABELS = {
    "candidates_by_stage": ("houbei.reserves.choices", "Stage"),
    "villages_by_colour": ("houbei.risk.models.choices", "Colour"),
}
OPTIONAL_TITLES = {
    "candidates_by_stage": "后备人选（按阶段）",
    "villages_by_colour": "村（按风险颜色）",
}


class Command(BaseCommand):
    help = "统计：各级区划数、人员数、在任职务、空缺，以及后备人选阶段和风险颜色（如已启用）。"

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")
        parser.add_argument(
            "--region", metavar="CODE", help="只统计该区划及其下级（统计用区划代码，可省略末尾的0）"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        region = find_region(options["region"]) if options["region"] else None
        figures = compute(region)
        if options["json"]:
            self.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(as_table(figures))


def find_region(code: str) -> Region:
    text = code.strip()
    if not text.isdigit() or len(text) > 12:
        raise CommandError(f"区划代码“{code}”应为不超过12位的数字", returncode=2)
    region = Region.objects.filter(code=text.ljust(12, "0")).first()
    if region is None:
        raise CommandError(f"未找到区划代码为 {text} 的区划", returncode=2)
    return region


def as_table(figures: dict[str, Any]) -> str:
    scope = figures["region"]
    lines = [f"统计范围：{scope['name']}（{scope['code']}）" if scope else "统计范围：全部数据"]
    labels = dict(Level.choices)
    lines += _section("区划", {labels[k]: v for k, v in figures["regions_by_level"].items()})
    lines += _section("人员", {"人员总数": figures["people"]})
    roles = dict(PostRole.choices)
    lines += _section(
        "在任职务", {roles[k]: v for k, v in figures["sitting_posts_by_role"].items()}
    )
    lines += _section(
        "空缺与一肩挑", {VACANCY_LABELS[k]: v for k, v in figures["vacancies"].items()}
    )
    for key, title in OPTIONAL_TITLES.items():
        if key in figures:
            names = _labels(key)
            lines += _section(title, {names.get(k, k): v for k, v in figures[key].items()})
    return "\n".join(lines)


def _labels(key: str) -> dict[str, str]:
    module, name = OPTIONAL_LABELS[key]
    try:
        choices = getattr(importlib.import_module(module), name).choices
    except (ImportError, AttributeError):
        return {}
    return {str(value): str(label) for value, label in choices}


def _section(title: str, rows: dict[str, int]) -> list[str]:
    width = max((_width(label) for label in rows), default=0)
    return ["", title] + [
        f"  {label}{' ' * (width - _width(label))}  {value:>6}" for label, value in rows.items()
    ]


def _width(text: str) -> int:
    """Columns on a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
