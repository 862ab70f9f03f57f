"""Database tables (SQLAlchemy 2 declarative). Changes go through Alembic migrations.

Geometries are stored as WKB in a plain binary column so that the same schema runs on
SQLite and on PostgreSQL without PostGIS; spatial work happens in ``geodata``.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """Declarative base of every registry table."""


class _PlaceColumns:
    """Columns shared by BTS sites and public points."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    coord_source: Mapped[str] = mapped_column(String(30))
    coord_accuracy_m: Mapped[float | None] = mapped_column(Float)
    address: Mapped[str | None] = mapped_column(String(300))
    declared_commune: Mapped[str | None] = mapped_column(String(120))
    # Set when the declared commune is not the one the coordinates fall in.
    location_flag: Mapped[str | None] = mapped_column(String(400))
    status: Mapped[str] = mapped_column(String(20))
    status_since: Mapped[date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(200))
    # Key of the import or demo batch that created the record (see audit_log).
    batch_key: Mapped[str | None] = mapped_column(String(40), index=True)
    notes: Mapped[str | None] = mapped_column(Text)
    retired_on: Mapped[date | None] = mapped_column(Date)
    retired_reason: Mapped[str | None] = mapped_column(String(400))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)


class BtsSite(_PlaceColumns, Base):
    """A mobile base-station site of one operator (possibly shared by others)."""

    __tablename__ = "bts_sites"
    __table_args__ = (
        UniqueConstraint("network_code", "site_code", name="uq_bts_operator_site_code"),
    )

    network_code: Mapped[str] = mapped_column(String(2))
    site_code: Mapped[str] = mapped_column(String(60))
    # Other operators on the same structure, sorted network codes joined by ",".
    co_located: Mapped[str | None] = mapped_column(String(40))
    structure_type: Mapped[str] = mapped_column(String(30))
    structure_height_m: Mapped[float | None] = mapped_column(Float)
    building_height_m: Mapped[float | None] = mapped_column(Float)
    on_air_2g: Mapped[date | None] = mapped_column(Date)
    on_air_3g: Mapped[date | None] = mapped_column(Date)
    on_air_4g: Mapped[date | None] = mapped_column(Date)
    on_air_5g: Mapped[date | None] = mapped_column(Date)
    notified_on: Mapped[date | None] = mapped_column(Date)
    permit_number: Mapped[str | None] = mapped_column(String(80))
    permit_date: Mapped[date | None] = mapped_column(Date)
    radiation_cert_number: Mapped[str | None] = mapped_column(String(80))
    radiation_cert_date: Mapped[date | None] = mapped_column(Date)
    radiation_cert_expiry: Mapped[date | None] = mapped_column(Date)


class PublicPoint(_PlaceColumns, Base):
    """A public Internet access point or a public game-service point."""

    __tablename__ = "public_points"

    kind: Mapped[str] = mapped_column(String(20), index=True)
    owner_name: Mapped[str | None] = mapped_column(String(200))
    owner_phone: Mapped[str | None] = mapped_column(String(40))
    business_reg_number: Mapped[str | None] = mapped_column(String(60))
    business_reg_date: Mapped[date | None] = mapped_column(Date)
    isp_name: Mapped[str | None] = mapped_column(String(120))
    isp_contract_number: Mapped[str | None] = mapped_column(String(80))
    computers: Mapped[int | None] = mapped_column(Integer)
    floor_area_m2: Mapped[float | None] = mapped_column(Float)
    opens_at: Mapped[time | None] = mapped_column(Time)
    closes_at: Mapped[time | None] = mapped_column(Time)
    certificate_number: Mapped[str | None] = mapped_column(String(80))
    certificate_issuer: Mapped[str | None] = mapped_column(String(200))
    certificate_issued_on: Mapped[date | None] = mapped_column(Date)
    certificate_expires_on: Mapped[date | None] = mapped_column(Date)


class StatusEntry(Base):
    """Append-only dated status history of a site or point."""

    __tablename__ = "status_history"
    __table_args__ = (
        Index("ix_status_history_record", "record_type", "record_id", "effective_on"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_type: Mapped[str] = mapped_column(String(10))
    record_id: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))
    effective_on: Mapped[date] = mapped_column(Date)
    recorded_at: Mapped[datetime] = mapped_column(DateTime)
    recorded_by: Mapped[str] = mapped_column(String(60))
    reason: Mapped[str | None] = mapped_column(String(400))


class UnitAssignment(Base):
    """The commune (and district) a record's coordinates fall in, per edition."""

    __tablename__ = "unit_assignments"
    __table_args__ = (
        Index("ix_assignment_commune", "edition", "commune_code"),
        Index("ix_assignment_district", "edition", "district_code"),
    )

    record_type: Mapped[str] = mapped_column(String(10), primary_key=True)
    record_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    edition: Mapped[str] = mapped_column(String(10), primary_key=True)
    commune_code: Mapped[str | None] = mapped_column(String(10))
    district_code: Mapped[str | None] = mapped_column(String(10))


class AdminUnit(Base):
    """A district or commune of one division edition, with its polygon."""

    __tablename__ = "admin_units"

    edition: Mapped[str] = mapped_column(String(10), primary_key=True)
    level: Mapped[str] = mapped_column(String(10), primary_key=True)
    code: Mapped[str] = mapped_column(String(10), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    short_name: Mapped[str] = mapped_column(String(120))
    unit_type: Mapped[str] = mapped_column(String(20))
    parent_code: Mapped[str | None] = mapped_column(String(10))
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    area_km2: Mapped[float | None] = mapped_column(Float)
    geometry_wkb: Mapped[bytes | None] = mapped_column(LargeBinary)
    # "approximate" (derived) or "official" (imported from a file).
    boundary_source: Mapped[str] = mapped_column(String(20))
    boundary_file: Mapped[str | None] = mapped_column(String(300))
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class UnitCrosswalk(Base):
    """Which 2025-07 commune(s) a 2025-06 commune went into."""

    __tablename__ = "unit_crosswalk"

    old_code: Mapped[str] = mapped_column(String(10), primary_key=True)
    new_code: Mapped[str] = mapped_column(String(10), primary_key=True)
    is_default: Mapped[bool] = mapped_column(Boolean)


class User(Base):
    """A person (or the command line's administrator) acting on the registry."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(20))
    # Jurisdiction: a district or commune code in an edition, or an operator's MNC.
    area_edition: Mapped[str | None] = mapped_column(String(10))
    area_code: Mapped[str | None] = mapped_column(String(10))
    network_code: Mapped[str | None] = mapped_column(String(2))
    password_hash: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class AuditEntry(Base):
    """Who changed what, when, from what to what, and why. Never updated."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_entity", "entity_type", "entity_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    actor: Mapped[str] = mapped_column(String(60))
    action: Mapped[str] = mapped_column(String(40))
    entity_type: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[str | None] = mapped_column(String(60))
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(String(400))


class DatasetInfo(Base):
    """Facts about the stored data set (province, whether it is demo data)."""

    __tablename__ = "dataset_info"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(String(400))


__all__ = [
    "AdminUnit",
    "AuditEntry",
    "Base",
    "BtsSite",
    "DatasetInfo",
    "PublicPoint",
    "StatusEntry",
    "UnitAssignment",
    "UnitCrosswalk",
    "User",
]
