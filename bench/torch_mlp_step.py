"""Single-threaded PyTorch reference for the native MLP step (issue 17): the mlp12x256 bench
configuration (input 256, 12 hidden Linear+ReLU layers of 256, 10 classes, batch 64, SGD lr 0.01,
cross-entropy), one step = zero_grad + forward + loss + backward + optimizer step.
  /usr/bin/python3 bench/torch_mlp_step.py [--steps N] [--json]
Prints best and mean step time in ms (torch.set_num_threads(1)); scripts/bench.sh compares it with
the native MlpStep_12x256_b64 (norm none)."""
import argparse
import json
import time

import torch


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=200)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(1)
    layers = []
    d = 256
    for _ in range(12):
        layers += [torch.nn.Linear(d, 256), torch.nn.ReLU()]
        d = 256
    layers.append(torch.nn.Linear(256, 10))
    model = torch.nn.Sequential(*layers)
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    x = torch.randn(64, 256)
    y = torch.randint(0, 10, (64,))

    def step():
        opt.zero_grad(set_to_none=False)
        loss = torch.nn.functional.cross_entropy(model(x), y)
        loss.backward()
        opt.step()

    for _ in range(10):
        step()
    times = []
    cpu = []  # this thread's CPU time per step: on a loaded machine, what the step cost without the waiting
    for _ in range(a.steps):
        t0, c0 = time.perf_counter(), time.thread_time()
        step()
        cpu.append((time.thread_time() - c0) * 1e3)
        times.append((time.perf_counter() - t0) * 1e3)
    out = {"torch_version": torch.__version__, "threads": torch.get_num_threads(),
           "mlp12x256_step_best_ms": min(times), "mlp12x256_step_mean_ms": sum(times) / len(times),
           "mlp12x256_step_mean_cpu_ms": sum(cpu) / len(cpu)}
    print(json.dumps(out) if a.json else
          f"PyTorch {out['torch_version']} (1 thread) mlp12x256 step: best {out['mlp12x256_step_best_ms']:.3f} ms,"
          f" mean {out['mlp12x256_step_mean_ms']:.3f} ms, mean CPU time {out['mlp12x256_step_mean_cpu_ms']:.3f} ms")


if __name__ == "__main__":
    main()
