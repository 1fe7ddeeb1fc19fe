// normlab: the native command line front of the NormLab core.
#include <CLI/CLI.hpp>

#include <iostream>

int main(int argc, char** argv) {
    CLI::App app{"NormLab: normalization kernels and training experiments"};
    app.require_subcommand(1);
    app.set_version_flag("--version", NORMLAB_VERSION);
    CLI11_PARSE(app, argc, argv);
    return 0;
}
