"""campaigns/ plans: list, detail, create, edit, publish, close, cascade, and the plan's
parts (criteria, titles, milestones with their agenda, sections, phases).

Who may change a plan: the managers of its issuing unit (chutich_senhong for Sen Hồng's
plan) and the administrator. The federation above reads it (and its cascade status) but
does not edit a CĐCS's plan; members and committee members read; Quận 1's officer does not
learn it exists (404).
"""

import datetime as dt

from django.utils import timezone

from campaigns.models import Milestone, PlanPhase
from tests.walk.tables import Expect, statuses

# Pages that edit Sen Hồng's live plan (GET shows the form).
EDIT_PAGE = statuses(403, anonymous=302, admin=200, chutich_senhong=200, outsider=404)
# The same rights, answering a POST that changes something (redirect back to the plan).
EDIT_POST = statuses(403, anonymous=302, admin=302, chutich_senhong=302, outsider=404)
# A state change asked for with GET: refused (405) to those who could POST it.
EDIT_GET_OF_POST = statuses(403, anonymous=302, admin=405, chutich_senhong=405, outsider=404)


def _live(d):
    return {"pk": d.live_cdcs_plan.pk}


def _criterion(d):
    """Sen Hồng's own criterion (not inherited: the chair may delete it)."""
    plan = d.live_cdcs_plan
    return {"pk": plan.pk, "item_pk": plan.criteria.filter(inherited_from=None).first().pk}


def _title(d):
    plan = d.live_cdcs_plan
    return {"pk": plan.pk, "item_pk": plan.titles.order_by("-inherited_from", "id").first().pk}


def _milestone(d, kind=Milestone.Kind.SELF_REPORT):
    plan = d.live_cdcs_plan
    return plan.milestones.filter(kind=kind).first()


def _agenda_item(d):
    plan = d.live_cdcs_plan
    item = (
        plan.milestones.filter(agenda_items__isnull=False)
        .values_list("agenda_items", flat=True)
        .first()
    )
    return {"pk": plan.pk, "item_pk": item}


def _section(d):
    plan = d.live_cdcs_plan
    return {"pk": plan.pk, "item_pk": plan.sections.first().pk}


def _phase(d):
    """The demo's live plan has no phase: make one. The walk resolves kwargs inside the
    savepoint it rolls back after each request, so the phase never outlives the request."""
    plan = d.live_cdcs_plan
    today = timezone.localdate()
    phase = PlanPhase.objects.create(
        plan=plan, name="Giai đoạn 1", starts_on=today, ends_on=today + dt.timedelta(days=7)
    )
    return {"pk": plan.pk, "item_pk": phase.pk}


