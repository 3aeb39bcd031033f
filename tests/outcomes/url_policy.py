"""Who may open each page of the outcome area (merged by tests/accounts/test_url_policy.py)."""

TOWN = {"county", "leader", "town", "liaison"}
OFFICE = {"county", "leader", "town"}
TOWN_OFFICE = {"leader", "town"}

POLICY = {
    "outcomes:board": OFFICE,
    "outcomes:targets": OFFICE,
    "outcomes:targets_export": OFFICE,
    "outcomes:evaluations_export": OFFICE,
    "outcomes:polls_export": OFFICE,
    "outcomes:candidate": TOWN,
    "outcomes:evaluate": TOWN_OFFICE,
    "outcomes:poll_new": TOWN_OFFICE,
    "outcomes:appoint": TOWN_OFFICE,
    "outcomes:commend": TOWN_OFFICE,
    "outcomes:appointment_decide": {"county", "leader"},
    "outcomes:poll": TOWN_OFFICE,
    "outcomes:poll_tally": TOWN_OFFICE,
    "outcomes:poll_confirm": TOWN_OFFICE,
    "outcomes:poll_slips": TOWN_OFFICE,
    "outcomes:poll_close": TOWN_OFFICE,
    "outcomes:poll_results": TOWN_OFFICE,
    "outcomes:election": TOWN_OFFICE,
    "outcomes:vote": "public",
    "outcomes:election_import": TOWN_OFFICE,
    "outcomes:election_import_confirm": TOWN_OFFICE,
    "outcomes:election_import_template": TOWN_OFFICE,
    # voiding (decision 0028)
    "outcomes:evaluation_record": {"leader", "town"},
    "outcomes:commendation_record": {"leader", "town"},
    "outcomes:commendation_correct": {"leader", "town"},
    "outcomes:evaluation_void": {"leader"},
    "outcomes:poll_record": {"leader", "town"},
    "outcomes:poll_void": {"leader"},
}
