from django.urls import path

from houbei.cultivation.views import corrections, meetings, plans, public, sessions, trainees

app_name = "cultivation"

urlpatterns = [
    path("", plans.plan_list, name="plan_list"),
    path("new/", plans.plan_new, name="plan_new"),
    path("<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("<int:pk>/enroll/", plans.plan_enroll, name="plan_enroll"),
    path("<int:pk>/add-person/", plans.plan_add_person, name="plan_add_person"),
    path("<int:pk>/sessions/new/", plans.session_new, name="session_new"),
    path("<int:pk>/exam/", plans.exam, name="exam"),
    path("<int:pk>/exam/import/", plans.exam_import, name="exam_import"),
    path("<int:pk>/meetings/new/", plans.meeting_new, name="meeting_new"),
    path("<int:pk>/export/", trainees.plan_export, name="plan_export"),
    path("sessions/<int:pk>/", sessions.session_roster, name="session_roster"),
    path("sessions/<int:pk>/slips/", sessions.session_slips, name="session_slips"),
    path("sessions/<int:pk>/export/", sessions.session_export, name="session_export"),
    path("sessions/<int:pk>/import/", sessions.session_import, name="session_import"),
    path("trainees/<int:pk>/", trainees.trainee_detail, name="trainee_detail"),
    path("trainees/<int:pk>/place/", trainees.trainee_place, name="trainee_place"),
    path("placements/<int:pk>/logs/new/", trainees.worklog_new, name="worklog_new"),
    path("placements/<int:pk>/ratings/new/", trainees.rating_new, name="rating_new"),
    path("proposals/<int:pk>/decide/", trainees.proposal_decide, name="proposal_decide"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("signin/", public.signin, name="signin"),
]

# Corrections and voiding of a practice post's records (decision 0028).
urlpatterns += corrections.URLS
