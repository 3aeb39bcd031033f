"""Views of the people area: thin; each fetches through a scoped queryset, validates with a form
and calls one service."""

from houbei.people.views.person import (
    person_create,
    person_detail,
    person_list,
    person_reveal,
    person_update,
)
from houbei.people.views.post import post_create, post_end
from houbei.people.views.transfer import (
    import_confirm,
    import_template,
    import_upload,
    person_export,
)

__all__ = [
    "import_confirm",
    "import_template",
    "import_upload",
    "person_create",
    "person_detail",
    "person_export",
    "person_list",
    "person_reveal",
    "person_update",
    "post_create",
    "post_end",
]
