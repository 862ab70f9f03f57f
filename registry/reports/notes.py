"""The notes under a report: what its figures rest on, in Vietnamese.

Boundaries are approximate until official ones are imported; coverage radii are
assumptions (no regulation fixes them) taken from the settings; demo data is said
to be demo; a cluster's own note (e.g. where Cửa Lò went) is repeated.
"""

from __future__ import annotations

from registry.access.permissions import Actor
from registry.kernel.numbers import vi_number
from registry.kernel.vocabulary import Role
from registry.reports.area import ReportArea


def _metres(value: float) -> str:
    return vi_number(round(value)) + " m"


def radii_sentence(radii: dict[str, tuple[float, float]]) -> str:
    """'2G: 2.000 m ở phường, thị trấn, 6.000 m ở xã; 4G: …'."""
    parts = [
        f"{tech}: {_metres(urban)} ở phường, thị trấn, {_metres(rural)} ở xã"
        for tech, (urban, rural) in radii.items()
    ]
    return "; ".join(parts)


def report_notes(
    area: ReportArea, cov, sharing, *, demo: bool, actor: Actor
) -> list[str]:
    """Notes of a report, most important first."""
    notes = []
    if demo:
        notes.append(
            "Dữ liệu minh họa (demo): các trạm, điểm và kiểm tra được tạo tự động "
            "để trình diễn, không phải số liệu thật của tỉnh."
        )
    if cov.approximate:
        notes.append(
            "Ranh giới xã, huyện là gần đúng (suy ra từ vị trí trung tâm các xã) cho "
            "đến khi nhập ranh giới chính thức; diện tích và tỷ lệ phủ sóng vì thế "
            "cũng là gần đúng."
        )
    notes.append(
        "Vùng phủ sóng được ước tính bằng các hình tròn quanh mỗi trạm; bán kính là "
        "giả định đặt trong cấu hình, không có quy định nào ấn định: "
        + radii_sentence(cov.radii)
        + "."
    )
    threshold = round(cov.gap_min_share * 100)
    notes.append(
        f"Vùng lõm sóng: xã không có sóng {cov.gap_technology} hoặc có dưới "
        f"{threshold} % diện tích được phủ sóng {cov.gap_technology}."
    )
    if cov.population_year is None:
        notes.append(
            "Chưa nhập dân số theo xã: tỷ lệ dân số được phủ sóng không tính được."
        )
    else:
        notes.append(
            f"Dân số theo số liệu năm {cov.population_year}, coi như phân bố đều "
            "trên diện tích mỗi xã."
        )
    distance = _metres(float(sharing.distance_m))
    notes.append(
        f"Cặp trạm có thể dùng chung: hai trạm của hai nhà mạng cách nhau dưới "
        f"{distance}."
    )
    if area.edition == "2025-07" and area.kind in ("cluster", "district"):
        notes.append(
            "Phiên bản 2025-07 không còn cấp huyện: khu vực gồm các xã, phường mới "
            "được hình thành từ các xã cũ của các huyện này, kể cả xã có một phần "
            "nằm ngoài khu vực."
        )
    if area.note:
        notes.append(area.note)
    if actor.role == Role.DISTRICT:
        notes.append("Báo cáo chỉ tính các bản ghi thuộc huyện của người lập báo cáo.")
    return notes
