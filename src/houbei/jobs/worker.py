"""Running queued tasks in this process: the worker's own loop (django-tasks-db's `Worker`)
one task at a time until none is ready. Tests use it to run a real worker on the test
database; `houbei worker` runs the library's `db_worker` loop."""

from __future__ import annotations

from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

BACKEND = "default"


def run_queued(backend_name: str = BACKEND) -> int:
    """Claims and runs every ready task of the backend, in order; the number run."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name=backend_name,
        startup_delay=False,
        max_tasks=None,
        worker_id=get_random_string(32),
        excluded_queue_names=[],
    )
    count = 0
    while True:
        tasks = DBTaskResult.objects.ready().filter(backend_name=backend_name)
        with exclusive_transaction(tasks.db):
            claimed = tasks.get_locked()
            if claimed is not None:
                claimed.claim(worker.worker_id)
        if claimed is None:
            return count
        worker.run_task(claimed)
        count += 1
