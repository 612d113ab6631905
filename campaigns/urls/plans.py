from django.urls import path

from campaigns.views import plans as views

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("tao/", views.plan_create, name="plan_create"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/sua/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/ban-hanh/", views.plan_publish, name="plan_publish"),
    path("<int:pk>/ket-thuc/", views.plan_close, name="plan_close"),
    path("<int:pk>/trien-khai/", views.plan_cascade, name="plan_cascade"),
    path("<int:pk>/tieu-chuan/them/", views.criterion_create, name="criterion_create"),
    path("<int:pk>/tieu-chuan/<int:item_pk>/sua/", views.criterion_edit, name="criterion_edit"),
    path("<int:pk>/tieu-chuan/<int:item_pk>/xoa/", views.criterion_delete, name="criterion_delete"),
    path("<int:pk>/danh-hieu/them/", views.title_create, name="title_create"),
    path("<int:pk>/danh-hieu/<int:item_pk>/sua/", views.title_edit, name="title_edit"),
    path("<int:pk>/danh-hieu/<int:item_pk>/xoa/", views.title_delete, name="title_delete"),
    path("<int:pk>/moc/them/", views.milestone_create, name="milestone_create"),
    path("<int:pk>/moc/<int:item_pk>/sua/", views.milestone_edit, name="milestone_edit"),
    path("<int:pk>/moc/<int:item_pk>/xoa/", views.milestone_delete, name="milestone_delete"),
    path(
        "<int:pk>/moc/<int:milestone_pk>/chuong-trinh/them/",
        views.agenda_create,
        name="agenda_create",
    ),
    path("<int:pk>/chuong-trinh/<int:item_pk>/sua/", views.agenda_edit, name="agenda_edit"),
    path("<int:pk>/chuong-trinh/<int:item_pk>/xoa/", views.agenda_delete, name="agenda_delete"),
    path("<int:pk>/muc/them/", views.section_create, name="section_create"),
    path("<int:pk>/muc/<int:item_pk>/sua/", views.section_edit, name="section_edit"),
    path("<int:pk>/muc/<int:item_pk>/xoa/", views.section_delete, name="section_delete"),
    path("<int:pk>/giai-doan/them/", views.phase_create, name="phase_create"),
    path("<int:pk>/giai-doan/<int:item_pk>/sua/", views.phase_edit, name="phase_edit"),
    path("<int:pk>/giai-doan/<int:item_pk>/xoa/", views.phase_delete, name="phase_delete"),
]
