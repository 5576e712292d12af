#!/usr/bin/python3
"""Run CLI commands on one device with netmiko and print what it returned, as JSON.

Reads one JSON object on stdin:
  {"device_type", "host", "port", "username", "password", "secret", "commands": [...]}
connects with ConnectHandler, enters enable mode when a secret is given, runs send_command
for each command, and prints {command: output} on stdout. On any error it prints the error
on stderr and exits 1.

It is the reference client the device lab is checked against. Run it with Debian's Python,
which has python3-netmiko (2.4.2, over paramiko):
  /usr/bin/python3 test/integration/netmiko_send_command.py < request.json
"""
import json
import sys

import netmiko

CONNECTION_KEYS = ("device_type", "host", "port", "username", "password", "secret")


def send_commands(request):
    params = {key: request[key] for key in CONNECTION_KEYS if request.get(key) is not None}
    connection = netmiko.ConnectHandler(**params)
    try:
        if request.get("secret"):
            connection.enable()
        return {command: connection.send_command(command) for command in request["commands"]}
    finally:
        connection.disconnect()


def main():
    try:
        results = send_commands(json.load(sys.stdin))
    except Exception as err:  # any failure is reported the same way: a message and status 1
        print("{}: {}".format(type(err).__name__, err), file=sys.stderr)
        return 1
    json.dump(results, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
