// Presets and primary settings: every preset of every experiment resolves to a valid configuration
// (plain and quick), changes what it says it changes, and the CLI's --preset reaches it; every
// experiment marks 2-4 primary settings that name its own fields.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

#include "experiments/experiment.h"
#include "run_command.h"

using normlab::Json;

TEST(Presets, EveryPresetResolvesToAValidConfig) {
    for (const auto& def : normlab::experiment_catalogue()) {
        EXPECT_GE(def.presets.size(), 2u) << def.id;
        std::set<std::string> names;
        for (const auto& p : def.presets) {
            SCOPED_TRACE(def.id + " / " + p.name);
            EXPECT_TRUE(names.insert(p.name).second) << "duplicate preset name";
            EXPECT_FALSE(p.why.empty());
            EXPECT_FALSE(p.sets.empty());
            const Json settings = normlab::preset_settings(def, p.name);
            EXPECT_EQ(settings.size(), p.sets.size());
            for (bool quick : {false, true}) {
                Json config;
                ASSERT_NO_THROW(config = normlab::resolve_config(def, settings, quick)) << (quick ? "quick" : "");
                // the preset's values are the ones the config carries (ints normalised by the check)
                for (const auto& item : settings.items()) {
                    const Json& got = config[item.key()];
                    if (item.value().is_number())
                        EXPECT_DOUBLE_EQ(got.get<double>(), item.value().get<double>()) << item.key();
                    else
                        EXPECT_EQ(got, item.value()) << item.key();
                }
            }
            // a preset differs from the defaults in at least one setting
            EXPECT_NE(normlab::resolve_config(def, settings, false),
                      normlab::resolve_config(def, Json::object(), false));
        }
    }
}

TEST(Presets, JsonCarriesNameWhyAndSettings) {
    const auto& def = normlab::find_experiment("norm-compare");
    const Json list = normlab::presets_to_json(def);
    ASSERT_EQ(list.size(), def.presets.size());
    for (std::size_t i = 0; i < list.size(); i++) {
        EXPECT_EQ(list[i]["name"], def.presets[i].name);
        EXPECT_EQ(list[i]["why"], def.presets[i].why);
        EXPECT_TRUE(list[i]["settings"].is_object());
    }
}

TEST(Presets, UnknownPresetNamesTheKnownOnes) {
    const auto& def = normlab::find_experiment("eps");
    try {
        normlab::preset_settings(def, "no such preset");
        FAIL() << "expected std::invalid_argument";
    } catch (const std::invalid_argument& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("no such preset"), std::string::npos);
        EXPECT_NE(message.find(def.presets.front().name), std::string::npos);
    }
}

TEST(Presets, PrimarySettingsAreTwoToFourOfTheExperimentsFields) {
    for (const auto& def : normlab::experiment_catalogue()) {
        SCOPED_TRACE(def.id);
        EXPECT_GE(def.primary.size(), 2u);
        EXPECT_LE(def.primary.size(), 4u);
        const Json fields = normlab::fields_to_json(def);
        std::size_t marked = 0;
        for (const auto& f : fields) marked += f.value("primary", false) ? 1 : 0;
        EXPECT_EQ(marked, def.primary.size()) << "every primary key names a field, once";
    }
}

TEST(Presets, CliRunsAPresetAndSetOverridesIt) {
    normlab::RunOptions o;
    o.id = "eps";
    o.quick = true;
    o.preset = "a larger ε";
    o.sets = {"rows=4"};
    o.out_dir =
        (std::filesystem::temp_directory_path() / ("normlab-test-preset-" + std::to_string(::getpid()))).string();
    std::ostringstream log;
    normlab::run_experiment(o, log);
    std::ifstream in(std::filesystem::path(o.out_dir) / "manifest.json");
    const Json manifest = Json::parse(in);
    EXPECT_DOUBLE_EQ(manifest["config"]["eps"].get<double>(), 0.01);
    EXPECT_EQ(manifest["config"]["rows"], 4);
    std::filesystem::remove_all(o.out_dir);

    o.preset = "nonexistent";
    EXPECT_THROW(normlab::run_experiment(o, log), std::invalid_argument);
}
