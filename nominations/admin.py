"""Admin for the configuration nominations/ adds to titles. Ballots are deliberately not
registered: nobody browses ballot content, administrators included."""

from django.contrib import admin

from nominations.models import CollectiveCondition, Exclusion


@admin.register(CollectiveCondition)
class CollectiveConditionAdmin(admin.ModelAdmin):
    list_display = ["title", "member_title", "min_share", "strict", "min_count"]
    list_select_related = ["title", "member_title"]
    raw_id_fields = ["title", "member_title"]


@admin.register(Exclusion)
class ExclusionAdmin(admin.ModelAdmin):
    list_display = ["member", "kind", "plan", "recorded_by", "recorded_at"]
    list_select_related = ["member", "plan", "recorded_by"]
    raw_id_fields = ["plan", "member", "recorded_by"]
