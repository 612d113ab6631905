"""URLs of the review (bình xét): board, scoring, exclusions."""

from django.urls import path

from nominations.views import reviews

urlpatterns = [
    path("ke-hoach/<int:pk>/binh-xet/", reviews.review_board_view, name="review_board"),
    path("ke-hoach/<int:pk>/binh-xet/chot/", reviews.review_finalise, name="review_finalise"),
    path("ke-hoach/<int:pk>/binh-xet/khong-xet/", reviews.exclusion_add, name="exclusion_add"),
    path("bao-cao/<int:pk>/cham-diem/", reviews.score_report_view, name="score_report"),
    path("bao-cao/<int:pk>/binh-xet/", reviews.report_review, name="report_review"),
]
