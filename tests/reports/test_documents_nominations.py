"""The documents that follow from the nominations: the nomination list, the minutes of the
review meeting and of each vote round, a forwarded nominee's dossier, the certificates
and the awardees on the ceremony programme — their content read back from the PDF, their
query counts and who may download them."""

import datetime as dt
import io
from types import SimpleNamespace

import pytest
from django.urls import reverse

from campaigns.models import SelfReportVersion, Title
from nominations.models import VoteRound
from nominations.services.ballots import cast_ballot
from nominations.services.dossiers import forward_dossier, prepare_dossier
from nominations.services.lists import finalise_list, publish_list
from nominations.services.nominations import propose_nomination
from nominations.services.reviews import finalise_review, score_report
from nominations.services.votes import create_vote_round
from portal.models import Role
from reports.builders.dossiers import build_dossier
from reports.builders.lists import build_certificates, build_nomination_list
from reports.builders.nominations import share_text
from reports.builders.plan import build_ceremony_programme
from reports.builders.reviews import build_review_minutes
from reports.builders.votes import build_vote_minutes
from reports.renderers.pdf import render_pdf
from tests.factories import MembershipFactory, OrgUnitFactory, TitleFactory, UserFactory
from tests.nominations.committee import close_round, open_round
from tests.nominations.factories import SelfReportFactory
from tests.reports.factories_pdf import at, federation_plan, seed_000_plan
from tests.reports.pdf_helpers import dark_pixel_share, first_page_image, pdf_pages_text, pdf_text

pytestmark = pytest.mark.django_db

HOUR = dt.timedelta(hours=1)
# The BCH: the chair (alice, from conftest) and six members — seven electors.
BCH_NAMES = (
    "Nguyễn Văn Bình",
    "Lê Thị Cúc",
    "Đặng Minh Khoa",
    "Võ Thị Hạnh",
    "Phan Văn Lộc",
    "Tô Thị Mai",
)
# Nominees for the school-level title, with the approvals each gets out of 7. Sorted the
# Vietnamese way (given name first: Ân < Dũng < Đào < Ơn) — not the order of their
# surnames, nor of their vote shares.
NOMINEES = (
    ("Nguyễn Thị Ơn", 5),
    ("Trần Văn Ân", 7),
    ("Phạm Văn Dũng", 6),
    ("Lê Thị Đào", 6),
)
DISTRICT_NOMINEE = ("Huỳnh Thị Ngọc Yến", 6)


def render(template: str, doc) -> bytes:
    return render_pdf(f"reports/pdf/{template}", {"doc": doc})


def _member(union, group, name, role=Role.MEMBER, position="Giáo viên"):
    user = UserFactory(full_name=name)
    MembershipFactory(user=user, unit=union, role=role, group=group, position=position)
    return user


def _report(plan, union, member, criteria, bch, number):
    report = SelfReportFactory(plan=plan, member=member, unit=union, submitted_at=at(2023, 3, 22))
    SelfReportVersion.objects.create(
        report=report,
        number=1,
        submitted_at=at(2023, 3, 22, 9),
        receipt_code=f"BN-{number:04d}",
        snapshot={
            "narrative": f"Tích cực học tập và làm theo gương Bác, lần {number}.",
            "answers": [
                {
                    "criterion_id": c.pk,
                    "text": c.text,
                    "kind": c.kind,
                    "met": True if c.kind == "met" else None,
                    "points": "9" if c.kind == "points" else None,
                    "max_points": "10" if c.kind == "points" else None,
                    "evidence": "Hiến máu 2 lần trong năm" if c.kind == "points" else "",
                }
                for c in criteria
            ],
        },
    )
    for i, reviewer in enumerate(bch):
        scores = {
            c.pk: {"met": True} if c.kind == "met" else {"points": str(7 + (i + number) % 4)}
            for c in criteria
        }
        score_report(report=report, actor=reviewer, scores=scores, now=at(2023, 3, 23, 14))
    return report


