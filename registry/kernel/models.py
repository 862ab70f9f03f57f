"""Database tables (SQLAlchemy 2 declarative). Changes go through Alembic migrations.

Geometries are stored as WKB in a plain binary column so that the same schema runs on
SQLite and on PostgreSQL without PostGIS; spatial work happens in ``geodata``.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    Time,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """Declarative base of every registry table."""


class _VersionedColumns:
    """Columns of a row that is edited in place: when it was created and last
    changed, and its version (bumped by every change, checked against stale edits).
    """

    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)


class _PlaceColumns(_VersionedColumns):
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
    # A TEXT column: the product's limit is declared here (kernel.text.column_limit).
    notes: Mapped[str | None] = mapped_column(Text, info={"max_chars": 2000})
    retired_on: Mapped[date | None] = mapped_column(Date)
    retired_reason: Mapped[str | None] = mapped_column(String(400))


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
    # Made by the demo loader with the shared demo password: disabled for good when
    # the registry leaves the demo (until an administrator sets a new password).
    demo_account: Mapped[bool] = mapped_column(Boolean, default=False)


class SignInThrottle(Base):
    """Failed sign-ins counted per user name and per client, shared by every app
    process: after a number of failures the name (or client) waits a growing delay.
    """

    __tablename__ = "sign_in_throttle"
    __table_args__ = (
        UniqueConstraint("scope", "subject", name="uq_sign_in_throttle_subject"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # "user" (the name typed, whether or not it exists) or "client".
    scope: Mapped[str] = mapped_column(String(10))
    subject: Mapped[str] = mapped_column(String(200))
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failed_at: Mapped[datetime] = mapped_column(DateTime)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)


class UserSession(Base):
    """A signed-in browser: found again by the hash of the token its cookie
    carries (the token itself is never stored), so any app process can resume it.

    A fresh session has only a one-time hand-over code (its hash), which the
    browser trades once for the cookie's token. Rows are deleted when the session
    ends (sign-out, idleness, the user disabled).
    """

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    handoff_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    handoff_expires_at: Mapped[datetime | None] = mapped_column(DateTime)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime)
    # "vi" or "en": the interface language the user last chose in this session.
    language: Mapped[str] = mapped_column(String(2))


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


class School(Base):
    """A school (its gate, as far as the coordinates go): the reference layer of the
    game-point distance rule. Imported from files or generated for the demo."""

    __tablename__ = "schools"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # primary, lower_secondary, upper_secondary or multi_level
    # (registry.reference.schools).
    level: Mapped[str] = mapped_column(String(20))
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    address: Mapped[str | None] = mapped_column(String(300))
    # "demo", or "import FILE" for a file import.
    source: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Inspection(_VersionedColumns, Base):
    """An on-site inspection of a public point, recorded by commune staff and
    reviewed by the district. Never deleted; corrections are audited."""

    __tablename__ = "inspections"
    __table_args__ = (
        Index("ix_inspections_point", "point_id", "inspected_on"),
        # One open draft per point, kept by the database itself (two people
        # opening an inspection of a point at once get one draft).
        Index(
            "uq_inspections_one_draft_per_point",
            "point_id",
            unique=True,
            sqlite_where=text("state = 'draft'"),
            postgresql_where=text("state = 'draft'"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("public_points.id"))
    inspected_on: Mapped[date] = mapped_column(Date)
    inspector: Mapped[str] = mapped_column(String(60))
    # Key and version of the rule set in force on inspected_on: the checklist was
    # made from it, and stays as it was if the rule-set file changes later.
    ruleset_key: Mapped[str] = mapped_column(String(60))
    ruleset_version: Mapped[int] = mapped_column(Integer)
    # draft, submitted, approved, has_issues or rejected (registry.inspection_rules).
    state: Mapped[str] = mapped_column(String(20), index=True)
    summary: Mapped[str | None] = mapped_column(Text, info={"max_chars": 4000})
    follow_up_deadline: Mapped[date | None] = mapped_column(Date)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    review_note: Mapped[str | None] = mapped_column(Text, info={"max_chars": 2000})
    reviewed_by: Mapped[str | None] = mapped_column(String(60))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime)


class InspectionItem(Base):
    """One line of an inspection's checklist: a rule of its rule set and the result."""

    __tablename__ = "inspection_items"
    __table_args__ = (
        UniqueConstraint("inspection_id", "rule_id", name="uq_inspection_item_rule"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id"))
    rule_id: Mapped[str] = mapped_column(String(60))
    position: Mapped[int] = mapped_column(Integer)
    # The rule's wording when the checklist was made (rule-set files may change).
    title_vi: Mapped[str] = mapped_column(Text)
    title_en: Mapped[str] = mapped_column(Text)
    # What the registry's automatic check found on the inspection date, if any.
    automatic: Mapped[bool] = mapped_column(Boolean)
    auto_outcome: Mapped[str | None] = mapped_column(String(20))
    auto_detail_vi: Mapped[str | None] = mapped_column(Text)
    auto_detail_en: Mapped[str | None] = mapped_column(Text)
    # pass, fail or not_applicable; None until the inspector decides.
    result: Mapped[str | None] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text, info={"max_chars": 2000})


class OdkSubmission(Base):
    """An ODK Collect / KoBoCollect submission imported as a draft inspection.

    Keyed by the submission's ``instanceID``, so importing the same export twice
    creates nothing new. ``inspection_id`` carries no foreign key: removing the
    demo data set deletes its inspections, and this record of what was imported
    stays (like the audit log).
    """

    __tablename__ = "odk_submissions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    instance_id: Mapped[str] = mapped_column(String(100), unique=True)
    inspection_id: Mapped[int] = mapped_column(Integer, index=True)
    submitter: Mapped[str] = mapped_column(String(60))
    form_id: Mapped[str | None] = mapped_column(String(120))
    form_version: Mapped[str | None] = mapped_column(String(60))
    # The phone's GPS point, and its distance from the point's registered position.
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    accuracy_m: Mapped[float | None] = mapped_column(Float)
    distance_m: Mapped[float | None] = mapped_column(Float)
    # True when distance_m exceeds REGISTRY_ODK_GPS_TOLERANCE_M on import.
    gps_far: Mapped[bool] = mapped_column(Boolean)
    imported_by: Mapped[str] = mapped_column(String(60))
    imported_at: Mapped[datetime] = mapped_column(DateTime)


class Violation(Base):
    """A violation found by an inspection, with the fine proposed (VND)."""

    __tablename__ = "inspection_violations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id"), index=True)
    rule_id: Mapped[str] = mapped_column(String(60))
    description: Mapped[str] = mapped_column(Text, info={"max_chars": 2000})
    proposed_fine_vnd: Mapped[int | None] = mapped_column(Integer)
    recorded_by: Mapped[str] = mapped_column(String(60))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)
    # Withdrawn (recorded by mistake) instead of deleted.
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime)
    withdrawn_by: Mapped[str | None] = mapped_column(String(60))
    withdrawn_reason: Mapped[str | None] = mapped_column(String(400))


