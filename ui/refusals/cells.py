"""Vietnamese of the refusals of the cell observations."""

VIETNAMESE = {
    "cells.not_gzip": "một tệp nén gzip giải nén được ({detail})",
    "cells.too_large": lambda c: (
        f"tối đa {c['limit_mb']:,} MB văn bản sau khi giải nén".replace(",", ".")
    ),
    "cells.not_text": (
        "văn bản UTF-8 theo thứ tự cột của OpenCelliD (radio, mcc, net, area, cell, "
        "unit, lon, lat, range, samples, changeable, created, updated, averageSignal)"
    ),
    "cells.no_rows": "tệp không có dòng dữ liệu",
    "cells.wrong_columns": (
        "{columns} cột cách nhau bằng dấu phẩy ở mỗi dòng; dòng đầu có {found} cột"
    ),
    "cells.no_snapshot": "chưa nhập bản dữ liệu trạm quan sát nào",
    "cells.finding_not_found": "không có phát hiện số {key}",
    "cells.outside_area": "phát hiện nằm ngoài địa bàn của bạn",
    "cells.other_network": "phát hiện thuộc mạng {network}, không phải mạng {own}",
    "cells.finding_kind": "một trong các loại: {kinds}",
    "cells.follow_up_kind": "một trong các loại: {kinds}",
    "cells.export_format": "một trong các định dạng: {formats}",
}
