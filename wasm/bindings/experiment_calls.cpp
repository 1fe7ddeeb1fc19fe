#include "experiment_calls.h"

#include <stdexcept>

#include "experiments/experiment.h"

namespace normlab::bindings {
namespace {

template <typename Body>
std::string json_guarded(Body&& body) {
    try {
        return body();
    } catch (const SettingsError& e) {
        // the English sentence, and the same as data for the page's language ("core.setting.<id>")
        return Json{{"error", e.what()}, {"error_id", e.id()}, {"error_params", e.params()}}.dump();
    } catch (const std::exception& e) { return Json{{"error", e.what()}}.dump(); }
}

Json parse(const std::string& text, const char* what) {
    try {
        return Json::parse(text);
    } catch (const std::exception&) { throw std::invalid_argument(std::string(what) + " is not valid JSON"); }
}

}  // namespace

std::string experiment_catalogue_json() {
    return json_guarded([] {
        Json list = Json::array();
        for (const auto& def : experiment_catalogue())
            list.push_back({{"id", def.id},
                            {"title", def.title},
                            {"question", def.question},
                            {"look", def.look},
                            {"section", def.section},
                            {"needs_text", def.needs_text},
                            {"one_job_at_a_time", def.one_job_at_a_time},
                            {"fields", fields_to_json(def)},
                            {"presets", presets_to_json(def)},
                            {"claims", def.claim_ids},
                            {"typical_seconds", def.typical_seconds}});
        return list.dump();
    });
}

std::string resolve_experiment_config_json(const std::string& id, const std::string& settings_json, bool quick) {
    return json_guarded([&] {
        const Json config = resolve_config(find_experiment(id), parse(settings_json, "settings"), quick);
        return Json{{"config", config}}.dump();
    });
}

std::string plan_experiment_json(const std::string& id, const std::string& config_json) {
    return json_guarded([&] {
        const ExperimentDef& def = find_experiment(id);
        Json jobs = Json::array();
        for (const auto& j : def.plan(parse(config_json, "config")))
            jobs.push_back({{"variant", j.variant}, {"seed", j.seed}});
        return Json{{"jobs", jobs}}.dump();
    });
}

std::string experiment_outputs_json(const std::string& id, const std::string& config_json,
                                    const std::string& results_json, const std::string& date,
                                    const std::string& data_json) {
    return json_guarded([&] {
        const Json results = parse(results_json, "results");
        if (!results.is_array()) throw std::invalid_argument("results must be a list");
        const std::vector<Json> list(results.begin(), results.end());
        const Json data = parse(data_json, "data");
        if (!data.is_null() && !data.is_object()) throw std::invalid_argument("data must be an object or null");
        return experiment_outputs(find_experiment(id), parse(config_json, "config"), list, {"wasm", date, data}).dump();
    });
}

ExperimentJobHandle::ExperimentJobHandle() = default;
ExperimentJobHandle::~ExperimentJobHandle() = default;

std::string ExperimentJobHandle::open(const std::string& id, const std::string& config_json, const std::string& variant,
                                      double seed, const std::string& text) {
    try {
        const ExperimentDef& def = find_experiment(id);
        const Json config = parse(config_json, "config");
        text_ = text;
        if (def.needs_text && text_.empty()) throw std::invalid_argument("this experiment needs a training text");
        job_ =
            def.make_job(config, JobSpec{variant, static_cast<std::uint64_t>(seed)}, def.needs_text ? &text_ : nullptr);
        return "";
    } catch (const std::exception& e) {
        job_.reset();
        return e.what();
    }
}

std::string ExperimentJobHandle::advance(int max_steps) {
    return json_guarded([&] {
        if (!job_) throw std::logic_error("the job is not open");
        return job_->advance(max_steps).dump();
    });
}

bool ExperimentJobHandle::finished() const { return !job_ || job_->finished(); }
int ExperimentJobHandle::steps_done() const { return job_ ? job_->steps_done() : 0; }
int ExperimentJobHandle::total_steps() const { return job_ ? job_->total_steps() : 0; }

std::string ExperimentJobHandle::result() const {
    return json_guarded([&] {
        if (!job_) throw std::logic_error("the job is not open");
        return job_->result().dump();
    });
}

}  // namespace normlab::bindings
