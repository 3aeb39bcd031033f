from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "houbei.accounts"
    verbose_name = "账号与角色"

    def ready(self) -> None:
        from houbei.accounts import signals  # noqa: F401
