"""Recording surveys (摸排), village facts and confirmed outlooks (进退留转)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model

from houbei.accounts.types import Actor, acting_user
from houbei.audit import record
from houbei.audit.corrections import correct, refuse_if_void, void
from houbei.audit.services import diff
from houbei.lib.locking import claim_version
from houbei.people.models import Person
from houbei.regions.models import Region
from houbei.risk.models import CadreOutlook, Outlook, Survey, VillageFacts
from houbei.risk.rollups import refresh_towns
from houbei.rounds.models import ElectionRound

SURVEY_FIELDS = (
    "source",
    "attitude",
    "performance",
    "conduct",
    "intention",
    "negative",
    "notes",
    "surveyed_on",
)
FACT_FIELDS = (
    "open_conflicts",
    "petition_backlog",
    "clan_disputes",
    "past_trouble",
    "focus_village",
    "focus_reason",
    "notes",
)


def _values(obj: Model, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in names}


STALE = "该记录已被他人修改，请刷新页面后重新填写。"


@transaction.atomic
def record_survey(
    *,
    village: Region,
    person: Person,
    election_round: ElectionRound,
    fields: dict[str, Any],
    actor: Actor | None,
) -> Survey:
    """A new survey of a sitting cadre; it becomes the one the rules read (is_latest)."""
    Survey.objects.filter(
        election_round=election_round, village=village, person=person, is_latest=True
    ).update(is_latest=False)
    survey = Survey.objects.create(
        election_round=election_round,
        village=village,
        person=person,
        recorded_by=acting_user(actor),
        **{name: fields[name] for name in SURVEY_FIELDS if name in fields},
    )
    record(actor, "risk.survey.recorded", survey, diff({}, _values(survey, SURVEY_FIELDS)))
    return survey


@transaction.atomic
def update_survey(
    survey: Survey, *, fields: dict[str, Any], version: int, actor: Actor, reason: str
) -> Survey:
    """A correction (decision 0028): the same fields as the survey form, with a reason; the old
    and new values and the reason go to the survey's history. A voided survey stays as it is."""
    refuse_if_void(survey)
    claim_version(survey, version, STALE)
    changed = {name: fields[name] for name in SURVEY_FIELDS if name in fields}
    correct(survey, fields=changed, reason=reason, actor=actor, action="risk.survey.corrected")
    return survey


@transaction.atomic
def void_survey(survey: Survey, *, reason: str, actor: Actor) -> Survey:
    """作废: the survey stays, marked; when it was the one the rules read, the person's latest
    survey before it becomes that one again (the next assessment reads it)."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    was_latest = survey.is_latest
    if was_latest:
        survey.is_latest = False
        survey.version += 1
        survey.save(update_fields=["is_latest", "version"])
    void(survey, reason=reason, actor=actor, action="risk.survey.voided")
    if was_latest:
        earlier = (
            Survey.objects.filter(
                election_round=survey.election_round_id,
                village=survey.village_id,
                person=survey.person_id,
                voided_at__isnull=True,
            )
            .order_by("-surveyed_on", "-id")
            .first()
        )
        if earlier is not None:
            earlier.is_latest = True
            earlier.save(update_fields=["is_latest"])
    return survey


@transaction.atomic
def save_facts(
    *,
    village: Region,
    election_round: ElectionRound,
    fields: dict[str, Any],
    version: int | None,
    actor: Actor | None,
) -> VillageFacts:
    """Creates the village's facts for the round, or updates them (version checked)."""
    facts, created = VillageFacts.objects.get_or_create(
        election_round=election_round, village=village
    )
    before = {} if created else _values(facts, FACT_FIELDS)
    if not created:
        claim_version(facts, version, STALE)
    for name in FACT_FIELDS:
        if name in fields:
            setattr(facts, name, fields[name])
    if facts.focus_village and not facts.focus_reason.strip():
        raise ValidationError({"focus_reason": "列为重点难点村须写明原因。"})
    facts.updated_by = acting_user(actor)
    facts.save()
    refresh_towns([village.town_id])
    changes = diff(before, _values(facts, FACT_FIELDS))
    if changes:
        record(actor, "risk.facts.saved", facts, changes)
    return facts


@transaction.atomic
def confirm_outlook(
    *,
    village: Region,
    person: Person,
    election_round: ElectionRound,
    outlook: Outlook,
    suggested: str,
    reason: str,
    actor: Actor | None,
) -> CadreOutlook:
    """Staff confirm the suggestion, or change it; a change needs a reason."""
    reason = reason.strip()
    if outlook != suggested and not reason:
        raise ValidationError({"reason": "与系统建议不同，请写明理由。"})
    found = CadreOutlook.objects.filter(
        election_round=election_round, village=village, person=person
    ).first()
    before = {"outlook": found.outlook, "reason": found.reason} if found else {}
    confirmed = found or CadreOutlook(election_round=election_round, village=village, person=person)
    confirmed.outlook = outlook
    confirmed.suggested = suggested
    confirmed.reason = reason or "同意系统建议"
    confirmed.decided_by = acting_user(actor)
    if found:
        confirmed.version += 1
    confirmed.save()
    changes = diff(before, {"outlook": confirmed.outlook, "reason": confirmed.reason})
    record(actor, "risk.outlook.confirmed", confirmed, {"person": person.pk, **changes})
    return confirmed
