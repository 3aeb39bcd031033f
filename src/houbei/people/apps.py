from collections.abc import Iterator

from django.apps import AppConfig


def _check_imported() -> Iterator[str]:
    from houbei.people.importer.digests import check_imported

    return check_imported()


class PeopleConfig(AppConfig):
    name = "houbei.people"
    verbose_name = "人员与职务"

    def ready(self) -> None:
        from houbei.audit.services import BATCH_CHECKS

        # `houbei audit verify` checks imported people against their batch items.
        BATCH_CHECKS["people.person"] = _check_imported
        from houbei.jobs.exports import register
        from houbei.people.exporter import export_kind

        register(export_kind())  # a large person list is exported by a job (decision 0031)
