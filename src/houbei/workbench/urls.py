from django.urls import path

from houbei.workbench import views

app_name = "workbench"
urlpatterns = [
    path("towns/", views.town_list, name="town_list"),
    path("towns/<int:pk>/", views.town_detail, name="town_detail"),
    path("surveys/stale/", views.stale_surveys, name="stale_surveys"),
    path("reviews/waiting/", views.waiting_reviews, name="waiting_reviews"),
    path("unfit/waiting/", views.waiting_unfit, name="waiting_unfit"),
    path("appointments/waiting/", views.waiting_appointments, name="waiting_appointments"),
]
