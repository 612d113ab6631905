from decimal import Decimal

import pytest
from django.urls import reverse

from campaigns.models import Criterion
from nominations.models import Exclusion, Review, Score
from nominations.services.reviews import score_report
from portal.models import Role
from tests.factories import CriterionFactory, MembershipFactory, TitleFactory, UserFactory
from tests.nominations.factories import SelfReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ethics(plan):
    return CriterionFactory(plan=plan, text="Chấp hành tốt chủ trương", order=1)


@pytest.fixture
def teaching(plan):
    return CriterionFactory(
        plan=plan, text="Chất lượng giảng dạy", kind=Criterion.Kind.POINTS, max_points=10, order=2
    )


@pytest.fixture
def report(plan, union, bob):
    return SelfReportFactory(plan=plan, member=bob, unit=union)


def test_board_for_bch_member(client, bch, report, ethics, teaching):
    client.force_login(bch[1])

    response = client.get(reverse("nominations:review_board", args=[report.plan_id]))

    assert response.status_code == 200
    assert [r.report for r in response.context["board"].rows] == [report]
    assert response.context["manage"] is False


def test_board_forbidden_for_plain_member(client, bob, report):
    client.force_login(bob)

    assert client.get(reverse("nominations:review_board", args=[report.plan_id])).status_code == 403


def test_board_hidden_from_other_unit(client, charlie, report):
    client.force_login(charlie)

    assert client.get(reverse("nominations:review_board", args=[report.plan_id])).status_code == 404


@pytest.mark.parametrize("rows", [1, 3])
def test_board_query_count_does_not_grow(
    client, django_assert_num_queries, bch, plan, union, ethics, teaching, rows
):
    TitleFactory(plan=plan, name="Lao động tiên tiến")
    for _ in range(rows):
        member = UserFactory()
        MembershipFactory(user=member, unit=union, role=Role.MEMBER)
        report = SelfReportFactory(plan=plan, member=member, unit=union)
        score_report(report=report, actor=bch[1], scores={ethics.pk: {"met": True}})
    client.force_login(bch[0])

    # + when each reviewer last scored (resubmissions), where the plan stands (steps) and
    # the declared "not met" (one query), and the titles' history conditions (one query)
    with django_assert_num_queries(28):
        response = client.get(reverse("nominations:review_board", args=[plan.pk]))

    assert len(response.context["board"].rows) == rows


def test_score_page_post_stores_scores(client, bch, report, ethics, teaching):
    client.force_login(bch[1])

    response = client.post(
        reverse("nominations:score_report", args=[report.pk]),
        {f"c{ethics.pk}": "1", f"c{teaching.pk}": "7,5", f"comment{teaching.pk}": "Khá"},
    )

    assert response.status_code == 302
    assert list(
        Score.objects.order_by("criterion__order").values_list("met", "points", "comment")
    ) == [
        (True, None, ""),
        (None, Decimal("7.50"), "Khá"),
    ]


def test_score_page_points_over_max_shows_error(client, bch, report, ethics, teaching):
    client.force_login(bch[1])

    response = client.post(
        reverse("nominations:score_report", args=[report.pk]),
        {f"c{ethics.pk}": "1", f"c{teaching.pk}": "12"},
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Điểm của “Chất lượng giảng dạy” phải từ 0 đến 10."
    ]
    assert Score.objects.count() == 0


def test_score_page_own_report_forbidden(client, bch, plan, union, ethics):
    own = SelfReportFactory(plan=plan, member=bch[1], unit=union)
    client.force_login(bch[1])

    assert client.get(reverse("nominations:score_report", args=[own.pk])).status_code == 403


def test_score_page_other_unit_hidden(client, charlie, report):
    client.force_login(charlie)

    assert client.get(reverse("nominations:score_report", args=[report.pk])).status_code == 404


def test_score_page_federation_staff_forbidden(client, federation_staff, report):
    client.force_login(federation_staff)

    assert client.get(reverse("nominations:score_report", args=[report.pk])).status_code == 403


def test_report_review_shows_each_reviewer(client, bch, report, ethics, teaching):
    score_report(report=report, actor=bch[1], scores={teaching.pk: {"points": 8}})
    score_report(report=report, actor=bch[2], scores={teaching.pk: {"points": 4}})
    client.force_login(bch[0])

    response = client.get(reverse("nominations:report_review", args=[report.pk]))

    criterion, result, scores = response.context["criteria_rows"][1]
    assert (criterion, result.mean, result.disagreement) == (teaching, Decimal("6.00"), True)
    assert [s.reviewer for s in scores] == sorted([bch[1], bch[2]], key=lambda u: u.sort_name)


def test_report_review_hidden_scores_from_author(client, bch, plan, union, ethics):
    own = SelfReportFactory(plan=plan, member=bch[1], unit=union)
    client.force_login(bch[1])

    assert client.get(reverse("nominations:report_review", args=[own.pk])).status_code == 403


def test_finalise_post_by_chair_locks(client, bch, report, ethics):
    score_report(report=report, actor=bch[1], scores={ethics.pk: {"met": True}})
    client.force_login(bch[0])

    client.post(reverse("nominations:review_finalise", args=[report.plan_id]))

    assert Review.objects.get().finalised_by == bch[0]


def test_finalise_post_by_bch_member_forbidden(client, bch, report):
    client.force_login(bch[1])

    assert (
        client.post(reverse("nominations:review_finalise", args=[report.plan_id])).status_code
        == 403
    )
    assert Review.objects.count() == 0


def test_finalise_get_not_allowed(client, bch, report):
    client.force_login(bch[0])

    assert (
        client.get(reverse("nominations:review_finalise", args=[report.plan_id])).status_code == 405
    )


