from django.apps import AppConfig


class ReportsConfig(AppConfig):
    verbose_name = "统计与报表"
    name = "houbei.reports"