def _vote(plan, chair, bch, name, nominations, approvals, *, opens, mode="secret"):
    round = create_vote_round(
        plan=plan,
        name=name,
        nominations=nominations,
        opens_at=opens,
        closes_at=opens + 2 * HOUR,
        actor=chair,
        mode=mode,
        now=opens - HOUR,
    )
    round = open_round(round=round, actor=chair, now=opens)
    for i, voter in enumerate(bch):
        choices = {
            str(n.pk): "approve" if i < k else ("abstain" if i == 6 else "disapprove")
            for n, k in zip(nominations, approvals, strict=True)
        }
        cast_ballot(round=round, actor=voter, choices=choices, now=opens + HOUR)
    return close_round(round=round, actor=chair, now=opens + 2 * HOUR)


def build_scenario(federation, union, alice, *, nominees=NOMINEES, district=True):
    """Seed 000's CĐCS plan, reviewed, voted, listed, published, one dossier sent up."""
    parent = federation_plan(federation)
    plan = seed_000_plan(union, parent=parent)
    TitleFactory(plan=parent, name="Gương điển hình tiên tiến", level=Title.Level.DISTRICT)
    group = OrgUnitFactory(
        code="senhong-choi", name="Tổ Chồi", kind=union.Kind.UNION_GROUP, parent=union
    )
    bch = [alice] + [_member(union, group, n, Role.BCH_MEMBER) for n in BCH_NAMES]
    criteria = list(plan.criteria.order_by("order", "id"))
    school_title = plan.titles.get(level=Title.Level.UNIT)
    district_title = plan.titles.get(level=Title.Level.DISTRICT)
    people = [(_member(union, group, name), k) for name, k in nominees]
    if district:
        people_d = [(_member(union, group, DISTRICT_NOMINEE[0]), DISTRICT_NOMINEE[1])]
    else:
        people_d = []
    for number, (person, _k) in enumerate(people + people_d, start=1):
        _report(plan, union, person, criteria, bch[1:], number)
    review = finalise_review(plan=plan, actor=alice, now=at(2023, 3, 23, 16))
    school = [
        propose_nomination(
            plan=plan,
            title=school_title,
            nominee=person,
            actor=alice,
            achievements="Giáo viên giỏi cấp trường năm học 2022-2023.\nHiến máu nhân đạo.",
            now=at(2023, 3, 23, 17),
        )
        for person, _k in people
    ]
    secret = _vote(
        plan,
        alice,
        bch,
        "Bỏ phiếu kín bình chọn Gương tiêu biểu cấp trường",
        school,
        [k for _p, k in people],
        opens=at(2023, 3, 24, 8),
    )
    upward = None
    if people_d:
        upward = propose_nomination(
            plan=plan,
            title=district_title,
            nominee=people_d[0][0],
            actor=alice,
            achievements="Gương điển hình học tập và làm theo Bác cấp trường ba năm liền.",
            now=at(2023, 3, 23, 17),
        )
        _vote(
            plan,
            alice,
            bch,
            "Bỏ phiếu kín đề nghị Gương điển hình tiên tiến cấp Quận",
            [upward],
            [people_d[0][1]],
            opens=at(2023, 3, 24, 10, 30),
        )
    nomination_list = finalise_list(plan=plan, actor=alice, now=at(2023, 3, 24, 14))
    publish_list(
        nomination_list=nomination_list, actor=alice, feedback_days=3, now=at(2023, 3, 24, 15)
    )
    dossier = None
    if upward is not None:
        dossier = prepare_dossier(nomination=upward, actor=alice, now=at(2023, 3, 28, 8))
        dossier = forward_dossier(dossier=dossier, actor=alice, now=at(2023, 3, 28, 9))
    return SimpleNamespace(
        plan=plan,
        parent=parent,
        bch=bch,
        group=group,
        review=review,
        secret=secret,
        dossier=dossier,
        people=[p for p, _k in people],
    )


@pytest.fixture
def s(federation, union, alice):
    return build_scenario(federation, union, alice)


# --- formats -------------------------------------------------------------------------------


