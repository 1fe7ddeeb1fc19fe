// JS-facing calls of the experiment catalogue. Configurations and results cross as JSON text
// (small, and parsed once on the JS side); errors come back as {"error": message}.
#pragma once

#include <memory>
#include <string>

namespace normlab {
class Job;
struct ExperimentDef;
}

namespace normlab::bindings {

// [{id, title, question, section, needs_text, fields: [...]}]
std::string experiment_catalogue_json();

// {"config": {...}} or {"error"}; settings is a JSON object of field values.
std::string resolve_experiment_config_json(const std::string& id, const std::string& settings_json, bool quick);

// {"jobs": [{"variant", "seed"}]} or {"error"}; config as returned by resolve.
std::string plan_experiment_json(const std::string& id, const std::string& config_json);

// {"manifest", "losses", "timings", "metrics", "summary"} or {"error"}; results: [job result...];
// data: what a text-trained run trained on (RunContext::data), a JSON object or null.
std::string experiment_outputs_json(const std::string& id, const std::string& config_json,
                                    const std::string& results_json, const std::string& date,
                                    const std::string& data_json);

// One job of a run, advanced in slices by the worker. open() returns "" or an error message.
class ExperimentJobHandle {
  public:
    ExperimentJobHandle();
    ~ExperimentJobHandle();
    std::string open(const std::string& id, const std::string& config_json, const std::string& variant, double seed,
                     const std::string& text);
    std::string advance(int max_steps);  // points JSON, or {"error"}
    bool finished() const;
    int steps_done() const;
    int total_steps() const;
    std::string result() const;  // result JSON, or {"error"}

  private:
    std::unique_ptr<Job> job_;
    std::string text_;  // the training text lives as long as the job
};

}  // namespace normlab::bindings
