"""The org tree of the five seeds (fixtures/orgs.toml)."""

from demo.context import DemoContext
from demo.specs import read
from portal.models import OrgUnit


def unit_codes() -> list[str]:
    return [spec["code"] for spec in read("orgs.toml")["units"]]


def load(ctx: DemoContext) -> None:
    """Create every unit, parents first (``OrgUnit.save`` computes the tree path)."""
    for spec in read("orgs.toml")["units"]:
        if spec["kind"] not in OrgUnit.Kind.values:
            raise ValueError(f"Unknown unit kind {spec['kind']!r} for {spec['code']}")
        unit = OrgUnit(
            code=spec["code"],
            name=spec["name"],
            short_name=spec["short_name"],
            kind=spec["kind"],
            place=spec.get("place", ""),
            parent=ctx.unit(spec["parent"]) if spec.get("parent") else None,
        )
        unit.save()
        ctx.units[unit.code] = unit
    ctx.log(f"{len(ctx.units)} units")
