from django.urls import path

from houbei.reserves.views import (
    approvals,
    board,
    candidate,
    corrections,
    export,
    facts,
    moves,
    nominate,
    review,
    talks,
)

app_name = "reserves"
urlpatterns = [
    path("", board.board, name="board"),
    path("pool/", board.pool_list, name="pool"),
    path("pool/roster.xlsx", export.roster_export, name="roster_export"),
    path("bench/", board.bench, name="bench"),
    path("candidates/new/", nominate.candidate_new, name="candidate_new"),
    path("candidates/<int:pk>/", candidate.candidate_detail, name="candidate_detail"),
    path("candidates/<int:pk>/interview/", moves.candidate_interview, name="candidate_interview"),
    path("candidates/<int:pk>/screen/", moves.candidate_screen, name="candidate_screen"),
    path("candidates/<int:pk>/vote/", moves.candidate_vote, name="candidate_vote"),
    path("candidates/<int:pk>/send/", moves.candidate_send, name="candidate_send"),
    path("candidates/<int:pk>/pool/", moves.candidate_pool, name="candidate_pool"),
    path("candidates/<int:pk>/standing/", moves.candidate_standing, name="candidate_standing"),
    path("candidates/<int:pk>/remove/", moves.candidate_remove, name="candidate_remove"),
    path("candidates/<int:pk>/decide/", moves.candidate_decide, name="candidate_decide"),
    path("reviews/", review.review_queue, name="review_queue"),
    path("reviews/<int:pk>/", review.review_detail, name="review_detail"),
    path("people/<int:pk>/facts/", facts.person_facts, name="person_facts"),
    path("people/<int:pk>/facts/new/", facts.fact_new, name="fact_new"),
    path("facts/<int:pk>/withdraw/", facts.fact_withdraw, name="fact_withdraw"),
    path("recheck/", facts.recheck, name="recheck"),
    path("talks/", talks.talk_list, name="talk_list"),
    path("talks/new/", talks.talk_new, name="talk_new"),
    path("approvals/", approvals.approval_list, name="approval_list"),
    path("approvals/<int:pk>/decide/", approvals.approval_decide, name="approval_decide"),
    path(
        "candidates/<int:pk>/reviews/on-behalf/",
        review.reviews_on_behalf,
        name="reviews_on_behalf",
    ),
    path("review-answers/<int:pk>/scan/", review.review_scan, name="review_scan"),
    path("reviews/<int:pk>/id-number/", review.review_reveal, name="review_reveal"),
    path("reviews/on-behalf/", review.reviews_batch, name="reviews_batch"),
]

# Corrections and voiding of the candidate's records and talks (decision 0028).
urlpatterns += corrections.URLS
