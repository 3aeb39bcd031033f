from django.apps import AppConfig


class CultivationConfig(AppConfig):
    verbose_name = "培养先行"
    name = "houbei.cultivation"
