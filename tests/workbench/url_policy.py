"""Who may open each page of the workbench (merged by tests/accounts/test_url_policy.py)."""

POLICY = {
    "workbench:town_list": {"county"},
    "workbench:town_detail": {"county"},
    "workbench:stale_surveys": {"leader", "town", "liaison"},
    "workbench:waiting_reviews": {"county", "leader", "town"},
    "workbench:waiting_unfit": {"county", "leader"},
    "workbench:waiting_appointments": {"county", "leader"},
}