class Photo(Base):
    """A photo taken at an inspection, stored with the record (bytes checked)."""

    __tablename__ = "inspection_photos"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id"), index=True)
    filename: Mapped[str] = mapped_column(String(200))
    # Found from the file's first bytes, not from its name.
    content_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    uploaded_by: Mapped[str] = mapped_column(String(60))
    uploaded_at: Mapped[datetime] = mapped_column(DateTime)
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime)
    withdrawn_by: Mapped[str | None] = mapped_column(String(60))
    withdrawn_reason: Mapped[str | None] = mapped_column(String(400))


class Cluster(_VersionedColumns, Base):
    """A named group of district-level units (cụm) that reports are made for.

    Clusters are editable by the department; changes are audited like records.
    """

    __tablename__ = "clusters"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    note: Mapped[str | None] = mapped_column(Text)
    retired_on: Mapped[date | None] = mapped_column(Date)


class ClusterMember(Base):
    """One district-level unit of a cluster, by edition and GSO code."""

    __tablename__ = "cluster_members"

    cluster_id: Mapped[int] = mapped_column(ForeignKey("clusters.id"), primary_key=True)
    edition: Mapped[str] = mapped_column(String(10), primary_key=True)
    unit_code: Mapped[str] = mapped_column(String(10), primary_key=True)


