from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "houbei.people"
    verbose_name = "人员与职务"