EXPECTATIONS = {
    # Everyone signed in has a plan list; it shows only what they may see.
    "campaigns:plan_list": Expect(status=statuses(200, anonymous=302)),
    # Sen Hồng's live plan: its people, the federation above and the chi bộ below see it;
    # Quận 1's officer does not even learn it exists.
    "campaigns:plan_detail": Expect(
        kwargs=_live, status=statuses(200, anonymous=302, outsider=404)
    ),
    # Anyone who manages a unit may start a plan (for one of their units).
    "campaigns:plan_create": Expect(
        status=statuses(200, anonymous=302, bch_senhong=403, doanvien_senhong=403, bgh_senhong=403)
    ),
    "campaigns:plan_edit": Expect(kwargs=_live, status=EDIT_PAGE),
    # The live plan is published already: publishing again is refused to everyone.
    "campaigns:plan_publish": Expect(
        method="POST", kwargs=_live, status=statuses(403, anonymous=302, outsider=404)
    ),
    "campaigns:plan_close": [
        Expect(method="POST", kwargs=_live, status=EDIT_POST),
        Expect(kwargs=_live, status=EDIT_GET_OF_POST),
    ],
    # "Create our plan from this one": managers of units below the federation (the CĐCS
    # chair, the chi bộ secretary); Sen Hồng already has its plan, so a POST for it shows
    # the form again with the refusal.
    "campaigns:plan_cascade": [
        Expect(
            kwargs=lambda d: {"pk": d.live_federation_plan.pk},
            status=statuses(
                403,
                anonymous=302,
                admin=200,
                chutich_senhong=200,
                bithu_senhong=200,
                outsider=404,
            ),
        ),
        Expect(
            method="POST",
            kwargs=lambda d: {"pk": d.live_federation_plan.pk},
            data=lambda d: {"unit": d.senhong.pk},
            status=statuses(
                403,
                anonymous=302,
                admin=200,
                chutich_senhong=200,
                bithu_senhong=200,
                outsider=404,
            ),
        ),
    ],
    "campaigns:criterion_create": Expect(kwargs=_live, status=EDIT_PAGE),
    "campaigns:criterion_edit": Expect(kwargs=_criterion, status=EDIT_PAGE),
    "campaigns:criterion_delete": [
        Expect(method="POST", kwargs=_criterion, status=EDIT_POST),
        Expect(kwargs=_criterion, status=EDIT_GET_OF_POST),
    ],
    "campaigns:title_create": Expect(kwargs=_live, status=EDIT_PAGE),
    "campaigns:title_edit": Expect(kwargs=_title, status=EDIT_PAGE),
    "campaigns:title_delete": Expect(method="POST", kwargs=_title, status=EDIT_POST),
    "campaigns:milestone_create": Expect(kwargs=_live, status=EDIT_PAGE),
    "campaigns:milestone_edit": Expect(
        kwargs=lambda d: {"pk": d.live_cdcs_plan.pk, "item_pk": _milestone(d).pk},
        status=EDIT_PAGE,
    ),
    "campaigns:milestone_delete": Expect(
        method="POST",
        kwargs=lambda d: {"pk": d.live_cdcs_plan.pk, "item_pk": _milestone(d).pk},
        status=EDIT_POST,
    ),
    "campaigns:agenda_create": Expect(
        kwargs=lambda d: {
            "pk": d.live_cdcs_plan.pk,
            "milestone_pk": _milestone(d, Milestone.Kind.CEREMONY).pk,
        },
        status=EDIT_PAGE,
    ),
    "campaigns:agenda_edit": Expect(kwargs=_agenda_item, status=EDIT_PAGE),
    "campaigns:agenda_delete": Expect(method="POST", kwargs=_agenda_item, status=EDIT_POST),
    "campaigns:section_create": Expect(kwargs=_live, status=EDIT_PAGE),
    "campaigns:section_edit": Expect(kwargs=_section, status=EDIT_PAGE),
    "campaigns:section_delete": Expect(method="POST", kwargs=_section, status=EDIT_POST),
    "campaigns:phase_create": Expect(kwargs=_live, status=EDIT_PAGE),
    "campaigns:phase_edit": Expect(kwargs=_phase, status=EDIT_PAGE),
    "campaigns:phase_delete": Expect(method="POST", kwargs=_phase, status=EDIT_POST),
}


# The plan importer (campaigns/plan_imports): who may create plans may import one. A GET of
# the upload page shows the form; a POST of pasted text shows the review (nothing saved);
# the create step answers only POST, and a POST of an empty review shows the form again.
_PASTED = {"text": "KẾ HOẠCH\nTổ chức hội nghị tuyên dương năm 2026\n\nI. MỤC ĐÍCH\n- Biểu dương."}
EXPECTATIONS.update(
    {
        "campaigns:plan_import": [
            Expect(
                status=statuses(
                    200, anonymous=302, bch_senhong=403, doanvien_senhong=403, bgh_senhong=403
                )
            ),
            Expect(
                method="POST",
                data=_PASTED,
                status=statuses(
                    200, anonymous=302, bch_senhong=403, doanvien_senhong=403, bgh_senhong=403
                ),
            ),
        ],
        "campaigns:plan_import_create": [
            Expect(
                status=statuses(
                    405, anonymous=302, bch_senhong=403, doanvien_senhong=403, bgh_senhong=403
                )
            ),
            Expect(
                method="POST",
                data={"title": ""},
                status=statuses(
                    200, anonymous=302, bch_senhong=403, doanvien_senhong=403, bgh_senhong=403
                ),
            ),
        ],
    }
)
