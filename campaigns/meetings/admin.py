"""Read-only admin for party-cell meetings: changes go through the services (audited,
confirmed minutes locked), never through the admin."""

from django.contrib import admin

from campaigns.models import (
    MeetingMaterial,
    Minutes,
    MinutesAttendee,
    SpeakerEntry,
    ThematicMeeting,
)
from portal.admin import ReadOnlyMixin


class MaterialInline(ReadOnlyMixin, admin.TabularInline):
    model = MeetingMaterial
    extra = 0
    fields = ["original_name", "mime", "size", "uploaded_by", "uploaded_at"]


@admin.register(ThematicMeeting)
class ThematicMeetingAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["topic", "plan", "year", "quarter", "kind", "planned_at", "status"]
    list_filter = ["kind", "status", "year", "quarter"]
    search_fields = ["topic", "plan__issuer__name"]
    inlines = [MaterialInline]


class AttendeeInline(ReadOnlyMixin, admin.TabularInline):
    model = MinutesAttendee
    extra = 0
    fields = ["name", "present", "absence_reason"]


class SpeakerInline(ReadOnlyMixin, admin.TabularInline):
    model = SpeakerEntry
    extra = 0
    fields = ["order", "speaker_name", "opinion"]


@admin.register(Minutes)
class MinutesAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["meeting", "version", "status", "chair_name", "secretary_name", "confirmed_at"]
    list_filter = ["status"]
    search_fields = ["meeting__topic", "meeting__plan__issuer__name"]
    inlines = [AttendeeInline, SpeakerInline]
