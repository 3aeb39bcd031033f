from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    verbose_name = "文书"
    name = "houbei.documents"
