from django.urls import path

from houbei.risk.views import (
    corrections,
    dashboard,
    exports,
    leadership,
    meetings,
    problems,
    surveys,
    village,
)

app_name = "risk"
urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("assess/", dashboard.assessment_run, name="assessment_run"),
    path("assess/all/", dashboard.assessment_job, name="assessment_job"),
    path("villages/<int:pk>/", village.village, name="village"),
    path("villages/<int:pk>/panel/", village.village_panel, name="village_panel"),
    path("assessments/<int:pk>/", village.assessment_detail, name="assessment_detail"),
    path("assessments/<int:pk>/override/", village.override_create, name="override_create"),
    path("overrides/", village.override_list, name="override_list"),
    path("overrides/<int:pk>/decide/", village.override_decide, name="override_decide"),
    path("villages/<int:pk>/surveys/new/", surveys.survey_create, name="survey_create"),
    path("surveys/<int:pk>/edit/", surveys.survey_edit, name="survey_edit"),
    path("villages/<int:pk>/facts/", surveys.facts_edit, name="facts_edit"),
    path("villages/<int:pk>/outlook/", surveys.outlook_confirm, name="outlook_confirm"),
    path("problems/", problems.problem_list, name="problem_list"),
    path("focus/", problems.focus_list, name="focus_list"),
    path("villages/<int:pk>/problems/new/", problems.problem_create, name="problem_create"),
    path("problems/<int:pk>/", problems.problem_detail, name="problem_detail"),
    path("problems/<int:pk>/edit/", problems.problem_edit, name="problem_edit"),
    path("problems/<int:pk>/progress/", problems.problem_progress, name="problem_progress"),
    path("problems/<int:pk>/close/", problems.problem_close, name="problem_close"),
    path("leaders/", leadership.assignment_list, name="assignment_list"),
    path("leaders/new/", leadership.assignment_create, name="assignment_create"),
    path("leaders/<int:pk>/edit/", leadership.assignment_edit, name="assignment_edit"),
    path("leaders/<int:pk>/delete/", leadership.assignment_delete, name="assignment_delete"),
    path("export/risk.xlsx", exports.export_risk, name="export_risk"),
    path("export/problems.xlsx", exports.export_problems, name="export_problems"),
    # voiding (decision 0028); the edit pages above are the corrections
    path("surveys/<int:pk>/void/", surveys.survey_void, name="survey_void"),
    path("problems/<int:pk>/void/", problems.problem_void, name="problem_void"),
    path("meetings/", meetings.meeting_list, name="meeting_list"),
    path("meetings/new/", meetings.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/actions/", meetings.action_create, name="action_create"),
    path("meetings/<int:pk>/confirm/", meetings.meeting_confirm, name="meeting_confirm"),
    path("actions/", meetings.action_list, name="action_list"),
    path("actions/<int:pk>/done/", meetings.action_done, name="action_done"),
    *corrections.URLS,  # the meeting's record page and correction (decision 0028)
]
