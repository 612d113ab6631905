"""URLs of units, members, member imports and account activation."""

from django.urls import path

from portal.views import accounts, imports, members, units

urlpatterns = [
    path("don-vi/", units.unit_list, name="unit_list"),
    path("don-vi/<int:pk>/them-don-vi/", units.unit_create, name="unit_create"),
    path("don-vi/<int:pk>/sua/", units.unit_edit, name="unit_edit"),
    path("don-vi/<int:pk>/chuyen/", units.unit_move, name="unit_move"),
    path("don-vi/<int:pk>/giai-the/", units.unit_close, name="unit_close"),
    path("don-vi/<int:pk>/doan-vien/", members.member_list, name="member_list"),
    path("don-vi/<int:pk>/doan-vien/them/", members.member_add, name="member_add"),
    path("don-vi/<int:pk>/nhap/", imports.import_upload, name="import_upload"),
    path("don-vi/<int:pk>/nhap/mau.xlsx", imports.import_template, name="import_template"),
    path("nhap/<str:token>/", imports.import_preview, name="import_preview"),
    path("nhap/<str:token>/xac-nhan/", imports.import_confirm, name="import_confirm"),
    path("nhap/<str:token>/huy/", imports.import_discard, name="import_discard"),
    path("thanh-vien/<int:pk>/", members.member_edit, name="member_edit"),
    path("thanh-vien/<int:pk>/vai-tro/", members.member_roles, name="member_roles"),
    path("thanh-vien/<int:pk>/ket-thuc/", members.member_end, name="member_end"),
    path("thanh-vien/<int:pk>/gui-kich-hoat/", members.member_send_link, name="member_send_link"),
    path("kich-hoat/", accounts.activate, name="activate"),
    path("kich-hoat/<str:token>/", accounts.activate_link, name="activate_link"),
    path("dat-mat-khau/", accounts.first_password, name="first_password"),
]
