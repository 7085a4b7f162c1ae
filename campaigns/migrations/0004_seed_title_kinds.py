"""Every existing council gets the default list of titles and awards (new councils get
it when they are created: campaigns/receivers.py), so no page creates it on a GET."""

from django.db import migrations


def seed(apps, schema_editor):
    from campaigns.services.registrations import DEFAULT_TITLE_KINDS

    Council = apps.get_model("emulation", "Council")
    TitleKind = apps.get_model("campaigns", "TitleKind")
    for council in Council.objects.exclude(
        pk__in=TitleKind.objects.values("council_id")
    ):
        defaults = DEFAULT_TITLE_KINDS.get(
            council.level, DEFAULT_TITLE_KINDS["province"]
        )
        TitleKind.objects.bulk_create(
            [
                TitleKind(council=council, name=name, scope=scope, code=code, position=i)
                for i, (name, scope, code) in enumerate(defaults, start=1)
            ]
        )


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0003_snapshot_of_frozen_covenants")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
