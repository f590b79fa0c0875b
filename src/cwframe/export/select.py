"""Choosing what to export: whole frameworks, or parts of them by id."""

from __future__ import annotations

from cwframe import outline
from cwframe.errors import InputError
from cwframe.models import Corpus, Framework


def select(corpus: Corpus, ids: list[str]) -> Corpus:
    """A corpus pruned to the given frameworks and parts (nos, nos/key-people, pcf/B, sdf/7, sdf/yps …)."""
    if not ids:
        return corpus
    wanted = {i.strip().strip("/").casefold() for i in ids}
    kept: list[Framework] = []
    matched: set[str] = set()
    for fw in corpus.frameworks:
        if fw.id.value in wanted:
            kept.append(fw)
            matched |= {w for w in wanted if w == fw.id.value or w.startswith(fw.id.value + "/")}
            continue
        units = [u for u in fw.units if f"nos/{u.slug}".casefold() in wanted]
        categories = [c for c in fw.categories if f"pcf/{c.letter}".casefold() in wanted]
        levels = [lv for lv in fw.levels if f"sdf/{lv.slug}".casefold() in wanted]
        standards = fw.standards if "sdf/yps" in wanted else []
        specialisms = fw.specialisms if "sdf/specialism" in wanted else []
        glossary = fw.glossary if "sdf/glossary" in wanted else []
        matched |= {f"nos/{u.slug}".casefold() for u in units} | {
            f"pcf/{c.letter}".casefold() for c in categories
        }
        matched |= {f"sdf/{lv.slug}".casefold() for lv in levels}
        matched |= {
            k
            for k, v in (("sdf/yps", standards), ("sdf/specialism", specialisms), ("sdf/glossary", glossary))
            if v
        }
        items = []
        if fw.items and any(w.startswith(f"{fw.id.value}/") for w in wanted):
            chosen = [p for p in outline.parts(fw) if p.id.casefold() in wanted]
            matched |= {p.id.casefold() for p in chosen}
            ids = {i.id for p in chosen for i in p.items}
            items = [i for i in fw.items if i.id in ids]
        if units or categories or levels or standards or specialisms or glossary or items:
            kept.append(fw.model_copy(update={
                "units": units, "categories": categories, "levels": levels, "standards": standards,
                "specialisms": specialisms, "glossary": glossary, "items": items,
                "documents": [d for d in fw.documents if d.unit is None or f"nos/{d.unit}".casefold() in wanted],
            }))  # fmt: skip
    unknown = sorted(wanted - matched)
    if unknown:
        names = ", ".join(fw.id.value for fw in corpus.frameworks) or "none"
        raise InputError(
            f"nothing to export for '{unknown[0]}': give a framework ({names}) or a part such as "
            "nos/key-people, pcf/B, sdf/7, sdf/yps ('cwframe list' shows them)"
        )
    return corpus.model_copy(update={"frameworks": kept})
