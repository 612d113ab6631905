"""Who may see, fill and read self-reports. Registered with the one policy in portal.

- A member sees and edits only their own report.
- The BCH of the report's union sees the union's submitted reports, read-only (drafts stay
  private to their author until submitted).
- Federation staff see the submitted reports of every union below them, read-only.
- Everyone else: the report does not exist for them (404).
"""

from django.db.models import F, Q

from campaigns.models import DeadlineExtension, EvidenceFile, Plan, SelfReport
from portal.models import BCH_ROLES, Role
from portal.permissions import (
    is_admin,
    is_bch,
    is_chair,
    is_federation_over,
    is_member,
    paths_with,
    rule,
    selector,
    unit_ids_with,
)

SUBMITTED = SelfReport.Status.SUBMITTED


def _readers_q(user, prefix: str) -> Q:
    """Reports (reached through `prefix`) the user may read without owning them."""
    q = Q(pk__in=[])
    bch_units = unit_ids_with(user, BCH_ROLES)
    if bch_units:
        q |= Q(**{f"{prefix}unit_id__in": bch_units, f"{prefix}status": SUBMITTED})
    for path in paths_with(user, (Role.FEDERATION_STAFF,)):
        q |= Q(**{f"{prefix}unit__path__startswith": path, f"{prefix}status": SUBMITTED})
    return q


@selector(SelfReport)
def self_reports_visible_to(user):
    """Own reports, plus the submitted reports of the unions the user reads."""
    qs = SelfReport.objects.select_related("plan__issuer", "unit", "member")
    if is_admin(user):
        return qs
    return qs.filter(Q(member=user) | _readers_q(user, ""))


@selector(EvidenceFile)
def evidence_files_visible_to(user):
    """Files of the reports the user may see: the owner sees all; a reader only the files
    of the last submitted version (uploaded before it was submitted), not the ones added
    to the working copy since."""
    qs = EvidenceFile.objects.select_related("report__plan", "report__unit")
    if is_admin(user):
        return qs
    submitted = Q(uploaded_at__lte=F("report__submitted_at"))
    return qs.filter(Q(report__member=user) | (_readers_q(user, "report__") & submitted))


@selector(DeadlineExtension)
def extensions_visible_to(user):
    """Own requests; the BCH's and the federation's over the plans of their units."""
    qs = DeadlineExtension.objects.select_related("plan__issuer", "member", "decided_by")
    if is_admin(user):
        return qs
    q = Q(member=user) | Q(plan__issuer_id__in=unit_ids_with(user, BCH_ROLES))
    for path in paths_with(user, (Role.FEDERATION_STAFF,)):
        q |= Q(plan__issuer__path__startswith=path)
    return qs.filter(q)


def may_fill(user, plan: Plan) -> bool:
    """A union member of the issuing union, while the plan is published and the union
    open (a closed union's plans are history)."""
    return (
        plan.status == Plan.Status.PUBLISHED
        and not plan.issuer.is_closed
        and is_member(user, plan.issuer)
    )


def reads_unit(user, plan: Plan) -> bool:
    return is_admin(user) or is_bch(user, plan.issuer) or is_federation_over(user, plan.issuer)


@rule("selfreport.fill")
def can_fill_self_report(user, plan):
    return may_fill(user, plan)


@rule("selfreport.view")
def can_view_self_report(user, report):
    return True  # visibility is decided by self_reports_visible_to


@rule("selfreport.edit")
def can_edit_self_report(user, report):
    return (
        report.member_id == user.pk
        and report.plan.status == Plan.Status.PUBLISHED
        and not report.plan.issuer.is_closed
    )


@rule("selfreport.receipt")
def can_see_receipt(user, report):
    return report.member_id == user.pk and report.is_submitted


@rule("selfreport.overview")
def can_see_overview(user, plan):
    return reads_unit(user, plan)


@rule("selfreport.remind")
def can_remind(user, plan):
    return plan.status == Plan.Status.PUBLISHED and (is_admin(user) or is_bch(user, plan.issuer))


@rule("extension.request")
def can_request_extension(user, plan):
    return may_fill(user, plan)


@rule("extension.decide")
def can_decide_extension(user, extension):
    """Only the union's chair (or a vice-chair standing in) decides, once."""
    return (
        extension.status == DeadlineExtension.Status.REQUESTED
        and extension.plan.status == Plan.Status.PUBLISHED
        and (is_admin(user) or is_chair(user, extension.plan.issuer))
    )


@rule("evidence.download")
def can_download_evidence(user, evidence):
    return True  # visibility is decided by evidence_files_visible_to


@rule("evidence.remove")
def can_remove_evidence(user, evidence):
    return can_edit_self_report(user, evidence.report)