def test_share_text_uses_one_decimal_and_a_comma():
    from decimal import Decimal
    from fractions import Fraction

    assert share_text(Fraction(6, 7)) == "85,7%"
    assert share_text(Decimal("0.8000")) == "80%"
    assert share_text(Decimal("0.7143")) == "71,4%"
    assert share_text(Fraction(1, 1)) == "100%"


# --- the nomination list -------------------------------------------------------------------


def test_nomination_list_groups_titles_and_sorts_names_the_vietnamese_way(s):
    doc = build_nomination_list(s.plan.pk)

    assert [g.heading for g in doc.groups] == [
        "Danh hiệu “Gương điển hình tiên tiến” (Cấp quận/huyện)",
        "Danh hiệu “Gương tiêu biểu cấp trường” (Cấp cơ sở / cấp trường)",
    ]
    school = doc.groups[1].rows
    assert [r.name for r in school] == [
        "Trần Văn Ân",
        "Phạm Văn Dũng",
        "Lê Thị Đào",
        "Nguyễn Thị Ơn",
    ]
    assert [r.number for r in school] == [2, 3, 4, 5]
    assert [(r.share, r.votes) for r in school] == [
        ("100%", "7/7"),
        ("85,7%", "6/7"),
        ("85,7%", "6/7"),
        ("71,4%", "5/7"),
    ]
    assert school[0].position == "Giáo viên, Tổ Chồi"
    assert school[0].achievements == (
        "Giáo viên giỏi cấp trường năm học 2022-2023.",
        "Hiến máu nhân đạo.",
    )
    assert (doc.people, doc.collectives) == (5, 0)
    assert doc.header.place_date == "Gò Vấp, ngày 24 tháng 3 năm 2023"


def test_nomination_list_pdf_prints_names_shares_and_dates(s):
    pdf = render("nominations.html", build_nomination_list(s.plan.pk))
    text = pdf_text(pdf)

    for expected in (
        "DANH SÁCH",
        "Cá nhân, tập thể đề nghị khen thưởng",
        "Gò Vấp, ngày 24 tháng 3 năm 2023",
        "Huỳnh Thị Ngọc Yến",
        "Nguyễn Thị Ơn",
        "85,7%",
        "71,4%",
        "(6/7 phiếu)",
        "Danh sách đã được công khai ngày 24 tháng 3 năm 2023",
        "Nguyễn Thị Hồng",
    ):
        assert expected in text, expected
    order = [text.index(n) for n in ("Trần Văn Ân", "Phạm Văn Dũng", "Lê Thị Đào", "Nguyễn Thị Ơn")]
    assert order == sorted(order)


def test_nomination_list_none_before_finalised(union, federation):
    plan = seed_000_plan(union, parent=federation_plan(federation))

    assert build_nomination_list(plan.pk) is None


# --- the minutes of the review meeting ------------------------------------------------------


def test_review_minutes_attendance_ranking_and_criteria(s):
    doc = build_review_minutes(s.plan.pk)

    assert doc.when == "14h00 ngày 23/3/2023"
    assert doc.header.place_date == "Gò Vấp, ngày 23 tháng 3 năm 2023"
    assert [(a.name, a.role) for a in doc.attendees][:2] == [
        ("Trần Thị Alice", "Chủ tịch"),
        ("Nguyễn Văn Bình", "Ủy viên BCH"),
    ]
    assert (len(doc.attendees), doc.present, doc.absent) == (7, 7, 0)
    assert (doc.submitted, doc.late) == (5, 0)
    assert [c.result for c in doc.criteria] == [
        "5/5 báo cáo đạt",
        "5/5 báo cáo đạt",
        "5/5 báo cáo đạt",
        "Trung bình 8,5/10 điểm",
    ]
    assert [r.rank for r in doc.ranking] == [1, 2, 2, 2, 5]
    assert doc.ranking[0].name == "Trần Văn Ân"
    assert doc.ranking[0].mean == "8,83"
    assert doc.ranking[0].reviewers == 6
    assert doc.finalised == "Chủ tịch chốt kết quả bình xét lúc 16h00 ngày 23/3/2023"


