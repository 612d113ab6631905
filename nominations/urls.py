"""URLs of nominations/ (review, consultation, votes, lists, dossiers)."""

from django.urls import path

from nominations.views import conditions, lists, nominations, reviews, votes

app_name = "nominations"

urlpatterns = [
    path("ke-hoach/<int:pk>/", nominations.plan_progress_view, name="plan_progress"),
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
    path("ke-hoach/<int:pk>/y-kien/", nominations.opinions_page, name="opinions_page"),
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
    path("ke-hoach/<int:pk>/danh-sach/", lists.list_page, name="list_page"),
    path("ke-hoach/<int:pk>/danh-sach/chot/", lists.list_finalise, name="list_finalise"),
    path("ke-hoach/<int:pk>/danh-sach/cong-khai/", lists.list_publish, name="list_publish"),
    path("ke-hoach/<int:pk>/danh-sach/gop-y/", lists.objection_submit, name="objection_submit"),
    path("gop-y/<int:pk>/tra-loi/", lists.objection_answer, name="objection_answer"),
    path("de-nghi/<int:pk>/lap-ho-so/", lists.dossier_prepare, name="dossier_prepare"),
    path("ho-so/<int:pk>/", lists.dossier_detail, name="dossier_detail"),
    path("ho-so/<int:pk>/dinh-kem/", lists.dossier_attach, name="dossier_attach"),
    path("ho-so/<int:pk>/gui/", lists.dossier_forward, name="dossier_forward"),
    path("ho-so/<int:pk>/tiep-nhan/", lists.dossier_receive, name="dossier_receive"),
    path("ho-so/<int:pk>/tra-lai/", lists.dossier_return, name="dossier_return"),
    path("ke-hoach/<int:pk>/ho-so-nhan/", lists.incoming, name="incoming"),
    path("tai-lieu/<int:pk>/", lists.attachment_download, name="attachment_download"),
    path("ke-hoach/<int:pk>/dieu-kien-tap-the/", conditions.condition_list, name="condition_list"),
    path(
        "ke-hoach/<int:pk>/dieu-kien-tap-the/them/", conditions.condition_add, name="condition_add"
    ),
    path("dieu-kien-tap-the/<int:pk>/xoa/", conditions.condition_remove, name="condition_remove"),
]
