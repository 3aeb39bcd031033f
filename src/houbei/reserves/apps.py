from django.apps import AppConfig


class ReservesConfig(AppConfig):
    verbose_name = "后备力量"
    name = "houbei.reserves"
