"""Benchmarks of ogi-reports (``make bench``): ratios against baselines measured in the same run."""
