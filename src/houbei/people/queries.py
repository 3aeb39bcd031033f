"""Reads shared by the person list and its export: the same filters give the same people."""

from __future__ import annotations

from typing import Any

from houbei.people.models import PersonQuerySet

FILTER_KEYS = ("q", "town", "village", "political_status", "education")


def filter_people(people: PersonQuerySet, data: dict[str, Any]) -> PersonQuerySet:
    """Applies the cleaned filters of the person list (PersonFilterForm)."""
    if data.get("q"):
        people = people.search(data["q"])
    if data.get("town") is not None:
        people = people.filter(village__town=data["town"])
    if data.get("village") is not None:
        people = people.filter(village=data["village"])
    if data.get("political_status"):
        people = people.filter(political_status=data["political_status"])
    if data.get("education"):
        people = people.filter(education__startswith=data["education"])
    return people


def describe_filters(data: dict[str, Any]) -> dict[str, str]:
    """The filters as text, for the audit entry of an export."""
    return {key: str(data[key]) for key in FILTER_KEYS if data.get(key) not in (None, "")}
