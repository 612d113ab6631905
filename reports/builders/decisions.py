"""Award decisions (Quyết định khen thưởng) and what follows from them, as plain data for
the PDF templates and XLSX sheets: the decision with its appendix of awardees and
amounts, the payment list (danh sách chi tiền thưởng), the fund's ledger and the award
history. Callers have passed the permission policy."""

from dataclasses import dataclass

from nominations.models import Decision, DecisionEntry
from nominations.money import dong
from nominations.selectors.awards import HistoryRow, person_history, unit_history  # noqa: F401
from nominations.selectors.funds import LedgerRow, ledger
from portal.models import OrgUnit
from portal.vietnamese import format_short_date, name_sort_key
from reports.builders.documents import (
    DocumentHeader,
    Signature,
    body_and_name,
    build_header,
    build_signature,
    recipient_lines,
)
from reports.builders.nominations import positions
from reports.renderers.xlsx import Column, Sheet


def coefficient_text(value) -> str:
    return f"{value.normalize():f}".replace(".", ",")


@dataclass(frozen=True)
class Line:
    serial: int
    name: str
    position: str
    title: str
    coefficient: str
    amount: int
    amount_text: str
    revoked: bool  # a "thu hồi" line of a correction


@dataclass(frozen=True)
class DecisionDocument:
    header: DocumentHeader
    doc_type: str
    issuer_body: str  # "BAN CHẤP HÀNH CĐCS TRƯỜNG MN SEN HỒNG"
    title: str
    grounds: tuple[str, ...]
    articles: tuple[tuple[str, str], ...]  # ("Điều 1.", text)
    recipients: tuple[str, ...]
    signature: Signature
    appendix_caption: str
    lines: tuple[Line, ...]
    total_text: str
    base_text: str


def _decision(decision_id: int) -> Decision:
    return Decision.objects.select_related("issuer__parent", "plan", "amends__issuer").get(
        pk=decision_id
    )


def _header(decision: Decision) -> DocumentHeader:
    return build_header(
        decision.issuer,
        doc_type=decision.doc_type,
        number=decision.number,
        place=decision.place,
        day=decision.issued_on,
    )


def _signature(decision: Decision) -> Signature:
    return build_signature(
        decision.issuer,
        signing_mode=decision.signing_mode,
        signing_body=decision.signing_body,
        title=decision.signer_title,
        name=decision.signer_name,
    )


def _lines(decision: Decision) -> tuple[Line, ...]:
    entries = list(decision.entries.order_by("serial"))
    where = positions(decision.issuer, {e.person_id for e in entries} - {None})
    return tuple(
        Line(
            serial=e.serial,
            name=e.name,
            position=e.position or where.get(e.person_id, ""),
            title=e.title_name,
            coefficient=coefficient_text(e.coefficient),
            amount=e.amount,
            amount_text=dong(e.amount),
            revoked=e.action == DecisionEntry.Action.REVOKE,
        )
        for e in entries
    )


def build_decision(decision_id: int) -> DecisionDocument:
    decision = _decision(decision_id)
    issuer = decision.issuer
    body = (decision.signing_body or "Ban Chấp hành").upper()
    lines = _lines(decision)
    cited = f"Quyết định số {decision.symbol} ngày {format_short_date(decision.issued_on)}"
    base = f"{dong(decision.base_salary)} đồng"
    if decision.amends_id:
        amended = decision.amends
        first = (
            f"Sửa đổi Quyết định số {amended.symbol} ngày "
            f"{format_short_date(amended.issued_on)} của {amended.issuer.name}: "
            f"{decision.reason}. Các nội dung sửa đổi theo danh sách đính kèm."
        )
    else:
        people = sum(1 for line in lines if not line.revoked)
        first = (
            f"Khen thưởng {people} cá nhân, tập thể đã có thành tích xuất sắc"
            + (
                f" trong {decision.plan.title[0].lower()}{decision.plan.title[1:]}"
                if decision.plan
                else ""
            )
            + " (có danh sách kèm theo)."
        )
    articles = (
        ("Điều 1.", first),
        (
            "Điều 2.",
            f"Tiền thưởng theo mức lương cơ sở {base} áp dụng ngày ký, mỗi danh hiệu nhân hệ "
            f"số ghi trong danh sách; tổng cộng {dong(decision.total)} đồng, chi từ quỹ thi "
            f"đua, khen thưởng của {issuer.name} năm {decision.issued_on.year}.",
        ),
        (
            "Điều 3.",
            f"Quyết định có hiệu lực kể từ ngày {format_short_date(decision.effective_on)}. "
            "Ban Chấp hành, các tổ công đoàn và các cá nhân, tập thể có tên tại Điều 1 chịu "
            "trách nhiệm thi hành Quyết định này.",
        ),
    )
    recipients = recipient_lines(
        decision.recipients.splitlines() or ["Như Điều 3", f"{issuer.parent.name} (để báo cáo)"]
        if issuer.parent_id
        else decision.recipients.splitlines() or ["Như Điều 3"]
    )
    return DecisionDocument(
        header=_header(decision),
        doc_type="QUYẾT ĐỊNH",
        issuer_body=body_and_name(decision.signing_body, issuer),
        title=decision.title,
        grounds=tuple(
            line.strip().rstrip(";") + ";" for line in decision.grounds.splitlines() if line.strip()
        ),
        articles=articles,
        recipients=recipients,
        signature=_signature(decision),
        appendix_caption=f"Kèm theo {cited} của {body.capitalize()} {issuer.name}",
        lines=lines,
        total_text=dong(decision.total),
        base_text=base,
    )


