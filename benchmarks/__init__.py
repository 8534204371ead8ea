"""Load and speed measurements, run by hand (`make bench`); the figures go
into the README with the machine they ran on. See benchmarks/harness.py."""
