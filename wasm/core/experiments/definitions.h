// The definitions of the catalogue's experiments, one function each (experiments/<id>.cpp).
// experiments/experiment.cpp lists them in the catalogue's order.
#pragma once

#include "experiments/experiment.h"

namespace normlab {

ExperimentDef signal_experiment();
ExperimentDef norm_compare_experiment();
ExperimentDef pre_post_experiment();
ExperimentDef lr_sweep_experiment();
ExperimentDef norm_ablation_experiment();
ExperimentDef bn_cnn_experiment();
ExperimentDef bn_vs_gn_experiment();
ExperimentDef bn_eval_experiment();
ExperimentDef eps_experiment();
ExperimentDef precision_experiment();
ExperimentDef norm_speed_experiment();

}  // namespace normlab
