"""URLs of the emulation and reward fund."""

from django.urls import path

from nominations.views import funds

urlpatterns = [
    path("don-vi/<int:pk>/quy/<int:year>/", funds.fund_page, name="fund_page"),
    path("don-vi/<int:pk>/quy/<int:year>/trich-lap/", funds.fund_allocate, name="fund_allocate"),
]
