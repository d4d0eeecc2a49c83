"""The extraction result and its CONTRACTS §3 dict form."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from .components.citations import Citation
from .components.classify import Industry
from .components.pii import PiiSpan
from .components.region import Region


@dataclass
class Facts:
    """Facts extracted from one case text.

    ``violated``/``penalty_basis`` keep spans and roles; :meth:`to_dict`
    produces exactly the FACTS object of CONTRACTS §3.
    """

    violated: list[Citation] = field(default_factory=list)
    penalty_basis: list[Citation] = field(default_factory=list)
    fine_yuan: int | float | None = None
    measures: list[str] = field(default_factory=list)
    violation_types: list[str] = field(default_factory=list)
    industry: Industry | None = None
    region: Region = field(default_factory=lambda: Region(None, None, None))
    parties: list[str] = field(default_factory=list)
    pii: list[PiiSpan] = field(default_factory=list)

    @classmethod
    def from_doc(cls, doc: Doc) -> "Facts":
        underscore = doc._
        citations = underscore.get("citations")
        return cls(
            violated=_unique(c for c in citations if c.role == "violated"),
            penalty_basis=_unique(c for c in citations if c.role == "basis"),
            fine_yuan=underscore.get("fine_yuan"),
            measures=list(underscore.get("measures")),
            violation_types=list(underscore.get("violation_types")),
            industry=underscore.get("industry"),
            region=underscore.get("region"),
            parties=list(underscore.get("parties")),
            pii=list(underscore.get("pii")),
        )

    def to_dict(self) -> dict:
        """The CONTRACTS §3 FACTS object (JSON-serialisable)."""
        return {
            "violated": [c.to_dict() for c in self.violated],
            "penalty_basis": [c.to_dict() for c in self.penalty_basis],
            "fine_yuan": self.fine_yuan,
            "measures": list(self.measures),
            "violation_types": list(self.violation_types),
            "industry": self.industry.to_dict() if self.industry else None,
            "region": self.region.to_dict(),
            "parties": list(self.parties),
            "pii": [span.to_dict() for span in self.pii],
        }


def _unique(citations) -> list[Citation]:
    """One entry per provision (first occurrence kept)."""
    seen: set = set()
    out = []
    for citation in citations:
        if citation.key() not in seen:
            seen.add(citation.key())
            out.append(citation)
    return out