class UnitPopulation(Base):
    """Imported population of one admin unit (CSV by commune code)."""

    __tablename__ = "unit_populations"

    edition: Mapped[str] = mapped_column(String(10), primary_key=True)
    unit_code: Mapped[str] = mapped_column(String(10), primary_key=True)
    population: Mapped[int] = mapped_column(Integer)
    reference_year: Mapped[int | None] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(200))
    batch_key: Mapped[str | None] = mapped_column(String(40))
    imported_at: Mapped[datetime] = mapped_column(DateTime)
    imported_by: Mapped[str] = mapped_column(String(60))


class DelegationMatrix(Base):
    """One version of the delegation matrix: who verifies and decides what, by when.

    Editing the matrix stores a new version; versions are never changed. The version
    in force on a day is the one with the latest ``effective_from`` not after it
    (the newest version among equals).
    """

    __tablename__ = "delegation_matrices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Key of the preset it was made from ("three_level", "two_level") or "edited".
    preset: Mapped[str] = mapped_column(String(30))
    title: Mapped[str] = mapped_column(String(200))
    effective_from: Mapped[date] = mapped_column(Date, index=True)
    # A ground or rooftop structure taller than this (metres above ground) is a
    # "high" case, decided at the level the matrix names for that case.
    height_threshold_m: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(Text)
    # Facts of the preset nobody has checked against the legal text yet.
    unverified: Mapped[str | None] = mapped_column(Text)
    based_on: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(60))
    reason: Mapped[str] = mapped_column(String(400))


class DelegationRow(Base):
    """One line of a matrix version: an application type and case, its levels and
    the deadline of each step in working days."""

    __tablename__ = "delegation_rows"

    matrix_id: Mapped[int] = mapped_column(
        ForeignKey("delegation_matrices.id"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(30), primary_key=True)
    case_key: Mapped[str] = mapped_column(String(30), primary_key=True)
    # commune, district or department; no verify level: the decision comes first.
    verify_level: Mapped[str | None] = mapped_column(String(20))
    verify_days: Mapped[int | None] = mapped_column(Integer)
    decide_level: Mapped[str] = mapped_column(String(20))
    decide_days: Mapped[int] = mapped_column(Integer)
    # Where the deciding level may refer the case; none: it cannot be referred.
    escalate_level: Mapped[str | None] = mapped_column(String(20))
    escalate_days: Mapped[int | None] = mapped_column(Integer)


class PermitApplication(_VersionedColumns, Base):
    """An application for a BTS permit or a game-point certificate.

    It keeps the matrix version in force on its filing date: later edits of the
    matrix never change who handles it.
    """

    __tablename__ = "permit_applications"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(30), index=True)
    case_key: Mapped[str] = mapped_column(String(30))
    matrix_id: Mapped[int] = mapped_column(ForeignKey("delegation_matrices.id"))
    filed_on: Mapped[date] = mapped_column(Date, index=True)
    filed_by: Mapped[str] = mapped_column(String(60), index=True)
    # Operator of a BTS application (visibility); None for game points.
    network_code: Mapped[str | None] = mapped_column(String(2), index=True)
    applicant_name: Mapped[str] = mapped_column(String(200))
    # The record the application changes (or, once approved, created).
    site_id: Mapped[int | None] = mapped_column(ForeignKey("bts_sites.id"))
    point_id: Mapped[int | None] = mapped_column(ForeignKey("public_points.id"))
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    protected_zone: Mapped[bool] = mapped_column(Boolean, default=False)
    # Proposed field values of the record (JSON), applied on approval.
    proposal: Mapped[str] = mapped_column(Text)
    # verifying, incomplete, deciding, approved or refused
    # (registry.permits.vocabulary).
    state: Mapped[str] = mapped_column(String(20), index=True)
    decided_on: Mapped[date | None] = mapped_column(Date)
    permit_number: Mapped[str | None] = mapped_column(String(80))
    conditions: Mapped[str | None] = mapped_column(Text)
    refusal_reasons: Mapped[str | None] = mapped_column(Text)
    # A transfer: the operator the site passes to, and who of that operator signed
    # its consent and when (no step starts before).
    receiving_network: Mapped[str | None] = mapped_column(String(2), index=True)
    consented_by: Mapped[str | None] = mapped_column(String(60))
    consented_on: Mapped[date | None] = mapped_column(Date)


