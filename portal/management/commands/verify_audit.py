"""Check the audit chains, and with --anchor / --head against what was kept outside them."""

from django.core.management.base import BaseCommand, CommandError

from portal.audit import chain_head, chain_heads, check_head, verify_anchors, verify_chain


class Command(BaseCommand):
    help = (
        "Kiểm tra các chuỗi nhật ký: mã băm và liên kết từng mục; --chain: chỉ một chuỗi "
        "(u<mã đơn vị>, hoặc '' cho chuỗi chung); --anchor: so với các mốc đã lưu; --head "
        "SỐ_MỤC:MÃ_BĂM: so với mốc in trên văn bản hoặc trong email (của chuỗi --chain)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--chain", default=None, help="chỉ kiểm tra chuỗi này (vd. u12)")
        parser.add_argument("--anchor", action="store_true", help="so với các mốc đã lưu")
        parser.add_argument("--head", action="append", default=[], help="SỐ_MỤC:MÃ_BĂM")

    def handle(self, *args, chain=None, anchor=False, head=(), **options):
        problems = []
        intact, broken_at = verify_chain(chain)
        if not intact:
            problems.append(f"Chuỗi nhật ký bị sửa tại mục số {broken_at}.")
        if anchor:
            latest, found = verify_anchors(chain)
            if latest is None:
                problems.append("Chưa có mốc nào (chạy mail_audit_anchor hằng ngày).")
            problems.extend(found)
        for text in head:
            count, _, prefix = text.partition(":")
            if not count.isdigit() or len(prefix) < 8:
                raise CommandError(f"--head {text!r}: cần SỐ_MỤC:MÃ_BĂM (ít nhất 8 ký tự).")
            found = check_head(
                int(count), prefix.lower(), label=f"Mốc {text[:30]}", chain=chain or ""
            )
            if found:
                problems.append(found)
        if problems:
            raise CommandError("\n".join(problems))
        if chain is not None:
            self.stdout.write(f"Chuỗi nhật ký toàn vẹn. {chain_head(chain).line}.")
        else:
            heads = chain_heads()
            entries = sum(h.count for h in heads)
            self.stdout.write(f"Chuỗi nhật ký toàn vẹn: {len(heads)} chuỗi, {entries} mục.")
