from django.apps import AppConfig


class DemoConfig(AppConfig):
    verbose_name = "演示数据"
    name = "houbei.demo"
