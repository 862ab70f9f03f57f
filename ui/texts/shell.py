"""Texts of the app's frame: name, sign-in, menu, guard, sidebar."""

TEXTS: dict[str, tuple[str, str]] = {
    "app.name": (
        "Sổ đăng ký trạm BTS và điểm Internet, trò chơi điện tử công cộng",
        "Registry of BTS sites and public Internet and game points",
    ),
    "app.short_name": ("Sổ đăng ký BTS", "BTS registry"),
    "app.starting": (
        "Đang khởi động sổ đăng ký (lần đầu sẽ tạo cơ sở dữ liệu và dữ liệu mẫu)…",
        "Starting the registry (the first start creates the database and demo data)…",
    ),
    "app.config_error": (
        "Không khởi động được sổ đăng ký: {detail}",
        "The registry cannot start: {detail}",
    ),
    "app.demo_badge": ("DỮ LIỆU MẪU (DEMO)", "DEMO DATA"),
    "menu.home": ("Trang chủ", "Home"),
    "menu.bts_map": ("Bản đồ trạm BTS", "BTS map"),
    "menu.points_map": (
        "Bản đồ điểm Internet, trò chơi",
        "Internet and game points map",
    ),
    "menu.registry": ("Sổ đăng ký", "Registry"),
    "menu.transfer": ("Nhập, xuất dữ liệu", "Import and export"),
    "menu.open_record": (
        "Mở bản ghi #{id} trong sổ đăng ký",
        "Open record #{id} in the registry",
    ),
    "auth.title": ("Đăng nhập", "Sign in"),
    "auth.intro": (
        "Sổ đăng ký trạm BTS, điểm truy nhập Internet công cộng và điểm cung cấp "
        "dịch vụ trò chơi điện tử công cộng của tỉnh.",
        "Registry of the province's BTS sites, public Internet access points and "
        "public game-service points.",
    ),
    "auth.username": ("Tên đăng nhập", "User name"),
    "auth.password": ("Mật khẩu", "Password"),
    "auth.submit": ("Đăng nhập", "Sign in"),
    "auth.refused": (
        "Sai tên đăng nhập hoặc mật khẩu.",
        "Wrong user name or password.",
    ),
    "auth.demo_title": ("Tài khoản dùng thử", "Demo accounts"),
    "auth.demo_note": (
        "Cơ sở dữ liệu đang chứa dữ liệu mẫu (demo), không phải số liệu thật. "
        "Mỗi vai trò có một tài khoản, mật khẩu chung: {password}",
        "The database holds the demo data set, not real data. One account per "
        "role, shared password: {password}",
    ),
    "auth.col_username": ("Tên đăng nhập", "User name"),
    "auth.col_password": ("Mật khẩu", "Password"),
    "auth.col_role": ("Vai trò", "Role"),
    "auth.col_area": ("Phạm vi", "Jurisdiction"),
    "auth.col_name": ("Tên hiển thị", "Display name"),
    "auth.network": ("Mạng {code}", "Network {code}"),
    "auth.whole_province": ("Toàn tỉnh", "Whole province"),
    "guard.sign_in_first": (
        "Vui lòng đăng nhập để mở trang «{page}».",
        "Please sign in to open the page “{page}”.",
    ),
    "guard.refused": (
        "Vai trò của bạn không được mở trang «{page}».",
        "Your role may not open the page “{page}”.",
    ),
    "guard.back_home": ("Về trang chủ", "Back to the home page"),
    "side.language": ("Ngôn ngữ", "Language"),
    "side.sign_out": ("Đăng xuất", "Sign out"),
    "side.who": (
        "{user} · {role} · {area}",
        "{user} · {role} · {area}",
    ),
    "side.network": ("Mạng {name} ({code})", "Network {name} ({code})"),
    "side.whole_province": ("Toàn tỉnh", "Whole province"),
}
