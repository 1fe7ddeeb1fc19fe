// normlab: the native command line front of the NormLab core.
#include <CLI/CLI.hpp>

#include <iostream>
#include <iterator>
#include <string>

#include "norm_request.h"
#include "run_command.h"

int main(int argc, char** argv) {
    CLI::App app{"NormLab: normalization kernels and training experiments"};
    app.require_subcommand(1);
    app.set_version_flag("--version", NORMLAB_VERSION);
    CLI::App* norm =
        app.add_subcommand("norm", "Run one normalization: a JSON request on stdin, the JSON response on stdout");
    CLI::App* list = app.add_subcommand("list", "List the experiments, one line each");
    normlab::RunOptions run_options;
    run_options.default_data_path = NORMLAB_DEFAULT_DATA_PATH;
    CLI::App* run = app.add_subcommand("run", "Run an experiment and write its result files");
    run->add_option("id", run_options.id, "experiment id (see `normlab list`)")->required();
    run->add_flag("--quick", run_options.quick, "the quick settings (CI, a first look)");
    run->add_option("--seeds", run_options.seeds, "number of seeds (default 1)")->check(CLI::Range(1, 16));
    run->add_option("--preset", run_options.preset, "start from a named preset (see `normlab list`)");
    run->add_option("--set", run_options.sets, "override a setting: key=value (data=PATH for your own text)");
    run->add_option("--out", run_options.out_dir, "directory for the result files")->required();
    CLI11_PARSE(app, argc, argv);

    if (list->parsed()) normlab::list_experiments(std::cout);
    if (run->parsed()) {
        try {
            normlab::run_experiment(run_options, std::cerr);
        } catch (const std::exception& e) {
            std::cerr << "normlab run: " << e.what() << '\n';
            return 2;
        }
    }

    if (norm->parsed()) {
        const std::string request{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
        try {
            std::cout << normlab::run_norm_request(request) << '\n';
        } catch (const normlab::RequestError& e) {
            std::cerr << "normlab norm: " << e.what() << '\n';
            return 2;
        }
    }
    return 0;
}
