"""Award history rows that do not come from a decision: awards from before the portal,
imported with a members' sheet (W11)."""

import datetime as dt

from django.dispatch import receiver

from nominations.models import AwardRecord
from nominations.money import school_year_of
from portal.signals import past_awards_imported


def record_for(award) -> AwardRecord:
    """The history row of an imported award. The sheet gives a year: the award is taken
    as given at the end of the school year that ends in it (decisions come in summer)."""
    return AwardRecord(
        unit_id=award.unit_id,
        person_id=award.user_id,
        full_name=award.full_name,
        title_name=award.title,
        year=award.year,
        school_year=school_year_of(dt.date(award.year, 6, 30)),
        source=AwardRecord.Source.IMPORTED,
        decision_text=award.decision_number,
        past_award_id=award.pk,
    )


@receiver(past_awards_imported, dispatch_uid="nominations.copy_past_awards")
def copy_past_awards(sender, awards, **kwargs) -> None:
    """Copy newly imported awards into the history, in the import's transaction, so the
    history gates (e.g. "đạt LĐTT năm trước") count them. ``save`` fills ``title_key``,
    which ``bulk_create`` would skip."""
    for award in awards:
        record_for(award).save()
