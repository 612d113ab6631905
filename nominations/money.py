"""Reward money (W11), pure: coefficient × lương cơ sở, rounded as configured, in whole
đồng. Decimal in, int out; no floats anywhere."""

from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal


def reward_amount(coefficient: Decimal, base_salary: int, *, round_to: int, rounding: str) -> int:
    """`coefficient` × `base_salary` rounded to a multiple of `round_to` đồng, "up" (to the
    next multiple) or "half_up"."""
    if isinstance(coefficient, float) or isinstance(base_salary, float):
        raise TypeError("money is never a float")
    if round_to < 1:
        raise ValueError("round_to must be at least 1 đồng")
    exact = Decimal(coefficient) * Decimal(int(base_salary))
    mode = ROUND_CEILING if rounding == "up" else ROUND_HALF_UP
    units = (exact / Decimal(round_to)).quantize(Decimal(1), rounding=mode)
    return int(units) * round_to


def dong(amount: int) -> str:
    """2340000 -> "2.340.000" (Vietnamese thousands separator)."""
    sign = "-" if amount < 0 else ""
    return sign + f"{abs(int(amount)):,}".replace(",", ".")


def school_year_of(day) -> str:
    """The school year a date falls in: from 1 September ("2024-2025" for 5/9/2024)."""
    start = day.year if day.month >= 9 else day.year - 1
    return f"{start}-{start + 1}"
