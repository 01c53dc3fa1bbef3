"""Benchmarks: a synthetic corpus generator and a runner that times ingest and pages."""
