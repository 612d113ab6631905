"""The demo loader: `manage.py seed_demo` and its synthetic district."""

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Q
from django.test import RequestFactory
from django.utils import timezone

from campaigns.models import Criterion, Milestone, Plan, Target, Title
from demo import run
from demo.context import DemoContext
from demo.district import _tree_unit, member_names
from portal.models import AuditEntry, Membership, OrgUnit, Role, User
from portal.vietnamese import fold, name_sort_key

# django-axes counts sign-ins per request; Client.login() passes none of its own.
SIGN_IN = RequestFactory().post("/dang-nhap/")

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
DEMO_ROLES = {
    "ldld_govap": {("ldld-govap", Role.FEDERATION_STAFF)},
    "chutich_senhong": {("mn-senhong", Role.MEMBER), ("mn-senhong", Role.CHAIR)},
    "bch_senhong": {("mn-senhong", Role.MEMBER), ("mn-senhong", Role.BCH_MEMBER)},
    "doanvien_senhong": {("mn-senhong", Role.MEMBER)},
    "bithu_senhong": {("mn-senhong", Role.MEMBER), ("cb-mn-senhong", Role.CELL_SECRETARY)},
    "bgh_senhong": {
        ("mn-senhong", Role.MEMBER),
        ("mn-senhong", Role.SCHOOL_BOARD),
        ("cb-mn-senhong", Role.PARTY_MEMBER),
    },
}
SEED000_AGENDA = [
    "Văn nghệ",
    "Tuyên bố lý do, giới thiệu đại biểu",
    "Báo cáo sơ kết 02 năm thực hiện Kết luận số 01-KL/TW về tiếp tục thực hiện Chỉ thị số "
    "05-CT/TW của Bộ Chính trị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách "
    "Hồ Chí Minh",
    "Giới thiệu gương điển hình thực hiện tốt học tập và làm theo tư tưởng, đạo đức, phong "
    "cách Hồ Chí Minh",
    "Phát biểu của Bí thư chi bộ",
    "Khen thưởng cá nhân",
    "Kết thúc Hội nghị",
]


@pytest.fixture
def demo():
    call_command("seed_demo", verbosity=0)


def roles_of(username):
    return set(Membership.objects.filter(user__username=username).values_list("unit__code", "role"))


def live_plan(code):
    return Plan.objects.get(issuer__code=code, is_historical=False)


def local(value):
    return timezone.localtime(value, VN)


# --- accounts -----------------------------------------------------------------------


def test_seed_demo_accounts_log_in_with_their_roles(demo, client):
    for username in ["admin", *DEMO_ROLES]:
        assert client.login(request=SIGN_IN, username=username, password="thidua2026") is True, (
            username
        )
        client.logout()
    admin = User.objects.get(username="admin")
    assert (admin.is_superuser, admin.is_staff, roles_of("admin")) == (True, True, set())
    assert {username: roles_of(username) for username in DEMO_ROLES} == DEMO_ROLES


def test_seed_demo_accounts_refuse_a_wrong_password(demo, client):
    assert (
        client.login(request=SIGN_IN, username="doanvien_senhong", password="thidua2025") is False
    )


def test_seed_demo_people_have_groups_positions_and_sort_keys(demo):
    member = Membership.objects.get(user__username="doanvien_senhong", role=Role.MEMBER)
    assert (member.group.name, member.group.parent.code, member.position) == (
        "Tổ Chồi",
        "mn-senhong",
        "Giáo viên",
    )
    user = member.user
    assert (user.full_name, user.sort_name, user.search_name) == (
        "Trần Thị Mỹ Linh",
        name_sort_key("Trần Thị Mỹ Linh"),
        "tran thi my linh",
    )
    members = Membership.objects.filter(unit__code="mn-senhong", role=Role.MEMBER)
    assert members.count() == 21
    assert members.filter(group__isnull=True).count() == 0
    assert set(members.values_list("group__name", flat=True)) == {
        "Tổ Nhà trẻ",
        "Tổ Mầm",
        "Tổ Chồi",
        "Tổ Lá",
        "Tổ Văn phòng",
    }
    party = Membership.objects.filter(unit__code="cb-mn-senhong")
    assert party.count() == 7
    assert not party.filter(user__username="doanvien_senhong").exists()


