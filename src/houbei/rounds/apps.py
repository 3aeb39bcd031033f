from django.apps import AppConfig


class RoundsConfig(AppConfig):
    name = "houbei.rounds"
    verbose_name = "换届与规则"
