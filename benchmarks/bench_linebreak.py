"""Balanced heading breaks: what they cost a render, measured against the same run without them.

    python benchmarks/bench_linebreak.py            # N = 200 renders, 2000 distinct headings
    python benchmarks/bench_linebreak.py --n 50     # quicker

(a) the seed plan's full render (``render.render``: Jinja, slots, finishing pass, zip) N times with
    the balancing pass, and N times with it switched off (the baseline), interleaved;
(b) ``linebreak.balance`` on distinct trích yếu texts (cold cache, as in a batch whose decisions
    all differ) against ``layout.line_widths``' greedy wrap of the same texts (the baseline).
Prints the times and the ratios. Timings never go into the test suite.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import layout as L  # noqa: E402
from generator import linebreak, pipeline, render  # noqa: E402

SEED = ROOT / "samples" / "ke-hoach-1626-KH-BQL.yaml"
WORDS = ("về việc tặng Giấy khen cho các tập thể, cá nhân có thành tích xuất sắc trong công tác năm 2025 "
         "Ban Quản lý Khu kinh tế Hải Phòng kết quả thực hiện kế hoạch giai đoạn").split()


def _renders(n: int) -> tuple[float, float]:
    loaded = pipeline.check(SEED)
    pipeline.render_loaded(loaded)  # warm the compiled template
    balance_pass = render._balance_headings
    with_balance = without = 0.0
    try:
        for index in range(n):  # interleaved, each one first in turn, so drift hits both alike
            for balanced in ((True, False) if index % 2 else (False, True)):
                render._balance_headings = balance_pass if balanced else (lambda *args: None)
                start = time.perf_counter()
                pipeline.render_loaded(loaded)
                elapsed = time.perf_counter() - start
                if balanced:
                    with_balance += elapsed
                else:
                    without += elapsed
    finally:
        render._balance_headings = balance_pass
    return with_balance, without


def _headings(count: int) -> list[str]:
    rng = random.Random(14)
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 40))) for _ in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--headings", type=int, default=2000)
    args = parser.parse_args()

    with_balance, without = _renders(args.n)
    print(f"(a) {args.n} renders of the seed plan: {with_balance:.2f} s with balanced headings, "
          f"{without:.2f} s without; ratio {with_balance / without:.3f}")

    texts = _headings(args.headings)
    width = L.DEFAULT_LAYOUT.text_width
    start = time.perf_counter()
    for text in texts:
        linebreak.balance(text, 14, True, int(width))
    balanced = time.perf_counter() - start
    start = time.perf_counter()
    for text in texts:
        L.line_widths(text, 14.0, True, width)
    greedy = time.perf_counter() - start
    print(f"(b) {len(texts)} distinct headings: balance {balanced * 1000:.1f} ms "
          f"({balanced / len(texts) * 1e6:.0f} µs each), greedy wrap {greedy * 1000:.1f} ms; "
          f"ratio {balanced / greedy:.1f}")


if __name__ == "__main__":
    main()
