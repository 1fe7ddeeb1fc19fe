// `normlab norm` request handling: JSON -> NormSpec -> run_norm -> JSON. All checking of
// sizes and values lives in the core's validate_norm_spec; this file only checks JSON types.
#include "norm_request.h"

#include <nlohmann/json.hpp>

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <limits>
#include <new>
#include <string>
#include <vector>

#include "ops/norm_op.h"

namespace normlab {

namespace {

using json = nlohmann::json;
// Responses carry float32 values: a float number type prints the shortest text that
// round-trips a float ("0.1", not "0.10000000149011612"); keys keep insertion order.
using ResponseJson =
    nlohmann::basic_json<nlohmann::ordered_map, std::vector, std::string, bool, std::int64_t, std::uint64_t, float>;

[[noreturn]] void reject(const std::string& message) { throw RequestError(message); }

// Any text that goes into a message: printable ASCII only, bounded, so the error is one line.
std::string printable(const std::string& text, std::size_t limit = 200) {
    std::string out;
    for (char ch : text) {
        if (out.size() >= limit) {
            out += "...";
            break;
        }
        out += (ch >= 32 && ch < 127) ? ch : ' ';
    }
    return out;
}

// ---- which fields each kind accepts ---------------------------------------
const char* const kAllFields[] = {"kind",   "shape", "x",        "dy",           "gamma",       "beta",    "eps",
                                  "groups", "alpha", "training", "running_mean", "running_var", "momentum"};

bool field_applies(NormKind kind, const std::string& field) {
    if (field == "kind" || field == "shape" || field == "x" || field == "dy") return true;
    switch (kind) {
        case NormKind::layer:
        case NormKind::layer_eps_outside:
        case NormKind::instance: return field == "gamma" || field == "beta" || field == "eps";
        case NormKind::rms: return field == "gamma" || field == "eps";
        case NormKind::dyt: return field == "gamma" || field == "beta" || field == "alpha";
        case NormKind::group: return field == "gamma" || field == "beta" || field == "eps" || field == "groups";
        case NormKind::batch:
            return field == "gamma" || field == "beta" || field == "eps" || field == "training" ||
                field == "running_mean" || field == "running_var" || field == "momentum";
    }
    return false;
}

void check_fields(const json& request, NormKind kind) {
    for (const auto& item : request.items()) {
        const std::string& key = item.key();
        bool known = false;
        for (const char* f : kAllFields) known = known || key == f;
        if (!known) reject("unknown field '" + printable(key, 40) + "'");
        if (!field_applies(kind, key))
            reject("field '" + key + "' does not apply to kind '" + norm_kind_name(kind) + "'");
    }
}

// ---- typed readers ----------------------------------------------------------
double read_number(const json& v, const std::string& name) {
    if (!v.is_number()) reject(name + " must be a number");
    return v.get<double>();
}

// An integer, also accepted as an integral float (2.0). Values beyond int64 saturate, so
// the range checks downstream report them as too large / too small.
std::int64_t read_integer(const json& v, const std::string& name) {
    constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
    constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
    if (v.is_number_unsigned()) {
        const std::uint64_t u = v.get<std::uint64_t>();
        return u > static_cast<std::uint64_t>(kMax) ? kMax : static_cast<std::int64_t>(u);
    }
    if (v.is_number_integer()) return v.get<std::int64_t>();
    if (v.is_number_float()) {
        const double f = v.get<double>();
        if (!std::isfinite(f) || f != std::floor(f)) reject(name + " must be an integer");
        if (f >= 9.2e18) return kMax;
        if (f <= -9.2e18) return kMin;
        return static_cast<std::int64_t>(f);
    }
    reject(name + " must be an integer");
}

bool read_bool(const json& v, const std::string& name) {
    if (!v.is_boolean()) reject(name + " must be true or false");
    return v.get<bool>();
}

// A flat array of numbers that fit in float32.
std::vector<float> read_float_array(const json& v, const std::string& name) {
    if (!v.is_array()) reject(name + " must be an array of numbers");
    std::vector<float> values;
    values.reserve(v.size());
    for (std::size_t i = 0; i < v.size(); i++) {
        const json& e = v[i];
        const std::string where = name + "[" + std::to_string(i) + "]";
        if (!e.is_number()) reject(where + " must be a number (" + name + " is a flat, row-major array)");
        const double value = e.get<double>();
        if (!(std::fabs(value) <= FLT_MAX)) reject(where + " is outside the float32 range");
        values.push_back(static_cast<float>(value));
    }
    return values;
}

// Parsed arrays live here; the NormSpec points into them.
struct OwnedArrays {
    std::vector<float> x, gamma, beta, dy, running_mean, running_var;
};

// An optional array field: absent or null leaves `target` not given.
void read_optional_array(const json& request, const char* field, std::vector<float>& storage, InputArray& target) {
    auto it = request.find(field);
    if (it == request.end() || it->is_null()) return;
    storage = read_float_array(*it, field);
    target = input_array(storage);
}

NormSpec parse_spec(const json& request, OwnedArrays& arrays) {
    if (!request.is_object()) reject("the request must be a JSON object");
    auto kind_it = request.find("kind");
    if (kind_it == request.end()) reject("kind is required");
    if (!kind_it->is_string()) reject("kind must be a string");
    NormSpec spec;
    spec.kind = parse_norm_kind(kind_it->get<std::string>());
    check_fields(request, spec.kind);

    auto shape_it = request.find("shape");
    if (shape_it == request.end()) reject("shape is required");
    if (!shape_it->is_array()) reject("shape must be an array of integers");
    for (std::size_t i = 0; i < shape_it->size(); i++)
        spec.shape.push_back(read_integer((*shape_it)[i], "shape[" + std::to_string(i) + "]"));

    auto x_it = request.find("x");
    if (x_it == request.end() || x_it->is_null()) reject("x is required");
    arrays.x = read_float_array(*x_it, "x");
    spec.x = input_array(arrays.x);
    read_optional_array(request, "dy", arrays.dy, spec.dy);
    read_optional_array(request, "gamma", arrays.gamma, spec.gamma);
    read_optional_array(request, "beta", arrays.beta, spec.beta);
    read_optional_array(request, "running_mean", arrays.running_mean, spec.running_mean);
    read_optional_array(request, "running_var", arrays.running_var, spec.running_var);

    if (auto it = request.find("eps"); it != request.end()) spec.eps = read_number(*it, "eps");
    if (auto it = request.find("alpha"); it != request.end()) spec.alpha = read_number(*it, "alpha");
    if (auto it = request.find("momentum"); it != request.end()) spec.momentum = read_number(*it, "momentum");
    if (auto it = request.find("groups"); it != request.end()) spec.groups = read_integer(*it, "groups");
    if (auto it = request.find("training"); it != request.end()) spec.training = read_bool(*it, "training");
    return spec;
}

std::string serialize(const NormBuffers& r) {
    ResponseJson response = ResponseJson::object();
    auto put = [&](const char* key, const std::vector<float>& values) {
        if (!values.empty()) response[key] = values;
    };
    put("y", r.y);
    put("dx", r.dx);
    put("dgamma", r.dgamma);
    put("dbeta", r.dbeta);
    if (r.has_dalpha) response["dalpha"] = r.dalpha;
    put("mean", r.mean);
    put("rstd", r.rstd);
    put("running_mean", r.running_mean);
    put("running_var", r.running_var);
    return response.dump();
}

}  // namespace

std::string run_norm_request(const std::string& json_text) {
    json request;
    try {
        request = json::parse(json_text);
    } catch (const json::exception& e) {
        // parse_error, or out_of_range for a number beyond double (1e400): the only way
        // JSON text can spell a non-finite number. Drop nlohmann's "[json.exception.x.N] ".
        std::string what = e.what();
        const std::size_t close = what.find("] ");
        if (what.rfind("[json.exception", 0) == 0 && close != std::string::npos) what = what.substr(close + 2);
        reject("malformed JSON: " + printable(what));
    }
    try {
        OwnedArrays arrays;
        const NormSpec spec = parse_spec(request, arrays);
        NormBuffers result;
        run_norm(spec, result);
        return serialize(result);
    } catch (const std::invalid_argument& e) { reject(printable(e.what(), 300)); } catch (const json::exception& e) {
        reject("bad request: " + printable(e.what()));
    } catch (const std::bad_alloc&) { reject("the request is too large for the available memory"); }
}

}  // namespace normlab
