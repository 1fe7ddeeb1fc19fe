// `normlab list` and `normlab run`: the experiment catalogue from the command line.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace normlab {

struct RunOptions {
    std::string id;
    bool quick = false;
    int seeds = 0;                  // 0: the experiment's default (1)
    std::string preset;             // a named preset of the experiment ("" none); --set overrides it
    std::vector<std::string> sets;  // "key=value"; data=PATH selects the training text
    std::string out_dir;
    std::string default_data_path;  // where scripts/fetch_data.sh puts TinyShakespeare
};

void list_experiments(std::ostream& out);

// Runs every job of the experiment, writes manifest.json, losses.json, timings.json,
// metrics.json and summary.json into out_dir, and prints the claims. Throws
// std::invalid_argument / std::runtime_error with a clear message on bad options or I/O.
void run_experiment(const RunOptions& options, std::ostream& log);

}  // namespace normlab