# --- org tree -----------------------------------------------------------------------


def test_seed_demo_builds_the_org_tree_of_the_seeds(demo):
    def unit(code):
        u = OrgUnit.objects.get(code=code)
        return (u.name, u.kind, u.short_name, u.parent.code if u.parent else None)

    assert unit("ldld-govap") == (
        "LĐLĐ Quận Gò Vấp",
        OrgUnit.Kind.DISTRICT_FEDERATION,
        "LĐLĐ",
        "ldld-tphcm",
    )
    assert unit("mn-senhong") == (
        "CĐCS Trường MN Sen Hồng",
        OrgUnit.Kind.GRASSROOTS_UNION,
        "CĐCS-MNSH",
        "ldld-govap",
    )
    assert unit("cb-mn-senhong") == (
        "Chi bộ Trường MN Sen Hồng",
        OrgUnit.Kind.PARTY_CELL,
        "CB",
        "du-phuong10-govap",
    )
    assert unit("du-phuong10-govap")[1] == OrgUnit.Kind.PARTY_COMMITTEE
    assert unit("ldld-quan1")[0] == "LĐLĐ Quận 1"
    assert unit("ldld-hoabinh")[1] == OrgUnit.Kind.CITY_FEDERATION
    assert unit("cdgd-hoabinh") == (
        "Công đoàn Giáo dục Hòa Bình",
        OrgUnit.Kind.SECTOR_UNION,
        "CĐGD",
        "ldld-hoabinh",
    )
    assert unit("ldld-hocmon")[0] == "LĐLĐ huyện Hóc Môn"
    assert unit("mn-myhoa")[3] == "ldld-hocmon"
    assert unit("cb-mn-myhoa")[:2] == ("Chi bộ Mầm non Mỹ Hòa", OrgUnit.Kind.PARTY_CELL)
    assert list(OrgUnit.objects.get(code="mn-senhong").children.values_list("name", flat=True)) == [
        "Tổ Chồi",
        "Tổ Lá",
        "Tổ Mầm",
        "Tổ Nhà trẻ",
        "Tổ Văn phòng",
    ]


# --- historical plans ---------------------------------------------------------------


def test_seed_demo_seed000_plan_implements_09_ldld_with_its_timeline(demo):
    plan = Plan.objects.get(issuer__code="mn-senhong", year=2023)

    assert (plan.symbol, plan.issued_on, plan.place) == (
        "/KH-CĐCS-MNSH",
        dt.date(2023, 3, 15),
        "Gò Vấp",
    )
    assert (plan.status, plan.is_historical) == (Plan.Status.CLOSED, True)
    assert (plan.parent.symbol, plan.parent.issued_on, plan.parent.issuer.code) == (
        "09/LĐLĐ",
        dt.date(2023, 3, 14),
        "ldld-govap",
    )
    window = plan.milestones.get(kind=Milestone.Kind.SELF_REPORT)
    assert window.starts_at == dt.datetime(2023, 3, 15, 0, 0, tzinfo=VN)
    assert window.ends_at == dt.datetime(2023, 3, 23, 11, 30, tzinfo=VN)
    assert [(m.kind, local(m.starts_at).date()) for m in plan.milestones.all()] == [
        (Milestone.Kind.SELF_REPORT, dt.date(2023, 3, 15)),
        (Milestone.Kind.REVIEW_MEETING, dt.date(2023, 3, 23)),
        (Milestone.Kind.CONSULTATION, dt.date(2023, 3, 23)),
        (Milestone.Kind.VOTE, dt.date(2023, 3, 24)),
        (Milestone.Kind.CEREMONY, dt.date(2023, 5, 19)),
    ]
    ceremony = plan.milestones.get(kind=Milestone.Kind.CEREMONY)
    assert ceremony.place == "Lớp Chồi 1"
    assert list(ceremony.agenda_items.values_list("order", "text")) == list(
        enumerate(SEED000_AGENDA, 1)
    )


