from django.db import migrations, models

from portal.vietnamese import fold


def fill_search_text(apps, schema_editor):
    Plan = apps.get_model("campaigns", "Plan")
    for plan in Plan.objects.select_related("issuer"):
        if plan.symbol_override:
            symbol = plan.symbol_override
        else:
            number = f"{plan.number:02d}" if plan.number else ""
            symbol = f"{number}/{plan.doc_type}-{plan.issuer.short_name}"
        plan.search_text = fold(
            " ".join([symbol, plan.title, plan.external_reference, plan.issuer.name])
        )
        plan.save(update_fields=["search_text"])


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0002_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="plan",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
    ]
