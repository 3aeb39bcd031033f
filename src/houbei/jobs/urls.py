from django.urls import path

from houbei.jobs import exports, views

app_name = "jobs"
urlpatterns = [
    path("", views.job_list, name="job_list"),
    path("<int:pk>/", views.job_detail, name="job_detail"),
    path("<int:pk>/progress/", views.job_progress, name="job_progress"),
    path("<int:pk>/result/", views.job_result, name="job_result"),
    path("export/", exports.export_start, name="export_start"),
]
