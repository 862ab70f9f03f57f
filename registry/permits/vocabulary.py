"""Vocabulary of delegated permits: application kinds, BTS cases, levels, steps.

Each value carries its Vietnamese and English label (as
:mod:`registry.kernel.vocabulary`). The case of a BTS application is derived from its
structure (see
:func:`bts_case`); game-point applications have one case, ``certificate``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from registry.kernel.vocabulary import Role, StructureType


class ApplicationKind(StrEnum):
    """What an application asks for."""

    BTS_NEW = "bts_new"
    BTS_CHANGE = "bts_change"
    BTS_RELOCATION = "bts_relocation"
    BTS_DECOMMISSION = "bts_decommission"
    # The site passes to another operator: filed by its current operator, signed
    # by the receiving one before anyone may decide it.
    BTS_TRANSFER = "bts_transfer"
    GAME_NEW = "game_new"
    GAME_RENEWAL = "game_renewal"
    GAME_REISSUE = "game_reissue"
    GAME_REVOCATION = "game_revocation"

    @property
    def is_bts(self) -> bool:
        """True for the five BTS kinds."""
        return self.value.startswith("bts_")


BTS_KINDS = tuple(k for k in ApplicationKind if k.is_bts)
GAME_KINDS = tuple(k for k in ApplicationKind if not k.is_bts)
# Kinds that refer to an existing record (all but the two "new" kinds).
KINDS_ON_EXISTING = tuple(
    k
    for k in ApplicationKind
    if k not in (ApplicationKind.BTS_NEW, ApplicationKind.GAME_NEW)
)
# Kinds whose approval needs a permit or certificate number.
KINDS_NEEDING_NUMBER = (
    ApplicationKind.BTS_NEW,
    ApplicationKind.BTS_CHANGE,
    ApplicationKind.BTS_RELOCATION,
    ApplicationKind.GAME_NEW,
    ApplicationKind.GAME_RENEWAL,
    ApplicationKind.GAME_REISSUE,
)


class Case(StrEnum):
    """The case of an application: four for BTS structures, one for game points."""

    GROUND_TOWER = "ground_tower"
    BUILDING_POLE = "building_pole"
    SMALL_ROOFTOP = "small_rooftop"
    HIGH_OR_PROTECTED = "high_or_protected"
    CERTIFICATE = "certificate"


BTS_CASES = (
    Case.GROUND_TOWER,
    Case.BUILDING_POLE,
    Case.SMALL_ROOFTOP,
    Case.HIGH_OR_PROTECTED,
)


class Level(StrEnum):
    """Levels of government that verify or decide."""

    COMMUNE = "commune"
    DISTRICT = "district"
    DEPARTMENT = "department"


# Who acts for a level: admins may act wherever the department does.
ROLES_OF_LEVEL = {
    Level.COMMUNE: (Role.COMMUNE,),
    Level.DISTRICT: (Role.DISTRICT,),
    Level.DEPARTMENT: (Role.DEPARTMENT, Role.ADMIN),
}
LEVEL_ORDER = (Level.COMMUNE, Level.DISTRICT, Level.DEPARTMENT)


def level_of(role: Role) -> Level | None:
    """The level a role acts at, or None (operators, viewers)."""
    for level, roles in ROLES_OF_LEVEL.items():
        if role in roles:
            return level
    return None


class StepKind(StrEnum):
    """Verify (on the ground, documents) or decide."""

    VERIFY = "verify"
    DECIDE = "decide"


class StepOutcome(StrEnum):
    """How a step ended."""

    VERIFIED = "verified"
    APPROVED = "approved"
    REFUSED = "refused"
    ESCALATED = "escalated"


class ApplicationState(StrEnum):
    """Where an application stands."""

    # A transfer waits for the receiving operator's signature before any step.
    AWAITING_CONSENT = "awaiting_consent"
    VERIFYING = "verifying"
    INCOMPLETE = "incomplete"
    DECIDING = "deciding"
    APPROVED = "approved"
    REFUSED = "refused"


OPEN_STATES = (
    ApplicationState.AWAITING_CONSENT,
    ApplicationState.VERIFYING,
    ApplicationState.INCOMPLETE,
    ApplicationState.DECIDING,
)


class Severity(StrEnum):
    """Weight of a finding: information, a warning, or a ground to refuse."""

    INFO = "info"
    WARNING = "warning"
    REFUSE = "refuse"


# A game-point certificate is valid for 3 years (DESIGN.md section 3).
CERTIFICATE_YEARS = 3
# Small non-bulky rooftop poles: at most 20 % of the building's height, 3 m high
# and 0.5 m wide need no construction permit (DESIGN.md section 3).
SMALL_POLE_MAX_SHARE = 0.20
SMALL_POLE_MAX_HEIGHT_M = 3.0
SMALL_POLE_MAX_WIDTH_M = 0.5

LABELS: dict[StrEnum, tuple[str, str]] = {
    ApplicationKind.BTS_NEW: ("Trạm BTS mới", "New BTS site"),
    ApplicationKind.BTS_CHANGE: ("Thay đổi trạm BTS", "BTS site change"),
    ApplicationKind.BTS_RELOCATION: ("Di dời trạm BTS", "BTS site relocation"),
    ApplicationKind.BTS_DECOMMISSION: ("Tháo dỡ trạm BTS", "BTS site decommissioning"),
    ApplicationKind.BTS_TRANSFER: (
        "Chuyển giao trạm BTS cho doanh nghiệp khác",
        "BTS site transfer to another operator",
    ),
    ApplicationKind.GAME_NEW: (
        "Cấp mới giấy chứng nhận điểm trò chơi",
        "New game-point certificate",
    ),
    ApplicationKind.GAME_RENEWAL: (
        "Gia hạn giấy chứng nhận điểm trò chơi",
        "Game-point certificate renewal",
    ),
    ApplicationKind.GAME_REISSUE: (
        "Cấp lại giấy chứng nhận điểm trò chơi",
        "Game-point certificate reissue",
    ),
    ApplicationKind.GAME_REVOCATION: (
        "Thu hồi giấy chứng nhận điểm trò chơi",
        "Game-point certificate revocation",
    ),
    Case.GROUND_TOWER: ("Cột trên mặt đất", "Tower on the ground"),
    Case.BUILDING_POLE: ("Cột trên công trình có sẵn", "Pole on an existing building"),
    Case.SMALL_ROOFTOP: (
        "Cột ăng-ten không cồng kềnh trên mái",
        "Small non-bulky rooftop pole",
    ),
    Case.HIGH_OR_PROTECTED: (
        "Cột vượt ngưỡng chiều cao hoặc trong vùng bảo vệ",
        "Tower above the height threshold or in a protected zone",
    ),
    Case.CERTIFICATE: ("Giấy chứng nhận điểm trò chơi", "Game-point certificate"),
    Level.COMMUNE: ("Cấp xã", "Commune"),
    Level.DISTRICT: ("Cấp huyện", "District"),
    Level.DEPARTMENT: ("Sở", "Department"),
    StepKind.VERIFY: ("Thẩm tra", "Verification"),
    StepKind.DECIDE: ("Quyết định", "Decision"),
    StepOutcome.VERIFIED: ("Đã thẩm tra", "Verified"),
    StepOutcome.APPROVED: ("Chấp thuận", "Approved"),
    StepOutcome.REFUSED: ("Từ chối", "Refused"),
    StepOutcome.ESCALATED: ("Chuyển cấp trên", "Referred up"),
    ApplicationState.AWAITING_CONSENT: (
        "Chờ doanh nghiệp nhận ký đồng ý",
        "Awaiting the receiving operator's signature",
    ),
    ApplicationState.VERIFYING: ("Đang thẩm tra", "Being verified"),
    ApplicationState.INCOMPLETE: ("Chờ bổ sung hồ sơ", "Awaiting documents"),
    ApplicationState.DECIDING: ("Chờ quyết định", "Awaiting decision"),
    ApplicationState.APPROVED: ("Đã chấp thuận", "Approved"),
    ApplicationState.REFUSED: ("Đã từ chối", "Refused"),
    Severity.INFO: ("Thông tin", "Information"),
    Severity.WARNING: ("Cảnh báo", "Warning"),
    Severity.REFUSE: ("Căn cứ từ chối", "Ground for refusal"),
}


def permit_label(value: StrEnum | str, language: str = "vi") -> str:
    """The Vietnamese (default) or English label of a permit vocabulary value."""
    for enum in (ApplicationKind, Case, Level, StepKind, StepOutcome, ApplicationState):
        try:
            member = enum(value)
        except ValueError:
            continue
        vi, en = LABELS[member]
        return en if language == "en" else vi
    try:
        vi, en = LABELS[Severity(value)]
    except ValueError:
        return str(value)
    return en if language == "en" else vi


@dataclass(frozen=True)
class CaseDerivation:
    """The case a BTS structure falls in, and why (one sentence per language)."""

    case: Case
    why_vi: str
    why_en: str


def _small_pole_fits(
    height: float | None, building: float | None, width: float | None
) -> bool:
    if height is None or building is None or building <= 0:
        return False
    if width is not None and width > SMALL_POLE_MAX_WIDTH_M:
        return False
    return (
        height <= SMALL_POLE_MAX_HEIGHT_M and height <= SMALL_POLE_MAX_SHARE * building
    )


def _number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def bts_case(
    structure_type: str,
    structure_height_m: float | None,
    building_height_m: float | None,
    *,
    width_m: float | None = None,
    protected_zone: bool = False,
    height_threshold_m: float,
) -> CaseDerivation:
    """Derive the case of a BTS application from its structure.

    A protected zone, or a top above ``height_threshold_m`` metres over the ground
    (structure plus building for rooftop structures), makes it "high or protected".
    A rooftop pole declared small counts as small only when its sizes fit the
    limits (≤ 20 % of the building, ≤ 3 m, ≤ 0.5 m wide); otherwise, and for other
    rooftop and indoor structures, it is a pole on an existing building.
    """
    kind = StructureType(structure_type)
    rooftop = kind in (StructureType.ROOFTOP_POLE, StructureType.ROOFTOP_SMALL)
    top = (structure_height_m or 0) + ((building_height_m or 0) if rooftop else 0)
    if protected_zone:
        return CaseDerivation(
            Case.HIGH_OR_PROTECTED,
            "Nằm trong vùng bảo vệ (người nộp kê khai)",
            "Inside a protected zone (stated by the applicant)",
        )
    if top > height_threshold_m:
        return CaseDerivation(
            Case.HIGH_OR_PROTECTED,
            f"Đỉnh cột cao {_number(top)} m, "
            f"vượt ngưỡng {_number(height_threshold_m)} m",
            f"Top at {top:g} m, above the {height_threshold_m:g} m threshold",
        )
    if kind in (StructureType.GROUND_TOWER, StructureType.GUYED_MAST):
        return CaseDerivation(
            Case.GROUND_TOWER, "Cột dựng trên mặt đất", "Structure built on the ground"
        )
    if kind == StructureType.ROOFTOP_SMALL:
        if _small_pole_fits(structure_height_m, building_height_m, width_m):
            return CaseDerivation(
                Case.SMALL_ROOFTOP,
                "Cột không cồng kềnh: không quá 3 m, 20 % chiều cao công trình, "
                "rộng không quá 0,5 m",
                "Non-bulky pole: at most 3 m, 20 % of the building, 0.5 m wide",
            )
        return CaseDerivation(
            Case.BUILDING_POLE,
            "Kê khai cột không cồng kềnh nhưng kích thước vượt giới hạn hoặc thiếu "
            "chiều cao cột, công trình",
            "Declared non-bulky, but its sizes exceed the limits or a height is "
            "missing",
        )
    return CaseDerivation(
        Case.BUILDING_POLE,
        "Cột, thiết bị đặt trên công trình có sẵn",
        "Structure on an existing building",
    )
