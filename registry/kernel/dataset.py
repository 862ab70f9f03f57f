"""What the stored data set is: the province it was made for, and whether it is the
demo."""

from __future__ import annotations

from registry.kernel.db import Registry
from registry.kernel.models import DatasetInfo

PROVINCE_KEY = "province_code"
DEMO_KEY = "demo_data"


def is_demo(registry: Registry) -> bool:
    """True while the stored data set is the generated demo."""
    with registry.reading() as session:
        info = session.get(DatasetInfo, DEMO_KEY)
    return info is not None and info.value == "true"