def test_seed_demo_seed000_plan_has_seven_criteria_and_two_titles(demo):
    plan = Plan.objects.get(issuer__code="mn-senhong", year=2023)

    criteria = list(plan.criteria.all())
    assert len(criteria) == 7
    assert {(c.kind, c.target, c.required) for c in criteria} == {
        (Criterion.Kind.MET, "individual", True)
    }
    assert [c.text for c in criteria[3:6]] == [
        "Đảm bảo an toàn trẻ",
        "Năm học 2022-2023 đạt giáo viên giỏi/trường",
        "Tích cực tham gia hiến máu nhân đạo và đạt giấy khen hội thi cấp trên cơ sở",
    ]
    name = "Gương điển hình tiên tiến học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
    titles = [(t.name, t.level, t.inherited_from_id) for t in plan.titles.all()]
    assert titles == [
        (name, Title.Level.DISTRICT, plan.parent.titles.get(name=name).pk),
        (
            "Cá nhân thực hiện tốt học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
            Title.Level.UNIT,
            None,
        ),
    ]
    assert (plan.signing_mode, plan.signing_body, plan.signer_title) == (
        "TM.",
        "BCH CÔNG ĐOÀN",
        "CHỦ TỊCH",
    )


def test_seed_demo_seed001_plan_has_two_phases_and_its_signatory(demo):
    plan = Plan.objects.get(issuer__code="cdgd-hoabinh")

    assert list(plan.phases.values_list("name", "starts_on", "ends_on")) == [
        ("Từ năm 2017 đến năm 2018", dt.date(2017, 7, 27), dt.date(2018, 12, 31)),
        ("Từ năm 2018 đến năm 2020", dt.date(2018, 1, 1), dt.date(2020, 12, 31)),
    ]
    assert (plan.signing_mode, plan.signing_body, plan.signer_title, plan.signer_name) == (
        "TM.",
        "BAN THƯỜNG VỤ",
        "PHÓ CHỦ TỊCH",
        "Lê Thị Thúy Hường",
    )
    assert plan.external_reference.startswith("Kế hoạch số 17-KH-CĐGD, ngày 27/7/2017")
    assert plan.recipient_lines[1] == "LĐLĐ tỉnh Hòa Bình;"


def test_seed_demo_seed002_plan_has_number_and_periodic_report_dates(demo):
    plan = Plan.objects.get(issuer__code="ldld-quan1")

    assert (plan.symbol, plan.issued_on, plan.place) == (
        "08/KH-LĐLĐ",
        dt.date(2020, 3, 18),
        "Quận 1",
    )
    due = plan.milestones.filter(kind=Milestone.Kind.PERIODIC_REPORT)
    assert [local(m.ends_at).date() for m in due] == [dt.date(2020, 5, 20), dt.date(2020, 10, 20)]
    assert (plan.signing_body, plan.signer_title, plan.signer_name) == (
        "BAN THƯỜNG VỤ",
        "CHỦ TỊCH",
        "Trương Thị Minh Dung",
    )
    assert len(plan.recipient_lines) == 6


def test_seed_demo_seed003_plan_has_its_diacritics_restored(demo):
    plan = Plan.objects.get(issuer__code="ldld-hocmon")

    assert plan.title == (
        "Phát động phong trào thi đua trong cán bộ, nhà giáo, người lao động khối trường học "
        "trên địa bàn huyện năm học 2023 - 2024"
    )
    assert (plan.kind, plan.school_year) == (Plan.Kind.EMULATION, "2023-2024")
    assert "Lao động giỏi, Lao động sáng tạo" in plan.sections.get(order=1).body
    assert plan.milestones.filter(kind=Milestone.Kind.REGISTRATION).count() == 1
    assert (plan.signing_body, plan.signer_name) == ("BAN THƯỜNG VỤ", "Nguyễn Thị Thu Hiền")


def test_seed_demo_seed004_plan_has_a_topic_per_quarter(demo):
    plan = Plan.objects.get(issuer__code="cb-mn-myhoa")

    assert (plan.kind, plan.year) == (Plan.Kind.THEMATIC_MEETINGS, 2022)
    quarters = plan.sections.filter(heading__startswith="Quý")
    assert [s.heading for s in quarters] == ["Quý 1", "Quý 2", "Quý 3", "Quý 4"]
    assert quarters[1].body == "Học tập và làm theo tấm gương đạo đức Hồ Chí Minh."
    meetings = plan.milestones.filter(kind=Milestone.Kind.THEMATIC_MEETING)
    assert [local(m.starts_at).date() for m in meetings] == [
        dt.date(2022, 1, 1),
        dt.date(2022, 4, 1),
        dt.date(2022, 7, 1),
        dt.date(2022, 10, 1),
    ]


