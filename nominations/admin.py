"""Admin for the configuration nominations/ adds to titles, and read-only views of the
workflow records (they change only through the services). Ballots are deliberately not
registered: nobody browses ballot content, administrators included — before the close it
would be a running tally."""

from django.contrib import admin

from nominations import models
from nominations.models import CollectiveCondition, Exclusion
from portal.admin import register_read_only


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


register_read_only(
    models.ClusterProposal,
    models.Nomination,
    models.Opinion,
    models.NominationList,
    models.ListEntry,
    models.Objection,
    models.Dossier,
    models.DossierEvent,
    models.DossierAttachment,
    models.Score,
    models.Review,
    models.VoteRound,
    models.Elector,
    models.CountingMember,  # public shares and decryption proofs: public anyway
    models.Participation,
    models.OpenVote,
    models.VoteResult,
)


# Dated rules (DESIGN.md §4b): configuration an administrator keeps current.
for rule_model in (
    models.AwardAuthority,
    models.BaseSalary,
    models.RewardRate,
    models.HistoryCondition,
):
    admin.site.register(rule_model)

# Decisions, award records and the fund change only through their services (a correction
# is a new decision, a payment a new movement): read-only here.
register_read_only(
    models.Decision,
    models.DecisionEntry,
    models.AwardRecord,
    models.Fund,
    models.FundMovement,
)