def test_exclusion_post_by_chair(client, bch, bob, report):
    client.force_login(bch[0])

    client.post(
        reverse("nominations:exclusion_add", args=[report.plan_id]),
        {"member": bob.pk, "kind": "absence", "note": "Nghỉ ốm dài ngày"},
    )

    assert list(Exclusion.objects.values_list("member", "kind")) == [(bob.pk, "absence")]


def test_board_links_a_passing_member_to_a_proposal(
    client, bch, bob, report, plan, ethics, teaching
):
    title = TitleFactory(plan=plan, name="Lao động tiên tiến")
    score_report(
        report=report,
        actor=bch[1],
        scores={ethics.pk: {"met": True}, teaching.pk: {"points": 9}},
    )
    client.force_login(bch[0])

    board = client.get(reverse("nominations:review_board", args=[plan.pk]))
    create = reverse("nominations:nomination_create", args=[plan.pk])
    link = f"{create}?title={title.pk}&amp;nominee={bob.pk}"
    form = client.get(
        reverse("nominations:nomination_create", args=[plan.pk]),
        {"title": title.pk, "nominee": bob.pk},
    ).context["form"]

    assert link.encode() in board.content
    assert form.initial == {"title": str(title.pk), "nominee": str(bob.pk)}


def test_nomination_detail_names_failed_gates(client, bch, bob, report, plan, ethics, teaching):
    from nominations.models import Nomination

    title = TitleFactory(plan=plan, name="Lao động tiên tiến", min_points=Decimal("9"))
    nomination = Nomination.objects.create(plan=plan, title=title, nominee=bob, proposed_by=bch[0])
    score_report(report=report, actor=bch[1], scores={teaching.pk: {"points": 6}})
    client.force_login(bch[0])

    response = client.get(reverse("nominations:nomination_detail", args=[nomination.pk]))

    assert response.context["gate"].failures == [
        "Tiêu chuẩn bắt buộc chưa được chấm: Chấp hành tốt chủ trương",
        "Tổng điểm 6, dưới mức tối thiểu 9",
    ]
    assert b'id="title-gate"' in response.content


# --- scoring shows what the member said (issue 11) ---------------------------------------


@pytest.fixture
def said(report, ethics, teaching, bob):
    """bob's submitted version: "not met" on the required criterion 1 (46 days of sick
    leave), 8.5 points on criterion 2, with evidence text and one file."""
    from django.utils import timezone

    from campaigns.models import EvidenceFile, SelfReportVersion

    SelfReportVersion.objects.create(
        report=report,
        number=1,
        submitted_at=timezone.now(),
        submitted_by=bob,
        receipt_code="ABCDEFGH",
        snapshot={
            "narrative": "Làm theo Bác",
            "titles": [],
            "answers": [
                {
                    "criterion_id": ethics.pk,
                    "kind": "met",
                    "text": ethics.text,
                    "met": False,
                    "points": None,
                    "max_points": None,
                    "evidence": "Nghỉ ốm 46 ngày",
                },
                {
                    "criterion_id": teaching.pk,
                    "kind": "points",
                    "text": teaching.text,
                    "met": None,
                    "points": "8.50",
                    "max_points": "10.00",
                    "evidence": "Giáo viên dạy giỏi cấp quận",
                },
            ],
            "files": [],
        },
    )
    return EvidenceFile.objects.create(
        report=report,
        criterion=teaching,
        file="evidence/x/giay-khen.pdf",
        original_name="giay-khen.pdf",
        mime="application/pdf",
        size=10,
        uploaded_at=timezone.now(),
        uploaded_by=bob,
    )


def test_score_page_shows_the_members_answer_evidence_and_files_beside_each_criterion(
    client, bch, report, said, teaching
):
    client.force_login(bch[1])

    html = client.get(reverse("nominations:score_report", args=[report.pk])).content.decode()

    block = html.split(f'id="criterion-{teaching.pk}"')[1].split("</fieldset>")[0]
    assert "Giáo viên dạy giỏi cấp quận" in block
    assert "8,5/10" in block
    assert reverse("campaigns:evidence_download", args=[said.pk]) in block
    assert "<details" not in html  # not collapsed


def test_score_page_flags_a_required_criterion_declared_not_met(client, bch, report, said, ethics):
    client.force_login(bch[1])

    html = client.get(reverse("nominations:score_report", args=[report.pk])).content.decode()

    block = html.split(f'id="criterion-{ethics.pk}"')[1].split("</fieldset>")[0]
    assert "Nghỉ ốm 46 ngày" in block
    assert "declared-not-met" in block


def test_board_flags_a_required_criterion_declared_not_met(client, bch, report, said, ethics):
    client.force_login(bch[1])

    response = client.get(reverse("nominations:review_board", args=[report.plan_id]))

    assert response.context["board"].rows[0].declared_not_met == [ethics]
    assert "tự khai chưa đạt tiêu chuẩn 1" in response.content.decode()


def test_scoring_starts_from_the_members_own_assessment(
    client, bch, report, said, ethics, teaching
):
    client.force_login(bch[1])
    url = reverse("nominations:score_report", args=[report.pk])

    form = client.get(url).context["form"]
    assert form[f"c{ethics.pk}"].value() == "0"
    assert form[f"c{teaching.pk}"].value() == "8,5"

    # Agreeing is one pass: post the form as it came.
    client.post(url, {f"c{ethics.pk}": "0", f"c{teaching.pk}": "8,5"})
    assert list(Score.objects.order_by("criterion__order").values_list("met", "points")) == [
        (False, None),
        (None, Decimal("8.50")),
    ]
