#include "engine/trainer.h"

#include "kernels/op_profile.h"

#include <chrono>
#include <cmath>
#include <stdexcept>

namespace normlab {

void validate(const TrainConfig& c) {
    validate(c.optimizer);
    validate(c.schedule);
    if (!(std::isfinite(c.clip_grad_norm) && c.clip_grad_norm >= 0.0f))
        throw std::invalid_argument("clip_grad_norm must be a finite number >= 0 (0 turns clipping off)");
}

namespace {
const TrainConfig& validated(const TrainConfig& c) {
    validate(c);
    return c;
}
}  // namespace

Trainer::Trainer(Model& model, const TrainConfig& config)
    : model_(model), config_(validated(config)), optimizer_(config.optimizer, model.parameters()) {
    const std::size_t nt = model.parameters().num_tensors();
    const std::size_t nl = model.num_metric_layers();
    tensor_sq_grad_.assign(nt, 0.0);
    tensor_sq_update_.assign(nt, 0.0);
    tensor_sq_weight_.assign(nt, 0.0);
    layer_a_.assign(nl, 0.0);
    layer_b_.assign(nl, 0.0);
    set_layer_metrics(config_.layer_metrics);
    model_.set_collect_stats(config_.layer_metrics);
}

void Trainer::set_layer_metrics(bool on) {
    config_.layer_metrics = on;
    // the activation std comes from the model's statistics; off, only it stops (Model::set_activation_std)
    if (on) model_.set_collect_stats(true);
    model_.set_activation_std(on);
    const std::size_t nl = on ? model_.num_metric_layers() : 0;
    metrics_.layer_grad_norm.assign(nl, 0.0f);
    metrics_.layer_act_std.assign(nl, 0.0f);
    metrics_.layer_update_ratio.assign(nl, 0.0f);
}

const StepMetrics& Trainer::step(const Batch& batch) {
    if (stopped_) return metrics_;
    const auto t0 = std::chrono::steady_clock::now();
    ParameterSet& params = model_.parameters();
    const auto& tensors = params.tensors();
    const std::size_t nl = model_.num_metric_layers();
    const bool layer_metrics = config_.layer_metrics;

    metrics_.step = steps_done_;
    metrics_.diverged = false;
    metrics_.clip_scale = 1.0f;
    metrics_.update_ratio = 0.0f;

    if (!grads_zeroed_) {
        OpScope scope("zero_grad", params.size());
        model_.zero_grad();
    }
    grads_zeroed_ = false;
    const float loss = model_.forward(batch);
    metrics_.loss = loss;
    model_.backward_onto_zeroed_grads();  // zeroed above or in the last step's optimizer pass

    // gradient norms: global, and per metric layer from the per-tensor sums
    double norm = 0.0;
    {
        OpScope scope("grad_norm", params.size());
        norm = gradient_norms(params, tensor_sq_grad_.data());
    }
    metrics_.grad_norm = static_cast<float>(norm);
    if (layer_metrics) {
        for (std::size_t l = 0; l < nl; l++) layer_a_[l] = 0.0;
        for (std::size_t t = 0; t < tensors.size(); t++)
            if (tensors[t].layer >= 0 && static_cast<std::size_t>(tensors[t].layer) < nl)
                layer_a_[static_cast<std::size_t>(tensors[t].layer)] += tensor_sq_grad_[t];
        for (std::size_t l = 0; l < nl; l++) {
            metrics_.layer_grad_norm[l] = static_cast<float>(std::sqrt(layer_a_[l]));
            metrics_.layer_act_std[l] = static_cast<float>(model_.activation_std()[l]);
        }
    }

    if (!std::isfinite(loss) || !std::isfinite(norm)) {
        metrics_.diverged = true;
        diverged_ = true;
        stopped_ = true;
        diverged_step_ = steps_done_;
        metrics_.lr = learning_rate_at(config_.schedule, config_.optimizer.lr, steps_done_);
        steps_done_++;
        metrics_.step_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        return metrics_;
    }

    const float scale = clip_scale(norm, config_.clip_grad_norm);
    if (scale != 1.0f) scale_gradients(params, scale);
    metrics_.clip_scale = scale;

    const float lr = learning_rate_at(config_.schedule, config_.optimizer.lr, steps_done_);
    metrics_.lr = lr;
    {
        OpScope scope("optimizer", params.size());
        optimizer_.step(params, lr, layer_metrics ? tensor_sq_update_.data() : nullptr,
                        layer_metrics ? tensor_sq_weight_.data() : nullptr, true);
        grads_zeroed_ = true;
    }

    if (layer_metrics) {
        double su = 0.0, sw = 0.0;
        for (std::size_t l = 0; l < nl; l++) layer_a_[l] = layer_b_[l] = 0.0;
        for (std::size_t t = 0; t < tensors.size(); t++) {
            su += tensor_sq_update_[t];
            sw += tensor_sq_weight_[t];
            if (tensors[t].layer >= 0 && static_cast<std::size_t>(tensors[t].layer) < nl) {
                layer_a_[static_cast<std::size_t>(tensors[t].layer)] += tensor_sq_update_[t];
                layer_b_[static_cast<std::size_t>(tensors[t].layer)] += tensor_sq_weight_[t];
            }
        }
        metrics_.update_ratio = sw > 0.0 ? static_cast<float>(std::sqrt(su / sw)) : 0.0f;
        for (std::size_t l = 0; l < nl; l++)
            metrics_.layer_update_ratio[l] =
                layer_b_[l] > 0.0 ? static_cast<float>(std::sqrt(layer_a_[l] / layer_b_[l])) : 0.0f;
    }

    steps_done_++;
    metrics_.step_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return metrics_;
}

}  // namespace normlab
