// Embind declarations of the NormLab core: names only; conversions live in *_calls.cpp.
#include <emscripten/bind.h>

#include "experiment_calls.h"
#include "norm_calls.h"

EMSCRIPTEN_BINDINGS(normlab) {
    using namespace emscripten;
    using namespace normlab::bindings;
    function(
        "version", +[]() { return std::string(NORMLAB_VERSION); });

    function("rmsnormForward", &rmsnorm_forward_js);
    function("normalize", &normalize_js);
    function("gradcheckNorm", &gradcheck_norm_js);

    function("experimentCatalogue", &experiment_catalogue_json);
    function("resolveExperimentConfig", &resolve_experiment_config_json);
    function("planExperiment", &plan_experiment_json);
    function("experimentOutputs", &experiment_outputs_json);
    class_<ExperimentJobHandle>("ExperimentJob")
        .constructor<>()
        .function("open", &ExperimentJobHandle::open)
        .function("advance", &ExperimentJobHandle::advance)
        .function("finished", &ExperimentJobHandle::finished)
        .function("stepsDone", &ExperimentJobHandle::steps_done)
        .function("totalSteps", &ExperimentJobHandle::total_steps)
        .function("result", &ExperimentJobHandle::result);
}
