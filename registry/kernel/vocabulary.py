"""Vocabulary of the registry: record kinds, operators, statuses, roles.

Each value carries its Vietnamese and English label so that pages, exports and
messages use one source. Facts and their sources are in ``DESIGN.md`` section 3.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class RecordType(StrEnum):
    """The two tables of places: BTS sites and public points."""

    SITE = "site"
    POINT = "point"


@dataclass(frozen=True)
class Operator:
    """A mobile network operator, identified by its MNC under MCC 452 (Vietnam)."""

    network_code: str
    name: str


# MCC 452 mobile network codes (ITU-T E.212 allocations for Vietnam).
OPERATORS: dict[str, Operator] = {
    op.network_code: op
    for op in (
        Operator("01", "MobiFone"),
        Operator("02", "VinaPhone"),
        Operator("04", "Viettel"),
        Operator("05", "Vietnamobile"),
        Operator("07", "Gmobile"),
        Operator("08", "Itel"),
    )
}
MCC_VIETNAM = "452"

TECHNOLOGIES: tuple[str, ...] = ("2G", "3G", "4G", "5G")


class StructureType(StrEnum):
    """How the antenna is carried. Decides whether a construction permit is needed."""

    GROUND_TOWER = "ground_tower"
    GUYED_MAST = "guyed_mast"
    ROOFTOP_POLE = "rooftop_pole"
    ROOFTOP_SMALL = "rooftop_small"
    INDOOR = "indoor"


STRUCTURE_LABELS = {
    StructureType.GROUND_TOWER: (
        "Cột tự đứng trên mặt đất",
        "Self-supporting ground tower",
    ),
    StructureType.GUYED_MAST: ("Cột dây co", "Guyed mast"),
    StructureType.ROOFTOP_POLE: ("Cột trên công trình", "Pole on a building"),
    StructureType.ROOFTOP_SMALL: (
        "Cột ăng-ten không cồng kềnh",
        "Small non-bulky rooftop pole",
    ),
    StructureType.INDOOR: ("Trong nhà (in-building)", "Indoor / in-building"),
}


class PointKind(StrEnum):
    """Kinds of public points (Decree 72/2013, as amended; Decree 147/2024)."""

    INTERNET_AGENT = "internet_agent"
    ISP_POINT = "isp_point"
    VENUE = "venue"
    GAME_POINT = "game_point"


POINT_KIND_LABELS = {
    PointKind.INTERNET_AGENT: ("Đại lý Internet", "Internet agent"),
    PointKind.ISP_POINT: (
        "Điểm truy nhập Internet công cộng của doanh nghiệp",
        "ISP public access point",
    ),
    PointKind.VENUE: (
        "Khách sạn, nhà hàng, quán cà phê có Internet công cộng",
        "Venue with public Internet",
    ),
    PointKind.GAME_POINT: (
        "Điểm cung cấp dịch vụ trò chơi điện tử công cộng",
        "Public game-service point",
    ),
}
INTERNET_POINT_KINDS = (PointKind.INTERNET_AGENT, PointKind.ISP_POINT, PointKind.VENUE)


class SiteStatus(StrEnum):
    """Life-cycle of a BTS site."""

    PLANNED = "planned"
    LICENSED = "licensed"
    ON_AIR = "on_air"
    SUSPENDED = "suspended"
    DECOMMISSIONED = "decommissioned"


class PointStatus(StrEnum):
    """Life-cycle of a public Internet or game point."""

    PENDING = "pending"
    OPERATING = "operating"
    SUSPENDED = "suspended"
    REVOKED = "revoked"
    CLOSED = "closed"


STATUS_LABELS = {
    SiteStatus.PLANNED: ("Quy hoạch", "Planned"),
    SiteStatus.LICENSED: ("Đã cấp phép", "Licensed"),
    SiteStatus.ON_AIR: ("Đang phát sóng", "On air"),
    SiteStatus.SUSPENDED: ("Tạm dừng", "Suspended"),
    SiteStatus.DECOMMISSIONED: ("Đã tháo dỡ", "Decommissioned"),
    PointStatus.PENDING: ("Chờ cấp phép", "Pending"),
    PointStatus.OPERATING: ("Đang hoạt động", "Operating"),
    PointStatus.REVOKED: ("Bị thu hồi giấy chứng nhận", "Certificate revoked"),
    PointStatus.CLOSED: ("Ngừng hoạt động", "Closed"),
}

# Which status may follow which. Terminal states can be reopened only by a new
# record; a correction of a wrong entry is a new dated entry with a reason.
SITE_TRANSITIONS: dict[SiteStatus, set[SiteStatus]] = {
    SiteStatus.PLANNED: {
        SiteStatus.LICENSED,
        SiteStatus.ON_AIR,
        SiteStatus.DECOMMISSIONED,
    },
    SiteStatus.LICENSED: {
        SiteStatus.ON_AIR,
        SiteStatus.SUSPENDED,
        SiteStatus.DECOMMISSIONED,
    },
    SiteStatus.ON_AIR: {SiteStatus.SUSPENDED, SiteStatus.DECOMMISSIONED},
    SiteStatus.SUSPENDED: {SiteStatus.ON_AIR, SiteStatus.DECOMMISSIONED},
    SiteStatus.DECOMMISSIONED: set(),
}
POINT_TRANSITIONS: dict[PointStatus, set[PointStatus]] = {
    PointStatus.PENDING: {PointStatus.OPERATING, PointStatus.CLOSED},
    PointStatus.OPERATING: {
        PointStatus.SUSPENDED,
        PointStatus.REVOKED,
        PointStatus.CLOSED,
    },
    PointStatus.SUSPENDED: {
        PointStatus.OPERATING,
        PointStatus.REVOKED,
        PointStatus.CLOSED,
    },
    PointStatus.REVOKED: {PointStatus.PENDING, PointStatus.CLOSED},
    PointStatus.CLOSED: set(),
}


class CoordinateSource(StrEnum):
    """Where a record's coordinates came from."""

    GPS_SURVEY = "gps_survey"
    OPERATOR_DECLARED = "operator_declared"
    MAP_DIGITISED = "map_digitised"
    GEOCODED_ADDRESS = "geocoded_address"
    DEMO = "demo"


