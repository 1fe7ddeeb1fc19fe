#include "experiments/experiment.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "experiments/definitions.h"

namespace normlab {

const std::vector<ExperimentDef>& experiment_catalogue() {
    static const std::vector<ExperimentDef> catalogue = [] {
        std::vector<ExperimentDef> c;
        c.push_back(signal_experiment());
        c.push_back(norm_compare_experiment());
        c.push_back(pre_post_experiment());
        c.push_back(lr_sweep_experiment());
        c.push_back(norm_ablation_experiment());
        c.push_back(bn_cnn_experiment());
        c.push_back(bn_vs_gn_experiment());
        c.push_back(bn_eval_experiment());
        c.push_back(eps_experiment());
        c.push_back(precision_experiment());
        c.push_back(norm_speed_experiment());
        return c;
    }();
    return catalogue;
}

const ExperimentDef& find_experiment(const std::string& id) {
    for (const auto& def : experiment_catalogue())
        if (def.id == id) return def;
    std::string known;
    for (const auto& def : experiment_catalogue()) known += (known.empty() ? "" : ", ") + def.id;
    throw std::invalid_argument("unknown experiment \"" + id + "\" (known: " + known + ")");
}

namespace {

const char* kind_name(FieldSpec::Kind k) {
    switch (k) {
        case FieldSpec::Kind::Int: return "int";
        case FieldSpec::Kind::Float: return "float";
        case FieldSpec::Kind::Choice: return "choice";
        case FieldSpec::Kind::Bool: return "bool";
        case FieldSpec::Kind::FloatList: return "float_list";
        case FieldSpec::Kind::ChoiceList: return "choice_list";
    }
    return "?";
}

std::string fmt_number(double v) {
    std::ostringstream s;
    s << v;
    return s.str();
}

void check_number(const FieldSpec& f, double v, const std::string& what) {
    if (!std::isfinite(v)) throw std::invalid_argument(f.key + ": " + what + " must be a finite number");
    const bool below = f.min_exclusive ? v <= f.min : v < f.min;
    if (below)
        throw std::invalid_argument(f.key + ": " + what + " must be " +
                                    (f.min_exclusive ? "greater than " : "at least ") + fmt_number(f.min) + " (got " +
                                    fmt_number(v) + ")");
    if (v > f.max)
        throw std::invalid_argument(f.key + ": " + what + " must be at most " + fmt_number(f.max) + " (got " +
                                    fmt_number(v) + ")");
}

void check_choice(const FieldSpec& f, const Json& v) {
    if (!v.is_string()) throw std::invalid_argument(f.key + ": expected one of the listed choices");
    const auto s = v.get<std::string>();
    if (std::find(f.choices.begin(), f.choices.end(), s) == f.choices.end()) {
        std::string list;
        for (const auto& c : f.choices) list += (list.empty() ? "" : ", ") + c;
        throw std::invalid_argument(f.key + ": \"" + s + "\" is not one of " + list);
    }
}

// Checks one value against its spec and returns it normalised (ints as integers).
Json check_field(const FieldSpec& f, const Json& v) {
    switch (f.kind) {
        case FieldSpec::Kind::Int: {
            if (!v.is_number()) throw std::invalid_argument(f.key + ": expected a whole number");
            const double d = v.get<double>();
            if (std::floor(d) != d)
                throw std::invalid_argument(f.key + ": expected a whole number (got " + fmt_number(d) + ")");
            check_number(f, d, "the value");
            return Json(static_cast<long long>(d));
        }
        case FieldSpec::Kind::Float:
            if (!v.is_number()) throw std::invalid_argument(f.key + ": expected a number");
            check_number(f, v.get<double>(), "the value");
            return Json(v.get<double>());
        case FieldSpec::Kind::Bool:
            if (!v.is_boolean()) throw std::invalid_argument(f.key + ": expected true or false");
            return v;
        case FieldSpec::Kind::Choice: check_choice(f, v); return v;
        case FieldSpec::Kind::FloatList: {
            if (!v.is_array() || v.empty())
                throw std::invalid_argument(f.key + ": expected a non-empty list of numbers");
            if (v.size() > 64) throw std::invalid_argument(f.key + ": at most 64 values");
            Json out = Json::array();
            for (const auto& item : v) {
                if (!item.is_number()) throw std::invalid_argument(f.key + ": every item must be a number");
                check_number(f, item.get<double>(), "every item");
                out.push_back(item.get<double>());
            }
            return out;
        }
        case FieldSpec::Kind::ChoiceList: {
            if (!v.is_array() || v.empty()) throw std::invalid_argument(f.key + ": expected a non-empty list");
            for (const auto& item : v) check_choice(f, item);
            return v;
        }
    }
    return v;
}

}  // namespace

Json fields_to_json(const ExperimentDef& def) {
    Json fields = Json::array();
    for (const auto& f : def.fields) {
        Json j = {{"key", f.key},
                  {"label", f.label},
                  {"kind", kind_name(f.kind)},
                  {"default", f.default_value},
                  {"help", f.help}};
        if (!f.quick_value.is_null()) j["quick"] = f.quick_value;
        if (f.kind == FieldSpec::Kind::Int || f.kind == FieldSpec::Kind::Float ||
            f.kind == FieldSpec::Kind::FloatList) {
            j["min"] = f.min;
            j["max"] = f.max;
            j["min_exclusive"] = f.min_exclusive;
        }
        if (!f.choices.empty()) j["choices"] = f.choices;
        if (std::find(def.primary.begin(), def.primary.end(), f.key) != def.primary.end()) j["primary"] = true;
        fields.push_back(j);
    }
    return fields;
}

Json preset_settings(const ExperimentDef& def, const std::string& name) {
    for (const auto& p : def.presets) {
        if (p.name != name) continue;
        Json settings = Json::object();
        for (const auto& kv : p.sets) {
            const auto eq = kv.find('=');
            if (eq == std::string::npos || eq == 0)
                throw std::invalid_argument("preset \"" + name + "\": expected key=value, got \"" + kv + "\"");
            const std::string key = kv.substr(0, eq);
            settings[key] = parse_setting_value(def, key, kv.substr(eq + 1));
        }
        return settings;
    }
    std::string known;
    for (const auto& p : def.presets) known += (known.empty() ? "" : ", ") + ("\"" + p.name + "\"");
    throw std::invalid_argument("unknown preset \"" + name + "\" for " + def.id +
                                (known.empty() ? " (it has none)" : " (presets: " + known + ")"));
}

Json presets_to_json(const ExperimentDef& def) {
    Json list = Json::array();
    for (const auto& p : def.presets)
        list.push_back({{"name", p.name}, {"why", p.why}, {"settings", preset_settings(def, p.name)}});
    return list;
}

Json resolve_config(const ExperimentDef& def, const Json& settings, bool quick) {
    if (!settings.is_null() && !settings.is_object()) throw std::invalid_argument("settings must be a JSON object");
    Json config = Json::object();
    for (const auto& f : def.fields)
        config[f.key] = (quick && !f.quick_value.is_null()) ? f.quick_value : f.default_value;
    config["seeds"] = quick ? 1 : def.default_seeds;
    config["seed"] = 1;
    if (settings.is_object()) {
        for (const auto& item : settings.items()) {
            const std::string key = item.key();
            const Json& value = item.value();
            if (key == "quick") continue;
            if (key == "seeds" || key == "seed") {
                FieldSpec spec;
                spec.key = key;
                spec.kind = FieldSpec::Kind::Int;
                spec.min = key == "seeds" ? 1.0 : 0.0;
                spec.max = key == "seeds" ? 16.0 : 4294967295.0;
                config[key] = check_field(spec, value);
                continue;
            }
            const auto it =
                std::find_if(def.fields.begin(), def.fields.end(), [&](const FieldSpec& f) { return f.key == key; });
            if (it == def.fields.end()) {
                std::string known;
                for (const auto& f : def.fields) known += (known.empty() ? "" : ", ") + f.key;
                throw std::invalid_argument("unknown setting \"" + key + "\" for " + def.id + " (settings: " + known +
                                            ", seeds, seed)");
            }
            config[key] = value;
        }
    }
    for (const auto& f : def.fields) config[f.key] = check_field(f, config[f.key]);
    config["quick"] = quick;
    if (def.check) def.check(config);
    return config;
}

Json parse_setting_value(const ExperimentDef& def, const std::string& key, const std::string& value) {
    auto number = [&](const std::string& text) -> Json {
        std::size_t used = 0;
        double v = 0;
        try {
            v = std::stod(text, &used);
        } catch (const std::exception&) { used = 0; }
        if (used == 0 || used != text.size()) throw std::invalid_argument(key + ": \"" + text + "\" is not a number");
        return Json(v);
    };
    if (key == "seeds" || key == "seed") return number(value);
    const auto it =
        std::find_if(def.fields.begin(), def.fields.end(), [&](const FieldSpec& f) { return f.key == key; });
    if (it == def.fields.end()) return Json(value);  // resolve_config names the unknown key
    switch (it->kind) {
        case FieldSpec::Kind::Int:
        case FieldSpec::Kind::Float: return number(value);
        case FieldSpec::Kind::Bool:
            if (value == "true" || value == "1") return true;
            if (value == "false" || value == "0") return false;
            throw std::invalid_argument(key + ": expected true or false");
        case FieldSpec::Kind::Choice: return Json(value);
        case FieldSpec::Kind::FloatList:
        case FieldSpec::Kind::ChoiceList: {
            Json list = Json::array();
            std::stringstream ss(value);
            std::string item;
            while (std::getline(ss, item, ','))
                list.push_back(it->kind == FieldSpec::Kind::FloatList ? number(item) : Json(item));
            return list;
        }
    }
    return Json(value);
}

std::vector<JobSpec> plan_each_seed(const Json& config, const std::vector<std::string>& variants) {
    std::vector<JobSpec> jobs;
    const auto first = config["seed"].get<std::uint64_t>();
    for (int s = 0; s < config["seeds"].get<int>(); s++)
        for (const auto& v : variants) jobs.push_back({v, first + static_cast<std::uint64_t>(s)});
    return jobs;
}

Json run_job_to_end(Job& job, int slice) {
    while (!job.finished()) job.advance(slice);
    return job.result();
}

Json claim(const std::string& text, const std::string& observed, std::optional<bool> holds) {
    // exact claims (properties of the maths) are booleans; nullopt: this run cannot decide it
    const char* verdict = !holds ? "not decided" : (*holds ? "holds" : "does not hold");
    return Json{{"claim", text},
                {"observed", observed},
                {"holds", holds ? Json(*holds) : Json(nullptr)},
                {"verdict", verdict},
                {"kind", "exact"}};
}

Json claim(const std::string& id, const std::string& text, const std::string& observed, std::optional<bool> holds,
           Json params) {
    Json c = claim(text, observed, holds);
    c["id"] = id;
    c["params"] = std::move(params);
    return c;
}

Json experiment_outputs(const ExperimentDef& def, const Json& config, const std::vector<Json>& results,
                        const RunContext& context) {
    Json seeds = Json::array();
    for (int s = 0; s < config.value("seeds", 1); s++) seeds.push_back(config.value("seed", 1) + s);
    Json manifest = {{"id", def.id},        {"title", def.title},         {"config", config},
                     {"seeds", seeds},      {"version", NORMLAB_VERSION}, {"build_target", context.build_target},
                     {"date", context.date}};
    if (config.contains("eps")) manifest["eps"] = config["eps"];
    if (config.contains("placement")) manifest["placement"] = config["placement"];
    if (def.needs_text) manifest["data"] = context.data;
    Json losses = Json::object();
    Json timings = Json::object();
    for (const auto& r : results) {
        const std::string variant = r.value("variant", "");
        losses[variant].push_back({{"seed", r.value("seed", 0)},
                                   {"train_loss", r.value("train_loss", Json::array())},
                                   {"val_loss", r.value("val_loss", Json::array())},
                                   {"diverged_at", r.value("diverged_at", Json(nullptr))}});
        timings[variant].push_back({{"seed", r.value("seed", 0)}, {"step_ms", r.value("step_ms", Json::array())}});
    }
    Json summary = def.summarize(config, results);
    return {{"manifest", manifest},
            {"losses", losses},
            {"timings", timings},
            {"metrics", summary.value("metrics", Json::object())},
            {"summary", summary.value("claims", Json::array())}};
}

}  // namespace normlab
