#!/usr/bin/python3
"""Checks what the course says PyTorch does, with PyTorch, and records the verdicts.

Run from the repository root with Debian's PyTorch (package python3-torch; not needed by
scripts/setup.sh, the build or the tests, which read the committed output):

    /usr/bin/python3 scripts/check_pytorch_claims.py

Every statement the course makes about PyTorch's behaviour (a default, an error it raises,
a dtype it returns, a running-statistics convention, what autograd saves) is one CLAIM here:
a stable kebab-case id, the statement in words, and a function that exercises PyTorch and
returns (passed, observed). The script writes content/pytorch_claims.json:

    {"torch_version": ..., "claims": {"<id>": {"statement", "passed", "observed"}}}

A page marks the statements it makes with the ids, in its front matter
(`pytorch_claims: [id, ...]`, theory pages and drills) or in the question
(`pytorch_claims: [id, ...]`, quiz.yaml). The content build (web/plugins/validate-content.js)
fails when a page names an id that has no entry here or whose entry did not pass. So a
statement that PyTorch contradicts, or that this script cannot check, cannot be marked.

The PyTorch is the one Debian ships (1.13 on Debian 12). What it cannot show is said in the
claim: there is no GPU, so the CUDA autocast claim reads PyTorch's own CUDA autocast test
list from its source instead of running it. Inputs come from a seeded generator, so running
the script again reproduces the file (up to the version fields).
"""
import ast
import json
import math
import os
import platform
import sys
import warnings

import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "content", "pytorch_claims.json")
gen = torch.Generator().manual_seed(20261129)
CLAIMS = []


def claim(cid, statement):
    def register(fn):
        CLAIMS.append((cid, statement, fn))
        return fn
    return register


def randn(*shape):
    return torch.randn(*shape, generator=gen, dtype=torch.float64)


def error_of(fn):
    """The message of the exception fn raises, or None."""
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - any exception is the observation
        return str(e).split("\n")[0]
    return None


def close(a, b, tol=1e-9):
    return torch.allclose(a, b, atol=tol, rtol=0)


# --- defaults -------------------------------------------------------------------------

@claim("batchnorm-defaults", "BatchNorm1d/2d default to eps = 1e-5 and momentum = 0.1; the running mean starts at 0 and the running variance at 1.")
def _():
    obs = {}
    ok = True
    for cls in (nn.BatchNorm1d, nn.BatchNorm2d):
        m = cls(3)
        o = {"eps": m.eps, "momentum": m.momentum, "running_mean": m.running_mean.tolist(), "running_var": m.running_var.tolist()}
        obs[cls.__name__] = o
        ok &= m.eps == 1e-5 and m.momentum == 0.1 and o["running_mean"] == [0.0] * 3 and o["running_var"] == [1.0] * 3
    return ok, obs


@claim("layernorm-groupnorm-eps-default", "nn.LayerNorm, nn.GroupNorm and nn.InstanceNorm2d default to eps = 1e-5.")
def _():
    obs = {"LayerNorm": nn.LayerNorm(4).eps, "GroupNorm": nn.GroupNorm(2, 4).eps, "InstanceNorm2d": nn.InstanceNorm2d(4).eps}
    return all(v == 1e-5 for v in obs.values()), obs


@claim("instancenorm-defaults", "nn.InstanceNorm2d defaults to affine=False and track_running_stats=False: no gamma/beta, instance statistics in training and evaluation.")
def _():
    m = nn.InstanceNorm2d(4)
    obs = {"affine": m.affine, "track_running_stats": m.track_running_stats, "parameters": sum(p.numel() for p in m.parameters())}
    return (not m.affine) and (not m.track_running_stats) and obs["parameters"] == 0, obs


@claim("linear-default-init", "nn.Linear draws weights and biases uniformly from (-1/sqrt(n_in), 1/sqrt(n_in)), so Var(w) = 1/(3 n_in); the convolutions do the same with n_in = C_in * kernel area.")
def _():
    torch.manual_seed(0)
    n_in = 512
    lin = nn.Linear(n_in, 512)
    conv = nn.Conv2d(16, 32, 3)
    fan_conv = 16 * 9
    w, b, cw = lin.weight.detach().double(), lin.bias.detach().double(), conv.weight.detach().double()
    obs = {
        "linear_max_abs_times_sqrt_n_in": float(w.abs().max() * math.sqrt(n_in)),
        "linear_bias_max_abs_times_sqrt_n_in": float(b.abs().max() * math.sqrt(n_in)),
        "linear_var_times_3n_in": float(w.var() * 3 * n_in),
        "conv_max_abs_times_sqrt_fan_in": float(cw.abs().max() * math.sqrt(fan_conv)),
        "conv_var_times_3fan_in": float(cw.var() * 3 * fan_conv),
    }
    ok = (0.99 < obs["linear_max_abs_times_sqrt_n_in"] <= 1.0 and obs["linear_bias_max_abs_times_sqrt_n_in"] <= 1.0
          and abs(obs["linear_var_times_3n_in"] - 1) < 0.02 and obs["conv_max_abs_times_sqrt_fan_in"] <= 1.0
          and abs(obs["conv_var_times_3fan_in"] - 1) < 0.05)
    return ok, obs


