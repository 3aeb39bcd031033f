"""Who may open the account pages (merged by tests/accounts/test_url_policy.py)."""

POLICY = {
    "accounts:user_list": {"sysadmin"},
    "accounts:user_create": {"sysadmin"},
    "accounts:user_edit": {"sysadmin"},
    "accounts:user_disable": {"sysadmin"},
    "accounts:user_enable": {"sysadmin"},
    "accounts:user_unlock": {"sysadmin"},
    "accounts:user_password_reset": {"sysadmin"},
    "accounts:user_second_factor_reset": {"sysadmin"},
    "accounts:second_factor": "authenticated",
}
