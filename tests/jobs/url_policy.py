from tests.accounts.test_url_policy import OFFICE

# The auditor sees the job pages of their own exports of the audit log.
JOB_PAGES = OFFICE | {"auditor"}
POLICY = {
    "jobs:job_list": JOB_PAGES,
    "jobs:job_detail": JOB_PAGES,
    "jobs:job_progress": JOB_PAGES,
    "jobs:job_result": JOB_PAGES,
    "jobs:export_start": JOB_PAGES,
}