@claim("module-param-counts", "Learnable parameters: BatchNorm2d(256), GroupNorm(32, 256) and InstanceNorm2d(256, affine=True) have 512; LayerNorm([256, 14, 14]) has 100,352; LayerNorm(768) has 1536. BatchNorm2d also keeps running mean and variance buffers of 256 each.")
def _():
    count = lambda m: sum(p.numel() for p in m.parameters())
    bn = nn.BatchNorm2d(256)
    obs = {"BatchNorm2d(256)": count(bn), "GroupNorm(32,256)": count(nn.GroupNorm(32, 256)),
           "InstanceNorm2d(256,affine=True)": count(nn.InstanceNorm2d(256, affine=True)),
           "LayerNorm([256,14,14])": count(nn.LayerNorm([256, 14, 14])), "LayerNorm(768)": count(nn.LayerNorm(768)),
           "BatchNorm2d running_mean, running_var": [bn.running_mean.numel(), bn.running_var.numel()]}
    want = {"BatchNorm2d(256)": 512, "GroupNorm(32,256)": 512, "InstanceNorm2d(256,affine=True)": 512,
            "LayerNorm([256,14,14])": 100352, "LayerNorm(768)": 1536, "BatchNorm2d running_mean, running_var": [256, 256]}
    return obs == want, obs


# --- BatchNorm's running statistics -----------------------------------------------------

def one_bn_step(values):
    m = nn.BatchNorm1d(1).double()
    x = torch.tensor(values, dtype=torch.float64).reshape(-1, 1)
    y = m(x)
    return m, x, y


@claim("batchnorm-running-stats-unbiased", "In training mode BatchNorm normalizes with the biased batch variance, and updates running = (1 - momentum) * running + momentum * stat, where momentum weighs the NEW batch and the variance stat is the unbiased n/(n-1) estimate: batch (1, 2, 3, 6) gives running mean 0.3 and running variance 0.9 + 0.1 * 14/3 = 1.3667; batch (1, 2, 3, 4) gives 1.0667.")
def _():
    m, x, y = one_bn_step([1, 2, 3, 6])
    expect_y = (x - 3) / math.sqrt(3.5 + 1e-5)
    m2, _, _ = one_bn_step([1, 2, 3, 4])
    obs = {"(1,2,3,6) running_mean": float(m.running_mean), "(1,2,3,6) running_var": float(m.running_var),
           "(1,2,3,4) running_var": float(m2.running_var), "(1,2,3,6) output": [round(v, 4) for v in y.flatten().tolist()]}
    ok = (abs(obs["(1,2,3,6) running_mean"] - 0.3) < 1e-12 and abs(obs["(1,2,3,6) running_var"] - (0.9 + 0.1 * 14 / 3)) < 1e-12
          and abs(obs["(1,2,3,4) running_var"] - (0.9 + 0.1 * 5 / 3)) < 1e-12 and close(y, expect_y))
    return ok, obs


@claim("batchnorm-momentum-new-batch", "PyTorch's BatchNorm momentum is the weight of the new batch statistic: a fresh layer that sees a batch mean of 5 has running mean 0.5 afterwards.")
def _():
    m, _, _ = one_bn_step([4, 6])
    return abs(float(m.running_mean) - 0.5) < 1e-12, {"running_mean": float(m.running_mean)}


@claim("batchnorm-momentum-none", "With momentum=None, BatchNorm keeps a cumulative (equal-weight) average of the batch statistics instead of an exponential one.")
def _():
    m = nn.BatchNorm1d(1, momentum=None).double()
    means = [1.0, 5.0, 9.0]
    for mu in means:
        m(torch.tensor([[mu - 1], [mu + 1]], dtype=torch.float64))
    return abs(float(m.running_mean) - 5.0) < 1e-12, {"running_mean_after_means_1_5_9": float(m.running_mean)}


