// The definitions of the catalogue's experiments, one function each (exp_<id>.cpp).
// experiment.cpp lists them in the catalogue's order.
#pragma once

#include "experiment.h"

namespace normlab {

ExperimentDef eps_experiment();
ExperimentDef precision_experiment();
ExperimentDef norm_speed_experiment();

}  // namespace normlab
