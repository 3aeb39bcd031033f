from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "houbei.ops"
    verbose_name = "运行维护"

    def ready(self) -> None:
        from houbei.ops import checks  # noqa: F401 - registers the deployment checks
