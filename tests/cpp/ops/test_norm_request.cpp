// Tests of `normlab norm` (wasm/cli/norm_request.h): every kind in-process against the
// PyTorch fixtures, defaults and omitted fields, one clear line for every bad request, and
// a few runs of the real binary checking exit status 2 and stderr.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/norm_fixtures.h"
#include "ops/norm_op.h"
#include "norm_request.h"
#include "kernels/norms.h"

namespace {

using nlohmann::json;
using normlab::RequestError;
using normlab::run_norm_request;
using normlab::testing::floats_of;
using normlab::testing::matches_reference;
using normlab::testing::max_abs;
using normlab::testing::term_scale;

json run(const json& request) { return json::parse(run_norm_request(request.dump())); }

// The request a fixture case describes (every optional field spelled out).
json request_for(const json& c) {
    json r = {{"kind", c["kind"]}, {"shape", c["shape"]}, {"x", c["x"]}, {"dy", c["dy"]}};
    const std::string kind = c["kind"];
    if (kind != "dyt") r["eps"] = c["eps"];
    if (!c["gamma"].is_null() || kind == "instance") r["gamma"] = c["gamma"];
    if (kind != "rms" && (!c["beta"].is_null() || kind == "instance")) r["beta"] = c["beta"];
    if (kind == "group") r["groups"] = c["groups"];
    if (kind == "dyt") r["alpha"] = c["alpha"];
    if (kind == "batch") {
        r["training"] = c["training"];
        r["momentum"] = c["momentum"];
        r["running_mean"] = c["running_mean"];
        r["running_var"] = c["running_var"];
    }
    return r;
}

// Every fixture case through the JSON path: same answers as the kernels give directly.
TEST(NormRequest, EveryKindMatchesThePyTorchReference) {
    const json fixtures = normlab::testing::load_norm_fixtures();
    std::set<std::string> kinds;
    for (const auto& c : fixtures.value("cases", json::array())) {
        SCOPED_TRACE(c["name"].get<std::string>());
        kinds.insert(c["kind"].get<std::string>());
        const json response = run(request_for(c));
        const std::vector<float> rstd = floats_of(response.value("rstd", json()));
        auto check = [&](const char* field, const char* ref_field, double scale = 0) {
            if (!c.contains(ref_field) || c[ref_field].is_null()) return;
            ASSERT_TRUE(response.contains(field)) << field;
            EXPECT_TRUE(matches_reference(floats_of(response[field]), floats_of(c[ref_field]), scale)) << field;
        };
        check("y", "y", rstd.empty() ? 0.0 : term_scale(floats_of(c["x"]), floats_of(c["gamma"]), rstd));
        check("dx", "dx", term_scale(floats_of(c["dy"]), floats_of(c["gamma"]), rstd));
        check("dgamma", "dgamma", max_abs(floats_of(c["dy"])));
        check("dbeta", "dbeta");
        check("mean", "mean");
        check("rstd", "rstd");
        check("running_mean", "running_mean_out");
        check("running_var", "running_var_out");
        if (c.contains("dalpha")) {
            ASSERT_TRUE(response.contains("dalpha"));
            EXPECT_TRUE(matches_reference({response["dalpha"].get<float>()}, {c["dalpha"].get<float>()}));
        }
    }
    EXPECT_EQ(kinds, (std::set<std::string>{"batch", "layer", "rms", "group", "instance", "dyt", "layer_eps_outside"}));
}

std::vector<float> iota_values(std::size_t n, float scale = 0.37f) {
    std::vector<float> v(n);
    for (std::size_t i = 0; i < n; i++) v[i] = std::sin(scale * (i + 1)) * 2.0f;
    return v;
}

// Which fields each kind returns, with and without dy.
TEST(NormRequest, ResponseCarriesExactlyTheFieldsThatApply) {
    const std::vector<float> x = iota_values(24), dy = iota_values(24, 0.91f);
    struct Expect {
        json request;
        std::set<std::string> forward, backward;
    };
    const std::vector<Expect> expectations = {
        {{{"kind", "layer"}, {"shape", {4, 6}}}, {"y", "mean", "rstd"}, {"dx", "dgamma", "dbeta"}},
        {{{"kind", "layer_eps_outside"}, {"shape", {4, 6}}}, {"y", "mean", "rstd"}, {"dx", "dgamma", "dbeta"}},
        {{{"kind", "rms"}, {"shape", {2, 3, 4}}}, {"y", "rstd"}, {"dx", "dgamma"}},
        {{{"kind", "dyt"}, {"shape", {24}}}, {"y"}, {"dx", "dgamma", "dbeta", "dalpha"}},
        {{{"kind", "batch"}, {"shape", {4, 6}}},
         {"y", "mean", "rstd", "running_mean", "running_var"},
         {"dx", "dgamma", "dbeta"}},
        {{{"kind", "group"}, {"shape", {2, 6, 2}}, {"groups", 3}}, {"y", "mean", "rstd"}, {"dx", "dgamma", "dbeta"}},
        {{{"kind", "instance"}, {"shape", {2, 3, 2, 2}}}, {"y", "mean", "rstd"}, {"dx"}},
        {{{"kind", "instance"}, {"shape", {2, 3, 4}}, {"gamma", {1, 2, 3}}}, {"y", "mean", "rstd"}, {"dx", "dgamma"}},
    };
    for (const Expect& e : expectations) {
        SCOPED_TRACE(e.request.dump());
        json request = e.request;
        request["x"] = x;
        auto keys_of = [](const json& response) {
            std::set<std::string> keys;
            for (const auto& item : response.items()) keys.insert(item.key());
            return keys;
        };
        EXPECT_EQ(keys_of(run(request)), e.forward);
        request["dy"] = dy;
        std::set<std::string> all = e.forward;
        all.insert(e.backward.begin(), e.backward.end());
        EXPECT_EQ(keys_of(run(request)), all);
    }
}

// Absent fields take PyTorch's defaults: the same numbers as spelling the defaults out.
TEST(NormRequest, DefaultsFollowPyTorch) {
    const std::vector<float> x = iota_values(12);
    const json explicit_batch = run({{"kind", "batch"},
                                     {"shape", {4, 3}},
                                     {"x", x},
                                     {"eps", 1e-5},
                                     {"momentum", 0.1},
                                     {"training", true},
                                     {"gamma", {1, 1, 1}},
                                     {"beta", {0, 0, 0}},
                                     {"running_mean", {0, 0, 0}},
                                     {"running_var", {1, 1, 1}}});
    EXPECT_EQ(run({{"kind", "batch"}, {"shape", {4, 3}}, {"x", x}}), explicit_batch);
    EXPECT_EQ(run({{"kind", "dyt"}, {"shape", {3, 4}}, {"x", x}}),
              run({{"kind", "dyt"},
                   {"shape", {3, 4}},
                   {"x", x},
                   {"alpha", 0.5},
                   {"gamma", std::vector<float>(4, 1)},
                   {"beta", std::vector<float>(4, 0)}}));
    EXPECT_EQ(
        run({{"kind", "group"}, {"shape", {2, 6}}, {"x", x}}),
        run({{"kind", "group"}, {"shape", {2, 6}}, {"x", x}, {"groups", 1}, {"gamma", nullptr}, {"beta", nullptr}}));
    // running statistics after one training step from (0, 1) with momentum 0.1
    const json r = run({{"kind", "batch"}, {"shape", {4, 3}}, {"x", x}});
    for (std::size_t c = 0; c < 3; c++) {
        double m = 0, ss = 0;
        for (std::size_t n = 0; n < 4; n++) m += x[n * 3 + c];
        m /= 4;
        for (std::size_t n = 0; n < 4; n++) ss += (x[n * 3 + c] - m) * (x[n * 3 + c] - m);
        EXPECT_NEAR(r["running_mean"][c].get<double>(), 0.1 * m, 1e-6);
        EXPECT_NEAR(r["running_var"][c].get<double>(), 0.9 + 0.1 * ss / 3, 1e-6);
    }
    // eval mode leaves them as given
    const json eval = run({{"kind", "batch"},
                           {"shape", {4, 3}},
                           {"x", x},
                           {"training", false},
                           {"running_mean", {0.5, -1, 2}},
                           {"running_var", {1, 4, 0.25}}});
    EXPECT_EQ(eval["running_mean"], json({0.5, -1, 2}));
    EXPECT_EQ(eval["running_var"], json({1, 4, 0.25}));
    EXPECT_NEAR(eval["y"][1].get<double>(), (x[1] + 1) / std::sqrt(4 + 1e-5), 1e-6);
}

TEST(NormRequest, NumbersRoundTripAsFloat32) {
    const std::string response = run_norm_request(R"({"kind":"rms","shape":[1,2],"x":[3,4],"eps":0})");
    // 3/sqrt(12.5) = 0.8485281...: the shortest float32 text, not 17 double digits
    EXPECT_NE(response.find("0.8485281"), std::string::npos) << response;
    EXPECT_EQ(response.find("0.84852811694"), std::string::npos) << response;
    EXPECT_EQ(response.find('\n'), std::string::npos);
}

TEST(NormRequest, EpsOutsideNaNGradientIsWrittenAsNull) {
    const json r =
        run({{"kind", "layer_eps_outside"}, {"shape", {1, 4}}, {"x", {2, 2, 2, 2}}, {"dy", {1, -2, 3, 0.5}}});
    ASSERT_TRUE(r.contains("dx"));
    for (const auto& v : r["dx"]) EXPECT_TRUE(v.is_null()) << "JSON has no NaN: " << r["dx"];
    const json ok = run({{"kind", "layer"}, {"shape", {1, 4}}, {"x", {2, 2, 2, 2}}, {"dy", {1, -2, 3, 0.5}}});
    for (const auto& v : ok["dx"]) EXPECT_TRUE(v.is_number());
}

// ---- bad requests -----------------------------------------------------------
struct BadRequest {
    const char* what;
    std::string text;
    const char* message_part;  // a phrase the one-line message must contain
};

std::vector<BadRequest> bad_requests() {
    return {
        {"malformed JSON", R"({"kind": "layer", "shape": [2)", "malformed JSON"},
        {"empty input", "", "malformed JSON"},
        {"not an object", "[1, 2]", "must be a JSON object"},
        {"unknown kind", R"({"kind":"weightnorm","shape":[2],"x":[1,2]})", "unknown kind 'weightnorm'"},
        {"kind missing", R"({"shape":[2],"x":[1,2]})", "kind is required"},
        {"kind not a string", R"({"kind":3,"shape":[2],"x":[1,2]})", "kind must be a string"},
        {"missing x", R"({"kind":"layer","shape":[2,3]})", "x is required"},
        {"null x", R"({"kind":"layer","shape":[2,3],"x":null})", "x is required"},
        {"missing shape", R"({"kind":"layer","x":[1,2]})", "shape is required"},
        {"x size vs shape", R"({"kind":"layer","shape":[2,3],"x":[1,2,3,4,5]})",
         "x has 5 values but shape [2, 3] has 6"},
        {"dy size vs shape", R"({"kind":"layer","shape":[2],"x":[1,2],"dy":[1]})", "dy has 1 values"},
        {"gamma size", R"({"kind":"layer","shape":[2,3],"x":[1,2,3,4,5,6],"gamma":[1,2]})",
         "gamma has 2 values but the last dimension d = 3"},
        {"beta size", R"({"kind":"batch","shape":[2,3],"x":[1,2,3,4,5,6],"beta":[1]})", "beta has 1 values but C = 3"},
        {"running_mean size", R"({"kind":"batch","shape":[2,3],"x":[1,2,3,4,5,6],"running_mean":[1]})",
         "running_mean has 1 values"},
        {"negative running_var", R"({"kind":"batch","shape":[1,2],"x":[1,2],"running_var":[1,-1]})",
         "running_var[1] must be >= 0"},
        {"groups not dividing C", R"({"kind":"group","shape":[2,6],"x":[1,2,3,4,5,6,7,8,9,10,11,12],"groups":4})",
         "groups must divide the channel count C = 6"},
        {"zero groups", R"({"kind":"group","shape":[1,2],"x":[1,2],"groups":0})", "groups must be >= 1"},
        {"groups too large", R"({"kind":"group","shape":[1,2],"x":[1,2],"groups":4})", "groups must divide"},
        {"non-finite eps", R"({"kind":"layer","shape":[2],"x":[1,2],"eps":1e400})", "number overflow"},
        {"eps beyond float", R"({"kind":"layer","shape":[2],"x":[1,2],"eps":1e300})", "eps must be a finite number"},
        {"negative eps", R"({"kind":"layer","shape":[2],"x":[1,2],"eps":-1e-5})", "eps must be >= 0"},
        {"eps not a number", R"({"kind":"layer","shape":[2],"x":[1,2],"eps":"small"})", "eps must be a number"},
        {"alpha beyond float", R"({"kind":"dyt","shape":[2],"x":[1,2],"alpha":-1e200})",
         "alpha must be a finite number"},
        {"momentum out of range", R"({"kind":"batch","shape":[2,1],"x":[1,2],"momentum":1.5})",
         "momentum must be a number in [0, 1]"},
        {"training not bool", R"({"kind":"batch","shape":[2,1],"x":[1,2],"training":"yes"})",
         "training must be true or false"},
        {"zero dim", R"({"kind":"layer","shape":[2,0],"x":[]})", "shape[1] must be >= 1, got 0"},
        {"negative dim", R"({"kind":"layer","shape":[-2],"x":[1,2]})", "shape[0] must be >= 1, got -2"},
        {"non-integer dim", R"({"kind":"layer","shape":[2.5],"x":[1,2]})", "shape[0] must be an integer"},
        {"string dim", R"({"kind":"layer","shape":["2"],"x":[1,2]})", "shape[0] must be an integer"},
        {"shape not an array", R"({"kind":"layer","shape":2,"x":[1,2]})", "shape must be an array"},
        {"empty shape", R"({"kind":"layer","shape":[],"x":[]})", "at least one dimension"},
        {"overflowing shape", R"({"kind":"layer","shape":[4294967296,4294967296,16],"x":[1]})", "more than 2^26"},
        {"huge shape", R"({"kind":"layer","shape":[18446744073709551615],"x":[1]})", "more than 2^26"},
        {"too many elements", R"({"kind":"layer","shape":[8192,8193],"x":[1]})", "more than 2^26"},
        {"rank 1 batch", R"({"kind":"batch","shape":[4],"x":[1,2,3,4]})", "(N, C), (N, C, L) or (N, C, H, W)"},
        {"rank 5 group", R"({"kind":"group","shape":[1,1,1,1,2],"x":[1,2]})", "got rank 5"},
        {"x not an array", R"({"kind":"layer","shape":[2],"x":"1,2"})", "x must be an array of numbers"},
        {"nested x", R"({"kind":"layer","shape":[2,2],"x":[[1,2],[3,4]]})", "x[0] must be a number"},
        {"x element beyond float", R"({"kind":"layer","shape":[2],"x":[1,1e39]})", "x[1] is outside the float32 range"},
        {"string in dy", R"({"kind":"layer","shape":[2],"x":[1,2],"dy":[1,"a"]})", "dy[1] must be a number"},
        {"beta for rms", R"({"kind":"rms","shape":[2],"x":[1,2],"beta":[0,0]})", "does not apply to kind 'rms'"},
        {"groups for layer", R"({"kind":"layer","shape":[2],"x":[1,2],"groups":1})", "field 'groups' does not apply"},
        {"running stats for layer", R"({"kind":"layer","shape":[2],"x":[1,2],"running_mean":[0]})", "does not apply"},
        {"unknown field", R"({"kind":"layer","shape":[2],"x":[1,2],"gama":[1,1]})", "unknown field 'gama'"},
        {"control chars in kind", "{\"kind\":\"a\\nb\",\"shape\":[2],\"x\":[1,2]}", "unknown kind"},
    };
}

TEST(NormRequest, BadRequestsFailWithOneClearLine) {
    for (const BadRequest& bad : bad_requests()) {
        SCOPED_TRACE(bad.what);
        try {
            run_norm_request(bad.text);
            ADD_FAILURE() << "accepted: " << bad.text;
        } catch (const RequestError& e) {
            const std::string message = e.what();
            EXPECT_NE(message.find(bad.message_part), std::string::npos) << message;
            EXPECT_EQ(message.find('\n'), std::string::npos) << message;
            EXPECT_LT(message.size(), 400u);
        }
    }
}

// The core's validation is what the bindings use too: same message without the CLI.
TEST(NormRequest, CoreValidationThrowsInvalidArgument) {
    const std::vector<float> x(12, 1.0f);
    normlab::NormSpec spec;
    spec.kind = normlab::NormKind::group;
    spec.shape = {2, 6};
    spec.groups = 4;
    spec.x = normlab::input_array(x);
    normlab::NormBuffers out;
    EXPECT_THROW(normlab::run_norm(spec, out), std::invalid_argument);
    spec.groups = 3;
    EXPECT_NO_THROW(normlab::run_norm(spec, out));
    EXPECT_EQ(out.mean.size(), 6u);
    EXPECT_THROW(normlab::parse_norm_kind("Layer"), std::invalid_argument);
    EXPECT_EQ(normlab::parse_norm_kind("layer_eps_outside"), normlab::NormKind::layer_eps_outside);
    const std::vector<float> empty;
    spec.gamma = normlab::input_array(empty);  // given but empty is an error, not "absent"
    EXPECT_THROW(normlab::run_norm(spec, out), std::invalid_argument);
}

// ---- through the real binary -----------------------------------------------
struct CliRun {
    int exit_code = -1;
    std::string out, err;
};

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

CliRun run_cli(const std::string& request, const std::string& tag) {
    // the process id keeps parallel test processes (ctest -j) apart
    const std::string stem = ::testing::TempDir() + "normlab_norm_" + std::to_string(::getpid()) + "_" + tag;
    const std::string in = stem + ".in.json";
    const std::string out = stem + ".out";
    const std::string err = stem + ".err";
    std::ofstream(in) << request;
    const std::string command =
        std::string("'") + NORMLAB_CLI_PATH + "' norm < '" + in + "' > '" + out + "' 2> '" + err + "'";
    const int status = std::system(command.c_str());
    CliRun r;
    r.exit_code = (status != -1 && WIFEXITED(status)) ? WEXITSTATUS(status) : -1;
    r.out = read_file(out);
    r.err = read_file(err);
    std::remove(in.c_str());
    std::remove(out.c_str());
    std::remove(err.c_str());
    return r;
}

TEST(NormCli, ValidRequestPrintsTheResponse) {
    const CliRun r = run_cli(R"({"kind":"layer","shape":[2,3],"x":[1,2,3,4,5,7],"dy":[1,0,0,0,1,0]})", "valid");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(r.err.empty()) << r.err;
    const json response = json::parse(r.out);
    EXPECT_EQ(response["y"].size(), 6u);
    EXPECT_EQ(response["dx"].size(), 6u);
    EXPECT_FLOAT_EQ(response["y"][1].get<float>(), 0.0f);
}

TEST(NormCli, BadRequestsExitWithStatus2AndOneLineOnStderr) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"unknown_kind", R"({"kind":"weightnorm","shape":[2],"x":[1,2]})"},
        {"size_mismatch", R"({"kind":"layer","shape":[2,3],"x":[1,2,3,4,5]})"},
        {"groups", R"({"kind":"group","shape":[2,6],"x":[1,2,3,4,5,6,7,8,9,10,11,12],"groups":4})"},
        {"eps", R"({"kind":"layer","shape":[2],"x":[1,2],"eps":1e400})"},
        {"malformed", R"({"kind":"layer",)"},
        {"missing_x", R"({"kind":"rms","shape":[2]})"},
        {"huge_shape", R"({"kind":"layer","shape":[99999999999,99999999999],"x":[1]})"},
    };
    for (const auto& [tag, request] : cases) {
        SCOPED_TRACE(tag);
        const CliRun r = run_cli(request, tag);
        EXPECT_EQ(r.exit_code, 2) << r.err;
        EXPECT_TRUE(r.out.empty()) << r.out;
        ASSERT_FALSE(r.err.empty());
        EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "exactly one line: " << r.err;
        EXPECT_EQ(r.err.rfind("normlab norm: ", 0), 0u) << r.err;
    }
}

}  // namespace
