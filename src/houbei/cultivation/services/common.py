"""What the cultivation services share: the rules in force for a plan."""

from __future__ import annotations

from houbei.accounts.models import User
from houbei.accounts.types import Actor
from houbei.cultivation.models import CultivationPlan
from houbei.cultivation.rules import CultivationRules, cultivation_rules
from houbei.reserves.models import Candidate
from houbei.rounds.models import RuleSet
from houbei.rounds.services import current_rules


def plan_rules(plan: CultivationPlan) -> tuple[RuleSet, CultivationRules]:
    """The round's rule set in force now and its cultivation section."""
    rule_set = current_rules(plan.election_round)
    return rule_set, cultivation_rules(rule_set)


def user_of(actor: Actor | None) -> User | None:
    """The acting account to store (None for the system)."""
    return actor if isinstance(actor, User) and actor.pk else None


def fresh_candidate(candidate_id: int | None) -> Candidate | None:
    """The trainee's candidacy as the database holds it now, locked for the move."""
    if candidate_id is None:
        return None
    return Candidate.objects.select_for_update().get(pk=candidate_id)
