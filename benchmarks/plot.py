"""``python -m benchmarks plot RESULTS_DIR``: the mean primal gap over time per contender.

Reads ``RESULTS_DIR/results.csv`` and writes ``RESULTS_DIR/gap_over_time.png`` (log time axis;
see :mod:`benchmarks.gaps` for the measure). Needs matplotlib (``pip install -e ".[plot]"``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchmarks.gaps import mean_gaps, time_grid
from benchmarks.runner import read_rows

if TYPE_CHECKING:
    from matplotlib.axes import Axes

FILE_NAME = "gap_over_time.png"


def title_of(rows: list[dict[str, str]]) -> str:
    """``"consultant M, 3 instances, 10 s, 2 workers"`` from the rows' settings."""
    first = rows[0]
    suite, size = first["suite"], first["size"]
    label = f"wt{size}" if suite == "orlib" else f"{suite} {size}"
    count = len({r["instance"] for r in rows})
    return (
        f"{label}, {count} instance{'s' if count > 1 else ''}, time limit "
        f"{float(first['time_limit']):g} s, {first['workers']} worker(s)"
    )


def gap_chart(rows: list[dict[str, str]], ax: Axes | None = None) -> Axes:
    """Draw the mean primal gap (%) to the best known value over time, one step line per
    contender, on a log time axis; return the axes."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(8, 5))
    contenders = list(dict.fromkeys(r["contender"] for r in rows))
    times = time_grid(rows)
    for name, gaps in mean_gaps(rows, contenders, times).items():
        ax.step(times, gaps, where="post", label=name, linewidth=2)
    limit = float(rows[0]["time_limit"])
    ax.axvline(limit, color="grey", linestyle=":", linewidth=1)
    ax.set_xscale("log")
    ax.set_ylim(-2, 102)
    ax.set_xlabel("seconds from the start of the call (log scale)")
    ax.set_ylabel("mean primal gap to the best known value, %")
    ax.set_title(title_of(rows))
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    return ax


def plot_results(directory: Path, out: Path | None = None) -> Path:
    """Write the chart of ``directory/results.csv`` to ``out`` (default: next to it)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = read_rows(directory / "results.csv")
    if not rows:
        raise ValueError(f"{directory / 'results.csv'} holds no rows")
    target = out or directory / FILE_NAME
    ax = gap_chart(rows)
    figure: Any = ax.figure
    figure.tight_layout()
    figure.savefig(target, dpi=120)
    plt.close(figure)
    return target
