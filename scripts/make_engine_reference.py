#!/usr/bin/python3
"""Reference fixtures for NormLab's training engine (layers and optimizers), from PyTorch.

Run from anywhere with Debian's PyTorch:

    /usr/bin/python3 scripts/make_engine_reference.py

writes tests/fixtures/engine_reference.json, which tests/cpp/engine/test_layers_optim_reference.cpp compares
the C++ engine against (max relative error <= 1e-5 with an absolute floor).

Cases:
  linear         x (B, C), W (OC, C), b (OC) or none, dy (B, OC): y = x W^T + b (nn.functional.linear)
                 and the gradients of L = sum(dy * y): dx, dW, db.
  gelu_tanh      y = F.gelu(x, approximate='tanh') and dx for L = sum(dy * y).
  cross_entropy  logits (B, V), targets: F.cross_entropy (mean) and dlogits, with rows offset by
                 +-60 so a naive float32 exp overflows.
  optim          three steps of torch.optim.{SGD (momentum, dampening, weight decay), Adam (L2 weight
                 decay), AdamW (decoupled)} on a float32 parameter vector with given gradients;
                 records the parameter after every step.

Precision: layer inputs are drawn as float32 and recorded exactly; layer references are computed in
float64 from those values (so the test measures the float32 kernels' own error). The optimizers run
in float32, as the engine's do. The seed is fixed: rerunning reproduces the file.
"""
import json
import os

import torch
import torch.nn.functional as F

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures", "engine_reference.json")

gen = torch.Generator().manual_seed(20240611)


def f32(*shape, scale=1.0):
    """A float32 random tensor, returned as float64 holding the exact float32 values."""
    return (torch.randn(*shape, generator=gen, dtype=torch.float32) * scale).to(torch.float64)


def flat(t):
    """Values with 9 significant digits: exact for float32 inputs, ample for the references."""
    return [float(f"{v:.9g}") for v in t.detach().reshape(-1).tolist()]


def linear_case(B, C, OC, bias):
    x, W, dy = f32(B, C), f32(OC, C, scale=0.5), f32(B, OC)
    b = f32(OC) if bias else None
    for t in (x, W) + ((b,) if bias else ()):
        t.requires_grad_(True)
    y = F.linear(x, W, b)
    (y * dy).sum().backward()
    case = {"B": B, "C": C, "OC": OC, "bias": bias, "x": flat(x), "W": flat(W), "dy": flat(dy),
            "y": flat(y), "dx": flat(x.grad), "dW": flat(W.grad)}
    if bias:
        case["b"] = flat(b)
        case["db"] = flat(b.grad)
    return case


def gelu_case(n):
    x = (f32(n) * 2.5).requires_grad_(True)
    dy = f32(n)
    y = F.gelu(x, approximate="tanh")
    (y * dy).sum().backward()
    return {"n": n, "x": flat(x), "dy": flat(dy), "y": flat(y), "dx": flat(x.grad)}


def ce_case(B, V, offset):
    z = f32(B, V, scale=2.0)
    z[0] += offset
    z[-1] -= offset
    z.requires_grad_(True)
    t = torch.randint(0, V, (B,), generator=gen)
    loss = F.cross_entropy(z, t, reduction="mean")
    loss.backward()
    return {"B": B, "V": V, "logits": flat(z), "targets": [int(v) for v in t.tolist()],
            "loss": float(f"{float(loss):.12g}"), "dlogits": flat(z.grad)}


def optim_case(name, make, hyper, n=12, steps=3):
    p = torch.nn.Parameter(torch.randn(n, generator=gen, dtype=torch.float32))
    p0 = flat(p)
    opt = make([p])
    grads, after = [], []
    for _ in range(steps):
        g = torch.randn(n, generator=gen, dtype=torch.float32)
        p.grad = g.clone()
        opt.step()
        grads.append(flat(g))
        after.append(flat(p))
    return {"name": name, "hyper": hyper, "p0": p0, "grads": grads, "after": after}


def main():
    ref = {
        "linear": [linear_case(3, 5, 4, True), linear_case(4, 7, 3, False), linear_case(6, 9, 5, True)],
        "gelu_tanh": [gelu_case(40)],
        "cross_entropy": [ce_case(4, 6, 0.0), ce_case(5, 11, 60.0)],
        "optim": [
            optim_case("sgd_momentum",
                       lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9, dampening=0.1, weight_decay=0.01),
                       {"kind": "sgd", "lr": 0.05, "momentum": 0.9, "dampening": 0.1, "nesterov": False,
                        "weight_decay": 0.01}),
            optim_case("sgd_nesterov",
                       lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.8, nesterov=True),
                       {"kind": "sgd", "lr": 0.05, "momentum": 0.8, "dampening": 0.0, "nesterov": True,
                        "weight_decay": 0.0}),
            optim_case("adam",
                       lambda ps: torch.optim.Adam(ps, lr=0.01, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1),
                       {"kind": "adam", "lr": 0.01, "beta1": 0.8, "beta2": 0.99, "eps": 1e-6,
                        "weight_decay": 0.1}),
            optim_case("adamw",
                       lambda ps: torch.optim.AdamW(ps, lr=0.01, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.05),
                       {"kind": "adamw", "lr": 0.01, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8,
                        "weight_decay": 0.05}),
        ],
        "meta": {"torch": torch.__version__, "script": "scripts/make_engine_reference.py"},
    }
    with open(OUT, "w") as f:
        json.dump(ref, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {OUT} ({os.path.getsize(OUT)} bytes)")


if __name__ == "__main__":
    main()
