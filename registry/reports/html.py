"""A report as one self-contained, print-ready HTML page (A4, Vietnamese).

No external asset: the CSS is inline (with ``@media print`` and page breaks between
sections), the maps are inline SVG from :mod:`geodata.map_svg`. Every text that
comes from users or data (area names, site and point names, notes) is escaped.
"""

from __future__ import annotations

import base64
from html import escape

from geodata.map_svg import choropleth_svg, points_svg
from registry.reports.tables import ReportTable, format_number, period_text

TECH_COLOURS = {"2G": "#969696", "3G": "#6baed6", "4G": "#2171b5", "5G": "#e6550d"}
APPROXIMATE_NOTE = "ranh giới gần đúng"

CSS = """
@page { size: A4; margin: 14mm 12mm; }
body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt;
       color: #111; max-width: 190mm; margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 17pt; margin: 0 0 4pt; }
h2 { font-size: 13pt; margin: 14pt 0 6pt; border-bottom: 1.5pt solid #1f4e79;
     color: #1f4e79; }
.meta { color: #333; margin: 2pt 0; }
.demo { color: #c00000; font-weight: bold; border: 1.5pt solid #c00000;
        padding: 4pt 8pt; display: inline-block; margin: 6pt 0; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt;
        page-break-inside: auto; font-size: 9pt; }
tr { page-break-inside: avoid; }
thead { display: table-header-group; }
th, td { border: 0.6pt solid #999; padding: 2pt 4pt; vertical-align: top; }
th { background: #ddebf7; text-align: left; }
td.num { text-align: right; white-space: nowrap; }
tr.total td { font-weight: bold; background: #f2f2f2; }
.headline td:first-child { width: 60%; }
.note { font-style: italic; color: #444; margin: 2pt 0 6pt; }
.empty { color: #666; }
section { page-break-before: always; }
section.first { page-break-before: avoid; }
figure { margin: 6pt 0; }
figcaption { font-size: 9pt; color: #444; }
@media print { body { padding: 0; max-width: none; } .noprint { display: none; } }
"""


def _table_html(table: ReportTable) -> str:
    columns = list(table.frame.columns)
    head = "".join(f"<th>{escape(str(c))}</th>" for c in columns)
    rows = []
    for values in table.frame.itertuples(index=False):
        cells = []
        for name, value in zip(columns, values, strict=True):
            fmt = table.fmt(name)
            css = ' class="num"' if fmt in ("int", "pct", "dec") else ""
            cells.append(f"<td{css}>{escape(format_number(value, fmt))}</td>")
        total = ' class="total"' if str(values[0]) == "Tổng" else ""
        rows.append(f"<tr{total}>{''.join(cells)}</tr>")
    if not rows:
        rows.append(
            f'<tr><td class="empty" colspan="{len(columns)}">Không có số liệu</td></tr>'
        )
    note = f'<p class="note">{escape(table.note)}</p>' if table.note else ""
    return (
        f'<h2 id="{escape(table.key)}">{escape(table.title)}</h2>{note}'
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _headline_html(report) -> str:
    rows = "".join(
        f"<tr><td>{escape(item.label)}</td>"
        f'<td class="num">{escape(format_number(item.value, item.fmt))}</td></tr>'
        for item in report.headline
    )
    return (
        '<table class="headline"><thead><tr><th>Chỉ tiêu</th><th>Giá trị</th></tr>'
        f"</thead><tbody>{rows}</tbody></table>"
    )


def _maps_html(report) -> str:
    units = report.coverage_map
    if units.empty:
        return ""
    note = APPROXIMATE_NOTE if report.approximate else None
    tech = report.map_technology
    coverage = choropleth_svg(
        units,
        share_column="share",
        gap_column="gap",
        title=f"Tỷ lệ diện tích được phủ sóng {tech} – {report.area.name}",
        legend_title=f"Phủ sóng {tech}",
        approximate_note=note,
        svg_id="coverage-map",
    )
    sites = points_svg(
        units,
        report.sites_map,
        category_column="technology",
        colours=TECH_COLOURS,
        labels={t: t for t in TECH_COLOURS},
        title=f"Trạm BTS theo công nghệ – {report.area.name}",
        legend_title="Công nghệ mới nhất",
        approximate_note=note,
        svg_id="sites-map",
        count_format=lambda count: format_number(count, "int"),
    )
    return (
        "<section><h2>Bản đồ</h2>"
        f"<figure>{coverage}<figcaption>Tỷ lệ diện tích mỗi xã được phủ sóng {tech} "
        "ngày cuối kỳ; xã thuộc vùng lõm sóng được gạch chéo đỏ.</figcaption></figure>"
        f"<figure>{sites}<figcaption>Trạm đang phát sóng ngày cuối kỳ, màu theo công "
        "nghệ mới nhất của trạm.</figcaption></figure></section>"
    )


def _network_years_html(report) -> str:
    """ "Mạng lưới qua các năm": the area's sites at several years (inline PNG)."""
    if report.network_years is None:
        return ""
    years, png = report.network_years
    image = base64.b64encode(png).decode("ascii")
    shown = ", ".join(str(int(y)) for y in years)
    return (
        "<section><h2>Mạng lưới qua các năm</h2>"
        f'<figure><img src="data:image/png;base64,{image}" style="width:100%" '
        f'alt="Mạng lưới các năm {shown}">'
        f"<figcaption>Trạm đang phát sóng cuối các năm {shown} (theo ngày phát sóng "
        "đầu tiên); trạm mới trong năm lớn hơn, có viền đậm.</figcaption></figure>"
        "</section>"
    )


def report_html(report) -> str:
    """The report as a complete HTML document (str, UTF-8 when encoded)."""
    area = escape(report.area.name)
    made = report.made_at.strftime("%H:%M ngày %d/%m/%Y")
    demo = (
        '<p class="demo">DỮ LIỆU MINH HỌA (DEMO) – không phải số liệu thật</p>'
        if report.demo
        else ""
    )
    notes = "".join(f"<li>{escape(note)}</li>" for note in report.notes)
    offices = "".join(f'<p class="meta">{escape(line)}</p>' for line in report.offices)
    sections = "".join(
        f"<section>{_table_html(table)}</section>" for table in report.tables
    )
    return (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        f"<title>Báo cáo hạ tầng viễn thông – {area}</title>"
        f"<style>{CSS}</style></head><body>"
        f'<section class="first"><h1>Báo cáo hạ tầng viễn thông – {area}</h1>'
        f'<p class="meta">{escape(period_text(report))}</p>'
        f'<p class="meta">Lập lúc {escape(made)} bởi {escape(report.made_by)}</p>'
        f"{offices}"
        f"{demo}<h2>Tổng quan</h2>{_headline_html(report)}"
        f"<h2>Ghi chú</h2><ul>{notes}</ul></section>"
        f"{_maps_html(report)}{_network_years_html(report)}{sections}</body></html>"
    )