# --- errors ------------------------------------------------------------------------------

@claim("batchnorm-train-batch1-raises", "BatchNorm1d in training mode raises for a batch of one ((1, C) input): 'Expected more than 1 value per channel when training'; in evaluation mode it accepts it.")
def _():
    msg = error_of(lambda: nn.BatchNorm1d(3)(torch.randn(1, 3)))
    m = nn.BatchNorm1d(3).eval()
    eval_msg = error_of(lambda: m(torch.randn(1, 3)))
    return msg is not None and "Expected more than 1 value per channel when training" in msg and eval_msg is None, {"train": msg, "eval": eval_msg}


@claim("batchnorm2d-batch1-is-instancenorm", "BatchNorm2d in training mode accepts a (1, C, H, W) input and then normalizes each channel over the H*W positions of the one image, which is InstanceNorm.")
def _():
    x = randn(1, 3, 4, 4)
    y = nn.BatchNorm2d(3).double()(x)
    z = F.instance_norm(x, eps=1e-5)
    return close(y, z, 1e-12), {"max_abs_diff": float((y - z).abs().max())}


@claim("instancenorm-1x1-raises", "F.instance_norm (and so nn.InstanceNorm2d) on a 1 x 1 map raises 'Expected more than 1 spatial element when training', also in evaluation mode with the default track_running_stats=False.")
def _():
    x = torch.randn(2, 3, 1, 1)
    f_msg = error_of(lambda: F.instance_norm(x))
    m = nn.InstanceNorm2d(3)
    train_msg = error_of(lambda: m.train()(x))
    eval_msg = error_of(lambda: m.eval()(x))
    key = "Expected more than 1 spatial element when training"
    ok = all(s is not None and key in s for s in (f_msg, train_msg, eval_msg))
    return ok, {"F.instance_norm": f_msg, "module train": train_msg, "module eval": eval_msg}


@claim("layernorm-d1-returns-beta", "nn.LayerNorm accepts d = 1 and returns beta for every input up to the rounding of its fused float32 kernel (x * scale + shift; within 0.01 for gamma = 2, beta = 0.5 and inputs 3, -100, 0.001), with an exactly zero gradient to the input.")
def _():
    x = torch.tensor([[3.0], [-100.0], [0.001]], requires_grad=True)
    y = F.layer_norm(x, (1,), torch.tensor([2.0]), torch.tensor([0.5]))
    y.sum().backward()
    obs = {"y": y.flatten().tolist(), "dx": x.grad.flatten().tolist()}
    return all(abs(v - 0.5) < 1e-2 for v in obs["y"]) and all(v == 0 for v in obs["dx"]), obs


@claim("layernorm-last-dims", "nn.LayerNorm(n) normalizes over the last dimension(s): LayerNorm(C) on an (N, C, H, W) tensor raises unless W == C, and then it silently normalizes over the width.")
def _():
    bad = error_of(lambda: nn.LayerNorm(8)(torch.randn(2, 8, 4, 5)))
    x = randn(2, 8, 4, 8)
    y = nn.LayerNorm(8).double()(x)
    over_w = F.layer_norm(x, (8,))
    return bad is not None and close(y, over_w), {"W != C": bad, "W == C runs and equals a norm over the last axis": bool(close(y, over_w))}


@claim("batchnorm1d-channel-axis", "nn.BatchNorm1d(C) takes the channels on axis 1, (N, C) or (N, C, L): given (B, T, d) it raises if T != d and silently normalizes over axis 1 (T) if T == d.")
def _():
    bad = error_of(lambda: nn.BatchNorm1d(16)(torch.randn(2, 5, 16)))
    x = randn(2, 16, 16)
    y = nn.BatchNorm1d(16).double()(x)
    mean_over = y.mean(dim=(0, 2))  # per axis-1 index: zero if axis 1 is the channel axis
    return bad is not None and float(mean_over.abs().max()) < 1e-12, {"T != d": bad, "T == d: max |mean over (B, d)| per T index": float(mean_over.abs().max())}


# --- epsilon, autograd -------------------------------------------------------------------

