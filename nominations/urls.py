"""URLs of nominations/ (review, consultation, votes, lists, dossiers)."""

from django.urls import path

from nominations.views import nominations, reviews, votes

app_name = "nominations"

urlpatterns = [
    path("ke-hoach/<int:pk>/binh-xet/", reviews.review_board_view, name="review_board"),
    path("ke-hoach/<int:pk>/binh-xet/chot/", reviews.review_finalise, name="review_finalise"),
    path("ke-hoach/<int:pk>/binh-xet/khong-xet/", reviews.exclusion_add, name="exclusion_add"),
    path("bao-cao/<int:pk>/cham-diem/", reviews.score_report_view, name="score_report"),
    path("bao-cao/<int:pk>/binh-xet/", reviews.report_review, name="report_review"),
    path("ke-hoach/<int:pk>/de-nghi/", nominations.nomination_list, name="nomination_list"),
    path(
        "ke-hoach/<int:pk>/de-nghi/them/", nominations.nomination_create, name="nomination_create"
    ),
    path("de-nghi/<int:pk>/", nominations.nomination_detail, name="nomination_detail"),
    path("de-nghi/<int:pk>/y-kien/", nominations.opinion_give, name="opinion_give"),
    path("de-nghi/<int:pk>/rut/", nominations.nomination_withdraw, name="nomination_withdraw"),
    path("ke-hoach/<int:pk>/bieu-quyet/", votes.round_list, name="round_list"),
    path("ke-hoach/<int:pk>/bieu-quyet/tao/", votes.round_create, name="round_create"),
    path("bieu-quyet/<int:pk>/", votes.round_detail, name="round_detail"),
    path("bieu-quyet/<int:pk>/mo/", votes.round_open, name="round_open"),
    path("bieu-quyet/<int:pk>/kiem-phieu/", votes.round_close, name="round_close"),
    path("bieu-quyet/<int:pk>/huy/", votes.round_cancel, name="round_cancel"),
    path("bieu-quyet/<int:pk>/phieu/", votes.ballot, name="ballot"),
    path("bieu-quyet/<int:pk>/phieu-van-ban/", votes.written_ballot, name="written_ballot"),
    path("bieu-quyet/<int:pk>/ket-qua/", votes.round_results, name="round_results"),
]
