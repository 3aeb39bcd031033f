"""The demo town (`houbei demo`): deterministic, fictional, loaded in one transaction.

`build_demo()` runs six steps, in this order, inside one transaction:

1. `houbei.demo.foundation.build()` — 辉县市 (reference data), 吴村镇 with 4 districts and the 42
   villages of `houbei.demo.story.STORY`, about 200 sitting cadres whose committees fit each
   village's intended tier, the 2026 round (default rules, cut-off 2026-12-31) and the 8 demo
   accounts. It returns a `DemoContext`.
2. `houbei.demo.reserves.build(context)` — if that module exists: the reserve candidates.
3. `houbei.demo.risk.build(context)` — if that module exists: surveys, village facts, problems.
4. `houbei.demo.cultivation.build(context)` — if that module exists: the training plan, sign-in,
   the test and practice posts (it moves nobody out of the pool, so the colours stay).
5. `houbei.demo.outcomes.build(context)` — scores, two paper polls (one passed, one void by
   quorum) and an appointment waiting for the leader (nobody leaves the pool either).
6. `houbei.demo.meeting.build(context)` — the county's and the town's leading groups, the
   town's judgement meeting (研判会) of the first assessment week with its actions, and a 包村干部
   for every green-tier village.

The contract for steps 2 to 6 (the modules are written by the reserves, risk, cultivation and
outcome capabilities):

- `build(context: DemoContext) -> None`, called once, inside the transaction; raise to abort.
- Plant facts that fit each village's intended tier (`context.villages_by_tier()`, or
  `houbei.demo.story.villages_by_tier()` for the story rows with their notes and flags). Never
  store a colour: the risk assessment computes it. The first assessment of the demo must yield
  6 red, 12 orange, 14 yellow and 10 green villages.
- Be deterministic: draw numbers only from `context.random("<module>:<what>")` (a generator
  seeded by its label, so one module's draws never shift another's), never from `random` itself,
  the clock or the database order.
- Make people with `context.new_person(village=..., age=..., rng=..., ...)`: a unique fictional
  name, a valid fictional ID number (address code 410782), `age` full years at the round's
  cut-off date (`context.cutoff`). Write through the apps' services (`actor=None` or a demo
  user from `context.users`), so the audit log holds every change.
- `context` holds: `county`, `town`, `districts` and `villages` (by name, e.g. "张屯村"),
  `election_round`, `users` (by username: county, leader, town, liaison, reviewer, auditor,
  sysadmin) and `story` (the rows of houbei.demo.story). Import it as
  `from houbei.demo.context import DemoContext` (or from houbei.demo).
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import TYPE_CHECKING, Any

from django.db import transaction

if TYPE_CHECKING:  # the app package is imported before models are ready: see __getattr__
    from houbei.demo.context import DemoContext

PLANTERS = (
    "houbei.demo.reserves",
    "houbei.demo.risk",
    "houbei.demo.cultivation",
    "houbei.demo.outcomes",
    "houbei.demo.meeting",
    "houbei.demo.second_town",
)


def database_is_empty() -> bool:
    """The demo loads only where no person and no account exists yet."""
    from houbei.accounts.models import User
    from houbei.people.models import Person

    return not Person.objects.exists() and not User.objects.exists()


@transaction.atomic
def build_demo() -> DemoContext:
    from houbei.demo import foundation

    context = foundation.build()
    for name in PLANTERS:
        module = _optional(name)
        if module is not None:
            module.build(context)
    return context


def _optional(name: str) -> ModuleType | None:
    """The module, or None when it does not exist yet; an error inside it still raises."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name != name:
            raise
        return None


def __getattr__(name: str) -> Any:
    if name == "DemoContext":
        from houbei.demo.context import DemoContext

        return DemoContext
    raise AttributeError(name)


__all__ = ["DemoContext", "build_demo", "database_is_empty"]
