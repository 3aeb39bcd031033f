from django.urls import path

from houbei.accounts import second_factor_views, user_views, views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    path("password/", views.password_change, name="password_change"),
    path("second-factor/", second_factor_views.second_factor_page, name="second_factor"),
    path("users/", user_views.user_list, name="user_list"),
    path("users/new/", user_views.user_create, name="user_create"),
    path("users/<int:pk>/", user_views.user_edit, name="user_edit"),
    path("users/<int:pk>/disable/", user_views.user_disable, name="user_disable"),
    path("users/<int:pk>/enable/", user_views.user_enable, name="user_enable"),
    path("users/<int:pk>/unlock/", user_views.user_unlock, name="user_unlock"),
    path(
        "users/<int:pk>/password-reset/", user_views.user_password_reset, name="user_password_reset"
    ),
    path(
        "users/<int:pk>/second-factor-reset/",
        second_factor_views.user_second_factor_reset,
        name="user_second_factor_reset",
    ),
]
