"""Roles and what each may do: the one table of permissions, readable on one screen.

Views state the capability they need with `@requires(...)`; region scope is separate
(houbei.accounts.scope) and applies on top of this table.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.db import models


class Role(models.TextChoices):
    COUNTY_OFFICER = "county_officer", "县委组织部"
    TOWN_LEADER = "town_leader", "乡镇领导"
    TOWN_STAFF = "town_staff", "党建办工作人员"
    REVIEWER = "reviewer", "联审部门审核人"
    LIAISON = "liaison", "包村干部"
    AUDITOR = "auditor", "审计员"
    SYSADMIN = "sysadmin", "系统管理员"
    SECURITY_ADMIN = "security_admin", "安全管理员"


# 三员: the administrators. They are created from the command line (`houbei create_admin`),
# never granted through a page, and no account holds two of them (a user has one role, and
# the database refuses an unknown role or a superuser flag: docs/decisions/0016-trust.md).
# The security administrator alone grants roles and regions, resets passwords, unlocks
# accounts and resets second factors; the system administrator keeps the account list and
# can stop an account, but grants nothing; the auditor reads the log of both.
ADMINISTRATOR_ROLES = frozenset({Role.SYSADMIN, Role.AUDITOR, Role.SECURITY_ADMIN})


class Capability(StrEnum):
    VIEW_REGIONS = "view_regions"
    VIEW_PEOPLE = "view_people"
    EDIT_PEOPLE = "edit_people"
    EDIT_POSTS = "edit_posts"
    IMPORT_PEOPLE = "import_people"
    EXPORT_PEOPLE = "export_people"
    REVEAL_ID_NUMBER = "reveal_id_number"
    VIEW_SCREENING = "view_screening"
    MANAGE_RULES = "manage_rules"
    VIEW_RULES = "view_rules"
    MANAGE_CANDIDATES = "manage_candidates"
    DECIDE_CANDIDATES = "decide_candidates"
    REVIEW_CANDIDATES = "review_candidates"
    RECORD_TALKS = "record_talks"
    LOG_PRACTICE = "log_practice"  # work logs and mentor ratings of practice posts
    RECORD_SURVEYS = "record_surveys"
    RUN_ASSESSMENT = "run_assessment"
    OVERRIDE_COLOUR = "override_colour"
    PROPOSE_OVERRIDE = "propose_override"  # ask for a colour change; OVERRIDE_COLOUR approves
    EDIT_PROBLEMS = "edit_problems"
    CLOSE_PROBLEMS = "close_problems"
    VIEW_DASHBOARD = "view_dashboard"
    VIEW_AUDIT = "view_audit"
    MANAGE_USERS = "manage_users"
    VIEW_OUTCOMES = "view_outcomes"  # the outcome board, the targets table and their exports
    GRANT_ACCESS = "grant_access"  # create accounts, grant roles and regions, reset passwords
    UNLOCK_ACCOUNTS = "unlock_accounts"
    RESET_SECOND_FACTOR = "reset_second_factor"
    COMPARE_TOWNS = "compare_towns"  # the county's towns side by side (workbench)
    # The full ID number of a candidate in the reviewer's own queue (a police record check
    # needs it); audited as every reveal.
    REVEAL_FOR_REVIEW = "reveal_for_review"
    # Correct a record of something that happened (through its own form, with a reason), and
    # void one where a correction would hide a fact (docs/decisions/0028-record-corrections.md).
    CORRECT_RECORDS = "correct_records"
    VOID_RECORDS = "void_records"
    # The round's leading group (领导小组): members, positions and duties (issue 13 §7).
    MANAGE_LEADING_GROUP = "manage_leading_group"
    # The weekly judgement meeting (研判会): its record, confirmed colours and actions.
    RECORD_MEETINGS = "record_meetings"
    VIEW_JOBS = "view_jobs"  # the background jobs one started, and those of one's scope
    REASSESS_ALL = "reassess_all"  # re-assess a whole county as a job (decision 0031)


C = Capability
_READ = {C.VIEW_REGIONS, C.VIEW_PEOPLE, C.VIEW_RULES, C.VIEW_DASHBOARD}
_TOWN_WORK = _READ | {
    C.EDIT_PEOPLE,
    C.EDIT_POSTS,
    C.IMPORT_PEOPLE,
    C.EXPORT_PEOPLE,
    C.VIEW_SCREENING,
    C.MANAGE_CANDIDATES,
    C.RECORD_TALKS,
    C.LOG_PRACTICE,
    C.RECORD_SURVEYS,
    C.RUN_ASSESSMENT,
    C.PROPOSE_OVERRIDE,
    C.EDIT_PROBLEMS,
}

ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.COUNTY_OFFICER: frozenset(
        _READ
        | {
            C.MANAGE_RULES,
            C.EXPORT_PEOPLE,
            C.VIEW_SCREENING,
            C.REVEAL_ID_NUMBER,
            C.DECIDE_CANDIDATES,
            C.OVERRIDE_COLOUR,
            C.PROPOSE_OVERRIDE,
            C.CLOSE_PROBLEMS,
            C.VIEW_OUTCOMES,
            C.COMPARE_TOWNS,
            C.REASSESS_ALL,
        }
        | {C.MANAGE_LEADING_GROUP}
    ),
    Role.TOWN_LEADER: frozenset(
        _TOWN_WORK
        | {C.REVEAL_ID_NUMBER, C.DECIDE_CANDIDATES, C.OVERRIDE_COLOUR, C.CLOSE_PROBLEMS}
        | {C.VIEW_OUTCOMES}
        | {C.MANAGE_LEADING_GROUP, C.RECORD_MEETINGS}
    ),
    Role.TOWN_STAFF: frozenset(
        _TOWN_WORK
        | {C.REVEAL_ID_NUMBER, C.CLOSE_PROBLEMS}
        | {C.VIEW_OUTCOMES}
        | {C.MANAGE_LEADING_GROUP, C.RECORD_MEETINGS}
    ),
    Role.LIAISON: frozenset(
        {
            C.VIEW_REGIONS,
            C.VIEW_PEOPLE,
            C.RECORD_TALKS,
            C.LOG_PRACTICE,
            C.RECORD_SURVEYS,
            C.EDIT_PROBLEMS,
            C.VIEW_DASHBOARD,
        }
    ),
    Role.REVIEWER: frozenset({C.REVIEW_CANDIDATES, C.REVEAL_FOR_REVIEW}),
    Role.AUDITOR: frozenset({C.VIEW_AUDIT}),
    Role.SYSADMIN: frozenset({C.MANAGE_USERS}),
    Role.SECURITY_ADMIN: frozenset(
        {C.MANAGE_USERS, C.GRANT_ACCESS, C.UNLOCK_ACCOUNTS, C.RESET_SECOND_FACTOR}
    ),
}

# Corrections and voiding (docs/decisions/0028-record-corrections.md): the town's office corrects
# what it entered; voiding, which can move a candidate back, is the town leader's.
ROLE_CAPABILITIES[Role.TOWN_STAFF] |= {C.CORRECT_RECORDS}
ROLE_CAPABILITIES[Role.TOWN_LEADER] |= {C.CORRECT_RECORDS, C.VOID_RECORDS}
# Background jobs (houbei.jobs): the offices that start imports, batches and assessments, and
# the auditor, whose large exports of the log run as jobs (docs/decisions/0031-export-and-
# assessment-jobs.md). A liaison's few villages never make an export large enough for a job.
for _role in (Role.COUNTY_OFFICER, Role.TOWN_LEADER, Role.TOWN_STAFF, Role.AUDITOR):
    ROLE_CAPABILITIES[_role] = ROLE_CAPABILITIES[_role] | {C.VIEW_JOBS}


def capabilities_of(user: Any) -> frozenset[Capability]:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    return ROLE_CAPABILITIES.get(user.role, frozenset())


def has_capability(user: Any, capability: Capability) -> bool:
    return capability in capabilities_of(user)
