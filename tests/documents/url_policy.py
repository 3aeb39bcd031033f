"""Who may open each page of the documents area (merged by tests/accounts/test_url_policy.py)."""

OFFICE = {"county", "leader", "town"}

POLICY = {
    "documents:index": OFFICE,
    "documents:registration": OFFICE,
    "documents:lrmx_export": OFFICE,
    "documents:batch": OFFICE,
    "documents:briefing_docx": OFFICE,
    "documents:briefing_pdf": OFFICE,
    "documents:lrmx_import": {"leader", "town"},
    "documents:batch_job": OFFICE,
}
