"""Give every covenant frozen before snapshots existed the snapshot of its text.

The snapshot is rebuilt from the live rows exactly as the hash was computed then (legal
bases by date of issue, members in Vietnamese order), and kept only when its hash is the
stored one: the text is then provably what was signed. A covenant whose rows have
changed since (a unit or the bloc renamed) keeps no snapshot and is checked against its
live text, as before. The functions are copies, frozen here, of the code of the time.
"""

import hashlib

from django.db import migrations


def _normalise(text):
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n")


def _citation(basis):
    d = basis.issued_on
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    issued = f"{d.day:02d}/{month}/{d.year}"
    if basis.kind.strip().lower() == "luật":
        return f"Luật {basis.title} số {basis.number} ngày {issued}"
    by = f" của {basis.issuer}" if basis.issuer else ""
    joins_directly = basis.title.strip().lower().startswith(("về ", "quy định", "hướng dẫn"))
    about = "" if joins_directly else "về "
    return f"{basis.kind} số {basis.number} ngày {issued}{by} {about}{basis.title}"


def _canonical(snapshot):
    parts = [
        "BẢN GIAO ƯỚC THI ĐUA",
        f"Tiêu đề: {_normalise(snapshot['title'])}",
        f"Khối thi đua: {_normalise(snapshot['bloc_name'])}",
        f"Năm thi đua: {snapshot['year']}",
        "Căn cứ:",
        *(f"- {_normalise(c)}" for c in snapshot["legal_bases"]),
        "Lời mở đầu:",
        _normalise(snapshot["preamble"]),
        "Nội dung giao ước:",
        *(f"{i}. {_normalise(c)}" for i, c in enumerate(snapshot["commitments"], start=1)),
        "Phụ lục:",
        _normalise(snapshot["annex"]),
        "Đơn vị thành viên:",
        *(f"- {_normalise(m['name'])}" for m in snapshot["members"]),
    ]
    return "\n".join(parts) + "\n"


def snapshot_frozen_covenants(apps, schema_editor):
    Covenant = apps.get_model("campaigns", "Covenant")
    Membership = apps.get_model("blocs", "Membership")
    frozen = Covenant.objects.filter(frozen_at__isnull=False, snapshot__isnull=True)
    for covenant in frozen.select_related("bloc_year__bloc"):
        bloc_year = covenant.bloc_year
        bases = sorted(covenant.legal_bases.all(), key=lambda b: (b.issued_on, b.number, b.pk))
        commitments = sorted(covenant.commitments.all(), key=lambda c: (c.position, c.pk))
        units = sorted(
            (m.unit for m in Membership.objects.filter(bloc_year=bloc_year).select_related("unit")),
            key=lambda u: (u.sort_key, u.pk),
        )
        snapshot = {
            "version": 1,
            "title": covenant.title,
            "bloc_name": bloc_year.bloc.name,
            "year": bloc_year.year,
            "legal_bases": [_citation(b) for b in bases],
            "preamble": covenant.preamble,
            "commitments": [c.text for c in commitments],
            "annex": covenant.annex,
            "members": [{"unit_id": u.pk, "name": u.name} for u in units],
        }
        digest = hashlib.sha256(_canonical(snapshot).encode("utf-8")).hexdigest()
        if digest == covenant.content_hash:
            Covenant.objects.filter(pk=covenant.pk).update(snapshot=snapshot)


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0002_covenant_snapshot_issued_copy_addenda"),
    ]

    operations = [
        migrations.RunPython(snapshot_frozen_covenants, migrations.RunPython.noop),
    ]
