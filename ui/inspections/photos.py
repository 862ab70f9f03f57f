"""Photos of an inspection: the gallery, uploading (files or the device camera),
withdrawing one attached by mistake.

The registry decides what is an image from the file's bytes and refuses anything
else or anything too large, naming the file; this page only passes the files on.
"""

from __future__ import annotations

from functools import partial
from typing import Any

import streamlit as st

from registry.inspections.service import (
    attach_photos,
    photo_data,
)
from registry.inspections.vocabulary import MAX_PHOTO_BYTES, MAX_PHOTO_PIXELS
from registry.kernel.clock import now
from registry.kernel.errors import RegistryError
from ui.common.forms import submit_button
from ui.common.i18n import t
from ui.common.labels import local_time
from ui.common.messages import error_text
from ui.inspections.forms import (
    Slots,
    form_key,
    may_change,
    reason_input,
    save_change,
    withdrawal_form,
)
from ui.inspections.messages import FIELDS

_COLUMNS = 3


def _caption(photo: dict[str, Any]) -> str:
    text = t(
        "insp.photo_caption",
        name=photo["filename"],
        size=max(1, round(photo["size"] / 1024)),
        by=photo["uploaded_by"],
        at=local_time(photo["uploaded_at"]),
    )
    if photo["withdrawn_at"]:
        text += " " + t("insp.photo_withdrawn", reason=photo["withdrawn_reason"])
    return text


def gallery(registry, actor, view: dict[str, Any]) -> None:
    """The photos of the inspection, three to a row, withdrawn ones last."""
    photos = sorted(
        view["photos"], key=lambda p: (p["withdrawn_at"] is not None, p["id"])
    )
    if not photos:
        st.caption(t("insp.no_photos"))
        return
    for start in range(0, len(photos), _COLUMNS):
        columns = st.columns(_COLUMNS)
        for column, photo in zip(
            columns, photos[start : start + _COLUMNS], strict=False
        ):
            try:
                stored = photo_data(registry, actor, photo["id"])
            except RegistryError as error:
                column.error(error_text(error, FIELDS))
                continue
            if stored["unreadable"]:
                column.warning(t("insp.photo_unreadable", name=photo["filename"]))
                continue
            column.image(stored["data"], caption=_caption(photo), width="stretch")


def _chosen_files(files, shot) -> list[tuple[str, bytes]]:
    chosen = [(f.name, f.getvalue()) for f in files or []]
    if shot is not None:
        stamp = now().strftime("%Y%m%d-%H%M%S")
        chosen.append((t("insp.camera_name", stamp=stamp), shot.getvalue()))
    return chosen


def upload_form(registry, actor, view: dict[str, Any]) -> None:
    """Upload photos or take one with the device's camera; all saved or none."""
    key = form_key(view, "photos")
    camera = st.toggle(t("insp.photo_camera"), key=f"insp_{view['id']}_camera")
    with st.form(key):
        slots = Slots(general=st.container())
        st.caption(
            t(
                "insp.photo_rules",
                size=MAX_PHOTO_BYTES // (1024 * 1024),
                pixels=MAX_PHOTO_PIXELS // 1_000_000,
            )
        )
        # No type filter: the registry tells images by their content and names
        # a wrong file in Vietnamese (Streamlit's own refusal is in English).
        files = st.file_uploader(
            t("insp.photo_upload"),
            accept_multiple_files=True,
            max_upload_size=MAX_PHOTO_BYTES // (1024 * 1024),
            key=f"{key}_files",
        )
        shot = (
            st.camera_input(t("insp.photo_camera"), key=f"{key}_camera")
            if camera
            else None
        )
        slots.fields["photo"] = st.container()
        reason = reason_input(view, key, slots)
        submitted = submit_button(key, t("insp.save_photos"), ":material/upload:")
    if not submitted:
        return
    chosen = _chosen_files(files, shot)
    if not chosen:
        slots.general.info(t("insp.no_photo_chosen"))
        return
    direct = partial(attach_photos, registry, actor, view["id"], chosen)
    what = t("insp.what_photos", count=len(chosen))
    save_change(
        registry, actor, view, slots, reason, {"photos": chosen}, direct, what=what
    )


def withdraw_form(registry, actor, view: dict[str, Any]) -> None:
    """Withdraw a photo attached by mistake (it is kept, marked withdrawn)."""
    active = {
        p["id"]: f"#{p['id']} {p['filename']}"
        for p in view["photos"]
        if not p["withdrawn_at"]
    }
    which = t("insp.withdraw_photo_which")
    withdrawal_form(registry, actor, view, "photo", active, which)


def photos_panel(registry, actor, view: dict[str, Any]) -> None:
    """The gallery and, for those who may change the inspection, the forms."""
    gallery(registry, actor, view)
    if may_change(view):
        st.divider()
        upload_form(registry, actor, view)
        withdraw_form(registry, actor, view)
