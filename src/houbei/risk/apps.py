from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save, pre_save


class RiskConfig(AppConfig):
    verbose_name = "选情研判"
    name = "houbei.risk"

    def ready(self) -> None:
        from houbei.jobs.exports import register
        from houbei.regions.models import Region
        from houbei.risk.exports import export_kinds

        for kind in export_kinds():  # large exports run as jobs (decision 0031)
            register(kind)

        # A village created, moved, renamed, retired or deleted changes its towns' dashboard
        # rows (houbei.risk.rollups); a town's or a district's name is on the dashboards too.
        # Refreshed in the same transaction as the save: the refresh also moves the version of
        # the cached dashboards (houbei.risk.board_cache).
        pre_save.connect(_note_old_town, sender=Region, dispatch_uid="risk_rollup_old_town")
        post_save.connect(_refresh_towns, sender=Region, dispatch_uid="risk_rollup_towns")
        post_delete.connect(_refresh_towns, sender=Region, dispatch_uid="risk_rollup_deleted")


def _note_old_town(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw or instance.level not in ("village", "district") or instance.pk is None:
        return
    instance._rollup_old_town = (
        sender.objects.filter(pk=instance.pk).values_list("town_id", flat=True).first()
    )


def _refresh_towns(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw or instance.level not in ("village", "district", "town"):
        return
    from houbei.risk.rollups import refresh_towns

    if instance.level == "town":
        # A town deleted takes its row with it (CASCADE): nothing to refresh.
        if kwargs.get("signal") is not post_delete:
            refresh_towns([instance.pk])
        return
    refresh_towns([instance.town_id, getattr(instance, "_rollup_old_town", None)])
