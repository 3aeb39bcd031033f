from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_save, pre_save


class RiskConfig(AppConfig):
    verbose_name = "选情研判"
    name = "houbei.risk"

    def ready(self) -> None:
        from houbei.jobs.exports import register
        from houbei.regions.models import Region
        from houbei.risk.exports import export_kinds

        for kind in export_kinds():  # large exports run as jobs (decision 0031)
            register(kind)

        # A village created, moved or retired changes its towns' dashboard rows
        # (houbei.risk.rollups): refreshed in the same transaction as the save.
        pre_save.connect(_note_old_town, sender=Region, dispatch_uid="risk_rollup_old_town")
        post_save.connect(_refresh_towns, sender=Region, dispatch_uid="risk_rollup_towns")


def _note_old_town(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw or instance.level != "village" or instance.pk is None:
        return
    instance._rollup_old_town = (
        sender.objects.filter(pk=instance.pk).values_list("town_id", flat=True).first()
    )


def _refresh_towns(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw or instance.level != "village":
        return
    from houbei.risk.rollups import refresh_towns

    refresh_towns([instance.town_id, getattr(instance, "_rollup_old_town", None)])