# --- the live campaign --------------------------------------------------------------


def fits_parent(milestone, parent):
    """The cascade rule: inside the parent's milestone of the same kind, else its span."""
    same = [m for m in parent.milestones.all() if m.kind == milestone.kind]
    if same:
        return any(
            m.starts_at <= milestone.starts_at and milestone.ends_at <= m.ends_at for m in same
        )
    all_ = list(parent.milestones.all())
    return min(m.starts_at for m in all_) <= milestone.starts_at and milestone.ends_at <= max(
        m.ends_at for m in all_
    )


def test_seed_demo_live_cdcs_window_is_open_now_and_inside_its_parent(demo):
    now = timezone.now()
    plan = live_plan("mn-senhong")

    window = plan.milestones.get(kind=Milestone.Kind.SELF_REPORT)
    assert window.starts_at <= now < window.ends_at
    assert local(window.ends_at).time() == dt.time(11, 30)
    assert (plan.status, plan.parent.issuer.code, plan.parent.status) == (
        Plan.Status.PUBLISHED,
        "ldld-govap",
        Plan.Status.PUBLISHED,
    )
    assert [m.kind for m in plan.milestones.all()] == [
        Milestone.Kind.SELF_REPORT,
        Milestone.Kind.REVIEW_MEETING,
        Milestone.Kind.CONSULTATION,
        Milestone.Kind.VOTE,
        Milestone.Kind.NOMINATION_DUE,
        Milestone.Kind.CEREMONY,
    ]
    assert [m.kind for m in plan.milestones.all() if not fits_parent(m, plan.parent)] == []
    cell_plan = Plan.objects.get(parent=plan)
    assert (cell_plan.issuer.code, cell_plan.kind, cell_plan.status) == (
        "cb-mn-senhong",
        Plan.Kind.THEMATIC_MEETINGS,
        Plan.Status.PUBLISHED,
    )
    assert [m.kind for m in cell_plan.milestones.all() if not fits_parent(m, plan)] == []


def test_seed_demo_live_cdcs_plan_inherits_criteria_and_titles(demo):
    federation = live_plan("ldld-govap")
    plan = live_plan("mn-senhong")

    # The rating standards (demo/ratings.py) were added after the cascade: the
    # federation's CĐCS standards stay its own, Sen Hồng's tổ standards are its own.
    rating = Q(target=Target.COLLECTIVE, kind=Criterion.Kind.POINTS)
    assert [c.inherited_from_id for c in plan.criteria.exclude(rating)] == [
        *federation.criteria.exclude(rating).values_list("pk", flat=True),
        None,
    ]
    assert plan.criteria.filter(rating, inherited_from=None).count() == 3
    assert federation.criteria.filter(rating).count() == 4
    own = plan.criteria.exclude(rating).get(inherited_from=None)
    assert (own.kind, own.max_points) == (Criterion.Kind.POINTS, 10)
    titles = {t.name: t for t in plan.titles.all()}
    assert list(titles) == [
        "Lao động tiên tiến",
        "Chiến sĩ thi đua cơ sở",
        "Gương điển hình tiên tiến cấp Quận",
        "Tập thể lao động xuất sắc",
    ]
    cstd = titles["Chiến sĩ thi đua cơ sở"]
    assert (cstd.prerequisite, str(cstd.quota_share), cstd.inherited_from.plan) == (
        titles["Lao động tiên tiến"],
        "0.1500",
        federation,
    )
    assert (federation.symbol, plan.symbol) == ("01/KH-LĐLĐ", "01/KH-CĐCS-MNSH")


