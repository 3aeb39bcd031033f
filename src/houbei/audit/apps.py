from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "houbei.audit"
    verbose_name = "审计日志"

    def ready(self) -> None:
        from houbei.audit.exports import export_kind
        from houbei.jobs.exports import register

        register(export_kind())  # a large export of the log runs as a job (decision 0031)
