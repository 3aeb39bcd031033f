"""Who may open each page of the people area (merged by tests/accounts/test_url_policy.py)."""

OFFICE = {"leader", "town"}

POLICY = {
    "people:person_create": OFFICE,
    "people:person_update": OFFICE,
    "people:person_reveal": {"county", "leader", "town"},
    "people:post_create": OFFICE,
    "people:post_end": OFFICE,
    "people:import_upload": OFFICE,
    "people:import_confirm": OFFICE,
    "people:import_template": OFFICE,
    "people:person_export": {"county", "leader", "town"},
}
