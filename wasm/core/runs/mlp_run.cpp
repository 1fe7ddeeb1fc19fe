#include "runs/mlp_run.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <stdexcept>

namespace normlab {

namespace {

double parse_number(const std::string& key, const std::string& v) {
    const char* s = v.c_str();
    char* end = nullptr;
    errno = 0;
    const double x = std::strtod(s, &end);
    if (v.empty() || end == s || *end != '\0' || errno == ERANGE)
        throw std::invalid_argument(key + ": '" + v + "' is not a number");
    return x;
}

float parse_float(const std::string& key, const std::string& v) {
    const double x = parse_number(key, v);
    if (!std::isfinite(x)) throw std::invalid_argument(key + " must be finite");
    return static_cast<float>(x);
}

std::size_t parse_size(const std::string& key, const std::string& v) {
    const double x = parse_number(key, v);
    if (!(x >= 0.0) || x != std::floor(x) || x > 9.0e15)
        throw std::invalid_argument(key + " must be a whole number >= 0 (got '" + v + "')");
    return static_cast<std::size_t>(x);
}

bool parse_bool(const std::string& key, const std::string& v) {
    if (v == "true" || v == "1") return true;
    if (v == "false" || v == "0") return false;
    throw std::invalid_argument(key + " must be true or false (got '" + v + "')");
}

}  // namespace

void apply_setting(MlpRunConfig& c, const std::string& key, const std::string& v) {
    // data
    if (key == "data")
        c.data.kind = parse_synthetic_kind(v);
    else if (key == "input_dim")
        c.data.input_dim = c.model.input_dim = parse_size(key, v);
    else if (key == "num_classes")
        c.data.num_classes = c.model.num_classes = parse_size(key, v);
    else if (key == "num_samples")
        c.data.num_samples = parse_size(key, v);
    else if (key == "teacher_hidden")
        c.data.teacher_hidden = parse_size(key, v);
    else if (key == "separation")
        c.data.separation = parse_float(key, v);
    else if (key == "cluster_std")
        c.data.cluster_std = parse_float(key, v);
    else if (key == "seed")
        c.data.seed = c.model.seed = parse_size(key, v);
    // model
    else if (key == "hidden_dim")
        c.model.hidden_dim = parse_size(key, v);
    else if (key == "num_layers")
        c.model.num_layers = parse_size(key, v);
    else if (key == "batch_size")
        c.model.batch_size = parse_size(key, v);
    else if (key == "activation")
        c.model.activation = parse_activation(v);
    else if (key == "norm")
        c.model.norm.kind = parse_norm_type(v);
    else if (key == "norm_eps")
        c.model.norm.eps = parse_float(key, v);
    else if (key == "norm_groups")
        c.model.norm.groups = parse_size(key, v);
    else if (key == "norm_momentum")
        c.model.norm.momentum = parse_float(key, v);
    else if (key == "dyt_alpha")
        c.model.norm.dyt_alpha = parse_float(key, v);
    else if (key == "norm_position")
        c.model.norm_position = parse_norm_position(v);
    else if (key == "bias")
        c.model.bias = parse_bool(key, v);
    else if (key == "init")
        c.model.init.scheme = parse_init_scheme(v);
    else if (key == "init_std")
        c.model.init.std = parse_float(key, v);
    // training
    else if (key == "steps") {
        c.steps = parse_size(key, v);
        if (!c.total_steps_set) c.train.schedule.total_steps = c.steps;
    } else if (key == "optimizer")
        c.train.optimizer.kind = parse_optimizer_kind(v);
    else if (key == "lr")
        c.train.optimizer.lr = parse_float(key, v);
    else if (key == "momentum")
        c.train.optimizer.momentum = parse_float(key, v);
    else if (key == "dampening")
        c.train.optimizer.dampening = parse_float(key, v);
    else if (key == "nesterov")
        c.train.optimizer.nesterov = parse_bool(key, v);
    else if (key == "beta1")
        c.train.optimizer.beta1 = parse_float(key, v);
    else if (key == "beta2")
        c.train.optimizer.beta2 = parse_float(key, v);
    else if (key == "eps")
        c.train.optimizer.eps = parse_float(key, v);
    else if (key == "weight_decay")
        c.train.optimizer.weight_decay = parse_float(key, v);
    else if (key == "schedule")
        c.train.schedule.kind = parse_schedule_kind(v);
    else if (key == "warmup_steps")
        c.train.schedule.warmup_steps = parse_size(key, v);
    else if (key == "total_steps") {
        c.train.schedule.total_steps = parse_size(key, v);
        c.total_steps_set = true;
    } else if (key == "min_lr_ratio")
        c.train.schedule.min_lr_ratio = parse_float(key, v);
    else if (key == "clip_grad_norm")
        c.train.clip_grad_norm = parse_float(key, v);
    else if (key == "layer_metrics")
        c.train.layer_metrics = parse_bool(key, v);
    else
        throw std::invalid_argument("unknown setting '" + key + "'");
}

void validate(const MlpRunConfig& c) {
    if (c.steps == 0) throw std::invalid_argument("steps must be >= 1");
    if (c.steps > 10000000) throw std::invalid_argument("steps must be <= 10000000");
    if (c.data.input_dim != c.model.input_dim || c.data.num_classes != c.model.num_classes)
        throw std::invalid_argument("data and model disagree on input_dim / num_classes");
    validate(c.data);
    validate(c.model);
    validate(c.train);
}

namespace {
const MlpRunConfig& validated(const MlpRunConfig& c) {
    validate(c);
    return c;
}
}  // namespace

MlpRun::MlpRun(const MlpRunConfig& config) : cfg_(validated(config)) {
    data_ = std::make_unique<SyntheticClassification>(cfg_.data, cfg_.model.batch_size);
    model_ = std::make_unique<Mlp>(cfg_.model);
    trainer_ = std::make_unique<Trainer>(*model_, cfg_.train);
}

std::vector<float> run_mlp_loss_curve(const MlpRunConfig& config) {
    MlpRun run(config);
    std::vector<float> losses;
    losses.reserve(config.steps);
    while (!run.done()) losses.push_back(run.step().loss);
    return losses;
}

MlpRunConfig mlp12x256_bench_config(NormType norm) {
    MlpRunConfig c;
    apply_setting(c, "input_dim", "256");
    apply_setting(c, "num_classes", "10");
    apply_setting(c, "num_samples", "4096");
    apply_setting(c, "hidden_dim", "256");
    apply_setting(c, "num_layers", "12");
    apply_setting(c, "batch_size", "64");
    apply_setting(c, "activation", "relu");
    apply_setting(c, "optimizer", "sgd");
    apply_setting(c, "lr", "0.01");
    apply_setting(c, "steps", "10000000");
    c.model.norm.kind = norm;
    return c;
}

}  // namespace normlab
