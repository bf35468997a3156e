"""Benchmarks (make bench): speed and memory goals are measured here, never in timed tests."""
