from django.contrib import admin

from campaigns.models import (
    AgendaItem,
    Cluster,
    ClusterCriterion,
    ClusterMember,
    Criterion,
    CrossScore,
    DeadlineExtension,
    EvidenceFile,
    MeetingMaterial,
    Milestone,
    Minutes,
    MinutesAttendee,
    PactConfirmation,
    Plan,
    PlanPhase,
    PlanSection,
    RatingLevel,
    RatingScheme,
    Registration,
    ReminderLog,
    SelfReport,
    SelfReportAnswer,
    SelfReportVersion,
    SpeakerEntry,
    ThematicMeeting,
    Title,
    UnitAssessment,
    UnitAssessmentItem,
    UnitAssessmentVersion,
    UnitCriterionScore,
    UnitDeadlineExtension,
    UnitEvidenceFile,
)
from portal.admin import ReadOnlyMixin, register_read_only


class SectionInline(admin.StackedInline):
    model = PlanSection
    extra = 0


class PhaseInline(admin.TabularInline):
    model = PlanPhase
    extra = 0


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0
    fk_name = "plan"
    raw_id_fields = ["inherited_from"]


class TitleInline(admin.TabularInline):
    model = Title
    extra = 0
    fk_name = "plan"
    raw_id_fields = ["inherited_from", "prerequisite"]


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["__str__", "issuer", "kind", "year", "status", "parent"]
    list_filter = ["kind", "status", "year", "is_historical"]
    list_select_related = ["issuer", "parent__issuer"]
    search_fields = ["title", "issuer__name", "search_text"]
    raw_id_fields = ["issuer", "parent"]
    inlines = [SectionInline, PhaseInline, CriterionInline, TitleInline, MilestoneInline]


class AgendaInline(admin.TabularInline):
    model = AgendaItem
    extra = 0


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ["__str__", "plan", "kind", "starts_at", "ends_at", "place"]
    list_filter = ["kind"]
    list_select_related = ["plan__issuer"]
    raw_id_fields = ["plan"]
    inlines = [AgendaInline]


for model in (Criterion, Title, PlanSection, PlanPhase, AgendaItem):
    admin.site.register(model)

# --- party-cell meetings: read only; changes go through the services (audited, confirmed
# minutes locked), never through the admin.


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


# Registrations, self-reports and reminders change only through their services (deadline
# checks, versions, audit entries); the admin reads them.
register_read_only(
    Registration,
    ReminderLog,
    SelfReport,
    SelfReportAnswer,
    SelfReportVersion,
    EvidenceFile,
    DeadlineExtension,
    MeetingMaterial,
    MinutesAttendee,
    SpeakerEntry,
    UnitCriterionScore,
)

# Unit ratings: the scheme is set on the plan's rating page and the assessments change
# only through their services (deadline, versions, reasons, audit); the admin reads them.
register_read_only(
    RatingScheme,
    RatingLevel,
    UnitAssessment,
    UnitAssessmentItem,
    UnitAssessmentVersion,
    UnitEvidenceFile,
    UnitDeadlineExtension,
)

# Clusters: created, assigned, confirmed and scored only through their services (state,
# deadline, audit); the admin reads them.
register_read_only(
    Cluster,
    ClusterMember,
    ClusterCriterion,
    PactConfirmation,
    CrossScore,
)
