from django.apps import AppConfig


class WorkbenchConfig(AppConfig):
    verbose_name = "工作台"
    name = "houbei.workbench"
