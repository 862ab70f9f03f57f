"""The world of the out-of-area attacks: people of every role, records inside their
areas, and records of every kind outside them, each named with :data:`MARK`.

The people are those of the permit tests (tests/permits/support.py): staff of
Hưng Dũng (Vinh, 2025-06), of Thành Vinh (2025-07) and of Nghi Văn (Nghi Lộc),
the districts of Vinh and Nghi Lộc, the department, Viettel (04) and MobiFone (01),
a viewer. What lies outside is in Nghi Văn, Nghi Lộc district, and belongs to
MobiFone: outside the area of Vinh, Hưng Dũng and Thành Vinh, and outside
Viettel's network. Inside Hưng Dũng: a Viettel site, three game points, two
of them inspected, and a Viettel application.
"""

from __future__ import annotations

from dataclasses import dataclass

from registry.access.users import find_actor
from registry.cells.service import follow_up_finding, import_cells, list_findings
from registry.inspections.edits import add_violation, attach_photos, record_items
from registry.inspections.review import review_inspection, submit_inspection
from registry.inspections.service import open_inspection
from registry.kernel.db import Registry
from registry.kernel.models import PermitDocument, Photo
from registry.permits.filing import file_application
from registry.permits.steps import report_incomplete, verify_application
from registry.records.by_kind import POINTS, SITES
from registry.units.clusters import create_cluster
from tests.factories import district_code, point_values, site_values
from tests.inspections.support import answered, image_bytes
from tests.permits.support import PDF, People, make_people, new_game_point, new_site

# In every name, code and free text of what lies outside: a result that holds it
# holds something from outside the caller's area.
MARK = "NGOAIVUNG"
OUTSIDE = "Nghi Văn"
# What lies inside Hưng Dũng: what the caller's counts may hold.
INSIDE_SITES, INSIDE_POINTS = 1, 3


@dataclass(frozen=True)
class ReachWorld:
    """Ids of what the world holds (see the module)."""

    people: People
    outside_district: str  # Nghi Lộc's 2025-06 code
    inside_site: int
    inside_point: int
    inside_draft: int  # by Hưng Dũng's staff, with a photo
    inside_draft_version: int
    inside_reviewed: int  # by Hưng Dũng's staff, approved by Vinh
    inside_reviewed_version: int
    inside_application: int  # Viettel's, in Hưng Dũng, with a document
    site: int  # MobiFone's, in Nghi Văn
    point: int  # a game point in Nghi Văn without an inspection
    retired: int  # a retired game point in Nghi Văn
    misdeclared: int  # MobiFone's site in Nghi Văn, declared in Hưng Dũng
    rule: str  # a rule of the draft's checklist
    draft: int  # inspection of another Nghi Văn point: draft, a violation, a photo
    draft_version: int
    violation: int
    photo: int
    submitted: int  # inspection submitted by Nghi Văn's staff
    submitted_version: int
    reviewed: int  # inspection reviewed by Nghi Lộc's district
    reviewed_version: int
    filed: int  # MobiFone's new-site application in Nghi Văn, just filed
    document: int
    verified: int  # another, verified: waiting for the decision
    incomplete: int  # another, its documents reported incomplete
    game: int  # a game certificate application for Nghi Văn
    change: int  # MobiFone's change of its Nghi Văn site
    renewal: int  # Nghi Văn's open renewal of the point's certificate
    # A cluster of Nghi Lộc only; clusters are the province's groupings of
    # districts, which district staff read (not records of an area).
    cluster: int
    cluster_version: int
    # A cell snapshot's finding in Nghi Văn on MobiFone's network (its nearest
    # site is the outside one), with a follow-up whose note holds the mark.
    cell_finding: int = 0


def _outside_point(registry, admin, number: int) -> int:
    values = point_values(
        registry,
        OUTSIDE,
        name=f"Phòng game {MARK} {number}",
        address=f"Số {number} đường {MARK}",
        owner_name=f"Chủ {MARK} {number}",
        certificate_number=f"{number}/{MARK}",
    )
    return int(POINTS.create(registry, admin, values)["id"])


