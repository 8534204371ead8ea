"""`make bench`: every benchmark in turn, each with its default page. Exits
non-zero when any target is not met. Run one alone with
`python -m benchmarks.<name> --help` to point it at another page."""

import sys

from benchmarks import (
    data_scale,
    export_memory,
    lighthouse,
    page_throughput,
    page_weight,
    scale_out,
    signing_restart,
    signing_throughput,
)

BENCHMARKS = [
    page_weight,
    lighthouse,
    page_throughput,
    signing_throughput,
    signing_restart,
    scale_out,
    data_scale,
    export_memory,
]


def main() -> int:
    results = {module.__name__: module.main([]) for module in BENCHMARKS}
    print("\n## Summary\n")
    for name, met in results.items():
        print(f"- {name.removeprefix('benchmarks.')}: {'met' if met else 'NOT MET'}")
    return 0 if all(results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