@claim("builtin-norms-eps-inside", "PyTorch's built-in batch_norm, layer_norm, group_norm and instance_norm put eps inside the square root: (x - mean) / sqrt(var + eps), with the biased variance.")
def _():
    eps = 0.5  # large, so inside and outside differ visibly
    x = randn(4, 6, 3, 3)
    def ref(x, dims):
        mu = x.mean(dim=dims, keepdim=True)
        var = x.var(dim=dims, keepdim=True, unbiased=False)
        return (x - mu) / torch.sqrt(var + eps), (x - mu) / (torch.sqrt(var) + eps)
    obs = {}
    ok = True
    got = {
        "batch_norm": (F.batch_norm(x, None, None, training=True, eps=eps), (0, 2, 3), x),
        "layer_norm": (F.layer_norm(x, x.shape[1:], eps=eps), (1, 2, 3), x),
        "instance_norm": (F.instance_norm(x, eps=eps), (2, 3), x),
    }
    g = F.group_norm(x, 2, eps=eps)
    xg = x.reshape(4, 2, 3, 3, 3)
    inside, outside = ref(xg, (2, 3, 4))
    obs["group_norm"] = {"inside_err": float((g - inside.reshape_as(x)).abs().max()), "outside_err": float((g - outside.reshape_as(x)).abs().max())}
    ok &= obs["group_norm"]["inside_err"] < 1e-10 < obs["group_norm"]["outside_err"]
    for name, (y, dims, xx) in got.items():
        inside, outside = ref(xx, dims)
        obs[name] = {"inside_err": float((y - inside).abs().max()), "outside_err": float((y - outside).abs().max())}
        ok &= obs[name]["inside_err"] < 1e-10 < obs[name]["outside_err"]
    return ok, obs


@claim("autograd-eps-outside-nan", "Autograd through (x - mean) / (sqrt(var) + eps) on an exactly constant row returns NaN (d sqrt(v)/dv is infinite at v = 0 and is multiplied by 0), while F.layer_norm (eps inside) returns the finite (g - mean(g)) / sqrt(eps).")
def _():
    eps = 1e-5
    g = torch.tensor([[1.0, 0.0, 0.0, 0.0]], dtype=torch.float64)
    x = torch.full((1, 4), 2.0, dtype=torch.float64, requires_grad=True)
    mu = x.mean(-1, keepdim=True)
    var = ((x - mu) ** 2).mean(-1, keepdim=True)
    ((x - mu) / (torch.sqrt(var) + eps) * g).sum().backward()
    outside = x.grad.clone()
    x.grad = None
    (F.layer_norm(x, (4,), eps=eps) * g).sum().backward()
    inside = x.grad
    expect = (g - g.mean()) / math.sqrt(eps)
    obs = {"outside": [str(v) for v in outside.flatten().tolist()], "inside": inside.flatten().tolist()}
    return bool(torch.isnan(outside).all()) and close(inside, expect, 1e-6), obs


@claim("layernorm-saves-input-mean-rstd", "For its backward, PyTorch's layer_norm saves the input, the per-row mean and rstd (and the weight and bias), not x_hat.")
def _():
    x = torch.randn(3, 8, requires_grad=True)
    y = F.layer_norm(x, (8,), torch.ones(8), torch.zeros(8))
    fn = y.grad_fn
    saved = sorted(a for a in dir(fn) if a.startswith("_saved_"))
    mean, rstd = fn._saved_result1, fn._saved_result2
    ok = (torch.equal(fn._saved_input, x) and torch.allclose(mean.flatten(), x.mean(-1), atol=1e-6)
          and torch.allclose(rstd.flatten(), 1 / torch.sqrt(x.var(-1, unbiased=False) + 1e-5), atol=1e-5))
    return bool(ok), {"grad_fn": type(fn).__name__, "saved": saved, "mean_shape": list(mean.shape), "rstd_shape": list(rstd.shape)}


# --- autocast ------------------------------------------------------------------------------

@claim("autocast-cpu-bf16-norms", "On CPU, this PyTorch's autocast accepts only bfloat16 (a float16 request is refused), and under it layer_norm and group_norm are not promoted to float32: a bf16 input is normalized in bf16 and returns bf16 (a float32 input stays float32), while linear runs in bf16.")
def _():
    x = torch.randn(4, 8)
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        def fp16():
            with torch.autocast("cpu", dtype=torch.float16):
                return F.linear(x, torch.randn(3, 8)).dtype
        fp16_msg = error_of(fp16)
        fp16_warn = [str(i.message) for i in w]
    with torch.autocast("cpu", dtype=torch.bfloat16):
        obs = {
            "layer_norm(bf16)": str(F.layer_norm(x.bfloat16(), (8,)).dtype),
            "layer_norm(fp32)": str(F.layer_norm(x, (8,)).dtype),
            "group_norm(bf16)": str(F.group_norm(x.view(2, 4, 4).bfloat16(), 2).dtype),
            "group_norm(fp32)": str(F.group_norm(x.view(2, 4, 4), 2).dtype),
            "linear(fp32)": str(F.linear(x, torch.randn(3, 8)).dtype),
        }
    obs["float16 request"] = fp16_msg or "accepted"
    obs["float16 warnings"] = fp16_warn
    ok = (obs["layer_norm(bf16)"] == "torch.bfloat16" and obs["group_norm(bf16)"] == "torch.bfloat16"
          and obs["layer_norm(fp32)"] == "torch.float32" and obs["group_norm(fp32)"] == "torch.float32"
          and obs["linear(fp32)"] == "torch.bfloat16" and fp16_msg is not None)
    return ok, obs


