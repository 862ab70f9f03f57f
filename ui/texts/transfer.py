"""Texts of the import and export page."""

TEXTS: dict[str, tuple[str, str]] = {
    "io.title": ("Nhập, xuất dữ liệu", "Import and export"),
    "io.tab_import": ("Nhập từ tệp", "Import a file"),
    "io.tab_export": ("Xuất dữ liệu", "Export"),
    "io.import_group": ("Nhập vào", "Import into"),
    "io.import_help": (
        "Tệp CSV hoặc XLSX, tối đa {mb} MB; dòng 1 là tiêu đề cột (tên trường "
        "hoặc nhãn tiếng Việt/tiếng Anh). Hệ thống kiểm tra trước, chưa lưu gì "
        "cho đến khi bạn xác nhận; tệp có lỗi thì không dòng nào được nhập.",
        "A CSV or XLSX file up to {mb} MB; row 1 holds the column headers (field "
        "names or their Vietnamese/English labels). The file is checked first and "
        "nothing is stored until you confirm; a file with errors imports nothing.",
    ),
    "io.file": ("Tệp cần nhập", "File to import"),
    "io.upload_button": ("Chọn tệp", "Upload"),
    "io.upload_hint": (
        "Tối đa {mb} MB mỗi tệp • CSV, TXT, XLSX",
        "{mb} MB per file • CSV, TXT, XLSX",
    ),
    "io.preview": ("Xem trước {rows} dòng đầu", "First {rows} rows"),
    "io.col_row": ("Dòng", "Row"),
    "io.col_column": ("Cột", "Column"),
    "io.col_value": ("Giá trị", "Value"),
    "io.col_expected": ("Yêu cầu", "Expected"),
    "io.errors": ("Lỗi cần sửa", "Errors to fix"),
    "io.warnings": ("Lưu ý (không chặn việc nhập)", "Warnings (do not block)"),
    "io.has_errors": (
        "Có {errors} lỗi trong {rows} dòng; chưa nhập dòng nào. "
        "Sửa tệp rồi tải lên lại.",
        "{errors} error(s) in {rows} row(s); nothing was imported. Fix the file "
        "and upload it again.",
    ),
    "io.valid": (
        "{rows} dòng hợp lệ. Bấm «Xác nhận nhập» để lưu.",
        "{rows} row(s) valid. Press “Confirm import” to store them.",
    ),
    "io.imported": (
        "Đã nhập {stored} bản ghi; {flagged} bản ghi cần kiểm tra vị trí (xã/phường "
        "kê khai khác nơi toạ độ rơi vào).",
        "{stored} record(s) imported; {flagged} flagged for a declared commune "
        "that differs from where the coordinates fall.",
    ),
    "io.unknown_columns": (
        "Các cột không thuộc trường nào, được bỏ qua: {columns}",
        "Columns that match no field, left out: {columns}",
    ),
    "io.fix_first": (
        "Sửa các lỗi trên rồi tải tệp lên lại.",
        "Fix the errors above, then upload the file again.",
    ),
    "io.confirm": ("Xác nhận nhập", "Confirm import"),
    "io.export_group": ("Xuất", "Export"),
    "io.export_help": (
        "Các bản ghi hiện hành trong phạm vi của bạn, ở các định dạng: {formats}.",
        "The current records you may see, in these formats: {formats}.",
    ),
    "io.prepare": ("Chuẩn bị tệp xuất", "Prepare the export files"),
    "io.preparing": ("Đang tạo tệp…", "Writing the files…"),
    "io.ready": (
        "Đã tạo tệp với {records} bản ghi:",
        "Files ready, {records} records:",
    ),
    "io.download": ("Tải {fmt} ({kb} KB)", "Download {fmt} ({kb} KB)"),
}