def test_seed_demo_issues_the_live_campaign_through_the_services(demo):
    published = AuditEntry.objects.filter(action="plan.publish").order_by("id")
    assert [(e.actor.username, e.data["symbol"]) for e in published] == [
        ("ldld_govap", "01/KH-LĐLĐ"),
        ("chutich_senhong", "01/KH-CĐCS-MNSH"),
        ("bithu_senhong", "01-KH/CB"),  # the party numbers its own way (issue 11)
    ]
    cascade = AuditEntry.objects.get(action="plan.cascade")
    assert (cascade.actor.username, cascade.unit.code) == ("chutich_senhong", "mn-senhong")
    cell_plan = live_plan("cb-mn-senhong")
    assert (cell_plan.criteria.count(), cell_plan.titles.count()) == (0, 0)


def test_seed_demo_dates_the_live_campaign_from_the_loading_moment():
    ctx = DemoContext(now=dt.datetime(2026, 3, 10, 9, 0, tzinfo=VN))
    run(ctx)

    plan = ctx.plan("live-grassroots")
    window = plan.milestones.get(kind=Milestone.Kind.SELF_REPORT)
    assert (local(window.starts_at), local(window.ends_at)) == (
        dt.datetime(2026, 3, 8, 7, 0, tzinfo=VN),
        dt.datetime(2026, 3, 15, 11, 30, tzinfo=VN),
    )
    assert (plan.issued_on, plan.school_year) == (dt.date(2026, 3, 6), "2025-2026")
    meeting = ctx.plan("live-party-cell").milestones.get(kind=Milestone.Kind.THEMATIC_MEETING)
    assert meeting.label == (
        "Quý 1: Nâng cao chất lượng sinh hoạt chi bộ, phát huy vai trò tiên phong, gương mẫu "
        "của đảng viên trong nhà trường"
    )


# --- running it again ---------------------------------------------------------------


def counts():
    return (
        OrgUnit.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
        Plan.objects.count(),
        Milestone.objects.count(),
    )


def test_seed_demo_keeps_the_thematic_plan_in_the_current_year():
    ctx = DemoContext(now=dt.datetime(2027, 1, 2, 9, 0, tzinfo=VN))
    run(ctx)

    federation, cell = ctx.plan("live-federation"), ctx.plan("live-party-cell")
    assert (federation.year, federation.issued_on) == (2026, dt.date(2026, 12, 26))
    assert (cell.year, cell.issued_on, cell.title) == (
        2027,
        dt.date(2027, 1, 1),
        "Tổ chức sinh hoạt chuyên đề năm 2027",
    )


def test_seed_demo_twice_does_not_duplicate(demo):
    before = counts()
    out = StringIO()

    call_command("seed_demo", stdout=out)

    assert counts() == before
    assert "already loaded; nothing to do" in out.getvalue()
    assert "doanvien_senhong" in out.getvalue()


def test_seed_demo_refuses_a_database_with_part_of_the_demo():
    User.objects.create_superuser("admin", password="other-password")

    with pytest.raises(CommandError, match="nothing loaded. Use --reset"):
        call_command("seed_demo", verbosity=0)

    assert (User.objects.count(), OrgUnit.objects.count(), Plan.objects.count()) == (1, 0, 0)


@pytest.mark.django_db(transaction=True)  # PostgreSQL cannot TRUNCATE inside the test's transaction
def test_seed_demo_reset_loads_afresh(demo):
    before = counts()
    old_plan = live_plan("mn-senhong").created_at

    call_command("seed_demo", reset=True, verbosity=0)

    assert counts() == before
    assert live_plan("mn-senhong").created_at > old_plan
    assert AuditEntry.objects.filter(action="demo.load").count() == 1


def test_seed_demo_prints_the_demo_logins():
    out = StringIO()

    call_command("seed_demo", stdout=out)

    lines = out.getvalue().splitlines()
    assert "Demo accounts (password: thidua2026):" in lines
    listed = [
        line.split()[0]
        for line in lines[lines.index("Demo accounts (password: thidua2026):") + 1 :]
    ]
    assert listed[:7] == [
        "admin",
        "ldld_govap",
        "chutich_senhong",
        "bch_senhong",
        "doanvien_senhong",
        "bithu_senhong",
        "bgh_senhong",
    ]


# --- the synthetic district ---------------------------------------------------------


