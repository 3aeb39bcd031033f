from django.urls import include, path

from houbei.accounts import views as account_views
from houbei.views import health
from houbei.workbench import views as workbench_views

urlpatterns = [
    path("", workbench_views.home, name="home"),
    path("tasks/", account_views.home_tasks, name="home_tasks"),
    path("healthz", health, name="health"),
    path("accounts/", include("houbei.accounts.urls")),
    path("audit/", include("houbei.audit.urls")),
    path("regions/", include("houbei.regions.urls")),
    path("people/", include("houbei.people.urls")),
    path("rounds/", include("houbei.rulebook.urls")),
    path("reserves/", include("houbei.reserves.urls")),
    path("risk/", include("houbei.risk.urls")),
    path("cultivation/", include("houbei.cultivation.urls")),
    path("reports/", include("houbei.reports.urls")),
    path("documents/", include("houbei.documents.urls")),
    path("api/v1/", include("houbei.api.urls")),
    path("tokens/", include("houbei.api.token_urls")),
    path("outcomes/", include("houbei.outcomes.urls")),
    path("workbench/", include("houbei.workbench.urls")),
    path("jobs/", include("houbei.jobs.urls")),
]

handler403 = "houbei.views.forbidden"
handler404 = "houbei.views.not_found"
handler500 = "houbei.views.server_error"
