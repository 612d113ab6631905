"""Copy the past awards imported before the history read them into the award history."""

import datetime as dt

from django.db import migrations

from nominations.money import school_year_of
from portal.vietnamese import fold


def copy(apps, schema_editor):
    PastAward = apps.get_model("portal", "PastAward")
    AwardRecord = apps.get_model("nominations", "AwardRecord")
    done = set(
        AwardRecord.objects.filter(past_award_id__isnull=False).values_list(
            "past_award_id", flat=True
        )
    )
    AwardRecord.objects.bulk_create(
        AwardRecord(
            unit_id=award.unit_id,
            person_id=award.user_id,
            full_name=award.full_name,
            title_name=award.title,
            title_key=fold(award.title),
            year=award.year,
            school_year=school_year_of(dt.date(award.year, 6, 30)),
            source="imported",
            decision_text=award.decision_number,
            past_award_id=award.pk,
        )
        for award in PastAward.objects.exclude(pk__in=done)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("nominations", "0007_merge_prerequisite_drops_and_reward_rules"),
        ("portal", "0002_members_accounts_imports"),
    ]

    operations = [migrations.RunPython(copy, migrations.RunPython.noop)]
