"""URLs of the nomination list and objections."""

from django.urls import path

from nominations.views import lists

urlpatterns = [
    path("ke-hoach/<int:pk>/danh-sach/", lists.list_page, name="list_page"),
    path("ke-hoach/<int:pk>/danh-sach/chot/", lists.list_finalise, name="list_finalise"),
    path("ke-hoach/<int:pk>/danh-sach/cong-khai/", lists.list_publish, name="list_publish"),
    path("ke-hoach/<int:pk>/danh-sach/gop-y/", lists.objection_submit, name="objection_submit"),
    path("gop-y/<int:pk>/tra-loi/", lists.objection_answer, name="objection_answer"),
]
