"""Independent oracle for the "no boilerplate left" check: markers that must never survive cleaning.

Deliberately separate from the cleaning rules (``pipeline/clean/boilerplate.py``) so that the
check tests the cleaner instead of restating it.
"""

from __future__ import annotations

import re

__all__ = ["BOILERPLATE_MARKERS", "find_markers"]

BOILERPLATE_MARKERS = re.compile(
    r"\[ad_\d+\]|Developed by|Powered by|All rights reserved|جميع الحقوق محفوظة|"
    r"^\s*شاركها\.?\s*$|^\s*حجم الخط\s*$|انقر هنا للحصول على تطبيق|^\s*المصدر\s*$",
    re.IGNORECASE | re.MULTILINE,
)


def find_markers(text: str) -> list[str]:
    """Marker strings present in ``text``."""
    return [m.group(0) for m in BOILERPLATE_MARKERS.finditer(text or "")]
