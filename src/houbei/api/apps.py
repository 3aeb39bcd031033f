from django.apps import AppConfig


class ApiConfig(AppConfig):
    verbose_name = "数据接口"
    name = "houbei.api"

    def ready(self) -> None:
        from houbei.accounts.signals import access_changed
        from houbei.api.tokens import on_access_changed

        access_changed.connect(on_access_changed, dispatch_uid="houbei.api.revoke_tokens")
