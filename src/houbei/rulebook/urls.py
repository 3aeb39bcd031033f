from django.urls import path

from houbei.rulebook.views import edit, leading, pages

# The rules editor keeps the URLs and names it had when it lived in rounds.
app_name = "rounds"
urlpatterns = [
    path("", pages.round_list, name="round_list"),
    path("<int:pk>/", pages.round_detail, name="round_detail"),
    path("<int:pk>/rules/<slug:name>/edit/", edit.rules_edit, name="rules_edit"),
    path("<int:pk>/history/", pages.rules_history, name="rules_history"),
    path("<int:pk>/export/", edit.rules_export, name="rules_export"),
    path("<int:pk>/import/", edit.rules_import, name="rules_import"),
    path("versions/<int:pk>/", pages.ruleset_detail, name="ruleset_detail"),
    path("<int:pk>/leading/new/", leading.member_create, name="leading_member_create"),
    path("leading/<int:pk>/edit/", leading.member_edit, name="leading_member_edit"),
    path("leading/<int:pk>/delete/", leading.member_delete, name="leading_member_delete"),
]
