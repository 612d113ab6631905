"""Downloads of an emulation cluster: the pact and the cross-scoring sheet for everyone
who sees the cluster (a member's sheet holds only its own scores; the staff and the head
see every unit's), the minutes of the year-end meeting for the staff and the head."""

from campaigns.models import Cluster
from campaigns.permissions.clusters import chaired_member
from portal.permissions import can, policy_view
from reports.builders.clusters import build_minutes, build_pact, build_sheet
from reports.renderers.pdf import in_official_language, render_pdf
from reports.views.documents import pdf_response


@policy_view("cluster.view", model=Cluster)
@in_official_language
def cluster_pact_pdf(request, obj):
    pdf = render_pdf("reports/pdf/cluster.html", {"doc": build_pact(obj)})
    return pdf_response(pdf, f"giao-uoc-thi-dua-{obj.year}-{obj.pk}")


@policy_view("cluster.view", model=Cluster)
@in_official_language
def cluster_sheet_pdf(request, obj):
    scorer = None
    if not can(request.user, "cluster.consolidation", obj):
        scorer = chaired_member(request.user, obj)
    pdf = render_pdf("reports/pdf/cluster.html", {"doc": build_sheet(obj, scorer)})
    return pdf_response(pdf, f"phieu-cham-cheo-{obj.year}-{obj.pk}")


@policy_view("cluster.consolidation", model=Cluster)
@in_official_language
def cluster_minutes_pdf(request, obj):
    pdf = render_pdf("reports/pdf/cluster.html", {"doc": build_minutes(obj)})
    return pdf_response(pdf, f"bien-ban-tong-ket-cum-{obj.year}-{obj.pk}")