class _ApplicationPart:
    """Columns of a row that belongs to one permit application: its own id and the
    application's (indexed); listed first in the table."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True, sort_order=-2)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("permit_applications.id"), index=True, sort_order=-1
    )


class PermitApplicationUnit(Base):
    """The commune (and district) an application's coordinates fall in, per edition."""

    __tablename__ = "permit_application_units"
    __table_args__ = (
        Index("ix_permit_units_commune", "edition", "commune_code"),
        Index("ix_permit_units_district", "edition", "district_code"),
    )

    application_id: Mapped[int] = mapped_column(
        ForeignKey("permit_applications.id"), primary_key=True
    )
    edition: Mapped[str] = mapped_column(String(10), primary_key=True)
    commune_code: Mapped[str | None] = mapped_column(String(10))
    district_code: Mapped[str | None] = mapped_column(String(10))


class PermitStep(_ApplicationPart, Base):
    """One step of an application (verify or decide) at one level, with its deadline
    in working days from the day it started, extended by the days it was paused."""

    __tablename__ = "permit_steps"
    __table_args__ = (Index("ix_permit_steps_open", "level", "finished_on"),)

    kind: Mapped[str] = mapped_column(String(20))
    level: Mapped[str] = mapped_column(String(20))
    started_on: Mapped[date] = mapped_column(Date)
    days: Mapped[int] = mapped_column(Integer)
    due_on: Mapped[date] = mapped_column(Date)
    # The open pause (incomplete documents) began on this day; None when running.
    paused_since: Mapped[date | None] = mapped_column(Date)
    paused_days: Mapped[int] = mapped_column(Integer, default=0)
    finished_on: Mapped[date | None] = mapped_column(Date)
    # verified, approved, refused or escalated (registry.permits.vocabulary).
    outcome: Mapped[str | None] = mapped_column(String(20))
    acted_by: Mapped[str | None] = mapped_column(String(60))
    site_visit_on: Mapped[date | None] = mapped_column(Date)
    neighbours_opinion: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)


class PermitPause(Base):
    """An incomplete-documents notice: the step's clock stops until completion."""

    __tablename__ = "permit_pauses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    step_id: Mapped[int] = mapped_column(ForeignKey("permit_steps.id"), index=True)
    paused_on: Mapped[date] = mapped_column(Date)
    reasons: Mapped[str] = mapped_column(Text)
    paused_by: Mapped[str] = mapped_column(String(60))
    resumed_on: Mapped[date | None] = mapped_column(Date)
    resumed_by: Mapped[str | None] = mapped_column(String(60))
    completion_note: Mapped[str | None] = mapped_column(Text)


class PermitFinding(_ApplicationPart, Base):
    """A rule check run when the application was filed (warning unless it refuses)."""

    __tablename__ = "permit_findings"

    check_key: Mapped[str] = mapped_column(String(40))
    # info, warning or refuse (registry.permits.vocabulary).
    severity: Mapped[str] = mapped_column(String(10))
    message_vi: Mapped[str] = mapped_column(Text)
    message_en: Mapped[str] = mapped_column(Text)
    facts: Mapped[str | None] = mapped_column(Text)


class PermitDocument(_ApplicationPart, Base):
    """A document of an application (PDF, JPEG or PNG, told by its bytes)."""

    __tablename__ = "permit_documents"

    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    uploaded_by: Mapped[str] = mapped_column(String(60))
    uploaded_at: Mapped[datetime] = mapped_column(DateTime)


