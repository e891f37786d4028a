"""Signed STS GetCallerIdentity with boto3 from THREADS threads (one client each) until COUNT
calls are made or MAX_SECONDS pass. Prints one JSON line: count, errors, seconds, rps, p50/p99 ms.

Usage: python3 boto3_load.py ENDPOINT COUNT THREADS MAX_SECONDS
"""
import json
import sys
import threading
import time

from common import client, isolate_environment


def main():
    isolate_environment()
    endpoint, count, threads, max_seconds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    clients = [client("sts", endpoint) for _ in range(threads)]
    for c in clients:  # warm: connection open, endpoint resolved
        c.get_caller_identity()
    lock = threading.Lock()
    state = {"next": 0, "errors": 0}
    latencies = [[] for _ in range(threads)]
    deadline = time.perf_counter() + max_seconds

    def worker(i):
        c, mine = clients[i], latencies[i]
        while True:
            with lock:
                if state["next"] >= count or time.perf_counter() > deadline:
                    return
                state["next"] += 1
            t0 = time.perf_counter()
            try:
                c.get_caller_identity()
            except Exception:  # noqa: BLE001 - counted, reported
                with lock:
                    state["errors"] += 1
            mine.append((time.perf_counter() - t0) * 1000)

    cpu0 = time.process_time()
    started = time.perf_counter()
    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    seconds = time.perf_counter() - started
    cpu_ms = (time.process_time() - cpu0) * 1000
    lat = sorted(x for l in latencies for x in l)

    def q(p):
        return lat[min(len(lat) - 1, max(0, int(-(-p * len(lat) // 1)) - 1))] if lat else None

    print(json.dumps({"count": len(lat), "errors": state["errors"], "seconds": seconds, "rps": len(lat) / seconds if seconds else 0, "p50Ms": q(0.5), "p99Ms": q(0.99), "clientCpuMsPerCall": cpu_ms / len(lat) if lat else None}), flush=True)


if __name__ == "__main__":
    main()