def test_seed_demo_district_has_units_times_members_members():
    call_command("seed_demo", scale="district", units=3, members=5, verbosity=0)

    district = OrgUnit.objects.get(code="ldld-mophong")
    unions = OrgUnit.objects.filter(parent=district).order_by("code")
    assert list(unions.values_list("code", flat=True)) == ["mp-001", "mp-002", "mp-003"]
    members = Membership.objects.filter(unit__parent=district, role=Role.MEMBER)
    assert members.count() == 15
    assert members.filter(group__parent__parent=district).count() == 15
    for i, union in enumerate(unions, 1):
        users = User.objects.filter(
            memberships__unit=union, memberships__role=Role.MEMBER
        ).order_by("username")
        assert [u.username for u in users] == [f"m{i:03d}_{j:02d}" for j in range(1, 6)]
        assert [u.full_name for u in users] == member_names(i, 5)
        assert [(u.sort_name, u.search_name) for u in users] == [
            (name_sort_key(u.full_name), fold(u.full_name)) for u in users
        ]
        assert sorted(
            Membership.objects.filter(unit=union)
            .exclude(role=Role.MEMBER)
            .values_list("user__username", "role")
        ) == [
            (f"m{i:03d}_01", Role.CHAIR),
            (f"m{i:03d}_02", Role.VICE_CHAIR),
            (f"m{i:03d}_03", Role.BCH_MEMBER),
            (f"m{i:03d}_04", Role.BCH_MEMBER),
            (f"m{i:03d}_05", Role.BCH_MEMBER),
        ]
    assert User.objects.get(username="m002_03").check_password("thidua2026") is True


def test_seed_demo_district_cascades_the_plan_with_open_windows():
    call_command("seed_demo", scale="district", units=3, members=5, verbosity=0)
    now = timezone.now()

    federation = Plan.objects.get(issuer__code="ldld-mophong")
    children = Plan.objects.filter(parent=federation).order_by("issuer__code")
    assert [p.issuer.code for p in children] == ["mp-001", "mp-002", "mp-003"]
    for plan in children:
        window = plan.milestones.get(kind=Milestone.Kind.SELF_REPORT)
        assert window.starts_at <= now < window.ends_at
        assert fits_parent(window, federation)
        assert plan.criteria.filter(inherited_from__isnull=False).count() == 6
        assert plan.signer_name == member_names(int(plan.issuer.code[-3:]), 5)[0]


def test_seed_demo_district_units_have_the_tree_fields_save_would_set(union):
    """`_tree_unit` (for ``bulk_create``) and ``OrgUnit.save`` must agree on the tree
    fields: a bulk-built unit, saved normally, keeps the path and depth it was built with."""
    built = _tree_unit(
        union, code="senhong-la", name="Tổ Lá", short_name="T9", kind=OrgUnit.Kind.UNION_GROUP
    )
    as_built = (built.path, built.depth)

    built.save()
    built.refresh_from_db()

    assert as_built == (built.path, built.depth) == ("govap/senhong/senhong-la/", 2)


def test_seed_demo_district_stores_the_tree_fields_save_would_set():
    call_command("seed_demo", scale="district", units=2, members=2, verbosity=0)

    units = OrgUnit.objects.filter(path__startswith="ldld-mophong/").select_related("parent")
    assert units.filter(depth=2).exists()  # the tổ công đoàn, built by `_tree_unit`
    for unit in units:
        stored = (unit.path, unit.depth)
        unit.set_tree_fields()
        assert (unit.path, unit.depth) == stored


def test_seed_demo_district_names_do_not_depend_on_the_sizes():
    assert member_names(7, 3) == member_names(7, 60)[:3]
    assert member_names(7, 60) == member_names(7, 60)
    assert member_names(7, 60) != member_names(8, 60)
    assert all(len(name.split()) >= 3 for name in member_names(7, 60))


def test_seed_demo_district_is_not_loaded_twice():
    call_command("seed_demo", scale="district", units=2, members=2, verbosity=0)
    before = counts()
    out = StringIO()

    call_command("seed_demo", scale="district", units=2, members=2, stdout=out)

    assert counts() == before
    assert "synthetic district (ldld-mophong) is already loaded" in out.getvalue()


def test_seed_demo_refuses_sizes_out_of_range():
    with pytest.raises(CommandError, match="between 1 and 999"):
        call_command("seed_demo", scale="district", units=0, verbosity=0)
    assert OrgUnit.objects.count() == 0
