"""The documents of the nominations as files, for ``export_report``: the nomination list,
the minutes (the review meeting's, then each closed vote round's), the dossiers sent up
and the certificates — the same PDFs the download views make."""

from django.core.exceptions import ValidationError

from campaigns.models import Plan
from nominations.models import Dossier, VoteRound
from reports.builders.dossiers import build_dossier
from reports.builders.lists import build_certificates, build_nomination_list
from reports.builders.reviews import build_review_minutes
from reports.builders.votes import build_vote_minutes
from reports.renderers.pdf import render_pdf

NOMINATION_KINDS = ("nominations", "minutes", "dossier", "certificates")


def nomination_files(plan: Plan, kind: str) -> list[bytes]:
    """The PDFs of `kind` for `plan`, in order; ValidationError when there is none yet."""
    if kind == "nominations":
        files = _one("nominations.html", build_nomination_list(plan.pk))
        missing = "Danh sách đề nghị chưa được chốt."
    elif kind == "certificates":
        files = _one("certificate.html", build_certificates(plan.pk))
        missing = "Chưa có người được khen thưởng."
    elif kind == "minutes":
        files = _one("review_minutes.html", build_review_minutes(plan.pk))
        rounds = VoteRound.objects.filter(plan=plan, status=VoteRound.Status.CLOSED)
        for round_id in rounds.order_by("closes_at", "id").values_list("id", flat=True):
            files += _one("vote_minutes.html", build_vote_minutes(round_id))
        missing = "Chưa có biên bản: bình xét chưa chốt và chưa có đợt biểu quyết đã kiểm phiếu."
    elif kind == "dossier":
        dossiers = Dossier.objects.filter(nomination__plan=plan).exclude(
            status=Dossier.Status.DRAFT
        )
        files = [
            render_pdf("reports/pdf/dossier.html", {"doc": build_dossier(pk)})
            for pk in dossiers.order_by("forwarded_at", "id").values_list("id", flat=True)
        ]
        missing = "Chưa có hồ sơ nào được gửi lên cấp trên."
    else:
        raise ValidationError(f"Không có loại tài liệu “{kind}”.")
    if not files:
        raise ValidationError(missing)
    return files


def _one(template: str, doc) -> list[bytes]:
    return [] if doc is None else [render_pdf(f"reports/pdf/{template}", {"doc": doc})]
