"""Forms of the people area. They validate; the services in people.services save."""

from houbei.people.forms.person import PersonForm
from houbei.people.forms.post import AppointForm, EndPostForm
from houbei.people.forms.small import (
    ImportConfirmForm,
    ImportUploadForm,
    PersonFilterForm,
    RevealForm,
)

__all__ = [
    "AppointForm",
    "EndPostForm",
    "ImportConfirmForm",
    "ImportUploadForm",
    "PersonFilterForm",
    "PersonForm",
    "RevealForm",
]
