"""Read-side of dossiers: what a plan receives, what a dossier holds."""

from dataclasses import dataclass

from campaigns.consolidation import consolidate
from campaigns.models import SelfReportVersion
from nominations.models import Dossier, VoteResult
from nominations.selectors.reviews import score_rows
from portal.permissions import visible_to


def incoming_dossiers(user, plan):
    """Dossiers sent up to `plan` that the user may see, with what a row shows."""
    return (
        visible_to(user, Dossier)
        .filter(target_plan=plan)
        .exclude(status=Dossier.Status.DRAFT)
        .order_by("nomination__plan__issuer__name", "nomination__title__order", "id")
    )


@dataclass(frozen=True)
class DossierContents:
    """What the receiving level reads: the self-report, the scores, the opinions, the
    vote, the attachments and the history."""

    version: SelfReportVersion | None
    review: object | None  # consolidated ReportResult of the nominee's report
    opinions: list
    votes: list[VoteResult]
    attachments: list
    events: list


def dossier_contents(dossier: Dossier) -> DossierContents:
    nomination = dossier.nomination
    version = None
    review = None
    if nomination.nominee_id:
        version = (
            SelfReportVersion.objects.filter(
                report__plan=nomination.plan, report__member=nomination.nominee
            )
            .order_by("-number")
            .first()
        )
        if version is not None:
            review = consolidate(score_rows([version.report_id])).get(version.report_id)
    return DossierContents(
        version=version,
        review=review,
        opinions=list(nomination.opinions.select_related("author")),
        votes=list(nomination.vote_results.select_related("round").filter(passed=True)),
        attachments=list(dossier.attachments.select_related("uploaded_by")),
        events=list(dossier.events.select_related("actor")),
    )
