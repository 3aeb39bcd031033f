"""URL-policy rows of the API app (merged by tests/accounts/test_url_policy.py).

"api": the operation authenticates a token itself (401 without one, a session is not enough);
tests/api/test_api_policy.py walks every operation × role × anonymous against API_POLICY.
"""

from typing import Any

OPERATIONS = (
    "region_list",
    "village_list",
    "village_detail",
    "village_committee",
    "person_list",
    "person_detail",
    "candidate_list",
    "candidate_detail",
    "talk_create",
    "assessment_list",
    "problem_list",
    "problem_detail",
    "problem_progress",
    "survey_create",
    "session_detail",
    "session_attendance",
    "stats",
)

POLICY: dict[str, Any] = {
    "api:openapi-json": "authenticated",
    "api:openapi-view": "authenticated",
    "api:api-root": "authenticated",
    "tokens:token_list": "authenticated",
    "tokens:token_revoke": "authenticated",
    **{f"api:{name}": "api" for name in OPERATIONS},
}
