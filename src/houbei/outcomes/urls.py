from django.urls import path

from houbei.outcomes.views import (
    board,
    candidate,
    corrections,
    election,
    election_import,
    polls,
    public,
)

app_name = "outcomes"

urlpatterns = [
    path("", board.outcome_board, name="board"),
    path("targets/", board.targets, name="targets"),
    path("targets/export/", board.targets_export, name="targets_export"),
    path("evaluations/export/", board.evaluations_export, name="evaluations_export"),
    path("polls/export/", board.polls_export, name="polls_export"),
    path("candidates/<int:pk>/", candidate.candidate, name="candidate"),
    path("candidates/<int:pk>/evaluate/", candidate.evaluate, name="evaluate"),
    path("candidates/<int:pk>/polls/new/", candidate.poll_new, name="poll_new"),
    path("candidates/<int:pk>/appoint/", candidate.appoint, name="appoint"),
    path("candidates/<int:pk>/commend/", candidate.commend, name="commend"),
    path("appointments/<int:pk>/decide/", candidate.appointment_decide, name="appointment_decide"),
    path("polls/<int:pk>/", polls.poll, name="poll"),
    path("polls/<int:pk>/tally/", polls.tally, name="poll_tally"),
    path("polls/<int:pk>/confirm/", polls.confirm, name="poll_confirm"),
    path("polls/<int:pk>/slips/", polls.slips, name="poll_slips"),
    path("polls/<int:pk>/close/", polls.close, name="poll_close"),
    path("polls/<int:pk>/results/", polls.results, name="poll_results"),
    path("villages/<int:pk>/election/", election.election, name="election"),
    path("vote/", public.vote, name="vote"),
    path("election/import/", election_import.election_import, name="election_import"),
    path(
        "election/import/confirm/",
        election_import.election_import_confirm,
        name="election_import_confirm",
    ),
    path(
        "election/import/template.xlsx",
        election_import.election_import_template,
        name="election_import_template",
    ),
]

# Voiding evaluations and polls (decision 0028).
urlpatterns += corrections.URLS
