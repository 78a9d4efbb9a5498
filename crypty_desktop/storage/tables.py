"""SQLModel tables. Metadata only: no table has a column for a secret."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


class SchemaVersion(SQLModel, table=True):
    """One row per applied migration; the highest ``version`` is the schema's."""

    __tablename__ = "schema_version"

    version: int = Field(primary_key=True)
    applied_at: datetime = Field(default_factory=utcnow)
    description: str = ""


class PlatformRow(SQLModel, table=True):
    __tablename__ = "platform"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True)
    type: str
    key_masked: str = ""
    key_fingerprint: str = ""
    key_kind: str = "hmac"
    intended_use: str = "any"
    audit_json: str | None = None
    checked_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)
