from django.apps import AppConfig


class ReservesConfig(AppConfig):
    verbose_name = "后备力量"
    name = "houbei.reserves"

    def ready(self) -> None:
        from houbei.jobs.exports import register
        from houbei.reserves.exports import export_kind

        register(export_kind())  # a large roster is exported by a job (decision 0031)
