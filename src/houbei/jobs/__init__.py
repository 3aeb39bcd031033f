"""Background jobs: long work (imports, document batches, the county-wide assessment) runs in a
worker process through the django-tasks API on the app's own database; a `Job` row holds who
started what, in which scope, its progress, messages and result
(docs/decisions/0025-background-jobs.md)."""
