"""The seeds' plans as historical, closed records (fixtures/plans/*.toml, in file order,
so a parent comes before the plans that implement it)."""

from demo.context import DemoContext
from demo.specs import build_plan, read_folder


def load(ctx: DemoContext) -> None:
    for spec in read_folder("plans"):
        ctx.plans[spec["key"]] = build_plan(spec, ctx)
    ctx.log(f"{len(ctx.plans)} historical plans")
