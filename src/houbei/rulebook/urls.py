from django.urls import path

from houbei.rulebook.views import pages

# The rules editor keeps the URLs and names it had when it lived in rounds.
app_name = "rounds"
urlpatterns = [
    path("", pages.round_list, name="round_list"),
    path("<int:pk>/", pages.round_detail, name="round_detail"),
    path("<int:pk>/rules/<slug:name>/edit/", pages.rules_edit, name="rules_edit"),
    path("<int:pk>/history/", pages.rules_history, name="rules_history"),
    path("versions/<int:pk>/", pages.ruleset_detail, name="ruleset_detail"),
]
