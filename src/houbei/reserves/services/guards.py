"""The guards of every move, readable before clicking: each returns the reasons it is refused.

The page shows them with the button disabled; the service checks the same list again inside its
transaction and refuses with it (GuardError).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from houbei.lib import codes
from houbei.people.models import Person
from houbei.regions.models import Level, Region
from houbei.reserves.models import (
    POOL_STAGES,
    Candidate,
    JointReview,
    PersonFact,
    ReviewOutcome,
    Stage,
    TargetPost,
)
from houbei.reserves.rules import disqualifier_items, reserve_rules
from houbei.reserves.services.common import rules_for
from houbei.reserves.services.disqualifiers import Hit, candidate_hits, find_hits
from houbei.rounds.models import ElectionRound, RuleSet
from houbei.rounds.services import current_rules

MOVES = ("interview", "screen", "vote", "send", "pool", "standing", "remove")
_NEEDS = {
    "interview": [Stage.NOMINATED, Stage.SCREENED],
    "screen": [Stage.NOMINATED],
    "vote": [Stage.SCREENED],
    "send": [Stage.RECOMMENDED],
    "pool": [Stage.REVIEWED],
    "standing": [Stage(s) for s in POOL_STAGES],
}


@dataclass
class CandidateState:
    """What the guards read, fetched once per page."""

    candidate: Candidate
    rule_set: RuleSet
    hits: list[Hit]
    interviews: int
    passed_vote: bool
    reviews: list[JointReview] = field(default_factory=list)


def load_state(candidate: Candidate) -> CandidateState:
    rule_set = rules_for(candidate)
    return CandidateState(
        candidate=candidate,
        rule_set=rule_set,
        hits=candidate_hits(candidate, rule_set),
        interviews=candidate.interviews.valid().count(),
        passed_vote=candidate.votes.valid().filter(passed=True).exists(),
        reviews=list(
            candidate.reviews.select_related("reviewer", "answer__entered_by").order_by(
                "department"
            )
        ),
    )


def _stage_blocker(candidate: Candidate, move: str) -> list[str]:
    allowed = _NEEDS.get(move)
    if allowed is None or candidate.stage in allowed:
        return []
    names = "、".join(Stage(s).label for s in allowed)
    return [f"当前阶段为“{candidate.get_stage_display()}”，此操作只适用于{names}阶段"]


def review_blockers(reviews: list[JointReview]) -> list[str]:
    if not reviews:
        return ["尚未送资格联审"]
    pending = [r.department_name for r in reviews if r.outcome == ReviewOutcome.PENDING]
    failed = [r for r in reviews if r.outcome == ReviewOutcome.NOT_PASSED]
    found = [f"联审未通过：{r.department_name}（{r.note or '未说明'}）" for r in failed]
    if pending:
        found.append(f"未经联审不得入库：{'、'.join(pending)}尚未给出意见")
    return found


def blockers_for(state: CandidateState, move: str) -> list[str]:
    candidate = state.candidate
    if move == "remove":
        return ["已调整出列"] if candidate.stage == Stage.REMOVED else []
    found = _stage_blocker(candidate, move)
    if found or move == "standing":
        return found
    if move == "screen" and state.interviews == 0:
        found.append("尚未记录走访座谈情况")
    if move == "send" and not state.passed_vote:
        found.append("尚无通过的民主推荐记录")
    if move == "pool":
        found += review_blockers(state.reviews)
    if move == "interview":  # a record, not a step forward
        return found
    return found + [hit.blocker for hit in state.hits if hit.blocks]


def applies(candidate: Candidate, move: str) -> bool:
    """Whether the move belongs to the candidate's stage (the page offers only those)."""
    if move == "remove":
        return candidate.stage != Stage.REMOVED
    return candidate.stage in _NEEDS[move]


def all_blockers(candidate: Candidate) -> dict[str, list[str]]:
    state = load_state(candidate)
    return {move: blockers_for(state, move) for move in MOVES}


def move_blockers(candidate: Candidate, move: str) -> list[str]:
    return blockers_for(load_state(candidate), move)


def _age_and_education(
    person: Person, election_round: ElectionRound, post: str, rule_set: RuleSet
) -> list[str]:
    wanted = reserve_rules(rule_set).criteria
    label = TargetPost(post).label
    age = person.age_on(election_round.cutoff_date)
    when = f"截至 {election_round.cutoff_date:%Y-%m-%d} 为 {age} 周岁"
    found = []
    if age < wanted["min_age"]:
        found.append(f"年龄不符：{when}，低于最低年龄 {wanted['min_age']} 周岁")
    if age > wanted["age_caps"][post]:
        found.append(f"年龄不符：{when}，超过{label}后备年龄上限 {wanted['age_caps'][post]} 周岁")
    minimum = wanted["education_min"][post]
    if int(person.education) > int(minimum):
        found.append(
            f"学历不符：{codes.EDUCATION.short_label(person.education)}，"
            f"{label}后备须{codes.EDUCATION.short_label(minimum)}及以上"
        )
    return found


def nominate_blockers(
    *, person: Person, village: Region, election_round: ElectionRound, target_post: str
) -> list[str]:
    """Why this person cannot be nominated for this post of this village in this round."""
    rule_set = current_rules(election_round)
    found = _age_and_education(person, election_round, target_post, rule_set)
    if village.level != Level.VILLAGE or village.valid_to is not None:
        found.append("只能为现有行政村提名后备人选")
    active = Candidate.objects.active().filter(person=person, election_round=election_round)
    current = active.select_related("village").first()
    if current is not None:
        found.append(
            f"该人员已是本届后备人选（{current.village} {current.get_target_post_display()}）"
        )
    facts = PersonFact.objects.filter(person=person, withdrawn=False)
    hits = find_hits(facts, disqualifier_items(rule_set))
    return found + [Hit(h.item, h.fact).blocker for h in hits if h.item.must_not]
