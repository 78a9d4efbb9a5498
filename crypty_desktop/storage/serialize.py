"""Convert domain objects to and from the JSON kept in table columns."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from crypty_desktop.domain.platform import (
    Audit,
    AuditFinding,
    IntendedUse,
    KeyKind,
    Permissions,
    Platform,
    PlatformType,
)
from crypty_desktop.storage.tables import PlatformRow


def audit_to_json(audit: Audit) -> str:
    return json.dumps(
        {
            "permissions": asdict(audit.permissions),
            "checked_at": audit.checked_at.isoformat(),
            "ghost_ok": audit.ghost_ok,
            "trader_ok": audit.trader_ok,
            "findings": [asdict(f) for f in audit.findings],
        }
    )


def audit_from_json(text: str) -> Audit:
    data: dict[str, Any] = json.loads(text)
    return Audit(
        permissions=Permissions(**data["permissions"]),
        checked_at=datetime.fromisoformat(data["checked_at"]),
        ghost_ok=bool(data["ghost_ok"]),
        trader_ok=bool(data["trader_ok"]),
        findings=tuple(AuditFinding(**f) for f in data["findings"]),
    )


def as_utc(moment: datetime | None) -> datetime | None:
    """SQLite drops the timezone; everything the app stores is UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def platform_from_row(row: PlatformRow) -> Platform:
    assert row.id is not None
    return Platform(
        id=row.id,
        name=row.name,
        type=PlatformType(row.type),
        key_masked=row.key_masked,
        key_fingerprint=row.key_fingerprint,
        key_kind=KeyKind(row.key_kind),
        intended_use=IntendedUse(row.intended_use),
        audit=audit_from_json(row.audit_json) if row.audit_json else None,
        created_at=as_utc(row.created_at),
        max_daily_loss=row.max_daily_loss,
        loss_limit_day=row.loss_limit_day or "",
    )
