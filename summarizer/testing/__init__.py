"""Test helpers that other test folders and the benchmarks import (no network, loopback only)."""