def test_review_minutes_pdf_text(s):
    text = pdf_text(render("review_minutes.html", build_review_minutes(s.plan.pk)))

    for expected in (
        "BIÊN BẢN",
        "Hôm nay, lúc 14h00 ngày 23/3/2023",
        "Đồng chí Đặng Minh Khoa — Ủy viên BCH",
        "có mặt: 7 đồng chí",
        "Trung bình 8,5/10 điểm",
        "8,83",
        "CHỦ TRÌ",
        "THƯ KÝ",
    ):
        assert expected in text, expected


def test_review_minutes_none_before_the_chair_finalises(union, federation):
    plan = seed_000_plan(union, parent=federation_plan(federation))

    assert build_review_minutes(plan.pk) is None


# --- the minutes of a vote round -------------------------------------------------------------


def test_vote_minutes_secret_round_counts_without_voter_names(s):
    doc = build_vote_minutes(s.secret.pk)
    text = pdf_text(render("vote_minutes.html", doc))

    assert doc.doc_type == "BIÊN BẢN KIỂM PHIẾU"
    assert [(v.name, v.approve, v.disapprove, v.abstain, v.share, v.passed) for v in doc.lines] == [
        ("Trần Văn Ân", 7, 0, 0, "100%", True),
        ("Phạm Văn Dũng", 6, 0, 1, "85,7%", True),
        ("Lê Thị Đào", 6, 0, 1, "85,7%", True),
        ("Nguyễn Thị Ơn", 5, 1, 1, "71,4%", True),
    ]
    assert doc.open_votes == ()
    assert "Tổng số người có quyền biểu quyết: 7 người; có mặt: 7 người" in text
    assert "Số người có mặt 7/7 (100%), tỷ lệ tối thiểu 66,7%" in text
    assert "85,7%" in text
    # No voter is named — except the counting committee, named as such (as on paper).
    assert len(doc.counters) == 2
    for voter in BCH_NAMES:
        assert voter not in text or voter in doc.counters
    assert "Trần Thị Alice" not in text or "Trần Thị Alice" in doc.counters
    # The actual end of voting and why, and the bulletin's hash anyone can check.
    s.secret.refresh_from_db()
    assert doc.close_reason == s.secret.close_reason == "Mọi người trong danh sách đã bỏ phiếu."
    assert "Kết thúc bỏ phiếu: Mọi người trong danh sách đã bỏ phiếu." in text
    assert len(doc.bulletin_hash) == 64 and doc.bulletin_hash == s.secret.bulletin_hash
    assert doc.bulletin_hash in text.replace("\n", "").replace(" ", "")
    assert "Ban kiểm phiếu:" in text


def test_vote_minutes_open_round_lists_each_voter(federation, union, alice):
    s = build_scenario(federation, union, alice, nominees=NOMINEES[:1], district=False)
    title = TitleFactory(
        plan=s.plan, name="Lao động tiên tiến", level=Title.Level.UNIT, secret_ballot=False
    )
    nomination = propose_nomination(
        plan=s.plan, title=title, nominee=s.people[0], actor=alice, now=at(2023, 3, 25, 8)
    )
    round = _vote(
        s.plan,
        alice,
        s.bch,
        "Biểu quyết công khai Lao động tiên tiến",
        [nomination],
        [6],
        opens=at(2023, 3, 25, 9),
        mode=VoteRound.Mode.OPEN,
    )

    doc = build_vote_minutes(round.pk)
    text = pdf_text(render("vote_minutes.html", doc))

    assert doc.doc_type == "BIÊN BẢN BIỂU QUYẾT"
    assert [v.name for v in doc.open_votes] == [
        "Trần Thị Alice",
        "Nguyễn Văn Bình",
        "Lê Thị Cúc",
        "Võ Thị Hạnh",
        "Đặng Minh Khoa",
        "Phan Văn Lộc",
        "Tô Thị Mai",
    ]
    assert doc.open_votes[0].choices == "Đồng ý: Nguyễn Thị Ơn"
    assert doc.open_votes[-1].choices == "Không biểu quyết: Nguyễn Thị Ơn"
    for voter in BCH_NAMES:
        assert voter in text
    assert "85,7%" in text


