"""Cron entry point: `python manage.py send_deadline_reminders` every 10–15 minutes."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from campaigns.deadlines import format_deadline, parse_local
from campaigns.mail.registrations import send_deadline_reminders


class Command(BaseCommand):
    help = (
        "Nhắc hạn: nhắc đoàn viên chưa nộp báo cáo 72 giờ, 24 giờ, 2 giờ trước hạn chót; "
        "báo chủ tịch danh sách chưa nộp sau hạn; báo cấp trên khi cả đơn vị trễ; nhắc "
        "đăng ký thi đua 24 giờ trước hạn; nhắc đơn vị chưa nộp bản tự chấm xếp loại. Chạy "
        "nhiều lần không gửi trùng."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            help="Thời điểm coi là hiện tại, ISO 8601 (ví dụ 2023-03-23T09:30+07:00); "
            "không có múi giờ thì hiểu là giờ Việt Nam. Dùng để thử.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ liệt kê, không gửi và không ghi sổ."
        )

    def handle(self, *args, now=None, dry_run=False, **options):
        moment = self._parse_now(now) if now else timezone.now()
        summary = send_deadline_reminders(now=moment, dry_run=dry_run)
        verb = "Sẽ gửi" if dry_run else "Đã chạy nhắc hạn"
        self.stdout.write(f"{verb} lúc {format_deadline(moment)}:")
        for line in summary.lines():
            self.stdout.write(f"  {line}")

    def _parse_now(self, value: str):
        try:
            parsed = parse_datetime(value)
        except ValueError:
            parsed = None
        if parsed is None:
            raise CommandError(
                f"--now không hợp lệ: {value!r}. Dùng dạng ISO 8601, ví dụ 2023-03-23T09:30+07:00."
            )
        if timezone.is_naive(parsed):
            parsed = parse_local(parsed.isoformat())
        return parsed
