"""The API at /api/v1/: django-ninja, OpenAPI 3.1 from the code's own types, docs served locally.

Every operation authenticates a personal token (core.TokenAuth), checks its scope and the
owner's capability (core.guard), reads through `visible_to` (out of scope is a 404) and writes
through the pages' forms and services, so the audit entries are the pages' own.
"""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from houbei.accounts.decorators import authenticated
from houbei.api import errors
from houbei.api.core import TokenAuth
from houbei.api.endpoints import cultivation, people, regions, reserves, risk, stats


def _docs_decorator(view: Any) -> Any:
    """The description and its docs page are for signed-in users (the rest of the site is)."""
    return authenticated(view)


api = NinjaAPI(
    title="houbei 数据接口",
    version="1",
    description=(
        "村（社区）“两委”后备干部与换届选情研判的数据接口。每个请求带个人访问令牌："
        "`Authorization: Bearer hb_…`（在“访问令牌”页面创建）。数据范围与页面相同。"
    ),
    auth=TokenAuth(),
    urls_namespace="api",
    docs=Swagger(settings={"persistAuthorization": False}),
    docs_url="/docs",
    openapi_url="/openapi.json",
    docs_decorator=_docs_decorator,
)
errors.install(api)
for module in (regions, people, reserves, risk, cultivation, stats):
    api.add_router("", module.router)
