from django.urls import path

from houbei.people import views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="person_list"),
    path("new/", views.person_create, name="person_create"),
    path("<int:pk>/", views.person_detail, name="person_detail"),
    path("<int:pk>/edit/", views.person_update, name="person_update"),
    path("<int:pk>/id-number/", views.person_reveal, name="person_reveal"),
    path("villages/<int:pk>/posts/new/", views.post_create, name="post_create"),
    path("posts/<int:pk>/end/", views.post_end, name="post_end"),
    path("import/", views.import_upload, name="import_upload"),
    path("import/confirm/", views.import_confirm, name="import_confirm"),
    path("import/template.xlsx", views.import_template, name="import_template"),
    path("export.xlsx", views.person_export, name="person_export"),
]
