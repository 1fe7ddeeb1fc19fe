#include "run_command.h"

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <stdexcept>

#include "experiments/experiment.h"

namespace normlab {

void list_experiments(std::ostream& out) {
    for (const auto& def : experiment_catalogue()) {
        out << std::left << std::setw(14) << def.id << def.question << '\n';
        for (const auto& p : def.presets)
            out << std::setw(16) << ""
                << "--preset \"" << p.name << "\": " << p.why << '\n';
    }
}

namespace {

std::string iso_now() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string read_text_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read the text file " + path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void write_json(const std::filesystem::path& file, const Json& value) {
    std::ofstream out(file);
    if (!out) throw std::runtime_error("cannot write " + file.string());
    out << value.dump(2) << '\n';
}

}  // namespace

void run_experiment(const RunOptions& options, std::ostream& log) {
    const ExperimentDef& def = find_experiment(options.id);
    if (options.out_dir.empty()) throw std::invalid_argument("--out DIR is required");
    Json settings = options.preset.empty() ? Json::object() : preset_settings(def, options.preset);
    std::string data_path = options.default_data_path;
    for (const auto& kv : options.sets) {
        const auto eq = kv.find('=');
        if (eq == std::string::npos || eq == 0)
            throw std::invalid_argument("--set expects key=value, got \"" + kv + "\"");
        const std::string key = kv.substr(0, eq), value = kv.substr(eq + 1);
        if (key == "data")
            data_path = value;
        else
            settings[key] = parse_setting_value(def, key, value);
    }
    if (options.seeds > 0) settings["seeds"] = options.seeds;
    const Json config = resolve_config(def, settings, options.quick);

    std::string text;
    if (def.needs_text) {
        if (data_path.empty() || !std::filesystem::exists(data_path))
            throw std::runtime_error("this experiment trains on a text: TinyShakespeare was not found at \"" +
                                     data_path + "\"; run scripts/fetch_data.sh or pass --set data=PATH");
        text = read_text_file(data_path);
    }

    std::vector<Json> results;
    for (const auto& spec : def.plan(config)) {
        auto job = def.make_job(config, spec, def.needs_text ? &text : nullptr);
        log << def.id << ": " << spec.variant << " (seed " << spec.seed << ")" << std::flush;
        while (!job->finished()) job->advance(std::max(1, job->total_steps() / 10));
        Json r = job->result();
        log << " - " << job->steps_done() << " steps";
        if (!r.value("diverged_at", Json(nullptr)).is_null()) log << ", diverged at step " << r["diverged_at"];
        log << '\n';
        results.push_back(std::move(r));
    }

    Json data = nullptr;
    if (def.needs_text)
        data = {{"source", data_path == options.default_data_path ? "tinyshakespeare" : "file"},
                {"name", std::filesystem::path(data_path).filename().string()},
                {"bytes", text.size()}};
    const Json outputs = experiment_outputs(def, config, results, {"native", iso_now(), data});
    const std::filesystem::path dir(options.out_dir);
    std::filesystem::create_directories(dir);
    for (const char* name : {"manifest", "losses", "timings", "metrics", "summary"})
        write_json(dir / (std::string(name) + ".json"), outputs[name]);
    for (const auto& c : outputs["summary"]) {
        const Json& holds = c["holds"];
        log << (holds.is_null()         ? "[ n/a ] "
                    : holds.get<bool>() ? "[holds] "
                                        : "[fails] ")
            << c["claim"].get<std::string>() << "\n         observed: " << c["observed"].get<std::string>() << '\n';
    }
    log << "wrote " << dir.string() << "/{manifest,losses,timings,metrics,summary}.json\n";
}

}  // namespace normlab
