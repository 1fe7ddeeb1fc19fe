// Layers and optimizers against PyTorch: tests/fixtures/engine_reference.json, written by
// scripts/make_engine_reference.py (Linear forward/backward, GELU-tanh, softmax cross-entropy,
// three steps each of SGD with momentum / Nesterov, Adam and AdamW).
// Metric: max |ours - torch| / max(|torch|, floor) <= 1e-5.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <string>
#include <vector>

#include "kernels/layers.h"
#include "engine/optim.h"
#include "engine/tensor_buffers.h"

using json = nlohmann::json;
using namespace normlab;

namespace {

const json& reference() {
    static const json ref = [] {
        std::ifstream f(std::string(NORMLAB_SOURCE_DIR) + "/tests/fixtures/engine_reference.json");
        if (!f)
            throw std::runtime_error(
                "tests/fixtures/engine_reference.json missing: run scripts/make_engine_reference.py");
        return json::parse(f);
    }();
    return ref;
}

std::vector<float> floats(const json& a) { return a.get<std::vector<float>>(); }

void expect_close(const std::vector<float>& got, const json& want_json, double floor, const std::string& what,
                  double tol = 1e-5) {
    const std::vector<double> want = want_json.get<std::vector<double>>();
    ASSERT_EQ(got.size(), want.size()) << what;
    double worst = 0;
    std::size_t at = 0;
    for (std::size_t i = 0; i < got.size(); i++) {
        const double err = std::fabs(got[i] - want[i]) / std::max(std::fabs(want[i]), floor);
        if (!(err <= worst)) {
            worst = err;
            at = i;
        }
    }
    EXPECT_LE(worst, tol) << what << ": worst at " << at << " ours " << got[at] << " torch " << want[at];
}

TEST(LayersOptimReference, LinearForwardBackward) {
    for (const json& c : reference()["linear"]) {
        const std::size_t B = c["B"], C = c["C"], OC = c["OC"];
        const bool bias = c["bias"];
        const std::vector<float> x = floats(c["x"]), W = floats(c["W"]), dy = floats(c["dy"]);
        const std::vector<float> b = bias ? floats(c["b"]) : std::vector<float>();
        std::vector<float> y(B * OC), dx(B * C, 0.0f), dW(OC * C, 0.0f), db(OC, 0.0f);
        linear_forward(y.data(), x.data(), W.data(), bias ? b.data() : nullptr, B, C, OC);
        linear_backward(dx.data(), dW.data(), bias ? db.data() : nullptr, dy.data(), x.data(), W.data(), B, C, OC);
        const std::string tag = "linear " + std::to_string(B) + "x" + std::to_string(C) + "->" + std::to_string(OC);
        expect_close(y, c["y"], 1e-3, tag + " y");
        expect_close(dx, c["dx"], 1e-3, tag + " dx");
        expect_close(dW, c["dW"], 1e-3, tag + " dW");
        if (bias) expect_close(db, c["db"], 1e-3, tag + " db");
    }
}

TEST(LayersOptimReference, GeluTanh) {
    for (const json& c : reference()["gelu_tanh"]) {
        const std::size_t n = c["n"];
        const std::vector<float> x = floats(c["x"]), dy = floats(c["dy"]);
        std::vector<float> y(n), dydx(n), dx(n, 0.0f);
        gelu_forward(y.data(), dydx.data(), x.data(), n);
        gelu_backward(dx.data(), dy.data(), static_cast<const float*>(dydx.data()), n);
        expect_close(y, c["y"], 1e-3, "gelu y");
        expect_close(dx, c["dx"], 1e-3, "gelu dx");
    }
}

TEST(LayersOptimReference, SoftmaxCrossEntropy) {
    for (const json& c : reference()["cross_entropy"]) {
        const std::size_t B = c["B"], V = c["V"];
        const std::vector<float> z = floats(c["logits"]);
        const std::vector<int> t = c["targets"].get<std::vector<int>>();
        std::vector<float> p(B * V), dz(B * V, 0.0f);
        const float loss = softmax_cross_entropy_forward(p.data(), z.data(), t.data(), B, V);
        softmax_cross_entropy_backward(dz.data(), p.data(), t.data(), B, V, 1.0f);
        const double want = c["loss"];
        EXPECT_LE(std::fabs(loss - want) / std::max(std::fabs(want), 1e-3), 1e-5) << "loss " << loss << " vs " << want;
        expect_close(dz, c["dlogits"], 1e-4, "dlogits");
    }
}

TEST(LayersOptimReference, OptimizersThreeSteps) {
    for (const json& c : reference()["optim"]) {
        const json& h = c["hyper"];
        OptimizerConfig cfg;
        cfg.kind = parse_optimizer_kind(h["kind"]);
        cfg.lr = h["lr"];
        cfg.weight_decay = h["weight_decay"];
        if (cfg.kind == OptimizerKind::sgd) {
            cfg.momentum = h["momentum"];
            cfg.dampening = h["dampening"];
            cfg.nesterov = h["nesterov"];
        } else {
            cfg.beta1 = h["beta1"];
            cfg.beta2 = h["beta2"];
            cfg.eps = h["eps"];
        }
        const std::vector<float> p0 = floats(c["p0"]);
        ParameterSet ps;
        float *p = nullptr, *g = nullptr;
        ps.add("p", {p0.size()}, 0, true, &p, &g);
        ps.allocate();
        std::copy(p0.begin(), p0.end(), p);
        Optimizer opt(cfg, ps);
        for (std::size_t s = 0; s < c["grads"].size(); s++) {
            const std::vector<float> grad = floats(c["grads"][s]);
            std::copy(grad.begin(), grad.end(), g);
            opt.step(ps, cfg.lr, nullptr, nullptr);
            expect_close(std::vector<float>(p, p + p0.size()), c["after"][s], 1e-2,
                         c["name"].get<std::string>() + " step " + std::to_string(s + 1));
        }
    }
}

}  // namespace
