"""A long-lived boto3 load process for bench row 4: several of these share the load, each with
THREADS threads (one STS client each), so one Python process's GIL is not what is measured.

Usage: python3 boto3_worker.py THREADS   then commands on stdin, one a line:
  warm ENDPOINT            make (once) and warm this endpoint's clients; prints "ready"
  run ENDPOINT SECONDS     signed GetCallerIdentity from every thread for SECONDS; prints one JSON
                           line: count, errors, seconds, rps, clientCpuMs, latencies (ms)
  quit
Clients stay open between runs, so rounds can be short and alternate between servers.
"""
import json
import sys
import threading
import time

from common import client, isolate_environment

MAX_CALLS_PER_RUN = 100_000


def run(clients, seconds):
    lock = threading.Lock()
    state = {"calls": 0, "errors": 0}
    latencies = [[] for _ in clients]
    deadline = time.perf_counter() + seconds

    def worker(i):
        c, mine = clients[i], latencies[i]
        while True:
            with lock:
                if state["calls"] >= MAX_CALLS_PER_RUN or time.perf_counter() > deadline:
                    return
                state["calls"] += 1
            t0 = time.perf_counter()
            try:
                c.get_caller_identity()
            except Exception:  # noqa: BLE001 - counted, reported
                with lock:
                    state["errors"] += 1
            mine.append((time.perf_counter() - t0) * 1000)

    cpu0 = time.process_time()
    started = time.perf_counter()
    pool = [threading.Thread(target=worker, args=(i,)) for i in range(len(clients))]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    elapsed = time.perf_counter() - started
    lat = [x for l in latencies for x in l]
    return {"count": len(lat), "errors": state["errors"], "seconds": elapsed, "rps": len(lat) / elapsed if elapsed else 0, "clientCpuMs": (time.process_time() - cpu0) * 1000, "latencies": lat}


def main():
    isolate_environment()
    threads = int(sys.argv[1])
    by_endpoint = {}
    for line in sys.stdin:
        words = line.split()
        if not words or words[0] == "quit":
            return
        endpoint = words[1]
        if endpoint not in by_endpoint:
            by_endpoint[endpoint] = [client("sts", endpoint) for _ in range(threads)]
        clients = by_endpoint[endpoint]
        if words[0] == "warm":
            for c in clients:  # connection open, endpoint resolved
                c.get_caller_identity()
            print("ready", flush=True)
        elif words[0] == "run":
            print(json.dumps(run(clients, float(words[2]))), flush=True)


if __name__ == "__main__":
    main()
