"""Who answers for each village (挂帅/主抓/挂点指导…): the round's matrix by colour applied to the
town's leadership assignments (分片包干) and the village liaisons. Computed when read, so a new
colour or an edited assignment shows at once; a constant number of queries for many villages."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from houbei.accounts.capabilities import Role
from houbei.accounts.models import User
from houbei.regions.models import Region
from houbei.risk.models import Duty, LeadershipAssignment, Position


@dataclass(frozen=True)
class Responsible:
    position: str
    duty: str
    name: str
    title: str = ""
    phone: str = ""

    @property
    def missing(self) -> bool:
        return not self.name


@dataclass
class Roster:
    """The assignments of some towns, by duty and covered region; liaisons by village."""

    by_region: dict[tuple[str, int], list[LeadershipAssignment]]
    liaisons: dict[int, list[str]]

    def holders(self, duty: str, village: Region) -> list[Responsible]:
        """The most specific assignment wins: the village's own, else its district's, else
        its town's. A village's liaison accounts count as its own liaison assignment."""
        label = str(Duty(duty).label)
        for region_id in (village.pk, village.district_id, village.town_id):
            found = [
                Responsible("", label, a.name, a.title, a.phone)
                for a in self.by_region.get((duty, region_id or 0), [])
            ]
            if duty == Duty.LIAISON and region_id == village.pk:
                found += [
                    Responsible("", label, name) for name in self.liaisons.get(village.pk, [])
                ]
            if found:
                return found
        return []


def roster(towns: Iterable[int]) -> Roster:
    """Two queries for any number of villages of these towns."""
    towns = list(set(towns))
    by_region: dict[tuple[str, int], list[LeadershipAssignment]] = defaultdict(list)
    for assignment in LeadershipAssignment.objects.filter(region__town_id__in=towns).order_by(
        "name", "id"
    ):
        by_region[(assignment.duty, assignment.region_id)].append(assignment)
    liaisons: dict[int, list[str]] = defaultdict(list)
    links = User.villages.through.objects.filter(
        region__town_id__in=towns, user__role=Role.LIAISON, user__is_active=True
    ).values_list("region_id", "user__full_name", "user__username")
    for village_id, full_name, username in links:
        liaisons[village_id].append(full_name or username)
    return Roster(dict(by_region), dict(liaisons))


def in_charge(
    village: Region, colour: str, matrix: Mapping[str, Any], people: Roster
) -> list[Responsible]:
    """The lines of the matrix for the colour, each with its holders (or an empty name)."""
    found: list[Responsible] = []
    for line in matrix.get(colour, []):
        position = str(Position(line["position"]).label)
        holders = people.holders(line["duty"], village)
        if not holders:
            found.append(Responsible(position, str(Duty(line["duty"]).label), ""))
        for holder in holders:
            found.append(
                Responsible(position, holder.duty, holder.name, holder.title, holder.phone)
            )
    return found
