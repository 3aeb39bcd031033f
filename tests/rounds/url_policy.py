"""Who may open each page of the rounds area (merged by tests/accounts/test_url_policy.py)."""

READERS = {"county", "leader", "town"}

POLICY = {
    "rounds:round_list": READERS,
    "rounds:round_detail": READERS,
    "rounds:rules_edit": {"county"},
    "rounds:rules_history": READERS,
    "rounds:rules_export": {"county"},
    "rounds:rules_import": {"county"},
    "rounds:ruleset_detail": READERS,
    "rounds:leading_member_create": READERS,
    "rounds:leading_member_edit": READERS,
    "rounds:leading_member_delete": READERS,
}