class CellSnapshot(Base):
    """One imported file of cell observations (OpenCelliD format): evidence about
    what is on the air, dated and with its source; never mixed with the sites."""

    __tablename__ = "cell_snapshots"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(200))
    file_name: Mapped[str] = mapped_column(String(200))
    # The day the observations describe: the latest ``updated`` time in the file.
    observed_on: Mapped[date | None] = mapped_column(Date)
    imported_at: Mapped[datetime] = mapped_column(DateTime)
    imported_by: Mapped[str] = mapped_column(String(60))
    rows_read: Mapped[int] = mapped_column(Integer)
    rows_kept: Mapped[int] = mapped_column(Integer)
    rows_other_country: Mapped[int] = mapped_column(Integer)
    rows_outside: Mapped[int] = mapped_column(Integer)
    rows_broken: Mapped[int] = mapped_column(Integer)
    cells_matched: Mapped[int] = mapped_column(Integer)
    # REGISTRY_CELL_MATCH_M when the snapshot was matched.
    match_m: Mapped[float] = mapped_column(Float)


class CellObservation(Base):
    """One cell of a snapshot, with the registered site it was matched to."""

    __tablename__ = "cell_observations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    snapshot_id: Mapped[int] = mapped_column(
        ForeignKey("cell_snapshots.id", ondelete="CASCADE"), index=True
    )
    radio: Mapped[str] = mapped_column(String(8))
    network_code: Mapped[str] = mapped_column(String(3))
    area: Mapped[int] = mapped_column(BigInteger)
    cell: Mapped[int] = mapped_column(BigInteger)
    longitude: Mapped[float] = mapped_column(Float)
    latitude: Mapped[float] = mapped_column(Float)
    range_m: Mapped[float] = mapped_column(Float)
    samples: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime)
    site_id: Mapped[int | None] = mapped_column(Integer)
    site_distance_m: Mapped[float | None] = mapped_column(Float)


class CellFinding(Base):
    """What a snapshot says against the registry: a candidate unregistered
    station (a cluster of unmatched cells), an on-air site no cell was seen near,
    or a site whose cells use a technology it is not registered for."""

    __tablename__ = "cell_findings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    snapshot_id: Mapped[int] = mapped_column(
        ForeignKey("cell_snapshots.id", ondelete="CASCADE"), index=True
    )
    # "unregistered", "unseen" or "technology".
    kind: Mapped[str] = mapped_column(String(20))
    network_code: Mapped[str] = mapped_column(String(3))
    # Technologies seen (or registered, for unseen sites), e.g. "2G,4G".
    technology: Mapped[str] = mapped_column(String(20))
    longitude: Mapped[float] = mapped_column(Float)
    latitude: Mapped[float] = mapped_column(Float)
    spread_m: Mapped[float] = mapped_column(Float)
    cells: Mapped[int] = mapped_column(Integer)
    samples: Mapped[int] = mapped_column(Integer)
    confidence: Mapped[float] = mapped_column(Float)
    site_id: Mapped[int | None] = mapped_column(Integer)
    site_distance_m: Mapped[float | None] = mapped_column(Float)
    commune_code: Mapped[str | None] = mapped_column(String(10))
    district_code: Mapped[str | None] = mapped_column(String(10))
    # Commune of the two-level edition (2025-07), which has no districts.
    commune_code_new: Mapped[str | None] = mapped_column(String(10))


class CellFollowUp(Base):
    """A finding turned into work: an inspection task or a request to the
    operator, with who asked for it and why."""

    __tablename__ = "cell_follow_ups"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    finding_id: Mapped[int] = mapped_column(
        ForeignKey("cell_findings.id", ondelete="CASCADE"), index=True
    )
    # "inspection" or "operator_request".
    kind: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text, info={"max_chars": 1000})
    created_by: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(DateTime)


__all__ = [
    "AdminUnit",
    "AuditEntry",
    "Base",
    "BtsSite",
    "CellFinding",
    "CellFollowUp",
    "CellObservation",
    "CellSnapshot",
    "Cluster",
    "ClusterMember",
    "DatasetInfo",
    "DelegationMatrix",
    "DelegationRow",
    "Inspection",
    "InspectionItem",
    "PermitApplication",
    "PermitApplicationUnit",
    "PermitDocument",
    "PermitFinding",
    "PermitPause",
    "PermitStep",
    "Photo",
    "PublicPoint",
    "School",
    "StatusEntry",
    "UnitAssignment",
    "UnitCrosswalk",
    "UnitPopulation",
    "User",
    "Violation",
]


# The table of each kind of record (keys are RecordType values).
MODEL_OF = {"site": BtsSite, "point": PublicPoint}
