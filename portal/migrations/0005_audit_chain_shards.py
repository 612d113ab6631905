"""The audit log is sharded into one chain per unit (issue 18).

The entries already written keep their hashes and links: they become the global chain
"", numbered 1, 2, 3… in the order they were written, so every footer printed and every
anchor mailed before this migration still checks (`verify_audit --head N:HASH`).
"""

from django.db import migrations, models


def number_the_global_chain(apps, schema_editor):
    AuditEntry = apps.get_model("portal", "AuditEntry")
    batch = []
    ids = AuditEntry.objects.order_by("id").values_list("id", flat=True)
    for seq, pk in enumerate(ids.iterator(chunk_size=5000), start=1):
        batch.append(AuditEntry(pk=pk, seq=seq))
        if len(batch) == 5000:
            AuditEntry.objects.bulk_update(batch, ["seq"])
            batch = []
    AuditEntry.objects.bulk_update(batch, ["seq"])


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0004_audit_every_shown_field_anchors"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditentry",
            name="prev_hash",
            field=models.CharField(max_length=64),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="chain",
            field=models.CharField(blank=True, default="", max_length=24, verbose_name="chuỗi"),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="seq",
            field=models.PositiveBigIntegerField(
                default=0, verbose_name="số thứ tự trong chuỗi"
            ),
            preserve_default=False,
        ),
        migrations.RunPython(number_the_global_chain, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="auditentry",
            constraint=models.UniqueConstraint(fields=("chain", "seq"), name="audit_chain_seq"),
        ),
        migrations.AddConstraint(
            model_name="auditentry",
            constraint=models.UniqueConstraint(
                fields=("chain", "prev_hash"), name="audit_chain_prev"
            ),
        ),
        migrations.AddField(
            model_name="auditanchor",
            name="chain",
            field=models.CharField(blank=True, default="", max_length=24, verbose_name="chuỗi"),
        ),
    ]