@claim("autocast-cuda-norms-fp32", "On CUDA, layer_norm and group_norm are on autocast's float32 list: they run in float32 and their output stays float32. Checked without a GPU by reading PyTorch's own CUDA autocast test list (torch/testing/_internal/autocast_test_lists.py, AutocastTestLists.torch_fp32, whose test asserts a float32 output for float16 inputs).")
def _():
    import torch.testing._internal as internal
    path = os.path.join(os.path.dirname(internal.__file__), "autocast_test_lists.py")
    tree = ast.parse(open(path).read())
    names = []
    for cls in tree.body:
        if isinstance(cls, ast.ClassDef) and cls.name == "AutocastTestLists":  # the CUDA lists (the CPU class is AutocastCPUTestLists)
            for node in ast.walk(cls):
                if (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Attribute)
                        and node.targets[0].attr == "torch_fp32" and isinstance(node.value, ast.List)):
                    names += [e.elts[0].value for e in node.value.elts if isinstance(e, ast.Tuple) and isinstance(e.elts[0], ast.Constant)]
    found = {n: n in names for n in ("layer_norm", "group_norm")}
    return all(found.values()), {"source": "torch/testing/_internal/autocast_test_lists.py", "in CUDA torch_fp32": found, "list_length": len(names)}


# --- identities and modules used by the theory ---------------------------------------------

@claim("groupnorm-endpoints", "GroupNorm(C, C) with affine parameters computes the same function as InstanceNorm2d(C, affine=True); GroupNorm(1, C) gives the same x_hat as LayerNorm over (C, H, W).")
def _():
    x = randn(2, 4, 3, 3)
    gn = nn.GroupNorm(4, 4).double()
    inn = nn.InstanceNorm2d(4, affine=True).double()
    with torch.no_grad():
        w, b = randn(4), randn(4)
        gn.weight.copy_(w); gn.bias.copy_(b); inn.weight.copy_(w); inn.bias.copy_(b)
    d1 = float((gn(x) - inn(x)).abs().max())
    d2 = float((F.group_norm(x, 1) - F.layer_norm(x, (4, 3, 3))).abs().max())
    return d1 < 1e-12 and d2 < 1e-12, {"G=C vs InstanceNorm": d1, "G=1 vs LayerNorm": d2}


@claim("batchnorm-eval-folds-into-conv", "In evaluation mode BatchNorm is the fixed per-channel affine map gamma * (x - running_mean) / sqrt(running_var + eps) + beta, and folding it into the preceding convolution (torch.nn.utils.fusion.fuse_conv_bn_eval: W' = W * s, b' = (b - running_mean) * s + beta with s = gamma / sqrt(running_var + eps)) gives the same output.")
def _():
    from torch.nn.utils.fusion import fuse_conv_bn_eval
    conv = nn.Conv2d(3, 5, 3, bias=False).double().eval()
    bn = nn.BatchNorm2d(5).double()
    bn.train()
    for _ in range(5):
        bn(conv(randn(4, 3, 8, 8)) * 2 + 1)
    bn.eval()
    with torch.no_grad():
        bn.weight.copy_(randn(5)); bn.bias.copy_(randn(5))
        x = randn(2, 3, 8, 8)
        ref = bn(conv(x))
        fused = fuse_conv_bn_eval(conv, bn)(x)
        s = bn.weight / torch.sqrt(bn.running_var + bn.eps)
        manual = F.conv2d(x, conv.weight * s.view(-1, 1, 1, 1), (0 - bn.running_mean) * s + bn.bias)
        affine = (conv(x) - bn.running_mean.view(1, -1, 1, 1)) * s.view(1, -1, 1, 1) + bn.bias.view(1, -1, 1, 1)
    obs = {"fuse_conv_bn_eval": float((fused - ref).abs().max()), "manual fold": float((manual - ref).abs().max()), "affine form": float((affine - ref).abs().max())}
    return all(v < 1e-10 for v in obs.values()), obs


