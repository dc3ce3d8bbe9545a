"""The M/M/c bench model in SimPy 3 (Debian's python3-simpy3), the peer baseline of bench/mmcBench.ts.

Usage: /usr/bin/python3 bench/mmc_simpy.py <jobs> <servers> <load> <seed> <batches>

Jobs arrive in a Poisson stream at rate load * servers per second, each needs an exponential
service of mean 1 s on one of `servers` identical servers, and waits in one FIFO queue (a
simpy.Resource). Only env.run() is timed. Prints one JSON line: the wall and CPU seconds of the
run, the mean wait in the queue (s) and the mean wait of each batch of consecutive jobs.
"""

import json
import random
import sys
import time

import simpy


def run(jobs, servers, load, seed):
    rng = random.Random(seed)
    arrival_rate = load * servers
    env = simpy.Environment()
    counter = simpy.Resource(env, capacity=servers)
    waits = [0.0] * jobs

    def job(index, arrived):
        with counter.request() as request:
            yield request
            waits[index] = env.now - arrived
            yield env.timeout(rng.expovariate(1.0))

    def source():
        for index in range(jobs):
            yield env.timeout(rng.expovariate(arrival_rate))
            env.process(job(index, env.now))

    env.process(source())
    wall_start = time.perf_counter()
    cpu_start = time.process_time()
    env.run()
    cpu = time.process_time() - cpu_start
    wall = time.perf_counter() - wall_start
    return waits, wall, cpu


def batch_means(values, batches):
    size = len(values) // batches
    return [sum(values[b * size:(b + 1) * size]) / size for b in range(batches)]


def main(argv):
    jobs, servers, load, seed, batches = int(argv[0]), int(argv[1]), float(argv[2]), int(argv[3]), int(argv[4])
    waits, wall, cpu = run(jobs, servers, load, seed)
    print(json.dumps({
        "simpy": simpy.__version__,
        "python": sys.version.split()[0],
        "jobs": jobs,
        "seconds": wall,
        "cpuSeconds": cpu,
        "meanWait": sum(waits) / jobs,
        "batchMeans": batch_means(waits, batches),
    }))


if __name__ == "__main__":
    main(sys.argv[1:])
