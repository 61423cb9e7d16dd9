#!/usr/bin/env python3
"""Prints the facts of this machine that a benchmark figure depends on, as JSON.

Usage: machine.py JAVA MODE
"""
import json
import os
import platform
import subprocess
import sys
from datetime import datetime, timezone


def read(path):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return ""


def first(text, key):
    for line in text.splitlines():
        if line.startswith(key):
            return line.split(":", 1)[1].strip()
    return "unknown"


def run(*cmd):
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
        return (done.stdout + done.stderr).strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"


java, mode = sys.argv[1], sys.argv[2]
cpuinfo = read("/proc/cpuinfo")
meminfo = read("/proc/meminfo")
mem_kb = first(meminfo, "MemTotal").split()[0] if "MemTotal" in meminfo else "0"
facts = {
    "mode": mode,
    "date_utc": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    "cpu_model": first(cpuinfo, "model name"),
    "cpus": os.cpu_count(),
    "memory_gib": round(int(mem_kb) / 1024 / 1024, 1),
    "kernel": platform.release(),
    "os": next((line.split("=", 1)[1].strip('"') for line in read("/etc/os-release").splitlines()
                if line.startswith("PRETTY_NAME=")), "unknown"),
    "clocksource": read("/sys/devices/system/clocksource/clocksource0/current_clocksource").strip() or "unknown",
    "java": run(java, "-version").splitlines(),
    "redis": run("redis-server", "--version"),
    "git_commit": run("git", "rev-parse", "--short", "HEAD"),
    "git_dirty": run("git", "status", "--porcelain") != "",
}
print(json.dumps(facts, indent=1))
