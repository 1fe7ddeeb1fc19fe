// Experiments: named, configurable, seeded procedures of the course, shared by the CLI
// (`normlab run <id>`) and the site's workers.
//
// How a run is organised:
//   1. resolve_config(def, user settings, quick) -> the full, validated configuration (JSON).
//      Every field has a spec (type, range, default, quick-mode value), so the site builds its
//      forms and URL state from the same table the core validates against.
//   2. def.plan(config) -> independent jobs, one per (variant, seed). Variants of one seed share
//      the seed, so they start from the same initialisation and see the same batches: a difference
//      between curves comes from the variant, not from luck.
//   3. each job advances in small slices (advance(k) runs k steps), so a worker can report
//      progress and honour Stop between slices; result() gives its curves and measurements.
//   4. def.summarize(config, results) -> {"metrics": ..., "claims": [{claim, observed, holds}]},
//      computed from the data of this run, never canned.
//   5. experiment_outputs(...) assembles manifest, losses, timings, metrics and summary documents.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>

#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace normlab {

using Json = nlohmann::json;

// A setting the learner can change to fix (a cross-field check, a list that repeats a value, a
// run too large for the memory): besides its English sentence (what(); the CLI prints it), a
// stable id and the params that sentence is built from, so the site writes it in the page's
// language from its catalogues ("core.setting.<id>"), as it writes the claims (report.h).
class SettingsError : public std::invalid_argument {
  public:
    SettingsError(std::string id, Json params, const std::string& english)
        : std::invalid_argument(english), id_(std::move(id)), params_(std::move(params)) {}
    const std::string& id() const { return id_; }
    const Json& params() const { return params_; }

  private:
    std::string id_;
    Json params_;
};

// One configurable setting of an experiment.
struct FieldSpec {
    enum class Kind { Int, Float, Choice, Bool, FloatList, ChoiceList };
    std::string key;
    std::string label;
    Kind kind = Kind::Float;
    Json default_value;
    Json quick_value;                  // null: same as default in --quick mode
    double min = 0, max = 0;           // numeric bounds (inclusive) for Int/Float/FloatList items
    bool min_exclusive = false;        // e.g. a learning rate must be > 0
    std::vector<std::string> choices;  // Choice / ChoiceList
    std::string help;
};

// A named starting point of an experiment, shown as one button on its page and accepted by
// `normlab run <id> --preset NAME`: a few settings ("key=value", the CLI's --set syntax, checked
// like the learner's own by resolve_config) and one sentence of why they teach something.
struct Preset {
    std::string name;               // short, e.g. "see it break"
    std::string why;                // one sentence
    std::vector<std::string> sets;  // "key=value" overrides of the defaults
};

struct JobSpec {
    std::string variant;  // e.g. "pre-ln/rms"
    std::uint64_t seed = 0;
};

// One (variant, seed) run, advanced in slices.
class Job {
  public:
    virtual ~Job() = default;
    virtual int total_steps() const = 0;
    virtual int steps_done() const = 0;
    bool finished() const { return steps_done() >= total_steps() || stopped_early(); }
    virtual bool stopped_early() const { return false; }  // e.g. diverged
    // Runs up to max_steps more steps. Returns the points recorded meanwhile:
    // {"step": [..], "train_loss": [..], "val_loss": [[step, loss]..], ...} (keys per experiment).
    virtual Json advance(int max_steps) = 0;
    // {"variant", "seed", "train_loss": [..], "val_loss": [[step, v]..], "diverged_at": step|null,
    //  "step_ms": [..], "metrics": {...}}
    virtual Json result() const = 0;
};

