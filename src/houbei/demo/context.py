"""What the demo foundation hands to the modules that plant more facts (see houbei.demo)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from random import Random
from typing import Any

from houbei.accounts.models import User
from houbei.demo.names import FEMALE, MALE, NameMaker, birth_for_age, clan_of
from houbei.demo.story import Tier, VillageStory, villages_by_tier
from houbei.lib import codes
from houbei.lib.idnumber import make_id_number
from houbei.people.models import Person
from houbei.people.services import create_person
from houbei.regions.models import Region
from houbei.rounds.models import ElectionRound

ADDRESS_CODE = "410782"  # 辉县市: every demo person is registered in the county
SEED = "houbei-demo-2026"


@dataclass
class DemoContext:
    county: Region
    town: Region
    districts: dict[str, Region]
    villages: dict[str, Region]
    election_round: ElectionRound
    users: dict[str, User]
    story: tuple[VillageStory, ...]
    names: NameMaker = field(default_factory=NameMaker)
    _issued: set[str] = field(default_factory=set)

    @property
    def cutoff(self) -> dt.date:
        return self.election_round.cutoff_date

    def random(self, label: str) -> Random:
        """A generator seeded by a label: the same numbers every build, whatever ran before."""
        return Random(f"{SEED}:{label}")  # noqa: S311 - demo data, not security

    def villages_by_tier(self) -> dict[Tier, list[Region]]:
        grouped = villages_by_tier(self.story)
        return {tier: [self.villages[row.name] for row in rows] for tier, rows in grouped.items()}

    def new_person(
        self,
        *,
        village: Region,
        age: int,
        rng: Random,
        sex: str = MALE,
        education: str = "61",
        political_status: str = "13",
        backgrounds: list[str] | None = None,
        **fields: Any,
    ) -> Person:
        """A fictional person (valid fictional ID number) of `age` at the round's cut-off date."""
        birth = birth_for_age(age, self.cutoff, rng)
        data = {
            "name": fields.pop("name", None)
            or self.names.make(rng, sex=sex, clan=clan_of(village.name)),
            "sex": sex,
            "birth_date": birth,
            "id_number": self._id_number(birth, sex),
            "education": education,
            "political_status": political_status,
            "party_joined_on": _joined(birth, political_status, rng),
            "village": village,
            "backgrounds": backgrounds or [],
            **fields,
        }
        return create_person(fields=data, actor=None)

    def _id_number(self, birth: dt.date, sex: str) -> str:
        """Sequence numbers in the order people are made: odd for men, even for women."""
        parity = 1 if sex == MALE else 0
        for step in range(len(self._issued), len(self._issued) + 500):
            number = make_id_number(ADDRESS_CODE, birth, (2 * step + parity) % 1000)
            if number not in self._issued:
                self._issued.add(number)
                return number
        raise RuntimeError("演示数据身份号码用尽")


def _joined(birth: dt.date, political_status: str, rng: Random) -> dt.date | None:
    if political_status == "02":  # 预备党员: joined within the last year
        return dt.date(2025, 12, 1) + dt.timedelta(days=rng.randrange(28))
    if not codes.is_full_party_member(political_status):
        return None
    joined = birth.replace(year=birth.year + rng.randint(21, 32), day=1)
    return min(joined, dt.date(2024, 7, 1))


__all__ = ["FEMALE", "MALE", "DemoContext"]
