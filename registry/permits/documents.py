"""Documents of permit applications: PDF, JPEG or PNG, told by their first bytes.

Stored with the application like inspection photos (bytes, type, size, SHA-256),
at most ``REGISTRY_MAX_DOCUMENT_MB`` each. A file whose bytes are not one of the
three kinds is refused whatever its name says; a PDF must parse (not encrypted, no
scripts), an image is re-encoded (:mod:`registry.files.decoding`). A document is
stored as ``ho-so-<application>-tai-lieu-<n>.<type's extension>``: the uploader's
file name is not kept.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from registry.access.permissions import Actor
from registry.files.decoding import served_type
from registry.files.uploads import (
    check_each,
    checked_upload,
    served_name,
    stored_filename,
)
from registry.kernel.audit import record_audit
from registry.kernel.clock import now
from registry.kernel.db import Registry
from registry.kernel.errors import (
    ConflictError,
    FieldError,
    NotFoundError,
    ValidationError,
)
from registry.kernel.models import PermitApplication, PermitDocument
from registry.kernel.vocabulary import Role
from registry.permits import messages as msg
from registry.permits.access import (
    ENTITY,
    application_units,
    can_act,
    load_application,
    open_step,
    require_see,
)
from registry.permits.vocabulary import OPEN_STATES


@dataclass(frozen=True)
class DocumentInfo:
    """A stored document, without its bytes; ``filename`` and ``content_type``
    are those it is served with (made by the product, never the uploader's)."""

    id: int
    filename: str
    content_type: str
    size: int
    sha256: str
    uploaded_by: str
    uploaded_at: datetime


@dataclass(frozen=True)
class DocumentFile:
    """An uploaded document that passed the checks, ready to store."""

    filename: str
    content_type: str
    data: bytes


def document_type(data: bytes) -> str | None:
    """The MIME type told by the first bytes: PDF, JPEG or PNG, else None."""
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    return None


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


_DOCUMENT_REFUSALS = {
    "bytes": msg.DOCUMENT_BYTES,
    "empty": msg.DOCUMENT_EMPTY,
    "type": msg.DOCUMENT_TYPE,
    "image": msg.DOCUMENT_UNREADABLE,
    "pixels": msg.DOCUMENT_PIXELS,
    "pdf": msg.DOCUMENT_PDF,
    "encrypted": msg.DOCUMENT_ENCRYPTED,
    "active": msg.DOCUMENT_ACTIVE,
}


def check_document(filename: object, data: object, max_bytes: int) -> DocumentFile:
    """An uploaded file as a :class:`DocumentFile`, or a FieldError naming it."""

    def refuse(problem: str, name: str, size: int, **context) -> FieldError:
        if problem == "size":
            return FieldError(
                "document",
                name,
                msg.DOCUMENT_SIZE,
                limit=_megabytes(max_bytes),
                size=_megabytes(size),
                max_bytes=max_bytes,
                size_bytes=size,
            )
        return FieldError("document", name, _DOCUMENT_REFUSALS[problem], **context)

    name, content_type, data = checked_upload(
        filename,
        data,
        max_bytes=max_bytes,
        content_type_of=document_type,
        refuse=refuse,
    )
    return DocumentFile(name, content_type, data)


def checked_documents(
    registry: Registry, files: Sequence[tuple[str, bytes]]
) -> list[DocumentFile]:
    """Check every file; all of them are refused together, each named."""
    limit = registry.config.max_document_bytes
    return check_each(files, lambda name, data: check_document(name, data, limit))


def document_stem(application_id: int) -> str:
    """The start of the stored names of an application's documents."""
    return f"ho-so-{int(application_id)}-tai-lieu"


def store_documents(
    session: Session, username: str, application_id: int, files: list[DocumentFile]
) -> list[PermitDocument]:
    """Add checked documents to an application inside the current transaction,
    numbered after the ones it has, under names the product makes."""
    stamp = now()
    held = session.scalar(
        select(func.count())
        .select_from(PermitDocument)
        .where(PermitDocument.application_id == application_id)
    )
    stem = document_stem(application_id)
    rows = [
        PermitDocument(
            application_id=application_id,
            filename=stored_filename(stem, held + number, f.content_type),
            content_type=f.content_type,
            size=len(f.data),
            sha256=hashlib.sha256(f.data).hexdigest(),
            data=f.data,
            uploaded_by=username,
            uploaded_at=stamp,
        )
        for number, f in enumerate(files, start=1)
    ]
    session.add_all(rows)
    session.flush()
    return rows


def document_info(row: PermitDocument) -> DocumentInfo:
    """The stored document's facts, without bytes, named and typed as it is
    served: a document stored before the product named them (under its
    uploader's name) is given the product's name, numbered by its id."""
    stem = document_stem(row.application_id)
    return DocumentInfo(
        row.id,
        served_name(row.filename, stem, row.id, row.content_type),
        served_type(row.content_type),
        row.size,
        row.sha256,
        row.uploaded_by,
        row.uploaded_at,
    )


def may_add_documents(
    actor: Actor, application: PermitApplication, units: dict, level: str | None
) -> bool:
    """The filer (or their operator) and the staff of the running step add
    documents while the application is open."""
    if application.state not in OPEN_STATES:
        return False
    if application.filed_by == actor.username:
        return True
    if actor.role == Role.OPERATOR and application.network_code == actor.network_code:
        return True
    return level is not None and can_act(actor, level, units)


def add_documents(
    registry: Registry,
    actor: Actor,
    application_id: int,
    files: Sequence[tuple[str, bytes]],
) -> list[DocumentInfo]:
    """Attach documents to an open application (all of them or none)."""
    checked = checked_documents(registry, files)
    if not checked:
        raise ValidationError([FieldError("document", None, msg.ONE_DOCUMENT)])
    with registry.transaction() as session:
        application = load_application(session, application_id, for_update=True)
        require_see(session, actor, application)
        step = open_step(session, application.id)
        units = application_units(session, application.id)
        if not may_add_documents(actor, application, units, step and step.level):
            raise ConflictError(
                msg.DOCUMENTS_CLOSED, id=application.id, state=application.state
            )
        rows = store_documents(session, actor.username, application.id, checked)
        record_audit(
            session,
            actor.username,
            "add_documents",
            ENTITY,
            application.id,
            after={"documents": [r.filename for r in rows]},
        )
        return [document_info(r) for r in rows]


def get_document(
    registry: Registry, actor: Actor, application_id: int, document_id: int
) -> tuple[DocumentInfo, bytes]:
    """One document of an application the actor may read, with its bytes."""
    with registry.reading() as session:
        application = load_application(session, application_id)
        require_see(session, actor, application)
        row = session.scalar(
            select(PermitDocument).where(
                PermitDocument.id == int(document_id),
                PermitDocument.application_id == application.id,
            )
        )
        if row is None:
            raise NotFoundError(msg.DOCUMENT_NOT_FOUND, key=document_id)
        return document_info(row), bytes(row.data)
