from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "houbei.regions"
    verbose_name = "行政区划"