struct ExperimentDef {
    std::string id;
    std::string title;
    std::string question;
    std::string look;         // what to look for in its charts, shown on its page
    std::string section;      // theory page slug
    bool needs_text = false;  // trains on a text (TinyShakespeare or the learner's own)
    // its jobs measure time: run them one at a time, so parallel jobs do not share the cores and
    // the memory bus and slow each other's measurements
    bool one_job_at_a_time = false;
    // Seeds a default run uses (quick mode: 1). Empirical claims need 3 paired seeds for a verdict
    // (experiments/report.h); one seed gives an "indicative" result.
    int default_seeds = 1;
    std::vector<FieldSpec> fields;
    // The lesson's knobs: 2-4 field keys shown first on the page (fields_to_json marks them
    // "primary"); the rest sit in a collapsed "advanced" group.
    std::vector<std::string> primary;
    std::vector<Preset> presets;
    // Every claim id summarize can give as data (experiments/report.h, "claims as data"): the site's
    // catalogues have a sentence for each (tests/web/experiment-i18n.test.mjs).
    std::vector<std::string> claim_ids;
    // Wall-clock seconds of one default run (1 seed) of the native CLI on the project's machine,
    // measured; 0 when not measured. The site shows it as the typical run time.
    double typical_seconds = 0;
    // Cross-field checks beyond the field specs (heads divide d, memory budget...); throws
    // std::invalid_argument with a message that names the setting.
    std::function<void(const Json& config)> check;
    std::function<std::vector<JobSpec>(const Json& config)> plan;
    std::function<std::unique_ptr<Job>(const Json& config, const JobSpec& job, const std::string* text)> make_job;
    std::function<Json(const Json& config, const std::vector<Json>& results)> summarize;
};

const std::vector<ExperimentDef>& experiment_catalogue();
// Throws std::invalid_argument naming the known ids when `id` is unknown.
const ExperimentDef& find_experiment(const std::string& id);

// The field table as JSON (for the site's forms and URL state).
Json fields_to_json(const ExperimentDef& def);

// The presets as JSON: [{"name", "why", "settings": {key: value}}], values parsed as the CLI parses
// them (so the site sends them to resolve_config as they are).
Json presets_to_json(const ExperimentDef& def);

// The settings of the preset `name` (throws std::invalid_argument naming the known presets).
Json preset_settings(const ExperimentDef& def, const std::string& name);

// Defaults (or quick values), overridden by `settings`, each checked against its spec, then
// def.check. Unknown keys and out-of-range values throw std::invalid_argument naming the key.
// The result always carries "quick" (bool) and "seeds" (int >= 1) and "seed" (first seed).
Json resolve_config(const ExperimentDef& def, const Json& settings, bool quick);

// Parses a command-line "key=value" for the field `key` (numbers, lists "a,b,c", choices, bools).
Json parse_setting_value(const ExperimentDef& def, const std::string& key, const std::string& value);

// The plan of most experiments: every variant once per seed, seeds outer, the k-th seed being
// config "seed" + k (the seeds the manifest lists).
std::vector<JobSpec> plan_each_seed(const Json& config, const std::vector<std::string>& variants);

// The names of planned runs (any list of structs with a `name`), for plan_each_seed.
template <typename Runs>
std::vector<std::string> names_of(const Runs& runs) {
    std::vector<std::string> names;
    for (const auto& r : runs) names.push_back(r.name);
    return names;
}

// Runs a job to the end (natively, for the CLI and tests).
Json run_job_to_end(Job& job, int slice = 50);

struct RunContext {
    std::string build_target;  // "native" or "wasm"
    std::string date;          // ISO 8601, supplied by the caller (the core has no clock of its own)
    // What a text-trained run trained on, recorded in the manifest as "data", e.g.
    // {"source": "tinyshakespeare" | "file", "name": "mine.txt", "bytes": 5100}; null: not told.
    Json data = nullptr;
};

// {"manifest", "losses", "timings", "metrics", "summary"} for a finished run.
Json experiment_outputs(const ExperimentDef& def, const Json& config, const std::vector<Json>& results,
                        const RunContext& context);

// Helpers for experiments' summaries. claim(): a claim that follows from the maths (an exact
// boolean; nullopt when this run cannot decide it). Empirical claims, decided over seeds, use
// empirical_claim (experiments/report.h).
Json claim(const std::string& text, const std::string& observed, std::optional<bool> holds);
// The same, as data besides the English text: a stable `id` ("<experiment>.<claim>") and the
// `params` (numbers and settings) its sentences are built from, so the site can write the claim
// and the observation in the page's language from its own catalogue (the CLI prints the text).
Json claim(const std::string& id, const std::string& text, const std::string& observed, std::optional<bool> holds,
           Json params);

}  // namespace normlab
