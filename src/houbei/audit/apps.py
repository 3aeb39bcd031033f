from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "houbei.audit"
    verbose_name = "审计日志"