def test_vote_minutes_none_before_the_count(s, alice):
    round = VoteRound.objects.create(
        plan=s.plan,
        unit=s.plan.issuer,
        name="Chưa mở",
        opens_at=at(2023, 4, 1, 8),
        closes_at=at(2023, 4, 1, 10),
        created_by=alice,
    )

    assert build_vote_minutes(round.pk) is None


# --- the dossier -------------------------------------------------------------------------------


def test_dossier_has_the_three_papers_of_article_84(s):
    doc = build_dossier(s.dossier.pk)
    pages = pdf_pages_text(render("dossier.html", doc))
    text = " ".join(pages)

    assert len(pages) == 3
    assert "TỜ TRÌNH" in pages[0]
    assert "Số: /TTr-CĐCS-MNSH" in pages[0].replace("\u00a0", "").replace("  ", " ")
    assert "Kính gửi: Ban Thường vụ LĐLĐ Quận Gò Vấp." in pages[0]
    assert "Gò Vấp, ngày 28 tháng 3 năm 2023" in pages[0]
    assert "85,7% (6/7)" in pages[0]
    assert "BÁO CÁO THÀNH TÍCH" in pages[1]
    assert "Huỳnh Thị Ngọc Yến" in pages[1]
    assert "báo cáo nộp ngày 22 tháng 3 năm 2023" in pages[1]
    assert "9/10 điểm" in pages[1]
    assert "Hiến máu 2 lần trong năm" in pages[1]
    assert "BIÊN BẢN BÌNH XÉT" in pages[2]
    assert "đồng ý 6, không đồng ý 0, không biểu quyết 1; tỷ lệ đồng ý 85,7%" in pages[2]
    assert "Gương điển hình tiên tiến" in text
    assert doc.nominee.position == "Giáo viên, Tổ Chồi"


def test_dossier_names_attachments_by_their_title_never_their_file(s, alice):
    from nominations.models import DossierAttachment

    def attach(kind, original_name, title):
        DossierAttachment.objects.create(
            dossier=s.dossier,
            kind=kind,
            file=f"dossiers/{original_name}",
            original_name=original_name,
            title=title,
            mime="application/pdf",
            size=100,
            uploaded_by=alice,
        )

    attach("initiative", "minhchung.pdf", "Sáng kiến “Góc đọc sách cho bé”")
    attach("other", "scan_0042.pdf", "")

    page = pdf_pages_text(render("dossier.html", build_dossier(s.dossier.pk)))[0]

    assert "Sáng kiến: Sáng kiến “Góc đọc sách cho bé”" in page
    assert "; Tài liệu khác." in page
    assert "minhchung" not in page and "scan_0042" not in page


# --- certificates and the ceremony -------------------------------------------------------------


def test_certificates_one_page_per_awardee_of_the_units_own_titles(s):
    doc = build_certificates(s.plan.pk)
    pages = pdf_pages_text(render("certificate.html", doc))

    assert [a.name for a in doc.awardees] == [
        "Trần Văn Ân",
        "Phạm Văn Dũng",
        "Lê Thị Đào",
        "Nguyễn Thị Ơn",
    ]
    assert len(pages) == 4
    for page, name in zip(pages, [a.name for a in doc.awardees], strict=True):
        assert "GIẤY KHEN" in page
        assert name in page
        assert "“Gương tiêu biểu cấp trường”" in page
        assert "Gò Vấp, ngày 19 tháng 5 năm 2023" in page
        assert "Nguyễn Thị Hồng" in page
    assert "Huỳnh Thị Ngọc Yến" not in " ".join(pages)  # a district title: awarded above


