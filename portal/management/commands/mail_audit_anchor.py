"""Anchor every audit chain that moved and mail the anchors to the unit above (daily)."""

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from portal.audit import make_anchors
from portal.models import MANAGER_ROLES, Membership, OrgUnit


def anchor_recipients() -> list[str]:
    """The managers of the top units (nobody above them uses the portal), and the
    mailboxes in AUDIT_ANCHOR_EMAILS (an inspector's, outside the portal's server)."""
    top = (
        Membership.objects.current()
        .filter(unit__parent__isnull=True, role__in=MANAGER_ROLES)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    return sorted({*top, *settings.AUDIT_ANCHOR_EMAILS})


class Command(BaseCommand):
    help = "Lưu mốc có chữ ký của chuỗi nhật ký và gửi email cho đơn vị cấp trên."

    def add_arguments(self, parser):
        parser.add_argument("--to", action="append", default=[], help="thêm người nhận")

    def handle(self, *args, to=(), **options):
        recipients = sorted({*anchor_recipients(), *to})
        if not recipients:
            raise CommandError(
                "Không có người nhận: cần email của lãnh đạo đơn vị cấp trên cùng, "
                "AUDIT_ANCHOR_EMAILS hoặc --to."
            )
        anchors = make_anchors(sent_to=", ".join(recipients))
        if not anchors:
            self.stdout.write("Không chuỗi nào có mục mới từ lần neo trước: không gửi.")
            return
        at = timezone.localtime(anchors[0].at)
        units = dict(
            OrgUnit.objects.filter(
                pk__in=[int(a.chain[1:]) for a in anchors if a.chain]
            ).values_list("pk", "name")
        )
        blocks = [_block(anchor, units) for anchor in anchors]
        body = (
            f"Mốc nhật ký Cổng thi đua lúc {at:%H:%M %d/%m/%Y}, {len(anchors)} chuỗi có mục "
            "mới từ lần neo trước (mỗi đơn vị một chuỗi):\n\n"
            + "\n".join(blocks)
            + "\nHãy lưu thư này. Để kiểm tra nhật ký chưa bị sửa, xóa bớt hay băm lại, quản trị "
            "viên chạy lệnh ghi dưới mỗi chuỗi. Lệnh phải báo “toàn vẹn”. Nếu không, nhật "
            "ký của chuỗi đó đã bị can thiệp sau thời điểm trên.\n"
        )
        send_mail(
            f"Mốc nhật ký Cổng thi đua: {len(anchors)} chuỗi",
            body,
            settings.DEFAULT_FROM_EMAIL,
            recipients,
        )
        self.stdout.write(f"Đã lưu {len(anchors)} mốc và gửi {len(recipients)} người nhận.")


def _block(anchor, units: dict) -> str:
    if anchor.chain:
        name = f"Chuỗi {anchor.chain} ({units.get(int(anchor.chain[1:]), 'đơn vị đã xóa')})"
        option = f" --chain {anchor.chain}"
    else:
        name, option = "Chuỗi chung", ""
    return (
        f"{name}:\n"
        f"  Số mục: {anchor.count}\n"
        f"  Mục mới nhất: số {anchor.head_id}\n"
        f"  Mã băm đầu chuỗi: {anchor.head_hash}\n"
        f"  Chữ ký: {anchor.signature}\n"
        f"  Kiểm tra: python manage.py verify_audit --head {anchor.count}:{anchor.head_hash}"
        f"{option}\n"
    )
