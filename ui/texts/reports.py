"""Texts of the reports page ("Báo cáo") and its cluster editor."""

TEXTS: dict[str, tuple[str, str]] = {
    "menu.reports": ("Báo cáo", "Reports"),
    "entity.cluster": ("Cụm", "Cluster"),
    "entity.report": ("Báo cáo", "Report"),
    "action.make_report": ("Lập báo cáo", "Report made"),
    "rep.title": (
        "Báo cáo theo cụm, huyện, xã",
        "Reports by cluster, district, commune",
    ),
    "rep.intro": (
        "Chọn khu vực và kỳ báo cáo rồi bấm «Lập báo cáo». Báo cáo gồm số liệu phủ "
        "sóng, dùng chung hạ tầng, tăng trưởng, kiểm tra trong kỳ; tải về dạng bảng "
        "tính hoặc trang in.",
        "Choose the area and the period, then press “Make the report”. It holds "
        "coverage, infrastructure sharing, growth and the period's inspections; "
        "download it as a workbook or a printable page. The report itself "
        "is in Vietnamese.",
    ),
    "rep.kind": ("Loại khu vực", "Kind of area"),
    "rep.kind.cluster": ("Cụm", "Cluster"),
    "rep.kind.district": ("Huyện", "District"),
    "rep.kind.commune": ("Xã, phường", "Commune"),
    "rep.area": ("Khu vực", "Area"),
    "rep.no_areas": (
        "Không có khu vực nào thuộc loại này mà bạn được lập báo cáo.",
        "There is no area of this kind you may report on.",
    ),
    "rep.edition": ("Đơn vị hành chính", "Administrative units"),
    "rep.start": ("Từ ngày", "From"),
    "rep.end": ("Đến ngày", "To"),
    "rep.make": ("Lập báo cáo", "Make the report"),
    "rep.making": ("Đang lập báo cáo…", "Making the report…"),
    "rep.heading": ("Báo cáo: {area}", "Report: {area}"),
    "rep.meta": (
        "Từ {start} đến {end} · đơn vị hành chính {edition} · lập lúc {made} bởi {by}",
        "From {start} to {end} · units of {edition} · made at {made} by {by}",
    ),
    "rep.demo": (
        "Dữ liệu minh họa: số liệu trong báo cáo không phải số liệu thật của tỉnh.",
        "Demo data: the figures of this report are not the province's real data.",
    ),
    "rep.headline": ("Số liệu chính", "Headline figures"),
    "rep.notes": ("Ghi chú", "Notes"),
    "rep.tables": ("Các bảng", "Tables"),
    "rep.download_xlsx": ("Tải bảng tính (xlsx)", "Download the workbook (xlsx)"),
    "rep.download_html": ("Tải trang in", "Download the printable page"),
    "rep.print_hint": (
        "Mở trang in trong trình duyệt và chọn In (khổ A4) để có bản giấy hoặc PDF.",
        "Open the printable page in a browser and print it (A4) for paper or PDF.",
    ),
    "rep.empty_table": ("Không có số liệu.", "No figures."),
    "clu.heading": ("Cụm", "Clusters"),
    "clu.intro": (
        "Cụm là nhóm các huyện (phiên bản 2025-06) dùng để lập báo cáo. Trong phiên "
        "bản 2025-07, cụm gồm các xã, phường mới hình thành từ các xã của các "
        "huyện đó.",
        "A cluster is a group of districts (2025-06 edition) to report on. In the "
        "2025-07 edition it covers the communes formed from those districts' communes.",
    ),
    "clu.members": ("Các huyện", "Districts"),
    "clu.choose": ("Chọn huyện", "Choose districts"),
    "clu.note": ("Ghi chú", "Note"),
    "clu.version": ("Phiên bản {version}", "Version {version}"),
    "clu.name": ("Tên cụm", "Cluster name"),
    "clu.reason": ("Lý do thay đổi", "Reason for the change"),
    "clu.save": ("Lưu thay đổi", "Save the changes"),
    "clu.retire": ("Thôi sử dụng cụm", "Retire the cluster"),
    "clu.create": ("Tạo cụm mới", "Create a cluster"),
    "clu.create_button": ("Tạo cụm", "Create"),
    "clu.saved": ("Đã lưu cụm «{name}».", "Cluster “{name}” saved."),
    "clu.retired": ("Đã thôi sử dụng cụm «{name}».", "Cluster “{name}” retired."),
    "clu.none": ("Chưa có cụm nào.", "There is no cluster yet."),
}
