"""Unlock sign-in for an account (or an address) that django-axes has locked out."""

from django.core.management.base import BaseCommand, CommandError

from portal.throttle import account_key, unlock


class Command(BaseCommand):
    help = "Mở khóa đăng nhập cho một tài khoản (tên đăng nhập, số điện thoại, email) hoặc IP."

    def add_arguments(self, parser):
        parser.add_argument("identifier", nargs="?", help="tên đăng nhập, số điện thoại hoặc email")
        parser.add_argument("--ip", help="mở khóa một địa chỉ IP")

    def handle(self, *args, identifier=None, ip=None, **options):
        if not identifier and not ip:
            raise CommandError("Cho biết tài khoản hoặc --ip.")
        removed = 0
        if identifier:
            removed += unlock(username=account_key(None, {"username": identifier}))
        if ip:
            removed += unlock(ip_address=ip)
        self.stdout.write(f"Đã xóa {removed} lần đăng nhập sai; có thể đăng nhập lại.")