# --- payment list --------------------------------------------------------------------------


@dataclass(frozen=True)
class PaymentList:
    header: DocumentHeader
    doc_type: str
    title: str
    reference: str
    lines: tuple[Line, ...]
    total_text: str
    recipients: tuple[str, ...]
    signature: Signature


def build_payment_list(decision_id: int) -> PaymentList:
    decision = _decision(decision_id)
    lines = tuple(
        sorted(_lines(decision), key=lambda line: (line.revoked, name_sort_key(line.name)))
    )
    lines = tuple(
        Line(
            i,
            *(
                getattr(line, f)
                for f in (
                    "name",
                    "position",
                    "title",
                    "coefficient",
                    "amount",
                    "amount_text",
                    "revoked",
                )
            ),
        )
        for i, line in enumerate(lines, start=1)
    )
    header = build_header(
        decision.issuer,
        doc_type="DS",
        number=None,
        place=decision.place,
        day=decision.issued_on,
        numbered=False,
    )
    return PaymentList(
        header=header,
        doc_type="DANH SÁCH",
        title="Chi tiền thưởng",
        reference=f"Theo Quyết định số {decision.symbol} ngày "
        f"{format_short_date(decision.issued_on)} của {decision.issuer.name}",
        lines=lines,
        total_text=dong(decision.total),
        recipients=(),
        signature=build_signature(
            decision.issuer, signing_mode="", signing_body="", title="Người lập", name=""
        ),
    )


def payment_sheet(decision_id: int) -> Sheet:
    doc = build_payment_list(decision_id)
    rows = [
        [line.serial, line.name, line.position, line.title, line.amount, ""] for line in doc.lines
    ]
    rows.append(["", "Tổng cộng", "", "", sum(line.amount for line in doc.lines), ""])
    return Sheet(
        "Chi tiền thưởng",
        [
            Column("STT", 6),
            Column("Họ và tên", 28),
            Column("Chức vụ, đơn vị", 30),
            Column("Danh hiệu / hình thức", 28),
            Column("Số tiền (đồng)", 16, "#,##0"),
            Column("Ký nhận", 18),
        ],
        rows,
    )


# --- fund ledger ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FundLedger:
    header: DocumentHeader
    doc_type: str
    title: str
    unit_name: str
    year: int
    rows: tuple[LedgerRow, ...]
    opening: int
    allocations: int
    payments: int
    closing: int
    overdraw_text: str
    recipients: tuple[str, ...]
    signature: Signature


def build_fund_ledger(unit: OrgUnit, year: int) -> FundLedger:
    book = ledger(unit, year)
    header = build_header(
        unit, doc_type="BC", number=None, place=unit.place, day=None, year=year, numbered=False
    )
    return FundLedger(
        header=header,
        doc_type="SỔ THEO DÕI",
        title=f"Quỹ thi đua, khen thưởng năm {year}",
        unit_name=unit.name,
        year=year,
        rows=book.rows,
        opening=book.opening,
        allocations=book.allocations,
        payments=book.payments,
        closing=book.closing,
        overdraw_text=book.overdraw_text,
        recipients=(),
        signature=build_signature(
            unit, signing_mode="", signing_body="", title="Người lập", name=""
        ),
    )


def fund_sheet(unit: OrgUnit, year: int) -> Sheet:
    ledger = build_fund_ledger(unit, year)
    rows = [[r.on, r.text, r.amount_in, r.amount_out, r.balance] for r in ledger.rows]
    rows.append([None, "Cộng", ledger.allocations, ledger.payments, ledger.closing])
    return Sheet(
        f"Quỹ {year}",
        [
            Column("Ngày", 12, "dd/mm/yyyy"),
            Column("Nội dung", 50),
            Column("Thu (đồng)", 16, "#,##0"),
            Column("Chi (đồng)", 16, "#,##0"),
            Column("Số dư (đồng)", 16, "#,##0"),
        ],
        rows,
    )


# --- award history -------------------------------------------------------------------------


def history_sheet(rows: list[HistoryRow]) -> Sheet:
    """The shape offices file: năm học, năm, họ và tên, đơn vị, danh hiệu, số quyết định."""
    return Sheet(
        "Hồ sơ thi đua",
        [
            Column("Năm học", 12),
            Column("Năm", 8),
            Column("Họ và tên / tập thể", 28),
            Column("Đơn vị", 30),
            Column("Danh hiệu / hình thức khen thưởng", 32),
            Column("Quyết định", 40),
            Column("Ghi chú", 36),
        ],
        [[r.school_year, r.year, r.name, r.unit, r.title, r.source, r.revoked_by] for r in rows],
    )