@pytest.mark.parametrize(
    "signing_body, issuer_line",
    [
        ("BCH CÔNG ĐOÀN", "BCH CĐCS TRƯỜNG MN SEN HỒNG"),
        ("Ban Chấp hành Công đoàn cơ sở", "BAN CHẤP HÀNH CĐCS TRƯỜNG MN SEN HỒNG"),
        ("Ban Chấp hành", "BAN CHẤP HÀNH CĐCS TRƯỜNG MN SEN HỒNG"),
    ],
)
def test_certificate_names_the_union_once(s, signing_body, issuer_line):
    s.plan.signing_body = signing_body
    s.plan.save(update_fields=["signing_body"])

    pages = pdf_pages_text(render("certificate.html", build_certificates(s.plan.pk)))

    assert s.plan.issuer.name == "CĐCS Trường MN Sen Hồng"
    for page in pages:
        assert issuer_line in page
        assert "CÔNG ĐOÀN CĐCS" not in page and "CÔNG ĐOÀN CƠ SỞ CĐCS" not in page


def test_certificate_page_is_not_blank(s):
    pdf = render("certificate.html", build_certificates(s.plan.pk))

    assert dark_pixel_share(first_page_image(pdf)) > 0.01


@pytest.mark.parametrize(
    "template, build",
    [
        ("nominations.html", lambda s: build_nomination_list(s.plan.pk)),
        ("review_minutes.html", lambda s: build_review_minutes(s.plan.pk)),
        ("vote_minutes.html", lambda s: build_vote_minutes(s.secret.pk)),
        ("dossier.html", lambda s: build_dossier(s.dossier.pk)),
    ],
)
def test_document_page_is_not_blank(s, template, build):
    share = dark_pixel_share(first_page_image(render(template, build(s))))

    assert 0.01 < share < 0.5


def test_ceremony_programme_calls_awardees_in_order(s):
    doc = build_ceremony_programme(s.plan.pk)
    text = pdf_text(render_pdf("reports/pdf/ceremony.html", {"doc": doc}))

    assert [(a.number, a.name) for a in doc.awardees] == [
        (1, "Trần Văn Ân"),
        (2, "Phạm Văn Dũng"),
        (3, "Lê Thị Đào"),
        (4, "Nguyễn Thị Ơn"),
    ]
    assert "DANH SÁCH KHEN THƯỞNG" in text
    order = [text.index(a.name) for a in doc.awardees]
    assert order == sorted(order)


def test_ceremony_programme_names_nobody_before_the_list_is_public(federation, union, alice):
    plan = seed_000_plan(union, parent=federation_plan(federation))

    assert build_ceremony_programme(plan.pk).awardees == ()


# --- query counts -----------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 3])
def test_builders_query_count_does_not_grow_with_nominees(
    federation, union, alice, count, django_assert_max_num_queries
):
    s = build_scenario(federation, union, alice, nominees=NOMINEES[:count])

    # The same counts for 1 and 3 nominees (measured: 5, 11, 6, 9, 5, 10; the list reads
    # the nominations left off (prerequisite); the dossier reads the plan's collective
    # criteria to leave them out of the member's answers).
    with django_assert_max_num_queries(5):
        build_nomination_list(s.plan.pk)
    with django_assert_max_num_queries(12):  # + the titles' history conditions
        build_review_minutes(s.plan.pk)
    with django_assert_max_num_queries(7):  # + the counting committee
        build_vote_minutes(s.secret.pk)
    with django_assert_max_num_queries(9):
        build_dossier(s.dossier.pk)
    with django_assert_max_num_queries(6):  # + the plan's award decision, if issued
        build_certificates(s.plan.pk)
    with django_assert_max_num_queries(10):
        build_ceremony_programme(s.plan.pk)


# --- downloads and who may have them ---------------------------------------------------------


def _urls(s):
    return {
        "list": reverse("reports:nomination_list_pdf", args=[s.plan.pk]),
        "review": reverse("reports:review_minutes_pdf", args=[s.plan.pk]),
        "vote": reverse("reports:vote_minutes_pdf", args=[s.secret.pk]),
        "dossier": reverse("reports:dossier_pdf", args=[s.dossier.pk]),
        "certificates": reverse("reports:certificates_pdf", args=[s.plan.pk]),
    }


