from django.urls import path

from portal.views import guide

urlpatterns = [
    path("huong-dan/", guide.guide_index, name="guide"),
    path("huong-dan/an/", guide.guide_dismiss, name="guide_dismiss"),
    path("huong-dan/hien-lai/", guide.guide_restore, name="guide_restore"),
    path("huong-dan/<slug:slug>/", guide.guide_page, name="guide_page"),
]
