"""Field catalogue of the records: one declaration per column (import, export, forms).

The same list drives the import validator, the export column order and (later) the
forms, so that a column is named, typed and labelled in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from registry.kernel.models import BtsSite, PublicPoint
from registry.kernel.text import column_limit, holds_paragraphs
from registry.kernel.vocabulary import (
    OPERATORS,
    CoordinateSource,
    PointKind,
    PointStatus,
    SiteStatus,
    StructureType,
)


@dataclass(frozen=True)
class FieldSpec:
    """One field of a record.

    ``kind`` is one of: text, float, int, date, time, choice, networks, latitude,
    longitude. ``choices`` lists the allowed values of a choice field.
    """

    name: str
    kind: str
    label_vi: str
    label_en: str
    required: bool = False
    choices: tuple[str, ...] = ()
    # Text fields: the column's limit and whether it takes line breaks, read from
    # the model (registry.kernel.text.column_limit), never written here.
    max_length: int | None = None
    paragraphs: bool = False
    # The model's column of a text field (its mapped attribute).
    column: object = field(default=None, compare=False, repr=False)
    minimum: float | None = None
    maximum: float | None = None

    def label(self, language: str = "vi") -> str:
        """Label of the field in the given language."""
        return self.label_en if language == "en" else self.label_vi


def _values(enum_type) -> tuple[str, ...]:
    return tuple(member.value for member in enum_type)


_COORDINATES = (
    FieldSpec("latitude", "latitude", "Vĩ độ", "Latitude", required=True),
    FieldSpec("longitude", "longitude", "Kinh độ", "Longitude", required=True),
    FieldSpec(
        "coord_source",
        "choice",
        "Nguồn toạ độ",
        "Coordinate source",
        choices=_values(CoordinateSource),
    ),
    FieldSpec(
        "coord_accuracy_m",
        "float",
        "Sai số toạ độ (m)",
        "Coordinate accuracy (m)",
        minimum=0,
        maximum=10_000,
    ),
    FieldSpec("address", "text", "Địa chỉ", "Address"),
    FieldSpec(
        "declared_commune",
        "text",
        "Xã/phường kê khai",
        "Declared commune",
    ),
)

SITE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "network_code",
        "choice",
        "Mã mạng (MNC 452)",
        "Network code (MNC 452)",
        required=True,
        choices=tuple(OPERATORS),
    ),
    FieldSpec(
        "site_code",
        "text",
        "Mã trạm",
        "Operator site code",
        required=True,
    ),
    FieldSpec("name", "text", "Tên trạm", "Site name", required=True),
    *_COORDINATES,
    FieldSpec(
        "co_located",
        "networks",
        "Doanh nghiệp dùng chung",
        "Co-located operators",
    ),
    FieldSpec(
        "structure_type",
        "choice",
        "Loại công trình",
        "Structure type",
        required=True,
        choices=_values(StructureType),
    ),
    FieldSpec(
        "structure_height_m",
        "float",
        "Chiều cao cột (m)",
        "Structure height (m)",
        minimum=0,
        maximum=300,
    ),
    FieldSpec(
        "building_height_m",
        "float",
        "Chiều cao công trình (m)",
        "Building height (m)",
        minimum=0,
        maximum=500,
    ),
    FieldSpec("on_air_2g", "date", "Phát sóng 2G từ", "2G on air since"),
    FieldSpec("on_air_3g", "date", "Phát sóng 3G từ", "3G on air since"),
    FieldSpec("on_air_4g", "date", "Phát sóng 4G từ", "4G on air since"),
    FieldSpec("on_air_5g", "date", "Phát sóng 5G từ", "5G on air since"),
    FieldSpec("notified_on", "date", "Ngày thông báo Sở", "Notified the department on"),
    FieldSpec("permit_number", "text", "Số giấy phép xây dựng", "Permit number"),
    FieldSpec("permit_date", "date", "Ngày cấp phép", "Permit date"),
    FieldSpec(
        "radiation_cert_number",
        "text",
        "Số giấy chứng nhận kiểm định",
        "Radiation-safety certificate number",
    ),
    FieldSpec(
        "radiation_cert_date", "date", "Ngày kiểm định", "Radiation inspection date"
    ),
    FieldSpec(
        "radiation_cert_expiry",
        "date",
        "Hạn kiểm định",
        "Radiation certificate expiry",
    ),
    FieldSpec(
        "status",
        "choice",
        "Trạng thái",
        "Status",
        choices=_values(SiteStatus),
    ),
    FieldSpec("status_since", "date", "Trạng thái từ ngày", "Status since"),
    FieldSpec("notes", "text", "Ghi chú", "Notes"),
)

POINT_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "kind",
        "choice",
        "Loại điểm",
        "Kind of point",
        required=True,
        choices=_values(PointKind),
    ),
    FieldSpec("name", "text", "Tên điểm", "Point name", required=True),
    *_COORDINATES,
    FieldSpec("owner_name", "text", "Chủ điểm", "Owner"),
    FieldSpec("owner_phone", "text", "Điện thoại", "Phone"),
    FieldSpec(
        "business_reg_number",
        "text",
        "Số đăng ký kinh doanh",
        "Business registration number",
    ),
    FieldSpec(
        "business_reg_date",
        "date",
        "Ngày đăng ký kinh doanh",
        "Business registration date",
    ),
    FieldSpec("isp_name", "text", "Doanh nghiệp cung cấp Internet", "ISP"),
    FieldSpec(
        "isp_contract_number",
        "text",
        "Số hợp đồng đại lý",
        "ISP contract number",
    ),
    FieldSpec("computers", "int", "Số máy tính", "Computers", minimum=0, maximum=1000),
    FieldSpec(
        "floor_area_m2",
        "float",
        "Diện tích phòng máy (m²)",
        "Machine-room area (m²)",
        minimum=0,
        maximum=10_000,
    ),
    FieldSpec("opens_at", "time", "Giờ mở cửa", "Opens at"),
    FieldSpec("closes_at", "time", "Giờ đóng cửa", "Closes at"),
    FieldSpec(
        "certificate_number",
        "text",
        "Số giấy chứng nhận đủ điều kiện",
        "Eligibility certificate number",
    ),
    FieldSpec(
        "certificate_issuer",
        "text",
        "Cơ quan cấp",
        "Certificate issuer",
    ),
    FieldSpec("certificate_issued_on", "date", "Ngày cấp", "Certificate issued on"),
    FieldSpec(
        "certificate_expires_on", "date", "Ngày hết hạn", "Certificate expires on"
    ),
    FieldSpec(
        "status",
        "choice",
        "Trạng thái",
        "Status",
        choices=_values(PointStatus),
    ),
    FieldSpec("status_since", "date", "Trạng thái từ ngày", "Status since"),
    FieldSpec("notes", "text", "Ghi chú", "Notes"),
)


def _column_limits(specs: tuple[FieldSpec, ...], model) -> tuple[FieldSpec, ...]:
    """The text fields with the limits of the model's columns of the same name."""
    return tuple(
        replace(
            spec,
            max_length=column_limit(getattr(model, spec.name)),
            paragraphs=holds_paragraphs(getattr(model, spec.name)),
            column=getattr(model, spec.name),
        )
        if spec.kind == "text"
        else spec
        for spec in specs
    )


SITE_FIELDS = _column_limits(SITE_FIELDS, BtsSite)
POINT_FIELDS = _column_limits(POINT_FIELDS, PublicPoint)


def fields_for(record_type: str) -> tuple[FieldSpec, ...]:
    """Field catalogue of ``"site"`` or ``"point"`` records."""
    catalogues = {"site": SITE_FIELDS, "point": POINT_FIELDS}
    if record_type not in catalogues:
        raise ValueError(
            f"record_type should be 'site' or 'point', got {record_type!r}"
        )
    return catalogues[record_type]
