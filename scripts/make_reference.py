#!/usr/bin/python3
"""Reference fixtures for NormLab's normalization kernels, computed with PyTorch.

Run from the repository root with Debian's PyTorch (python3-torch; the other scripts run the
same way: make_attention_reference.py, make_engine_reference.py, check_pytorch_claims.py):

    /usr/bin/python3 scripts/make_reference.py

For small random cases of every norm it records the float32 inputs (x, gamma, beta,
dy, running statistics), the forward output y, the gradients of L = sum(dy * y) from
autograd (dx, dgamma, dbeta, dalpha), the cached statistics (mean, rstd) and BatchNorm's
updated running statistics, into tests/fixtures/norms_reference.json. The C++ tests
(tests/cpp/kernels/test_norms.cpp, tests/cpp/ops/test_norm_request.cpp) compare against it.

PyTorch's own functions are the reference wherever they exist (F.batch_norm, F.layer_norm,
F.group_norm, F.instance_norm); RMSNorm, DyT and the eps-outside LayerNorm (the epsilon
lesson's deliberate bug) are written from torch primitives. The seed is fixed, so running
the script again reproduces the file.

Precision: every input is drawn as float32 and recorded exactly; the reference is then
computed by PyTorch in float64 from those float32 values and rounded to float32 on output.
PyTorch's float32 CPU kernels are not accurate enough to be a 1e-5 reference: they
normalise with a fused x * scale + shift form, so a LayerNorm with d = 1 does not return
exactly beta, and rows at an offset of 50 lose ~1e-5 absolute. A float64 reference makes
the C++ tests measure the error of our float32 kernels alone.
"""
import json
import os
import sys

import torch
import torch.nn.functional as F

SEED = 20240601
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures",
                   "norms_reference.json")

gen = torch.Generator().manual_seed(SEED)


def randn(*shape, scale=1.0, offset=0.0):
    """float32 random values, returned as float64 (exactly the same numbers)."""
    values = torch.randn(*shape, generator=gen, dtype=torch.float32) * scale + offset
    return values.to(torch.float32).double()


def f32(value):
    """A scalar as the float32 the C++ kernels receive (eps = 1e-5 is 9.99999975e-06)."""
    return float(torch.tensor(value, dtype=torch.float32))


def flat(t):
    """A tensor as a flat list of float32 values written with 9 significant digits (exact)."""
    if t is None:
        return None
    return [float(f"{v:.9g}") for v in t.detach().to(torch.float32).reshape(-1).tolist()]


def leaf(t):
    return None if t is None else t.clone().requires_grad_(True)


def grad_of(t):
    return None if t is None else t.grad


def params(C, affine=True, with_gamma=True, with_beta=True):
    gamma = randn(C, scale=0.5, offset=1.0) if affine and with_gamma else None
    beta = randn(C, scale=0.2) if affine and with_beta else None
    return gamma, beta


def finish(case, x, y, dy, gamma, beta, **extra):
    """Backward of L = sum(dy * y) and the common fields."""
    y.backward(dy)
    case.update({
        "x": flat(x), "gamma": flat(gamma), "beta": flat(beta), "dy": flat(dy),
        "y": flat(y), "dx": flat(grad_of(x)),
        "dgamma": flat(grad_of(gamma)), "dbeta": flat(grad_of(beta)),
    })
    for key, value in extra.items():
        case[key] = flat(value) if isinstance(value, torch.Tensor) else value
    return case


def layer_case(shape, eps=1e-5, offset=0.0):
    eps = f32(eps)
    d = shape[-1]
    x = leaf(randn(*shape, offset=offset))
    gamma, beta = (leaf(t) for t in params(d))
    dy = randn(*shape)
    y = F.layer_norm(x, (d,), gamma, beta, eps)
    with torch.no_grad():
        _, mean, rstd = torch.native_layer_norm(x, [d], gamma, beta, eps)
    return finish({"kind": "layer", "shape": list(shape), "eps": eps}, x, y, dy, gamma, beta,
                  mean=mean, rstd=rstd)


def eps_outside_case(shape, eps=1e-5):
    eps = f32(eps)
    d = shape[-1]
    x = leaf(randn(*shape))
    gamma, beta = (leaf(t) for t in params(d))
    dy = randn(*shape)
    mu = x.mean(-1, keepdim=True)
    var = ((x - mu) ** 2).mean(-1, keepdim=True)
    r = 1.0 / (var.sqrt() + eps)  # the bug: eps outside the root
    y = (x - mu) * r * gamma + beta
    return finish({"kind": "layer_eps_outside", "shape": list(shape), "eps": eps}, x, y, dy,
                  gamma, beta, mean=mu, rstd=r)


def rms_case(shape, eps=1e-5, with_gamma=True):
    eps = f32(eps)
    d = shape[-1]
    x = leaf(randn(*shape))
    gamma = leaf(randn(d, scale=0.5, offset=1.0)) if with_gamma else None
    dy = randn(*shape)
    rstd = torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps)
    y = x * rstd
    if gamma is not None:
        y = y * gamma
    return finish({"kind": "rms", "shape": list(shape), "eps": eps}, x, y, dy, gamma, None,
                  rstd=rstd)


