from django.urls import path

from houbei.regions import views

app_name = "regions"
urlpatterns = [
    path("villages/", views.village_list, name="village_list"),
    path("villages/<int:pk>/", views.village_detail, name="village_detail"),
]
