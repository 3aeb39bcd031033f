from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "houbei.ops"
    verbose_name = "运行维护"
