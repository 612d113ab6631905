"""Store a signed anchor of the audit chain and mail it to the unit above (run daily)."""

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from portal.audit import make_anchor
from portal.models import MANAGER_ROLES, Membership


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
        anchor = make_anchor(sent_to=", ".join(recipients))
        at = timezone.localtime(anchor.at)
        body = (
            f"Mốc nhật ký Cổng thi đua lúc {at:%H:%M %d/%m/%Y}:\n\n"
            f"  Số mục: {anchor.count}\n"
            f"  Mục mới nhất: số {anchor.head_id}\n"
            f"  Mã băm đầu chuỗi: {anchor.head_hash}\n"
            f"  Chữ ký: {anchor.signature}\n\n"
            "Hãy lưu thư này. Để kiểm tra nhật ký chưa bị sửa, xóa bớt hay băm lại, quản trị "
            "viên chạy:\n\n"
            f"  python manage.py verify_audit --head {anchor.count}:{anchor.head_hash}\n\n"
            "Lệnh phải báo “toàn vẹn”. Nếu không, nhật ký đã bị can thiệp sau thời điểm trên.\n"
        )
        send_mail(
            f"Mốc nhật ký Cổng thi đua: {anchor.count} mục",
            body,
            settings.DEFAULT_FROM_EMAIL,
            recipients,
        )
        self.stdout.write(f"Đã lưu mốc số {anchor.pk} và gửi {len(recipients)} người nhận.")
