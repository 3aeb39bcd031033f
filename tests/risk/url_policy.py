"""Who may open each risk URL (merged by tests/accounts/test_url_policy.py)."""

TOWN = {"county", "leader", "town", "liaison"}
OFFICE_STAFF = {"leader", "town"}
OVERRIDERS = {"county", "leader"}

POLICY = {
    "risk:dashboard": TOWN,
    "risk:assessment_run": OFFICE_STAFF,
    "risk:assessment_job": {"county"},
    "risk:village": TOWN,
    "risk:village_panel": TOWN,
    "risk:assessment_detail": TOWN,
    "risk:override_create": {"county", "leader", "town"},
    "risk:override_list": OVERRIDERS,
    "risk:override_decide": OVERRIDERS,
    "risk:survey_create": {"leader", "town", "liaison"},
    "risk:survey_edit": {"leader", "town", "liaison"},
    "risk:facts_edit": {"leader", "town", "liaison"},
    "risk:outlook_confirm": OFFICE_STAFF,
    "risk:problem_list": TOWN,
    "risk:focus_list": TOWN,
    "risk:problem_create": {"leader", "town", "liaison"},
    "risk:problem_detail": TOWN,
    "risk:problem_edit": {"leader", "town", "liaison"},
    "risk:problem_progress": {"leader", "town", "liaison"},
    "risk:problem_close": {"county", "leader", "town"},
    "risk:assignment_list": TOWN,
    "risk:assignment_create": OFFICE_STAFF,
    "risk:assignment_edit": OFFICE_STAFF,
    "risk:assignment_delete": OFFICE_STAFF,
    "risk:export_risk": TOWN,
    "risk:export_problems": TOWN,
    # voiding (decision 0028)
    "risk:survey_void": {"leader"},
    "risk:problem_void": {"leader"},
    "risk:meeting_list": TOWN,
    "risk:meeting_create": OFFICE_STAFF,
    "risk:meeting_detail": TOWN,
    "risk:meeting_record": OFFICE_STAFF,
    "risk:meeting_correct": OFFICE_STAFF,
    "risk:action_create": OFFICE_STAFF,
    "risk:meeting_confirm": OFFICE_STAFF,
    "risk:action_list": TOWN,
    "risk:action_done": TOWN,
}
