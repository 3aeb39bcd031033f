"""Who may open each page of the reserves area (merged by tests/accounts/test_url_policy.py)."""

TOWN = {"county", "leader", "town", "liaison"}
OFFICE = {"county", "leader", "town"}
TOWN_OFFICE = {"leader", "town"}

POLICY = {
    "reserves:board": TOWN,
    "reserves:pool": TOWN,
    "reserves:bench": TOWN,
    "reserves:roster_export": OFFICE,
    "reserves:candidate_new": TOWN_OFFICE,
    "reserves:candidate_detail": TOWN,
    "reserves:candidate_interview": TOWN_OFFICE,
    "reserves:candidate_screen": TOWN_OFFICE,
    "reserves:candidate_vote": TOWN_OFFICE,
    "reserves:candidate_send": TOWN_OFFICE,
    "reserves:candidate_pool": TOWN_OFFICE,
    "reserves:candidate_standing": TOWN_OFFICE,
    "reserves:candidate_remove": TOWN_OFFICE,
    "reserves:candidate_decide": {"county", "leader"},
    "reserves:review_queue": {"reviewer"},
    "reserves:review_detail": {"reviewer"},
    "reserves:person_facts": OFFICE,
    "reserves:fact_new": TOWN_OFFICE,
    "reserves:fact_withdraw": TOWN_OFFICE,
    "reserves:recheck": OFFICE,
    "reserves:talk_list": TOWN,
    "reserves:talk_new": {"leader", "town", "liaison"},
    "reserves:approval_list": {"county", "leader"},
    "reserves:approval_decide": {"county", "leader"},
    "reserves:reviews_on_behalf": TOWN_OFFICE,
    "reserves:review_scan": OFFICE,
    "reserves:review_reveal": {"reviewer"},
    # corrections and voiding (decision 0028)
    "reserves:interview_record": TOWN_OFFICE,
    "reserves:interview_correct": TOWN_OFFICE,
    "reserves:interview_void": {"leader"},
    "reserves:screening_record": TOWN_OFFICE,
    "reserves:screening_void": {"leader"},
    "reserves:vote_record": TOWN_OFFICE,
    "reserves:vote_void": {"leader"},
    "reserves:talk_record": TOWN_OFFICE,
    "reserves:talk_correct": TOWN_OFFICE,
    "reserves:talk_void": {"leader"},
    "reserves:reviews_batch": TOWN_OFFICE,
}
