"""Find English and internal names in the visible text of a Vietnamese page.

Three sources of words: Streamlit's own widget texts (a fixed list, read from its
frontend), the English column of every ``ui/texts/*.toml`` (each text's literal
parts of two words or more that its Vietnamese does not share), and the shapes of
the product's internal names (``follow_up_deadline``, ``internet.hours``).
"""

from __future__ import annotations

import re

from ui.common.i18n import all_texts

# Streamlit 1.67's own English texts that a page can show (FileUploader,
# CameraInput, selects, the status widget, the date input's empty field).
STREAMLIT_WORDS = (
    "Drag and drop",
    "Browse files",
    "Upload",
    "per file",
    "Limit 200MB",
    "Take Photo",
    "Clear photo",
    "Switch camera",
    "This app would like to use your camera",
    "Choose an option",
    "Choose options",
    "No results",
    "Press Enter",
    "Running...",
    "Rerun",
    "Deploy",
    "Made with Streamlit",
    "YYYY/MM/DD",
    "Traceback",
    "files are not allowed",
    "File type not allowed",
)

# A product name or code: snake_case words, or a dotted key such as
# ``internet.hours`` (file names, addresses and numbers are not).
INTERNAL_NAME = re.compile(
    r"\b[a-z]+(?:_[a-z0-9]+)+\b"
    r"|\b[a-z]+\.[a-z_]+\b(?<!\.png)(?<!\.jpg)(?<!\.jpeg)(?<!\.pdf)(?<!\.xlsx)"
    r"(?<!\.csv)(?<!\.zip)(?<!\.gpkg)(?<!\.geojson)(?<!\.json)(?<!\.txt)"
)

_PLACEHOLDER = re.compile(r"\{[^}]*\}")
_MARKUP = re.compile(r"[*_`#>\[\]()]")


def english_fragments(min_words: int = 2) -> set[str]:
    """Literal parts of the English texts (two words or more of plain letters)
    that the Vietnamese text of the same key does not contain."""
    found = set()
    for vi, en in all_texts().values():
        if vi == en:
            continue
        for part in _PLACEHOLDER.split(_MARKUP.sub(" ", en)):
            part = " ".join(part.split()).strip(" .,:;·–-/")
            words = part.split()
            if (
                len(words) >= min_words
                and all(re.fullmatch(r"[A-Za-z'’]+[.,:;]?", w) for w in words)
                and part not in vi
            ):
                found.add(part)
    return found


def english_in(
    text: str, fragments: set[str], allowed: tuple[str, ...] = ()
) -> list[str]:
    """What of ``text`` is English or an internal name, sorted; the ``allowed``
    strings (the signed-in user's login name, data a user typed) are not read."""
    for data in allowed:
        text = text.replace(data, " ")
    hits = {word for word in STREAMLIT_WORDS if word in text}
    hits |= {
        fragment
        for fragment in fragments
        if re.search(rf"(?<![A-Za-z]){re.escape(fragment)}(?![A-Za-z])", text)
    }
    hits |= set(INTERNAL_NAME.findall(text))
    return sorted(hits)


# The text a person sees: text nodes of visible elements, without Material icon
# ligatures (``home``, ``upload``), the inputs' typed values, and CSS-generated
# texts (``::after``) of the elements whose own words are hidden.
VISIBLE_TEXT = """() => {
    const parts = [];
    const skip = (el) => el.closest(
        '[data-testid*="Icon"], .stIconMaterial, script, style, noscript'
    );
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        const el = node.parentElement;
        const text = node.textContent.trim();
        if (!text || !el || skip(el)) continue;
        const style = getComputedStyle(el);
        if (parseFloat(style.fontSize) === 0 || style.visibility === 'hidden'
            || !el.checkVisibility({opacityProperty: true})) continue;
        const box = el.getBoundingClientRect();
        if (box.width <= 1 || box.height <= 1) continue;
        parts.push(text);
    }
    for (const el of document.querySelectorAll('body *')) {
        const after = getComputedStyle(el, '::after').content;
        if (after && after !== 'none' && after !== 'normal' && after.length > 2
            && el.checkVisibility()) {
            parts.push(after.slice(1, -1));
        }
    }
    return parts.join('\\n');
}"""
