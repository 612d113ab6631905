"""The live campaign, dated from the moment of loading (fixtures/live/*.toml):
LĐLĐ Quận Gò Vấp's plan → CĐCS Trường MN Sen Hồng's plan made from it (inherited
criteria and titles, self-report window open now) → Chi bộ Trường MN Sen Hồng's
thematic-meeting plan implementing the CĐCS plan. All published."""

from reports.demo.context import DemoContext
from reports.demo.specs import build_plan, read_folder


def load(ctx: DemoContext) -> None:
    for spec in read_folder("live"):
        ctx.plans[spec["key"]] = build_plan(spec, ctx, relative=True)
    ctx.log("live campaign: " + " → ".join(ctx.plans[k].symbol for k in _live_keys(ctx)))


def _live_keys(ctx: DemoContext) -> list[str]:
    return [key for key in ctx.plans if key.startswith("live-")]
