"""Benchmarks: each prints `name value unit` lines; see the README for the command."""
