"""Who may see and do what with dossiers (hồ sơ) sent up for a title."""

from django.db.models import Q

from nominations.models import Dossier, DossierAttachment
from nominations.permissions.common import federation_q, is_federation_above, leads
from portal.models import BCH_ROLES, Role
from portal.permissions import is_admin, rule, selector, unit_ids_with


@selector(Dossier)
def dossiers_visible_to(user):
    """The sending unit's committee; once sent, the receiving plan's leaders and federation
    staff above the sending unit."""
    qs = Dossier.objects.select_related(
        "nomination__plan__issuer",
        "nomination__title",
        "nomination__nominee",
        "nomination__collective",
        "target_plan__issuer",
    )
    if is_admin(user):
        return qs
    committee = unit_ids_with(user, (*BCH_ROLES, Role.FEDERATION_STAFF))
    receivers = unit_ids_with(user, (Role.CHAIR, Role.VICE_CHAIR, Role.FEDERATION_STAFF))
    sent = ~Q(status=Dossier.Status.DRAFT)
    return qs.filter(
        Q(nomination__plan__issuer_id__in=committee)
        | (sent & Q(target_plan__issuer_id__in=receivers))
        | (sent & federation_q(user, "nomination__plan__issuer"))
    )


@rule("dossier.view")
def can_view_dossier(user, dossier):
    return True  # visibility is decided by dossiers_visible_to


@rule("dossier.manage")
def can_manage_dossier(user, dossier):
    return leads(user, dossier.nomination.plan.issuer)


@rule("dossier.decide")
def can_decide_dossier(user, dossier):
    return leads(user, dossier.target_plan.issuer)


@rule("dossier.prepare")
def can_prepare_dossier(user, nomination):
    return leads(user, nomination.plan.issuer)


@rule("dossier.incoming")
def can_see_incoming(user, plan):
    """The receiving plan's leaders (and federation staff above them)."""
    return is_admin(user) or leads(user, plan.issuer) or is_federation_above(user, plan.issuer)


@selector(DossierAttachment)
def dossier_attachments_visible_to(user):
    """The attachments of the dossiers the user may see."""
    return DossierAttachment.objects.filter(
        dossier__in=dossiers_visible_to(user).values("pk")
    ).select_related("dossier")


@rule("dossier.download")
def can_download_attachment(user, attachment):
    return True  # visibility is decided by dossier_attachments_visible_to
