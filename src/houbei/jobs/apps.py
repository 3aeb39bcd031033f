from django.apps import AppConfig


class JobsConfig(AppConfig):
    verbose_name = "后台任务"
    name = "houbei.jobs"