def batch_case(shape, training, eps=1e-5, momentum=0.1):
    eps, momentum = f32(eps), f32(momentum)
    C = shape[1]
    x = leaf(randn(*shape))
    gamma, beta = (leaf(t) for t in params(C))
    dy = randn(*shape)
    running_mean = randn(C, scale=0.3)
    running_var = randn(C, scale=0.2).abs() + 0.5
    rm_in, rv_in = running_mean.clone(), running_var.clone()
    y = F.batch_norm(x, running_mean, running_var, gamma, beta, training, momentum, eps)
    dims = [0] + list(range(2, len(shape)))
    with torch.no_grad():
        if training:
            mean = x.mean(dims)
            rstd = torch.rsqrt(x.var(dims, unbiased=False) + eps)
        else:
            mean = rm_in
            rstd = torch.rsqrt(rv_in + eps)
    case = {"kind": "batch", "shape": list(shape), "eps": eps, "momentum": momentum,
            "training": training, "running_mean": flat(rm_in), "running_var": flat(rv_in)}
    return finish(case, x, y, dy, gamma, beta, mean=mean, rstd=rstd,
                  running_mean_out=running_mean, running_var_out=running_var)


def group_case(shape, groups, eps=1e-5):
    eps = f32(eps)
    N, C = shape[0], shape[1]
    x = leaf(randn(*shape))
    gamma, beta = (leaf(t) for t in params(C))
    dy = randn(*shape)
    y = F.group_norm(x, groups, gamma, beta, eps)
    hw = x[0, 0].numel()
    with torch.no_grad():
        _, mean, rstd = torch.native_group_norm(x, gamma, beta, N, C, hw, groups, eps)
    return finish({"kind": "group", "shape": list(shape), "eps": eps, "groups": groups}, x, y,
                  dy, gamma, beta, mean=mean, rstd=rstd)


def instance_case(shape, with_gamma, with_beta, eps=1e-5):
    eps = f32(eps)
    C = shape[1]
    x = leaf(randn(*shape))
    gamma, beta = (leaf(t) for t in params(C, True, with_gamma, with_beta))
    dy = randn(*shape)
    y = F.instance_norm(x, weight=gamma, bias=beta, use_input_stats=True, eps=eps)
    dims = list(range(2, len(shape)))
    with torch.no_grad():
        mean = x.mean(dims)
        rstd = torch.rsqrt(x.var(dims, unbiased=False) + eps)
    return finish({"kind": "instance", "shape": list(shape), "eps": eps}, x, y, dy, gamma, beta,
                  mean=mean, rstd=rstd)


def dyt_case(shape, alpha):
    d = shape[-1]
    x = leaf(randn(*shape, scale=2.0))
    gamma, beta = (leaf(t) for t in params(d))
    alpha = f32(alpha)
    a = torch.tensor(alpha, dtype=torch.float64, requires_grad=True)
    dy = randn(*shape)
    y = gamma * torch.tanh(a * x) + beta
    case = finish({"kind": "dyt", "shape": list(shape), "alpha": alpha}, x, y, dy, gamma, beta)
    case["dalpha"] = float(f"{a.grad.item():.9g}")
    return case


def all_cases():
    cases = [
        layer_case((4, 7)),
        layer_case((3, 5, 16)),
        layer_case((2, 1)),                  # d = 1: y == beta, dx == 0
        layer_case((1, 64), eps=1e-3),
        layer_case((5, 33), offset=3.0),     # rows off zero: the two-pass variance
        eps_outside_case((4, 9)),
        eps_outside_case((2, 16), eps=0.1),
        rms_case((4, 7)),
        rms_case((2, 3, 32)),
        rms_case((3, 2)),
        rms_case((6, 100), eps=1e-6),
        rms_case((3, 10), with_gamma=False),
        batch_case((8, 5), training=True),
        batch_case((4, 3, 5, 5), training=True),
        batch_case((3, 6, 7), training=True, momentum=0.25),
        batch_case((2, 1), training=True),
        batch_case((8, 5), training=False),
        batch_case((2, 3, 4, 4), training=False),
        group_case((3, 6, 4, 4), groups=3),
        group_case((2, 8, 5), groups=2),
        group_case((4, 12), groups=4),
        group_case((2, 6, 3, 3), groups=1),  # G = 1: LayerNorm over (C, H, W)
        group_case((2, 6, 3, 3), groups=6),  # G = C: InstanceNorm
        group_case((1, 10, 7), groups=5),
        instance_case((2, 3, 4, 4), True, True),
        instance_case((2, 3, 4, 4), False, False),
        instance_case((1, 5, 9), True, True),
        instance_case((3, 2, 6), False, False),
        instance_case((2, 4, 5), True, False),
        dyt_case((4, 10), alpha=0.5),
        dyt_case((3, 2, 8), alpha=1.3),
    ]
    # Not here on purpose (the double-precision gradchecks and property tests cover them):
    # RMSNorm with d = 1, whose dx = g eps / (x^2 + eps) is a 1e-5-sized difference of O(1)
    # terms that no float32 computation gets to 1e-5 relative, and rows at large offsets,
    # where float32 input quantisation (ulp(50) = 4e-6) bounds every float32 kernel.
    for i, case in enumerate(cases):
        case["name"] = f"{i:02d}_{case['kind']}_" + "x".join(str(s) for s in case["shape"])
    return cases


def main():
    torch.set_num_threads(1)
    cases = all_cases()
    doc = {
        "generator": "scripts/make_reference.py",
        "torch_version": torch.__version__,
        "seed": SEED,
        "dtype": "float32 inputs and outputs; computed in float64",
        "loss": "L = sum(dy * y); dx, dgamma, dbeta, dalpha are dL/d(.)",
        "cases": cases,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    text = json.dumps(doc, separators=(",", ":"))
    with open(OUT, "w") as f:
        f.write(text)
        f.write("\n")
    path = os.path.relpath(OUT)
    print(f"wrote {path}: {len(cases)} cases, {len(text) + 1} bytes (torch {torch.__version__}, seed {SEED})")
    for case in cases:
        fields = [k for k in ("y", "dx", "dgamma", "dbeta", "dalpha", "mean", "rstd",
                              "running_mean_out", "running_var_out") if case.get(k) is not None]
        print(f"  {case['name']:<28} {', '.join(fields)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
