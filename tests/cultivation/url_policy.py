"""Who may open each page of the cultivation area (merged by tests/accounts/test_url_policy.py)."""

TOWN = {"county", "leader", "town", "liaison"}
OFFICE = {"county", "leader", "town"}
TOWN_OFFICE = {"leader", "town"}

POLICY = {
    "cultivation:plan_list": TOWN,
    "cultivation:plan_new": TOWN_OFFICE,
    "cultivation:plan_detail": TOWN,
    "cultivation:plan_enroll": TOWN_OFFICE,
    "cultivation:plan_add_person": TOWN_OFFICE,
    "cultivation:session_new": TOWN_OFFICE,
    "cultivation:exam": TOWN_OFFICE,
    "cultivation:exam_import": TOWN_OFFICE,
    "cultivation:meeting_new": TOWN_OFFICE,
    "cultivation:plan_export": OFFICE,
    "cultivation:session_roster": TOWN_OFFICE,
    "cultivation:session_slips": TOWN_OFFICE,
    "cultivation:session_export": OFFICE,
    "cultivation:session_import": TOWN_OFFICE,
    "cultivation:trainee_detail": TOWN,
    "cultivation:trainee_place": TOWN_OFFICE,
    "cultivation:worklog_new": {"leader", "town", "liaison"},
    "cultivation:rating_new": {"leader", "town", "liaison"},
    "cultivation:proposal_decide": {"county", "leader"},
    "cultivation:meeting_detail": TOWN_OFFICE,
    "cultivation:signin": "public",
    # corrections and voiding (decision 0028)
    "cultivation:worklog_record": {"leader", "town"},
    "cultivation:meeting_record": {"leader", "town"},
    "cultivation:meeting_correct": {"leader", "town"},
    "cultivation:attendance_record": {"leader", "town"},
    "cultivation:attendance_correct": {"leader", "town"},
    "cultivation:worklog_correct": {"leader", "town"},
    "cultivation:worklog_void": {"leader"},
    "cultivation:rating_record": {"leader", "town"},
    "cultivation:rating_void": {"leader"},
    "cultivation:exam_record": {"leader", "town"},
    "cultivation:exam_void": {"leader"},
}
