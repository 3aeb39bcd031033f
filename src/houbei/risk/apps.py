from django.apps import AppConfig


class RiskConfig(AppConfig):
    verbose_name = "选情研判"
    name = "houbei.risk"
