"""`make bench`: every benchmark in turn, each with its default page. Exits
non-zero when any target is not met. Run one alone with
`python -m benchmarks.<name> --help` to point it at another page."""

import sys

from benchmarks import page_throughput, page_weight

BENCHMARKS = [page_weight, page_throughput]


def main() -> int:
    results = {module.__name__: module.main([]) for module in BENCHMARKS}
    print("\n## Summary\n")
    for name, met in results.items():
        print(f"- {name.removeprefix('benchmarks.')}: {'met' if met else 'NOT MET'}")
    return 0 if all(results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