@claim("weight-norm-defaults", "torch.nn.utils.weight_norm splits a Linear weight into weight_g of shape (out, 1) and weight_v, with w = g * v / ||v|| per output row (dim = 0), g initialised to the row norms so the function is unchanged.")
def _():
    torch.manual_seed(1)
    lin = nn.Linear(6, 4)
    w0 = lin.weight.detach().clone()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wn = torch.nn.utils.weight_norm(lin)
    g, v = wn.weight_g.detach(), wn.weight_v.detach()
    x = torch.randn(3, 6)
    recon = g * v / v.norm(dim=1, keepdim=True)
    obs = {"weight_g_shape": list(g.shape), "weight_v_shape": list(v.shape),
           "g_equals_row_norms": bool(torch.allclose(g.flatten(), w0.norm(dim=1), atol=1e-6)),
           "reconstruction_err": float((recon - w0).abs().max()), "forward_unchanged": bool(torch.allclose(wn(x), x @ w0.T + lin.bias, atol=1e-6))}
    return obs["weight_g_shape"] == [4, 1] and obs["g_equals_row_norms"] and obs["reconstruction_err"] < 1e-6 and obs["forward_unchanged"], obs


@claim("spectral-norm-power-iteration", "torch.nn.utils.spectral_norm divides the weight by an estimate of its largest singular value made with power iteration, one iteration per training-mode forward by default (n_power_iterations=1), so after enough forwards the effective weight has spectral norm close to 1.")
def _():
    torch.manual_seed(2)
    lin = nn.Linear(32, 16)
    with torch.no_grad():
        lin.weight.mul_(10)
    sn = torch.nn.utils.spectral_norm(lin)
    hook = [h for h in sn._forward_pre_hooks.values() if type(h).__name__ == "SpectralNorm"][0]
    x = torch.randn(2, 32)
    sig = []
    for i in range(30):
        sn(x)
        if i in (0, 29):
            sig.append(float(torch.linalg.matrix_norm(sn.weight.detach(), ord=2)))
    obs = {"n_power_iterations": hook.n_power_iterations, "sigma_max_of_effective_weight_after_1_forward": sig[0], "after_30_forwards": sig[1]}
    return hook.n_power_iterations == 1 and abs(sig[1] - 1) < 1e-3, obs


@claim("syncbn-convert", "PyTorch provides nn.SyncBatchNorm, and nn.SyncBatchNorm.convert_sync_batchnorm(model) replaces every BatchNorm layer of a model with it, keeping the parameters and running statistics.")
def _():
    model = nn.Sequential(nn.Conv2d(3, 4, 3), nn.BatchNorm2d(4), nn.ReLU(), nn.Sequential(nn.Conv2d(4, 4, 1), nn.BatchNorm2d(4)))
    with torch.no_grad():
        model[1].weight.fill_(2.0)
        model[1].running_var.fill_(3.0)
    conv = nn.SyncBatchNorm.convert_sync_batchnorm(model)
    kinds = [type(m).__name__ for m in conv.modules() if "BatchNorm" in type(m).__name__]
    kept = float(conv[1].weight[0]) == 2.0 and float(conv[1].running_var[0]) == 3.0
    return kinds == ["SyncBatchNorm", "SyncBatchNorm"] and kept, {"batchnorm_modules_after": kinds, "parameters_and_buffers_kept": kept}


def main():
    results = {}
    failed = 0
    for cid, statement, fn in CLAIMS:
        try:
            passed, observed = fn()
        except Exception as e:  # noqa: BLE001 - a check that crashes is a failed check, reported
            passed, observed = False, f"check raised {type(e).__name__}: {e}"
        results[cid] = {"statement": statement, "passed": bool(passed), "observed": observed}
        failed += not passed
        print(f"{'PASS' if passed else 'FAIL'}  {cid}")
    doc = {
        "generator": "scripts/check_pytorch_claims.py (run with /usr/bin/python3 and Debian's python3-torch)",
        "torch_version": torch.__version__,
        "python_version": platform.python_version(),
        "claims": results,
    }
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=2, sort_keys=False)
        f.write("\n")
    print(f"{len(CLAIMS) - failed} of {len(CLAIMS)} claims pass; wrote {os.path.relpath(OUT)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
