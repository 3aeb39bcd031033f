"""转 (transfer to another post) in 进退留转: a capable sitting cadre over the age cap of the
post held, but within the cap of another post, is suggested for that post rather than leaving.
The rule is data (the `transfer` section, docs/domain.md §6.14); the officer decides."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from houbei.risk import defaults
from houbei.rounds.sections import Field, Section, need_dict, need_source, parsed, source_field

POSTS = {"secretary": "村党组织书记", "chair": "村委会主任", "member": "其他两委成员"}


def validate_transfer(value: Any) -> list[str]:
    errors = need_dict(value, ("enabled", "min_rating", "to_posts", "source"))
    if errors:
        return errors
    if not isinstance(value["enabled"], bool):
        errors.append("是否建议转任：应为是或否")
    rating = value["min_rating"]
    if isinstance(rating, bool) or not isinstance(rating, int | float) or not 1 <= rating <= 5:
        errors.append("最低评价：应在 1 到 5 分之间")
    posts = value["to_posts"]
    if not isinstance(posts, list) or not posts or any(p not in POSTS for p in posts):
        errors.append(
            "可转任的职务：请至少选择一项，且只能是村党组织书记、村委会主任或其他两委成员"
        )
    return errors + need_source(value)


def _describe(rules: Mapping[str, Any]) -> list[Field]:
    return [
        Field(
            "enabled",
            "是否建议转任",
            "flag",
            choices=((True, "建议转任"), (False, "不建议转任")),
            help="超过本职务年龄上限的在任干部，是否考虑转任其他职务",
        ),
        Field(
            "min_rating",
            "最低评价",
            "number",
            unit="分",
            low=1,
            high=5,
            help="摸排的履职和作风评价平均分不低于此分（5 优秀、4 良好、3 一般）",
        ),
        Field(
            "to_posts",
            "可转任的职务",
            "choices",
            choices=tuple(POSTS.items()),
            help="按顺序取第一个未超过年龄上限的职务",
        ),
        source_field(),
    ]


SECTION = Section(
    "transfer",
    "转任建议（进退留转中的“转”）",
    defaults.TRANSFER,
    validate_transfer,
    describe=_describe,
)


@dataclass(frozen=True)
class TransferRule:
    enabled: bool
    min_rating: float
    to_posts: tuple[str, ...]

    def suggest(
        self,
        *,
        age: int,
        post: str,
        caps: Mapping[str, int],
        rating: float | None,
        negative: bool,
        intention: str | None,
    ) -> str | None:
        """The reason, in Chinese, to suggest 转 for a cadre of `age` holding `post`; None when
        the rule does not apply (within the cap, not capable enough, negative, retiring)."""
        cap = caps.get(post)
        if not self.enabled or cap is None or age <= cap:
            return None
        if rating is None or rating < self.min_rating or negative or intention == "retire":
            return None
        for other in self.to_posts:
            other_cap = caps.get(other)
            if other != post and other_cap is not None and age <= other_cap:
                return (
                    f"到截止日{age}岁，超过{POSTS[post]}年龄上限（{cap}岁），"
                    f"未超过{POSTS[other]}年龄上限（{other_cap}岁）；"
                    f"履职和作风评价{rating:g}分，无负面情形：建议转任{POSTS[other]}，由党委研究决定"
                )
        return None


def _parse(rules: Mapping[str, Any]) -> TransferRule:
    value = SECTION.value_in(rules)
    return TransferRule(
        bool(value["enabled"]), float(value["min_rating"]), tuple(value["to_posts"])
    )


def transfer_rule(rules: Any) -> TransferRule:
    """The `transfer` section of a rule set (parsed once per RuleSet)."""
    source = rules.rules if hasattr(rules, "rules") else rules
    return parsed(rules, "transfer", lambda _: _parse(source))
