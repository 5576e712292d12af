#!/usr/bin/python3
"""The classic script NetPoll is measured against: netmiko + ThreadPoolExecutor.

Reads one JSON object on stdin:
  {"devices": [{"device_type", "host", "port", "username", "password", "secret", ...}],
   "commands": [...], "expected_lines": [...], "workers": N}
submits one job per device to ThreadPoolExecutor(max_workers=N), each ConnectHandler +
enable() + send_command per command, takes them with as_completed(), counts a device
finished when each output has the lines the lab printed, and prints
  {"wall_seconds", "finished", "failed", "cpu_seconds", "peak_rss_mb", "errors": [...]}
as one line of JSON. Run it with Debian's Python, which has python3-netmiko (2.4.2):
  /usr/bin/python3 bench/netmiko_poll.py < request.json
"""
import json
import resource
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed

import netmiko


def connect_and_send(device, commands):
    connection = netmiko.ConnectHandler(**device)
    try:
        connection.enable()
        return [connection.send_command(command) for command in commands]
    finally:
        connection.disconnect()


def cpu_seconds():
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main():
    request = json.load(sys.stdin)
    finished, errors = 0, []
    cpu_start, started = cpu_seconds(), time.monotonic()
    with ThreadPoolExecutor(max_workers=request["workers"]) as pool:
        jobs = [pool.submit(connect_and_send, device, request["commands"]) for device in request["devices"]]
        for job in as_completed(jobs):
            try:
                outputs = job.result()
            except Exception as err:  # one device's failure is counted, the others carry on
                errors.append("{}: {}".format(type(err).__name__, err))
                continue
            counts = [len(output.split("\n")) for output in outputs]
            if counts == request["expected_lines"]:
                finished += 1
            else:
                errors.append("line counts {}, the lab printed {}".format(counts, request["expected_lines"]))
    wall = time.monotonic() - started
    json.dump({
        "wall_seconds": wall,
        "finished": finished,
        "failed": len(errors),
        "cpu_seconds": cpu_seconds() - cpu_start,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,  # Linux: KiB
        "errors": sorted(set(errors))[:3],  # the distinct kinds of failure
    }, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
