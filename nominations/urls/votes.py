"""URLs of vote rounds and ballots."""

from django.urls import path

from nominations.views import votes

urlpatterns = [
    path("ke-hoach/<int:pk>/bieu-quyet/", votes.round_list, name="round_list"),
    path("ke-hoach/<int:pk>/bieu-quyet/tao/", votes.round_create, name="round_create"),
    path("bieu-quyet/<int:pk>/", votes.round_detail, name="round_detail"),
    path("bieu-quyet/<int:pk>/mo/", votes.round_open, name="round_open"),
    path("bieu-quyet/<int:pk>/kiem-phieu/", votes.round_close, name="round_close"),
    path("bieu-quyet/<int:pk>/huy/", votes.round_cancel, name="round_cancel"),
    path("bieu-quyet/<int:pk>/phieu/", votes.ballot, name="ballot"),
    path("bieu-quyet/<int:pk>/phieu-van-ban/", votes.written_ballot, name="written_ballot"),
    path("bieu-quyet/<int:pk>/ket-qua/", votes.round_results, name="round_results"),
    path("bieu-quyet/<int:pk>/ban-kiem-phieu/", votes.round_committee, name="round_committee"),
    path("bieu-quyet/<int:pk>/ma-khoa/", votes.key_share, name="key_share"),
    path("bieu-quyet/<int:pk>/phieu-giay/", votes.paper_mark, name="paper_mark"),
    path("bieu-quyet/<int:pk>/kiem-phieu-kin/", votes.round_count, name="round_count"),
    path("bieu-quyet/<int:pk>/niem-yet/", votes.round_bulletin, name="round_bulletin"),
]
