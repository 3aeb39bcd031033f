from django.apps import AppConfig


class DevtoolsConfig(AppConfig):
    """Development tools as a Django app: the `houbei bench` command, and the SQL twin of the
    risk rules shown by `houbei assess --show-source` (registered here: apps never import
    devtools, devtools imports apps)."""

    name = "houbei.devtools"
    verbose_name = "开发工具"

    def ready(self) -> None:
        from houbei.devtools.risk_sql import round_source
        from houbei.risk.engine.source import register

        register("SQL（houbei.devtools.risk_sql：基准和一致性测试所用的单条语句）", round_source)
