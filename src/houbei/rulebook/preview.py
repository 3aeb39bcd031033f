"""What a proposed section would change, computed before it is saved: the colours of the
round's latest assessment under proposed risk rules, and the sitting cadres and candidates over
proposed age caps. Each preview is a few sentences in Chinese; one or two queries each."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any

from houbei.lib.dates import age_on
from houbei.people.models import Post
from houbei.people.models import Role as PostRole
from houbei.regions.models import Region
from houbei.reserves.choices import Stage, TargetPost
from houbei.reserves.models import Candidate
from houbei.reserves.rules import reserve_rules
from houbei.risk.engine.measures import KEYS
from houbei.risk.engine.scoring import Rules
from houbei.risk.models import Assessment
from houbei.risk.rules import COLOUR_NAMES
from houbei.rounds.models import ElectionRound
from houbei.rounds.rules import core_rules

CAP_POSTS = {"secretary": "村党组织书记", "chair": "村委会主任", "member": "其他两委成员"}
CLOSED = (Stage.REMOVED, Stage.APPOINTED)


def _counts(counter: Counter[str], names: Mapping[str, str], unit: str) -> str:
    return "、".join(f"{name} {counter.get(key, 0)} {unit}" for key, name in names.items())


def risk_colours(election_round: ElectionRound, proposed: Mapping[str, Any]) -> list[str]:
    """The colours of the round's latest assessment, re-judged under the proposed rules from
    the measures each snapshot kept (the rules that read age caps see last run's margins)."""
    rows = list(
        Assessment.objects.filter(election_round=election_round, is_latest=True).values_list(
            "inputs", "computed_colour"
        )
    )
    if not rows:
        return ["本届尚无研判结果，保存后下次研判按新规则计算颜色。"]
    rules = Rules(proposed["risk"])
    judged = [(rules.judge_raw([inputs.get(key) for key in KEYS])[1], was) for inputs, was in rows]
    after = Counter(colour for colour, _ in judged)
    before = Counter(was for _, was in judged)
    moved = sum(1 for colour, was in judged if colour != was)
    names = {colour: f"{name}色" for colour, name in COLOUR_NAMES.items()}
    return [
        f"按这些规则，最近一次研判的 {len(rows)} 个村：{_counts(after, names, '个')}。",
        f"现行规则下：{_counts(before, names, '个')}；颜色会变化的村 {moved} 个。",
    ]


def _cap_post(roles: set[str]) -> str:
    if PostRole.SECRETARY in roles:
        return "secretary"
    return "chair" if PostRole.CHAIR in roles else "member"


def sitting_over_caps(election_round: ElectionRound, proposed: Mapping[str, Any]) -> list[str]:
    """Sitting cadres of the round's villages older than the cap of their highest post on the
    round's cut-off date, under the proposed caps and the current ones."""
    villages = Region.objects.villages().under(election_round.region).values("pk")
    posts = Post.objects.sitting().filter(village__in=villages)
    people: dict[int, tuple[Any, set[str]]] = {}
    for person_id, role, birth in posts.values_list("person_id", "role", "person__birth_date"):
        people.setdefault(person_id, (birth, set()))[1].add(role)
    ages = [
        (age_on(birth, election_round.cutoff_date), _cap_post(roles))
        for birth, roles in people.values()
    ]
    return _over(ages, core_rules(proposed).age_caps, "现任干部到截止日超过年龄上限")


def _over(ages: list[tuple[int, str]], caps: Mapping[str, int], what: str) -> list[str]:
    over = Counter(post for age, post in ages if age > int(caps.get(post, 200)))
    total = f"共 {sum(over.values())} 人，在任 {len(ages)} 人"
    return [f"按这些上限，{what}：{_counts(over, CAP_POSTS, '人')}（{total}）。"]


def candidates_over_caps(election_round: ElectionRound, proposed: Mapping[str, Any]) -> list[str]:
    """Open candidacies of the round older than the proposed reserve cap of their direction."""
    rows = Candidate.objects.filter(election_round=election_round).exclude(stage__in=CLOSED)
    caps = reserve_rules(proposed).criteria["age_caps"]
    found = Counter(
        post
        for post, birth in rows.values_list("target_post", "person__birth_date")
        if age_on(birth, election_round.cutoff_date) > int(caps.get(post, 200))
    )
    names = {str(p): f"{p.label}后备" for p in TargetPost}
    return [f"按这些上限，在培养的后备力量中超龄的：{_counts(found, names, '人')}。"]


PREVIEWS: dict[str, Callable[[ElectionRound, Mapping[str, Any]], list[str]]] = {
    "risk": risk_colours,
    "age_caps": sitting_over_caps,
    "criteria": candidates_over_caps,
}


def preview(election_round: ElectionRound, name: str, proposed: Mapping[str, Any]) -> list[str]:
    """Sentences on what the proposed rules (the whole set, one section changed) would do; empty
    where nothing can be computed for the section."""
    found = PREVIEWS.get(name)
    return found(election_round, proposed) if found else []
