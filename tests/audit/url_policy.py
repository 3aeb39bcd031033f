"""Who may open the audit pages (merged by tests/accounts/test_url_policy.py)."""

POLICY = {
    "audit:entry_list": {"auditor"},
    "audit:entry_export": {"auditor"},
}
