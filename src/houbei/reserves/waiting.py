"""不宜 hits waiting for a town leader's decision, found in one query.

A candidate of a current round, not yet appointed or removed, whose non-withdrawn fact falls
under a 不宜 item of the round's current rules on `today`, with no decision on that (fact, item):
the leader's workbench counts these and its list shows exactly them (docs/decisions/0018,
0032). Facts' kinds are sealed, so the match against the rules runs here on the rows of one
query (each fact of each candidate, the decisions already taken on the candidate, and the
round's current rules); negative facts are few, the rows with them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery

from houbei.lib.sealed import unseal_value
from houbei.reserves.models import Candidate, PersonFact, Stage, TargetPost
from houbei.reserves.rules import DisqualifierItem, disqualifier_items
from houbei.reserves.services.disqualifiers import counts
from houbei.rounds.models import RuleSet

OVER = (Stage.APPOINTED, Stage.REMOVED)


@dataclass(frozen=True)
class WaitingHit:
    """One 不宜 hit waiting for a decision (the fact's kind is opened, its note is not)."""

    candidate_id: int
    person_name: str
    village_name: str
    target_post: str
    fact_id: int
    occurred_on: dt.date
    item: DisqualifierItem

    @property
    def target_post_label(self) -> str:
        post = self.target_post
        return str(TargetPost(post).label) if post in TargetPost.values else post


def _rows(candidates: QuerySet[Candidate]) -> list[dict[str, Any]]:
    current = RuleSet.objects.filter(election_round=OuterRef("election_round")).order_by("-version")
    return list(
        candidates.filter(election_round__is_current=True, person__facts__withdrawn=False)
        .exclude(stage__in=OVER)
        .annotate(rules=Subquery(current.values("rules")[:1]))
        .values(
            "pk",
            "election_round_id",
            "rules",
            "target_post",
            "person__name",
            "village__name",
            "person__facts__pk",
            "person__facts__kind_sealed",
            "person__facts__occurred_on",
            "person__facts__period_end",
            "decisions__fact_id",
            "decisions__item_code",
        )
        .order_by("village__code", "pk", "person__facts__pk")
    )


def waiting_hits(candidates: QuerySet[Candidate], today: dt.date) -> list[WaitingHit]:
    """The 不宜 hits of `candidates` (already scoped) with no decision (one query)."""
    rows = _rows(candidates)
    decided: dict[int, set[tuple[Any, str]]] = defaultdict(set)
    facts: dict[tuple[int, int], dict[str, Any]] = {}
    for row in rows:
        decided[row["pk"]].add((row["decisions__fact_id"], row["decisions__item_code"]))
        facts.setdefault((row["pk"], row["person__facts__pk"]), row)
    items: dict[int, list[DisqualifierItem]] = {}
    table = PersonFact._meta.db_table
    found = []
    for (candidate_id, fact_id), row in facts.items():
        if row["rules"] is None:
            continue
        round_items = items.setdefault(
            row["election_round_id"],
            [i for i in disqualifier_items(row["rules"]) if not i.must_not],
        )
        fact = PersonFact(
            pk=fact_id,
            kind_sealed=row["person__facts__kind_sealed"],
            occurred_on=row["person__facts__occurred_on"],
            period_end=row["person__facts__period_end"],
        )
        fact.kind = unseal_value(table, "kind", fact_id, row["person__facts__kind_sealed"])
        for item in round_items:
            if (fact_id, item.code) in decided[candidate_id] or not counts(fact, item, today):
                continue
            found.append(
                WaitingHit(
                    candidate_id=candidate_id,
                    person_name=row["person__name"],
                    village_name=row["village__name"],
                    target_post=row["target_post"],
                    fact_id=fact_id,
                    occurred_on=row["person__facts__occurred_on"],
                    item=item,
                )
            )
    return found