COORDINATE_SOURCE_LABELS = {
    CoordinateSource.GPS_SURVEY: ("Đo GPS tại hiện trường", "GPS survey on site"),
    CoordinateSource.OPERATOR_DECLARED: (
        "Doanh nghiệp kê khai",
        "Declared by operator",
    ),
    CoordinateSource.MAP_DIGITISED: ("Số hoá trên bản đồ", "Digitised from a map"),
    CoordinateSource.GEOCODED_ADDRESS: ("Suy ra từ địa chỉ", "Geocoded from address"),
    CoordinateSource.DEMO: ("Dữ liệu mẫu (demo)", "Demo data"),
}


class Role(StrEnum):
    """Roles of users; the jurisdiction of each is described in ``permissions``."""

    ADMIN = "admin"
    DEPARTMENT = "department"
    DISTRICT = "district"
    COMMUNE = "commune"
    OPERATOR = "operator"
    VIEWER = "viewer"


ROLE_LABELS = {
    Role.ADMIN: ("Quản trị hệ thống", "Administrator"),
    Role.DEPARTMENT: ("Sở Thông tin và Truyền thông", "Provincial department"),
    Role.DISTRICT: ("Cán bộ huyện", "District officer"),
    Role.COMMUNE: ("Cán bộ xã/phường", "Commune staff"),
    Role.OPERATOR: ("Doanh nghiệp viễn thông", "Network operator"),
    Role.VIEWER: ("Người xem", "Viewer"),
}


def label(value: StrEnum, language: str = "vi") -> str:
    """Return the Vietnamese (default) or English label of an enum value."""
    for table in (
        STATUS_LABELS,
        STRUCTURE_LABELS,
        POINT_KIND_LABELS,
        ROLE_LABELS,
        COORDINATE_SOURCE_LABELS,
    ):
        if value in table:
            vi, en = table[value]
            return en if language == "en" else vi
    return str(value)
