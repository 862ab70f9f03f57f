"""What the stored data set is: the province it was made for, and whether it is the
demo.

The demo state is one row of ``dataset_info`` (``demo_data``): ``true`` while the
generated demo is in use, ``left`` once the registry has left the demo (its first
real import, or the demo's removal), so that no restart fills the demo in again.
"""

from __future__ import annotations

from registry.kernel.db import Registry
from registry.kernel.models import DatasetInfo

PROVINCE_KEY = "province_code"
DEMO_KEY = "demo_data"
# When and why the registry left the demo (ISO time; the use case that did it).
DEMO_LEFT_AT_KEY = "demo_left_at"
IN_DEMO = "true"
LEFT_DEMO = "left"


def is_demo(registry: Registry) -> bool:
    """True while the stored data set is the generated demo."""
    with registry.reading() as session:
        info = session.get(DatasetInfo, DEMO_KEY)
    return info is not None and info.value == IN_DEMO


def has_left_demo(registry: Registry) -> bool:
    """True once the registry has left the demo: it is never filled with it again."""
    with registry.reading() as session:
        info = session.get(DatasetInfo, DEMO_KEY)
    return info is not None and info.value == LEFT_DEMO
