"""Who may open the account pages (merged by tests/accounts/test_url_policy.py)."""

POLICY = {
    "accounts:user_list": {"sysadmin", "secadmin"},
    "accounts:user_create": {"secadmin"},
    "accounts:user_edit": {"sysadmin", "secadmin"},
    "accounts:user_disable": {"sysadmin", "secadmin"},
    "accounts:user_enable": {"sysadmin", "secadmin"},
    "accounts:user_unlock": {"secadmin"},
    "accounts:user_password_reset": {"secadmin"},
    "accounts:user_second_factor_reset": {"secadmin"},
    "accounts:second_factor": "authenticated",
}