def _inspection(registry, clerk, point: int) -> dict:
    view = open_inspection(registry, clerk, point)
    return record_items(
        registry, clerk, view["id"], answered(view), expected_version=view["version"]
    )


def _bts(registry, people: People, number: int) -> int:
    values = new_site(
        registry,
        OUTSIDE,
        network_code="01",
        site_code=f"{MARK}-{number}",
        name=f"Trạm {MARK} {number}",
    )
    return file_application(
        registry,
        people.mobifone,
        "bts_new",
        values=values,
        applicant_name=f"MobiFone {MARK}",
        documents=[(f"{MARK}.pdf", PDF)],
    ).summary.id


def _cell_snapshot(registry, admin, outside_site, inside_site) -> int:
    """Cells of the inside Viettel site, and of an unregistered MobiFone tower
    about 1.5 km from the outside site: an outside candidate and the outside
    site unseen. Returns the candidate's id (it gets a follow-up)."""
    rows = [
        f"LTE,452,{net},1,{n},0,{lon:.6f},{lat:.6f},300,20,1,1,1761955200,0"
        for n, (net, lon, lat) in enumerate(
            [(4, inside_site["longitude"], inside_site["latitude"])] * 3
            + [(1, outside_site["longitude"], outside_site["latitude"] + 0.0135)] * 3
        )
    ]
    import_cells(registry, admin, "\n".join(rows).encode(), filename="cells.csv")
    _, found = list_findings(registry, admin, kind="unregistered")
    finding = int(found["id"].iloc[0])
    follow_up_finding(registry, admin, finding, "inspection", f"Trạm lạ {MARK}")
    return finding


