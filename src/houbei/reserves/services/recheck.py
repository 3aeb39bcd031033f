"""回头看: the candidates' disqualifier check run over every sitting cadre in scope."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from houbei.accounts.types import Actor
from houbei.audit import record
from houbei.people.models import Post, PostQuerySet
from houbei.reserves.models import PersonFact
from houbei.reserves.rules import disqualifier_items
from houbei.reserves.services.disqualifiers import Hit, find_hits
from houbei.rounds.models import RuleSet


@dataclass(frozen=True)
class RecheckRow:
    post: Post
    hits: list[Hit]

    @property
    def must_not(self) -> bool:
        return any(hit.item.must_not for hit in self.hits)


@transaction.atomic
def recheck(
    posts: PostQuerySet, *, rule_set: RuleSet, actor: Actor | None, region: Any = None
) -> list[RecheckRow]:
    """Every sitting cadre of `posts` with at least one hit (two queries); the run is audited."""
    sitting = list(
        posts.sitting().select_related("person", "village").order_by("village__code", "role", "id")
    )
    facts: dict[int, list[PersonFact]] = defaultdict(list)
    people = posts.sitting().values("person_id")
    for fact in PersonFact.objects.filter(person_id__in=people, withdrawn=False):
        facts[fact.person_id].append(fact)
    items = disqualifier_items(rule_set)
    rows = [RecheckRow(post, find_hits(facts[post.person_id], items)) for post in sitting]
    found = [row for row in rows if row.hits]
    summary = {"posts": len(sitting), "hits": len(found), "version": rule_set.version}
    record(actor, "reserves.recheck.run", None, summary, region=region)
    return found
