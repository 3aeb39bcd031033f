from tests.accounts.test_url_policy import OFFICE

POLICY = {
    "jobs:job_list": OFFICE,
    "jobs:job_detail": OFFICE,
    "jobs:job_progress": OFFICE,
    "jobs:job_result": OFFICE,
}