def build_reach_world(registry: Registry) -> ReachWorld:
    """Fill an initialised registry with the world (see the module)."""
    admin = find_actor(registry, "admin")
    people = make_people(registry, admin)
    clerk = people.other_commune  # Nghi Văn's staff record what lies there
    # Applications filed since 1/7/2025 are held by the 2025-07 commune alone.
    permit_clerk = people.other_new_commune
    inside_site = SITES.create(registry, admin, site_values(registry))
    inside_point = POINTS.create(registry, admin, point_values(registry))
    # Hưng Dũng's own draft (a violation, a photo) and reviewed inspection, and
    # Viettel's application there (a document): targets of the ids of others.
    inside_draft = _inspection(
        registry,
        people.commune,
        POINTS.create(
            registry, admin, point_values(registry, name="Phòng game Hưng Dũng 2")
        )["id"],
    )
    inside_draft = attach_photos(
        registry, people.commune, inside_draft["id"], [("c.png", image_bytes())]
    )
    inside_reviewed = _inspection(
        registry,
        people.commune,
        POINTS.create(
            registry, admin, point_values(registry, name="Phòng game Hưng Dũng 3")
        )["id"],
    )
    submit_inspection(registry, people.commune, inside_reviewed["id"])
    inside_reviewed = review_inspection(
        registry, people.district, inside_reviewed["id"], "approved"
    )
    inside_application = file_application(
        registry,
        people.viettel,
        "bts_new",
        values=new_site(registry, site_code="VT-TRONG"),
        documents=[("trong.pdf", PDF)],
    ).summary.id
    site = SITES.create(
        registry,
        admin,
        site_values(
            registry,
            OUTSIDE,
            network_code="01",
            site_code=f"{MARK}-SITE",
            name=f"Trạm {MARK}",
            address=f"Xóm {MARK}",
        ),
    )
    point = _outside_point(registry, admin, 1)
    retired = _outside_point(registry, admin, 5)
    POINTS.retire(registry, admin, retired, reason=f"Đóng cửa {MARK}")
    # Declared in Hưng Dũng, standing in Nghi Văn: its position decides.
    misdeclared = SITES.create(
        registry,
        admin,
        site_values(
            registry,
            OUTSIDE,
            network_code="01",
            site_code=f"{MARK}-DECL",
            name=f"Trạm {MARK} khai sai",
            declared_commune="Hưng Dũng",
        ),
    )

    draft = _inspection(registry, clerk, _outside_point(registry, admin, 2))
    rule = draft["items"][0]["rule_id"]
    draft = record_items(registry, clerk, draft["id"], {rule: {"result": "fail"}})
    draft = add_violation(
        registry, clerk, draft["id"], rule_id=rule, description=f"Vi phạm {MARK}"
    )
    draft = attach_photos(registry, clerk, draft["id"], [("a.png", image_bytes())])
    submitted = _inspection(registry, clerk, _outside_point(registry, admin, 3))
    submitted = submit_inspection(registry, clerk, submitted["id"])
    reviewed = _inspection(registry, clerk, _outside_point(registry, admin, 4))
    reviewed = submit_inspection(registry, clerk, reviewed["id"])
    reviewed = review_inspection(
        registry,
        people.other_district,
        reviewed["id"],
        "has_issues",
        note=f"Thiếu biển hiệu {MARK}",
    )

    filed = _bts(registry, people, 1)
    verified = _bts(registry, people, 2)
    verify_application(registry, permit_clerk, verified, note=f"Đã xem {MARK}")
    incomplete = _bts(registry, people, 3)
    report_incomplete(registry, permit_clerk, incomplete, reasons=f"Thiếu {MARK}")
    game = file_application(
        registry,
        permit_clerk,
        "game_new",
        values=new_game_point(registry, OUTSIDE, name=f"Phòng game {MARK} mới"),
        applicant_name=f"Chủ {MARK} mới",
    ).summary.id
    # An open renewal of the Nghi Văn point: its existence is Nghi Văn's business.
    renewal = file_application(
        registry,
        permit_clerk,
        "game_renewal",
        point_id=point,
        applicant_name=f"Chủ {MARK}",
    ).summary.id
    change = file_application(
        registry,
        people.mobifone,
        "bts_change",
        site_id=int(site["id"]),
        values={"name": f"Trạm {MARK} đổi tên"},
    ).summary.id
    outside_district = district_code(registry, "Nghi Lộc")
    cluster = create_cluster(
        registry, admin, name="Cụm Nghi Lộc", districts=[outside_district]
    )
    cell_finding = _cell_snapshot(registry, admin, site, inside_site)
    with registry.reading() as session:
        photo = session.query(Photo.id).filter_by(inspection_id=draft["id"]).scalar()
        document = (
            session.query(PermitDocument.id).filter_by(application_id=filed).scalar()
        )
    return ReachWorld(
        people=people,
        outside_district=outside_district,
        inside_site=int(inside_site["id"]),
        inside_point=int(inside_point["id"]),
        inside_draft=int(inside_draft["id"]),
        inside_draft_version=int(inside_draft["version"]),
        inside_reviewed=int(inside_reviewed["id"]),
        inside_reviewed_version=int(inside_reviewed["version"]),
        inside_application=int(inside_application),
        site=int(site["id"]),
        point=point,
        retired=retired,
        misdeclared=int(misdeclared["id"]),
        rule=rule,
        draft=int(draft["id"]),
        draft_version=int(draft["version"]),
        violation=int(draft["violations"][0]["id"]),
        photo=int(photo),
        submitted=int(submitted["id"]),
        submitted_version=int(submitted["version"]),
        reviewed=int(reviewed["id"]),
        reviewed_version=int(reviewed["version"]),
        filed=int(filed),
        document=int(document),
        verified=int(verified),
        incomplete=int(incomplete),
        game=int(game),
        change=int(change),
        renewal=int(renewal),
        cluster=int(cluster.id),
        cell_finding=cell_finding,
        cluster_version=int(cluster.version),
    )
