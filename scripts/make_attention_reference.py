#!/usr/bin/python3
"""Reference fixtures for NormLab's causal self-attention and softmax cross-entropy, from PyTorch.

Run from anywhere with Debian's PyTorch:

    /usr/bin/python3 scripts/make_attention_reference.py

writes tests/fixtures/attention_reference.json, which tests/cpp/kernels/test_attention_reference.cpp
compares the C++ kernels against.

"mha" cases: a causal multi-head self-attention block written from torch primitives, with the
weights laid out exactly as the C++ kernels expect (wasm/core/kernels/attention.h):

    qkv = x @ Wqkv.T + bqkv            Wqkv (3C, C) = [Wq; Wk; Wv] stacked, PyTorch (out, in) order
    q, k, v = qkv.split(C, dim=-1)     head h owns columns [h*hs, (h+1)*hs) of each
    att = softmax(q k^T / sqrt(hs) + causal mask)       per head, (B, NH, T, T)
    y = concat_h(att v) @ Wproj.T + bproj
    L = sum(dy * y)                    so autograd's gradients are the backward of upstream dy

recorded: inputs x, Wqkv, bqkv, Wproj, bproj, dy; outputs y, att and the gradients dx, dWqkv,
dbqkv, dWproj, dbproj.

"cross_entropy" cases: logits (N, V), integer targets; the mean cross-entropy loss and its
gradient dlogits (F.cross_entropy with reduction='mean'), including rows with large offsets
(+-80) that overflow a naive exp in float32.

Precision: inputs are drawn as float32 and recorded exactly (9 significant digits); the reference
is computed in float64 from those values and rounded to float32 on output, so the C++ test
measures the error of the float32 kernels alone. The seed is fixed: rerunning reproduces the file.
"""
import json
import math
import os

import torch
import torch.nn.functional as F

SEED = 20240613
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures",
                   "attention_reference.json")

gen = torch.Generator().manual_seed(SEED)


def randn(*shape, scale=1.0):
    """float32 random values, returned as float64 (exactly the same numbers)."""
    return (torch.randn(*shape, generator=gen, dtype=torch.float32) * scale).to(torch.float32).double()


def flat(t):
    """A tensor as a flat list of float32 values with 9 significant digits (exact for float32)."""
    return [float(f"{v:.9g}") for v in t.detach().to(torch.float32).reshape(-1).tolist()]


def mha_case(name, B, T, C, NH):
    hs = C // NH
    x = randn(B, T, C).requires_grad_(True)
    w_qkv = randn(3 * C, C, scale=1.0 / math.sqrt(C)).requires_grad_(True)
    b_qkv = randn(3 * C, scale=0.1).requires_grad_(True)
    w_proj = randn(C, C, scale=1.0 / math.sqrt(C)).requires_grad_(True)
    b_proj = randn(C, scale=0.1).requires_grad_(True)
    dy = randn(B, T, C)

    qkv = x @ w_qkv.T + b_qkv                                  # (B, T, 3C)
    q, k, v = qkv.split(C, dim=-1)                             # (B, T, C) each
    q = q.view(B, T, NH, hs).transpose(1, 2)                   # (B, NH, T, hs)
    k = k.view(B, T, NH, hs).transpose(1, 2)
    v = v.view(B, T, NH, hs).transpose(1, 2)
    scores = (q @ k.transpose(-2, -1)) / math.sqrt(hs)         # (B, NH, T, T)
    mask = torch.ones(T, T, dtype=torch.bool).tril()
    scores = scores.masked_fill(~mask, float("-inf"))
    att = torch.softmax(scores, dim=-1)
    heads = (att @ v).transpose(1, 2).reshape(B, T, C)         # (B, T, C)
    y = heads @ w_proj.T + b_proj
    (dy * y).sum().backward()

    return {
        "name": name, "B": B, "T": T, "C": C, "NH": NH,
        "x": flat(x), "w_qkv": flat(w_qkv), "b_qkv": flat(b_qkv),
        "w_proj": flat(w_proj), "b_proj": flat(b_proj), "dy": flat(dy),
        "y": flat(y), "att": flat(att),
        "dx": flat(x.grad), "dw_qkv": flat(w_qkv.grad), "db_qkv": flat(b_qkv.grad),
        "dw_proj": flat(w_proj.grad), "db_proj": flat(b_proj.grad),
    }


def ce_case(name, N, V, offsets):
    logits = randn(N, V, scale=2.0)
    for row, off in offsets.items():
        logits[row] += off
    logits = logits.to(torch.float32).double().requires_grad_(True)
    targets = torch.randint(0, V, (N,), generator=gen)
    loss = F.cross_entropy(logits, targets, reduction="mean")
    loss.backward()
    return {
        "name": name, "N": N, "V": V,
        "logits": flat(logits), "targets": targets.tolist(),
        "loss": float(f"{float(loss):.9g}"), "dlogits": flat(logits.grad),
    }


def main():
    torch.set_default_dtype(torch.float64)
    doc = {
        "generator": "scripts/make_attention_reference.py",
        "torch": torch.__version__,
        "seed": SEED,
        "mha": [
            mha_case("b2_t5_c8_h2", 2, 5, 8, 2),
            mha_case("b1_t7_c12_h3", 1, 7, 12, 3),
            mha_case("b2_t4_c6_h1", 2, 4, 6, 1),
        ],
        "cross_entropy": [
            ce_case("n6_v5", 6, 5, {}),
            ce_case("n4_v65_offsets", 4, 65, {1: 80.0, 2: -80.0}),
        ],
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {os.path.normpath(OUT)} ({os.path.getsize(OUT)} bytes)")


if __name__ == "__main__":
    main()
