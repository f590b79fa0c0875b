"""The bundled corpus as validate's reference: the published text of the five documents.

A document validated is compared with what the published frameworks print (their shared
wording, their vocabulary). A bundled document with the same identity as one being validated
(the same NOS unit, the PCF, the SDF) is its published version: the validated copy stands in
for it, so a document is never its own reference.
"""

from __future__ import annotations

from functools import lru_cache

from cwframe.models import Framework


def identities(framework: Framework) -> list[str]:
    """What a document is, for standing in for its published version: ``nos/<unit>`` per
    NOS unit, the framework id for the PCF and the SDF."""
    if framework.units:
        return [f"nos/{unit.slug}" for unit in framework.units]
    return [framework.id.value]


@lru_cache(maxsize=1)
def bundled() -> tuple[Framework, ...]:
    """The bundled corpus's frameworks, one per document (NOS units apart); none when it
    cannot be read (validate then works without a reference)."""
    from cwframe.corpus import load_corpus
    from cwframe.errors import CwframeError

    try:
        frameworks = load_corpus().frameworks
    except CwframeError:
        return ()
    out: list[Framework] = []
    for fw in frameworks:
        if fw.units:
            out += [fw.model_copy(update={"units": [unit]}) for unit in fw.units]
        else:
            out.append(fw)
    return tuple(out)
