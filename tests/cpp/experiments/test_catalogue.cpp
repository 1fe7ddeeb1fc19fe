// The experiment catalogue: every experiment runs in --quick mode with a fixed seed and writes its
// five files with the invariants that hold whatever the outcome; claims that are properties of the
// maths (not of training luck) are asserted.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

#include "experiments/experiment.h"
#include "run_command.h"

namespace fs = std::filesystem;
using normlab::Json;

namespace {

fs::path fresh_dir(const std::string& name) {
    const fs::path dir = fs::temp_directory_path() / ("normlab-test-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    return dir;
}

Json read_json(const fs::path& file) {
    std::ifstream in(file);
    EXPECT_TRUE(in.good()) << file;
    return Json::parse(in);
}

Json run_quick(const std::string& id, std::vector<std::string> sets = {}) {
    normlab::RunOptions o;
    o.id = id;
    o.quick = true;
    o.sets = std::move(sets);
    o.out_dir = fresh_dir(id).string();
    o.default_data_path = std::string(NORMLAB_SOURCE_DIR) + "/web/public/data/tinyshakespeare.txt";
    std::ostringstream log;
    normlab::run_experiment(o, log);
    Json out;
    for (const char* name : {"manifest", "losses", "timings", "metrics", "summary"})
        out[name] = read_json(fs::path(o.out_dir) / (std::string(name) + ".json"));
    fs::remove_all(o.out_dir);
    return out;
}

bool all_finite_or_null(const Json& j) {
    if (j.is_number()) return std::isfinite(j.get<double>());
    if (j.is_array() || j.is_object()) {
        for (const auto& v : j)
            if (!all_finite_or_null(v)) return false;
    }
    return true;
}

}  // namespace

TEST(ExperimentPlan, EveryVariantOncePerSeedSeedsOuter) {
    const Json config = {{"seed", 7}, {"seeds", 2}};
    const auto jobs = normlab::plan_each_seed(config, {"inside", "outside"});
    ASSERT_EQ(jobs.size(), 4u);
    const std::vector<std::pair<std::string, std::uint64_t>> want = {
        {"inside", 7}, {"outside", 7}, {"inside", 8}, {"outside", 8}};
    for (std::size_t i = 0; i < jobs.size(); i++) {
        EXPECT_EQ(jobs[i].variant, want[i].first);
        EXPECT_EQ(jobs[i].seed, want[i].second);
    }
    // an experiment's plan is this over its variants: signal crosses inits with norms
    const auto& signal = normlab::find_experiment("signal");
    const Json c =
        normlab::resolve_config(signal, {{"seeds", 2}, {"inits", {"kaiming"}}, {"norms", {"none", "rms"}}}, true);
    const auto plan = signal.plan(c);
    ASSERT_EQ(plan.size(), 4u);
    EXPECT_EQ(plan[1].variant, "kaiming/rms");
    EXPECT_EQ(plan[2].seed, c["seed"].get<std::uint64_t>() + 1);
}

TEST(ExperimentData, OwnTextIsRecordedInTheManifest) {
    const fs::path text = fresh_dir("own-text") / "mine.txt";
    fs::create_directories(text.parent_path());
    std::string body;
    for (int i = 0; i < 80; i++) body += "Whether tis nobler in the mind to suffer the slings and arrows.\n";
    std::ofstream(text) << body;
    const Json out = run_quick("norm-compare", {"data=" + text.string(), "variants=pre/rms", "steps=3"});
    fs::remove_all(text.parent_path());
    EXPECT_EQ(out["manifest"]["data"], (Json{{"source", "file"}, {"name", "mine.txt"}, {"bytes", body.size()}}));
}

class EveryExperiment : public ::testing::TestWithParam<std::string> {};

TEST_P(EveryExperiment, QuickRunWritesConsistentFiles) {
    const std::string id = GetParam();
    const auto& def = normlab::find_experiment(id);
    if (def.needs_text && !fs::exists(std::string(NORMLAB_SOURCE_DIR) + "/web/public/data/tinyshakespeare.txt"))
        GTEST_SKIP() << "TinyShakespeare not fetched";
    const Json out = run_quick(id);
    const Json& m = out["manifest"];
    EXPECT_EQ(m["id"], id);
    EXPECT_EQ(m["build_target"], "native");
    EXPECT_EQ(m["config"]["quick"], true);
    EXPECT_FALSE(m["date"].get<std::string>().empty());
    EXPECT_EQ(m["seeds"].size(), 1u);
    // a text-trained run says what it trained on; the others have no data entry
    if (def.needs_text) {
        EXPECT_EQ(m["data"]["source"], "tinyshakespeare");
        EXPECT_EQ(m["data"]["name"], "tinyshakespeare.txt");
        EXPECT_EQ(m["data"]["bytes"], 1115394);
    } else {
        EXPECT_FALSE(m.contains("data"));
    }
    // every planned job appears in losses and timings
    const auto plan = def.plan(m["config"]);
    std::size_t runs = 0;
    for (const auto& [variant, list] : out["losses"].items()) {
        for (const auto& r : list) {
            runs++;
            EXPECT_TRUE(r.contains("diverged_at"));
            // finite values wherever no divergence is reported
            if (r["diverged_at"].is_null()) EXPECT_TRUE(all_finite_or_null(r["train_loss"])) << variant;
        }
        EXPECT_TRUE(out["timings"].contains(variant));
    }
    EXPECT_EQ(runs, plan.size());
    // claims: each has text, an observation, and a verdict computed from the run
    ASSERT_TRUE(out["summary"].is_array());
    EXPECT_FALSE(out["summary"].empty());
    for (const auto& c : out["summary"]) {
        EXPECT_FALSE(c["claim"].get<std::string>().empty());
        EXPECT_FALSE(c["observed"].get<std::string>().empty());
        EXPECT_TRUE(c["holds"].is_boolean() || c["holds"].is_null());
        // claims as data: an experiment that lists its claim ids gives every claim with one of
        // them and its params (the site's catalogues have a sentence per listed id)
        if (def.claim_ids.empty()) continue;
        ASSERT_TRUE(c.contains("id")) << c["claim"];
        EXPECT_NE(std::find(def.claim_ids.begin(), def.claim_ids.end(), c["id"].get<std::string>()),
                  def.claim_ids.end())
            << c["id"];
        EXPECT_TRUE(c["params"].is_object()) << c["id"];
    }
    EXPECT_TRUE(out["metrics"].is_object());
}

TEST(Catalogue, ClaimIdsAreUniqueAndNamedAfterTheirExperiment) {
    std::set<std::string> seen;
    for (const auto& def : normlab::experiment_catalogue())
        for (const auto& id : def.claim_ids) {
            EXPECT_EQ(id.rfind(def.id + ".", 0), 0u) << id;
            EXPECT_TRUE(seen.insert(id).second) << id << " twice";
        }
}

INSTANTIATE_TEST_SUITE_P(Catalogue, EveryExperiment, ::testing::ValuesIn([] {
                             std::vector<std::string> ids;
                             for (const auto& d : normlab::experiment_catalogue()) ids.push_back(d.id);
                             return ids;
                         }()),
                         [](const auto& info) {
                             std::string n = info.param;
                             for (auto& ch : n)
                                 if (ch == '-') ch = '_';
                             return n;
                         });

TEST(EpsExperiment, ConstantRowGradientIsNonFiniteOutsideAndFiniteInside) {
    const Json out = run_quick("eps", {"noise=0,1e-6"});
    const Json& m = out["metrics"];
    EXPECT_GT(m["outside_nonfinite_dx"][0].get<long>(), 0) << "eps outside the root: d sqrt(var) at var = 0";
    EXPECT_EQ(m["inside_nonfinite_dx"][0].get<long>(), 0);
    EXPECT_EQ(m["inside_nonfinite_dx"][1].get<long>(), 0);
    for (const auto& c : out["summary"]) EXPECT_EQ(c["holds"], true) << c["claim"];
}

// A claim as data: its stable id and the numbers its sentences are built from, beside the English
// text, so the site writes it in the page's language; a non-finite number is null.
TEST(EpsExperiment, ClaimsCarryTheirIdAndParameters) {
    const Json out = run_quick("eps", {"noise=0,1e-6"});
    ASSERT_EQ(out["summary"].size(), 2u);
    const Json& outside = out["summary"][0];
    const Json& inside = out["summary"][1];
    EXPECT_EQ(outside["id"], "eps.outside");
    EXPECT_EQ(inside["id"], "eps.inside");
    EXPECT_GT(outside["params"]["nonfinite"].get<long>(), 0);
    EXPECT_TRUE(outside["params"]["ratio"].is_null()) << "an infinite ratio is written as null";
    EXPECT_EQ(outside["params"]["noise"].get<double>(), 0.0);
    EXPECT_EQ(inside["params"]["ok"], true);
    EXPECT_LE(inside["params"]["max_dx"].get<double>(), inside["params"]["bound"].get<double>());
    EXPECT_NE(inside["observed"].get<std::string>().find("bound"), std::string::npos) << "the English text stays";
}

TEST(PrecisionExperiment, SquaresOfLargeInputsOverflowFp16ComputedInFormat) {
    // 1000^2 = 1e6 > 65504: a property of the format, not of luck
    const Json out = run_quick("precision", {"offsets=1000", "scales=1", "accumulate=format", "d=64"});
    const auto& rms = out["metrics"]["variants"]["rms/fp16"];
    EXPECT_GT(rms["overflow_rows"][0].get<long>(), 0);
    EXPECT_EQ(out["metrics"]["variants"]["rms/bf16"]["overflow_rows"][0].get<long>(), 0) << "bf16 has fp32's range";
}

TEST(ExperimentConfig, ResolveNamesTheBadSetting) {
    const auto& eps = normlab::find_experiment("eps");
    EXPECT_THROW(normlab::find_experiment("nope"), std::invalid_argument);
    auto message = [&](const Json& settings) {
        try {
            normlab::resolve_config(eps, settings, false);
        } catch (const std::invalid_argument& e) { return std::string(e.what()); }
        return std::string("no error");
    };
    EXPECT_NE(message({{"eps", 0}}).find("eps: the value must be greater than 0"), std::string::npos);
    EXPECT_NE(message({{"d", 1.5}}).find("d: expected a whole number"), std::string::npos);
    EXPECT_NE(message({{"d", "wide"}}).find("d: expected a whole number"), std::string::npos);
    EXPECT_NE(message({{"noise", Json::array()}}).find("noise: expected a non-empty list"), std::string::npos);
    EXPECT_NE(message({{"seeds", 0}}).find("seeds"), std::string::npos);
    EXPECT_NE(message({{"colour", 1}}).find("unknown setting \"colour\""), std::string::npos);
    EXPECT_NE(message({{"rows", 4096}, {"d", 4096}}).find("memory"), std::string::npos);
    const Json quick = normlab::resolve_config(eps, Json::object(), true);
    EXPECT_EQ(quick["rows"], 16);
    EXPECT_EQ(quick["seeds"], 1);
}

TEST(ExperimentConfig, DefaultSeedsComeFromTheExperimentQuickModeRunsOne) {
    // experiments with empirical claims default to 3 paired seeds (a verdict needs 3); quick mode
    // runs one (indicative); an explicit seeds setting wins
    const auto& signal = normlab::find_experiment("signal");
    EXPECT_EQ(signal.default_seeds, 3);
    EXPECT_EQ(normlab::resolve_config(signal, Json::object(), false)["seeds"], 3);
    EXPECT_EQ(normlab::resolve_config(signal, Json::object(), true)["seeds"], 1);
    EXPECT_EQ(normlab::resolve_config(signal, {{"seeds", 5}}, false)["seeds"], 5);
    EXPECT_EQ(normlab::resolve_config(normlab::find_experiment("eps"), Json::object(), false)["seeds"], 1);
}

TEST(ExperimentConfig, CommandLineValuesParseByFieldKind) {
    const auto& eps = normlab::find_experiment("eps");
    EXPECT_EQ(normlab::parse_setting_value(eps, "d", "32"), Json(32.0));
    EXPECT_EQ(normlab::parse_setting_value(eps, "noise", "0,1e-3"), Json({0.0, 1e-3}));
    EXPECT_THROW(normlab::parse_setting_value(eps, "d", "32x"), std::invalid_argument);
    const auto& speed = normlab::find_experiment("norm-speed");
    EXPECT_EQ(normlab::parse_setting_value(speed, "kinds", "layer,rms"), Json({"layer", "rms"}));
}

TEST(ExperimentRuns, SameSeedSameResultAndVariantsArePaired) {
    const auto& def = normlab::find_experiment("precision");
    const Json config = normlab::resolve_config(def, {{"d", 32}, {"rows", 2}}, true);
    auto run = [&](const std::string& variant) {
        auto job = def.make_job(config, {variant, 7}, nullptr);
        return normlab::run_job_to_end(*job)["metrics"]["max_abs_error"];
    };
    EXPECT_EQ(run("layer/fp16"), run("layer/fp16"));
}

TEST(Cli, RunAndListThroughTheBinary) {
    const fs::path dir = fresh_dir("cli");
    const std::string cli = NORMLAB_CLI_PATH;
    EXPECT_EQ(std::system((cli + " list > " + (dir.string() + ".list")).c_str()), 0);
    std::ifstream list(dir.string() + ".list");
    std::stringstream s;
    s << list.rdbuf();
    EXPECT_NE(s.str().find("eps "), std::string::npos);
    EXPECT_EQ(std::system((cli + " run eps --quick --out " + dir.string() + " 2>/dev/null").c_str()), 0);
    EXPECT_TRUE(fs::exists(dir / "summary.json"));
    const int bad = std::system((cli + " run eps --set eps=-1 --out " + dir.string() + " 2>/dev/null").c_str());
    EXPECT_EQ(WEXITSTATUS(bad), 2);
    const int unknown = std::system((cli + " run nope --out " + dir.string() + " 2>/dev/null").c_str());
    EXPECT_EQ(WEXITSTATUS(unknown), 2);
    fs::remove_all(dir);
    fs::remove(dir.string() + ".list");
}
