"""Run commands alternately, each in its own process; print one JSON line
{"wall": [[ms, ...] per command], "cpu": [[ms, ...] per command]}.

CPU is the child's user + system time from wait4 (microseconds), not clock ticks.
Usage: spawn_times.py <cwd> <rounds> <json list of argv lists>. Output of the children is
discarded; a child that fails ends the measurement with its stderr and exit code 1.
"""
import json
import os
import sys
import time


def main():
    cwd, rounds, cmds = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3])
    wall = [[] for _ in cmds]
    cpu = [[] for _ in cmds]
    for _ in range(rounds):
        for k, argv in enumerate(cmds):
            err_r, err_w = os.pipe()
            t0 = time.perf_counter()
            pid = os.fork()
            if pid == 0:
                os.chdir(cwd)
                null = os.open(os.devnull, os.O_WRONLY)
                os.dup2(null, 1)
                os.dup2(err_w, 2)
                os.execvp(argv[0], argv)
            os.close(err_w)
            _, status, usage = os.wait4(pid, 0)
            elapsed = time.perf_counter() - t0
            err = os.read(err_r, 65536)
            os.close(err_r)
            if status != 0:
                sys.stderr.write(f"{' '.join(argv)} failed: {err.decode(errors='replace')}\n")
                sys.exit(1)
            wall[k].append(elapsed * 1000)
            cpu[k].append((usage.ru_utime + usage.ru_stime) * 1000)
    print(json.dumps({"wall": wall, "cpu": cpu}))


main()
