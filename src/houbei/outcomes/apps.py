from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    verbose_name = "考评与奖退"
    name = "houbei.outcomes"
