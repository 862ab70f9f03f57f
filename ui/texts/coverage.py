"""Texts of the coverage dashboard ("Phủ sóng")."""

TEXTS: dict[str, tuple[str, str]] = {
    "menu.coverage": ("Phủ sóng", "Coverage"),
    "cov.title": ("Phủ sóng di động", "Mobile coverage"),
    "cov.as_of": ("Số liệu tại", "Figures as of"),
    "cov.as_of.today": ("Hôm nay ({day})", "Today ({day})"),
    "cov.as_of.year_end": ("Cuối năm {year}", "End of {year}"),
    "cov.technology": ("Công nghệ", "Technology"),
    "cov.operator": ("Doanh nghiệp", "Operator"),
    "cov.operator.all": ("Tất cả doanh nghiệp", "All operators"),
    "cov.operator.own": (
        "Chỉ hiển thị mạng của doanh nghiệp bạn.",
        "Only your own network is shown.",
    ),
    "cov.scope": (
        "{edition} · theo {level} · {day} · {operator}",
        "{edition} · by {level} · {day} · {operator}",
    ),
    "cov.model_note": (
        "Mô hình phủ sóng: mỗi trạm đang phát sóng được coi là phục vụ một hình tròn "
        "có bán kính tùy công nghệ và tùy nơi đặt trạm (phường, thị trấn: đô thị; "
        "xã: nông thôn). Không có quy định nào ấn định các bán kính này; đây là "
        "giả định dùng để quy hoạch, sở có thể đổi trong cài đặt hệ thống. Diện "
        "tích tính trên hệ tọa độ mét (UTM 48N), vùng phủ cắt theo ranh giới tỉnh.",
        "Coverage model: each site on the air is taken to serve a disc whose radius "
        "depends on the technology and on where the site stands (ward or town: "
        "urban; commune: rural). No regulation fixes these radii; they are a "
        "planning assumption the department may change in the settings. Areas are "
        "computed in metres (UTM 48N), coverage is clipped to the province.",
    ),
    "cov.urban_note": (
        "Đô thị hay nông thôn được xét theo xã/phường/thị trấn của trạm trong bản "
        "phân chia trước 1/7/2025 (thị trấn được tính là đô thị).",
        "Urban or rural follows the site's commune in the division before 1/7/2025 "
        "(towns count as urban).",
    ),
    "cov.approximate": (
        "Ranh giới xã là gần đúng (ô Thiessen): diện tích và tỷ lệ chỉ là ước tính.",
        "Commune boundaries are approximate (Thiessen cells): areas and shares are "
        "estimates.",
    ),
    "cov.metric.share": ("Diện tích có sóng {technology}", "Area with {technology}"),
    "cov.metric.population": (
        "Dân số có sóng {technology}",
        "Population with {technology}",
    ),
    "cov.metric.gaps": ("Vùng lõm sóng", "Coverage gaps"),
    "cov.metric.sites": ("Trạm đang phát sóng", "Sites on the air"),
    "cov.metric.pairs": ("Cặp trạm có thể dùng chung", "Sharing candidates"),
    "cov.map.layer": ("Vùng phủ {technology}", "{technology} coverage"),
    "cov.map.tooltip": (
        "Vùng phủ sóng {technology} (theo mô hình)",
        "{technology} coverage (model)",
    ),
    "cov.map.legend": ("Vùng phủ sóng (mô hình)", "Coverage (model)"),
    "cov.map.gaps": ("Vùng lõm sóng {technology}", "{technology} coverage gaps"),
    "cov.map.own_area": ("Địa bàn của bạn", "Your area"),
    "cov.units.heading": ("Tỷ lệ phủ sóng theo đơn vị", "Coverage per unit"),
    "cov.units.own_only": (
        "Chỉ hiện địa bàn của tôi",
        "Only my area",
    ),
    "cov.operators.heading": (
        "Diện tích có sóng {technology} theo doanh nghiệp",
        "Area with {technology} per operator",
    ),
    "cov.gaps.heading": ("Vùng lõm sóng", "Coverage gaps"),
    "cov.gaps.caption": (
        "Đơn vị không có sóng {technology} hoặc sóng {technology} phủ dưới "
        "{threshold} diện tích (ngưỡng trong cài đặt hệ thống).",
        "Units without {technology}, or where {technology} covers under "
        "{threshold} of the area (thresholds in the settings).",
    ),
    "cov.gaps.none": (
        "Không có vùng lõm sóng theo ngưỡng đang áp dụng.",
        "No coverage gaps under the thresholds in force.",
    ),
    "cov.col.unit": ("Đơn vị", "Unit"),
    "cov.col.area": ("Diện tích (km²)", "Area (km²)"),
    "cov.col.sites": ("Số trạm", "Sites"),
    "cov.col.density": ("Trạm/km²", "Sites/km²"),
    "cov.col.operators": ("Số doanh nghiệp", "Operators"),
    "cov.col.urban": ("Đô thị", "Urban"),
    "cov.col.share": ("{technology} (% diện tích)", "{technology} (% of area)"),
    "cov.col.population": ("Dân số", "Population"),
    "cov.col.population_share": (
        "{technology} (% dân số)",
        "{technology} (% of population)",
    ),
    "cov.col.reason": ("Lý do", "Reason"),
    "cov.col.yes": ("có", "yes"),
    "cov.col.co_located": ("Trạm dùng chung", "Shared sites"),
    "cov.col.co_located_share": ("Tỷ lệ dùng chung", "Share of shared sites"),
    "cov.col.pairs": ("Cặp trạm gần nhau", "Close pairs"),
    "cov.col.site_a": ("Trạm thứ nhất", "First site"),
    "cov.col.site_b": ("Trạm thứ hai", "Second site"),
    "cov.col.distance": ("Khoảng cách (m)", "Distance (m)"),
    "cov.col.commune": ("Xã/phường", "Commune"),
    "cov.col.district": ("Huyện", "District"),
    "cov.col.year": ("Năm", "Year"),
    "cov.col.change": ("Tăng, giảm", "Change"),
    "cov.col.change_pct": ("Tăng, giảm (%)", "Change (%)"),
    "cov.col.sites_tech": ("Trạm có {technology}", "Sites with {technology}"),
    "cov.col.share_5g": ("Tỷ lệ trạm có 5G", "Share of sites with 5G"),
    "cov.col.first_5g": ("Năm có 5G đầu tiên", "First year with 5G"),
    "cov.col.technology": ("Công nghệ", "Technology"),
    "cov.col.urban_radius": ("Đô thị (km)", "Urban (km)"),
    "cov.col.rural_radius": ("Nông thôn (km)", "Rural (km)"),
    "cov.sharing.heading": ("Dùng chung hạ tầng", "Infrastructure sharing"),
    "cov.sharing.caption": (
        "Trạm dùng chung: trạm có từ hai doanh nghiệp trở lên. Cặp trạm gần nhau: "
        "hai trạm đang phát sóng của hai doanh nghiệp khác nhau cách nhau không quá "
        "{distance} m, có thể dùng chung một cột.",
        "Shared sites: sites used by two or more operators. Close pairs: two sites "
        "on the air of different operators at most {distance} m apart, which could "
        "share one structure.",
    ),
    "cov.pairs.heading": ("Cặp trạm có thể dùng chung", "Candidates for sharing"),
    "cov.pairs.none": (
        "Không có cặp trạm nào cách nhau không quá {distance} m.",
        "No pair of sites within {distance} m.",
    ),
    "cov.pairs.more": (
        "Hiển thị {shown} trên {total} cặp gần nhất.",
        "Showing the {shown} closest of {total} pairs.",
    ),
    "cov.pairs.hidden": ("(trạm của doanh nghiệp khác)", "(another operator's site)"),
    "cov.growth.heading": ("Tăng trưởng theo năm", "Growth per year"),
    "cov.growth.caption": (
        "Số trạm đang phát sóng vào cuối mỗi năm (năm cuối: ngày đã chọn), trong "
        "phạm vi bạn được xem.",
        "Sites on the air at the end of each year (the last year: the chosen day), "
        "within what you may see.",
    ),
    "cov.fiveg.heading": ("Triển khai 5G theo đơn vị", "5G roll-out per unit"),
    "cov.radii.heading": ("Bán kính phục vụ đang áp dụng", "Radii in force"),
    "cov.radii.note": (
        "Không có văn bản quy phạm nào ấn định bán kính phục vụ của trạm; các giá "
        "trị trên là giả định của mô hình, đặt trong cài đặt hệ thống.",
        "No regulation fixes the radius a site serves; the figures above are the "
        "model's assumptions, set in the system settings.",
    ),
    "cov.population.heading": ("Dân số theo xã", "Population per commune"),
    "cov.population.note": (
        "Dân số được coi là phân bố đều trên diện tích của xã; số liệu của huyện "
        "cộng từ các xã (chỉ khi mọi xã của huyện đều có số liệu).",
        "Population is taken as spread evenly over each commune's area; district "
        "figures add up their communes (only when every commune has a figure).",
    ),
    "cov.population.year": (
        "Số liệu dân số năm {year}.",
        "Population figures of {year}.",
    ),
    "cov.population.none": (
        "Chưa có số liệu dân số cho bản phân chia này.",
        "No population figures for this division yet.",
    ),
    "cov.population.upload": ("Nhập dân số từ tệp", "Import population from a file"),
    "cov.population.help": (
        "Tệp CSV hoặc XLSX có cột ma_xa (mã xã), dan_so (dân số) và có thể có cột "
        "nam (năm số liệu); mã xã theo bản phân chia đang chọn. Tệp thay thế toàn "
        "bộ dân số của bản phân chia đó; có lỗi thì không nhập gì.",
        "A CSV or XLSX file with columns ma_xa (commune code), dan_so (population) "
        "and optionally nam (year); codes of the chosen division. The file replaces "
        "all populations of that division; with any error nothing is imported.",
    ),
    "cov.population.file": ("Tệp dân số", "Population file"),
    "cov.population.check": ("Kiểm tra tệp", "Check the file"),
    "cov.population.import": ("Nhập dân số", "Import population"),
    "cov.population.valid": (
        "Tệp hợp lệ: {count} xã, tổng {people} người.",
        "The file is valid: {count} communes, {people} people in all.",
    ),
    "cov.population.done": (
        "Đã nhập dân số của {count} xã (tổng {people} người).",
        "Population of {count} communes imported ({people} people in all).",
    ),
    "cov.population.errors": (
        "Tệp có {count} lỗi; chưa nhập gì:",
        "The file has {count} errors; nothing was imported:",
    ),
    "cov.population.error_row": (
        "Dòng {row}, cột {column} = “{value}”: {problem}",
        "Row {row}, column {column} = “{value}”: {problem}",
    ),
    "cov.population.bad.ma_xa": (
        "mã xã không có trong bản phân chia, hoặc bị lặp",
        "not a commune code of the division, or repeated",
    ),
    "cov.population.bad.dan_so": (
        "dân số phải là số nguyên từ 0 đến 2.000.000",
        "the population must be a whole number from 0 to 2,000,000",
    ),
    "cov.population.bad.nam": (
        "năm số liệu phải từ 1990 đến 2100",
        "the year must be from 1990 to 2100",
    ),
}
