"""How well the critique agrees with an expert: a folder of maps an expert ranked and scored
(``ranking.yaml``, see ``evals/devsets/README.md``), the critique's score of each, the rank
correlation between the two, and how many stages were read as the phase the expert gave.

Run it on a folder:
``python -m journey_assistant.evaluation.ranking evals/devsets/ranked_maps/dev``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class RankedMap:
    """One map of the set: the expert's rank and score, the critique's score, phases read."""

    file: str
    rank: int
    expert: int
    score: int
    phases_right: int
    phases_total: int
    flaws: list[str] = field(default_factory=list)
    misread: list[str] = field(default_factory=list)


def _ranks(values: list[float]) -> list[float]:
    """Ranks from 1, ties sharing their mean rank."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def spearman(xs: list[float], ys: list[float]) -> float:
    """Spearman's rank correlation (Pearson's r on the ranks, so ties are handled)."""
    if len(xs) != len(ys) or len(xs) < 2:
        raise ValueError("need two lists of the same length, at least 2 long")
    rx, ry = _ranks(xs), _ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    vx = sum((a - mx) ** 2 for a in rx) ** 0.5
    vy = sum((b - my) ** 2 for b in ry) ** 0.5
    return cov / (vx * vy) if vx and vy else 0.0


def score_ranked_set(folder: Path) -> list[RankedMap]:
    """Critique every map of a ranked folder."""
    import yaml

    from ..api import load_map
    from ..critique import critique_map

    rows = []
    for entry in yaml.safe_load((folder / "ranking.yaml").read_text(encoding="utf-8")):
        journey = load_map(folder / entry["file"])
        result = critique_map(journey)
        wanted = entry.get("phases") or {}
        right, misread = 0, []
        for reading in result.stages:
            got = reading.phase.value if reading.phase else None
            if got == wanted.get(reading.stage):
                right += 1
            else:
                misread.append(f"{reading.stage}: {got} (expert: {wanted.get(reading.stage)})")
        rows.append(
            RankedMap(
                file=entry["file"],
                rank=entry["rank"],
                expert=entry["expert_score"],
                score=result.score,
                phases_right=right,
                phases_total=len(result.stages),
                flaws=list(entry.get("flaws") or []),
                misread=misread,
            )
        )
    return sorted(rows, key=lambda r: r.rank)


def agreement(rows: list[RankedMap]) -> float:
    """Rank correlation between the expert's scores and the critique's."""
    return spearman([float(r.expert) for r in rows], [float(r.score) for r in rows])


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m journey_assistant.evaluation.ranking FOLDER", file=sys.stderr)
        return 2
    rows = score_ranked_set(Path(argv[0]))
    for r in rows:
        print(
            f"{r.rank:>3}  expert {r.expert:>3}  critique {r.score:>3}  "
            f"phases {r.phases_right}/{r.phases_total}  {r.file}  {', '.join(r.flaws)}"
        )
        for m in r.misread:
            print(f"       misread {m}")
    right = sum(r.phases_right for r in rows)
    total = sum(r.phases_total for r in rows)
    print(f"Spearman rho {agreement(rows):.3f}; phases read right {right}/{total}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