def test_chair_downloads_every_document(client, s, alice):
    client.force_login(alice)

    for name, url in _urls(s).items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith('attachment; filename="')
        assert response["Cache-Control"] == "private, no-store"
    response = client.get(_urls(s)["list"])
    assert response["Content-Disposition"] == (
        'attachment; filename="danh-sach-de-nghi-08-kh-cdcs-mnsh-2023.pdf"'
    )


def test_member_reads_the_published_list_only(client, s, bob):
    client.force_login(bob)
    statuses = {name: client.get(url).status_code for name, url in _urls(s).items()}

    # The list is public to the unit; the minutes and certificates are the committee's;
    # bob does not see the secret round nor the dossier at all.
    assert statuses == {
        "list": 200,
        "review": 403,
        "vote": 404,
        "dossier": 404,
        "certificates": 403,
    }


def test_bch_member_reads_list_minutes_and_dossier(client, s):
    client.force_login(s.bch[1])
    statuses = {name: client.get(url).status_code for name, url in _urls(s).items()}

    assert statuses == {
        "list": 200,
        "review": 200,
        "vote": 200,
        "dossier": 200,
        "certificates": 403,
    }


def test_federation_staff_downloads_its_subtrees_documents(client, s, federation_staff):
    client.force_login(federation_staff)

    for name, url in _urls(s).items():
        assert client.get(url).status_code == 200, name


def test_outsider_gets_404_for_every_document(client, s, charlie):
    client.force_login(charlie)

    for name, url in _urls(s).items():
        assert client.get(url).status_code == 404, name


def test_anonymous_is_sent_to_login(client, s):
    for name, url in _urls(s).items():
        response = client.get(url)
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("login")), name


def test_documents_not_made_yet_answer_404(client, union, federation, alice):
    plan = seed_000_plan(union, parent=federation_plan(federation))
    client.force_login(alice)

    for name in ("nomination_list_pdf", "review_minutes_pdf", "certificates_pdf"):
        assert client.get(reverse(f"reports:{name}", args=[plan.pk])).status_code == 404, name


# --- export_report -----------------------------------------------------------------------------


def test_export_report_writes_the_nomination_documents(s, tmp_path):
    from django.core.management import call_command

    def export(document, name):
        out = tmp_path / name
        call_command(
            "export_report",
            "--plan",
            s.plan.pk,
            "--document",
            document,
            "--out",
            str(out),
            stdout=io.StringIO(),
        )
        return out

    assert "DANH SÁCH" in pdf_text(export("nominations", "ds.pdf").read_bytes())
    assert len(pdf_pages_text(export("certificates", "gk.pdf").read_bytes())) == 4
    assert "TỜ TRÌNH" in pdf_text(export("dossier", "hs.pdf").read_bytes())
    export("minutes", "bb.pdf")
    assert "Hôm nay, lúc 14h00 ngày 23/3/2023" in pdf_text((tmp_path / "bb.pdf").read_bytes())
    assert "BIÊN BẢN KIỂM PHIẾU" in pdf_text((tmp_path / "bb-2.pdf").read_bytes())
    assert "Bỏ phiếu kín đề nghị Gương điển hình" in pdf_text((tmp_path / "bb-3.pdf").read_bytes())


def test_nomination_pages_link_to_their_pdfs(client, s, alice):
    client.force_login(alice)
    urls = _urls(s)

    list_page = client.get(reverse("nominations:list_page", args=[s.plan.pk])).content.decode()
    round_page = client.get(reverse("nominations:round_detail", args=[s.secret.pk]))
    board = client.get(reverse("nominations:review_board", args=[s.plan.pk])).content.decode()
    dossier_page = client.get(reverse("nominations:dossier_detail", args=[s.dossier.pk]))

    assert urls["list"] in list_page and urls["certificates"] in list_page
    assert urls["vote"] in round_page.content.decode()
    assert urls["review"] in board
    assert urls["dossier"] in dossier_page.content.decode()
