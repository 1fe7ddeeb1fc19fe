#include "experiments/training_jobs.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <utility>

#include "engine/rng.h"

namespace normlab {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double median_step_ms(const std::vector<double>& ms) {
    // the first step warms caches and allocates nothing new, but is often slower: skip it
    if (ms.size() > 2) return median_of(std::vector<double>(ms.begin() + 1, ms.end()));
    return median_of(ms);
}

// Why the run counts as diverged after this step ("" if it does not): the Trainer saw a non-finite
// loss or gradient, or the loss (the last of `loss`) exceeds factor times the first step's.
std::string divergence(bool trainer_diverged, const std::vector<double>& loss, double factor) {
    if (trainer_diverged) return "non-finite loss or gradient";
    if (factor > 0 && loss.size() > 1 && std::isfinite(loss.front()) && loss.back() > factor * loss.front())
        return "loss above " + format3(factor) + "x the first step's";
    return "";
}

// Appends each scalar of `extra` as a one-element list (for charts over finished runs).
void add_final_points(Json& points, const Json& extra) {
    for (const auto& item : extra.items())
        if (item.value().is_number()) points[item.key()] = Json::array({item.value()});
}

}  // namespace

// ---- CharLmJob ---------------------------------------------------------------------------------

CharLmJob::CharLmJob(const JobSpec& spec, const CharLmRunConfig& run, int eval_every, double diverge_factor,
                     const std::string* text, Json extra_metrics)
    : spec_(spec),
      eval_every_(std::max(1, eval_every)),
      diverge_factor_(diverge_factor),
      extra_(std::move(extra_metrics)) {
    if (!text) throw std::invalid_argument("this experiment trains on a text, and none was given");
    try {
        run_ = std::make_unique<CharLmRun>(run, *text);
    } catch (const std::invalid_argument& e) {
        const std::string what = e.what();
        if (what.rfind("context length", 0) == 0)
            throw std::invalid_argument("context: " + what + "; lower the context or train on a longer text");
        throw;
    }
}

void CharLmJob::evaluate(Json& points) {
    const int step = static_cast<int>(loss_.size());
    const double v = run_->val_loss();
    val_.emplace_back(step, v);
    points["val_loss"].push_back({step, finite_or_null(v)});
    points["eval_step"].push_back(step);
    points["eval_val_loss"].push_back(finite_or_null(v));
}

Json CharLmJob::advance(int max_steps) {
    const Json empty = Json::array();
    Json points = {{"step", empty},     {"train_loss", empty}, {"grad_norm", empty},    {"step_ms", empty},
                   {"val_loss", empty}, {"eval_step", empty},  {"eval_val_loss", empty}};
    if (finished()) return points;
    if (loss_.empty() && val_.empty()) {
        if (profile_batches_ > 0) {  // at initialisation, before the first update
            profile_ = ffn_gradient_profile(*run_, profile_batches_);
            Json blocks = Json::array();
            for (std::size_t l = 0; l < profile_.expected.size(); l++) blocks.push_back(l + 1);
            points["block"] = blocks;
            points["ffn_grad_expected"] = finite_or_null(profile_.expected);
            points["ffn_grad_per_batch"] = finite_or_null(profile_.per_batch);
        }
        evaluate(points);  // the loss at initialisation
    }
    const int total = total_steps();
    for (int k = 0; k < max_steps && !finished(); k++) {
        const StepMetrics& m = run_->step();
        const int step = static_cast<int>(m.step);
        if (loss_.empty()) {
            const Batch& b = run_->last_batch();
            const std::size_t n = b.batch_size * b.seq_len;
            first_batch_fingerprint_ = fnv1a(b.targets, n * sizeof(int), fnv1a(b.tokens, n * sizeof(int)));
            init_layer_grad_norm_.assign(m.layer_grad_norm.begin(), m.layer_grad_norm.end());
            Json layers = Json::array();
            for (std::size_t l = 0; l < init_layer_grad_norm_.size(); l++) layers.push_back(l);
            points["layer"] = layers;
            points["init_grad_norm"] = finite_or_null(init_layer_grad_norm_);
            run_->trainer().set_layer_metrics(false);  // read at the first step only
        }
        loss_.push_back(static_cast<double>(m.loss));
        grad_norm_.push_back(static_cast<double>(m.grad_norm));
        step_ms_.push_back(m.step_ms);
        points["step"].push_back(step);
        points["train_loss"].push_back(finite_or_null(loss_.back()));
        points["grad_norm"].push_back(finite_or_null(grad_norm_.back()));
        points["step_ms"].push_back(m.step_ms);
        const std::string why = divergence(m.diverged, loss_, diverge_factor_);
        if (!why.empty()) {
            diverged_reason_ = why;
            diverged_at_ = step;
            points["diverged_at"] = step;
            break;
        }
        const int done = step + 1;
        if (done % eval_every_ == 0 || done == total) evaluate(points);
    }
    if (finished()) {
        add_final_points(points, extra_);
        const bool completed = diverged_at_ < 0 && !val_.empty();
        points["final_val_loss"] = Json::array({completed ? finite_or_null(val_.back().second) : Json(nullptr)});
    }
    return points;
}

Json CharLmJob::result() const {
    Json val = Json::array();
    for (const auto& [s, v] : val_) val.push_back({s, finite_or_null(v)});
    Json names = Json::array();
    for (std::size_t l = 0; l < init_layer_grad_norm_.size(); l++) names.push_back(run_->model().metric_layer_name(l));
    Json metrics = extra_;
    metrics["grad_norm"] = finite_or_null(grad_norm_);
    metrics["init_grad_norm"] = finite_or_null(init_layer_grad_norm_);
    metrics["layer_names"] = names;
    metrics["ln_vocab"] = std::log(static_cast<double>(run_->data().vocab_size()));
    if (profile_batches_ > 0) {
        metrics["ffn_grad_expected"] = finite_or_null(profile_.expected);
        metrics["ffn_grad_per_batch"] = finite_or_null(profile_.per_batch);
        metrics["ffn_grad_batches"] = profile_batches_;
    }
    metrics["first_batch_fingerprint"] = first_batch_fingerprint_;
    metrics["median_step_ms"] = finite_or_null(median_step_ms(step_ms_));
    metrics["diverged_reason"] = diverged_at_ >= 0 ? Json(diverged_reason_) : Json(nullptr);
    metrics["initial_val_loss"] = val_.empty() ? Json(nullptr) : finite_or_null(val_.front().second);
    metrics["final_val_loss"] =
        (diverged_at_ < 0 && val_.size() > 1) ? finite_or_null(val_.back().second) : Json(nullptr);
    return {{"variant", spec_.variant},
            {"seed", spec_.seed},
            {"train_loss", finite_or_null(loss_)},
            {"val_loss", val},
            {"diverged_at", diverged_at_ >= 0 ? Json(diverged_at_) : Json(nullptr)},
            {"step_ms", step_ms_},
            {"metrics", metrics}};
}

// ---- CnnJob --------------------------------------------------------------------------------------

CnnJob::CnnJob(const JobSpec& spec, const CnnJobConfig& config, Json extra_metrics)
    : spec_(spec), cfg_(config), extra_(std::move(extra_metrics)) {
    if (cfg_.batch_size == 0) throw std::invalid_argument("batch size must be at least 1");
    if (cfg_.steps == 0) throw std::invalid_argument("steps must be at least 1");
    if (cfg_.val_count == 0) throw std::invalid_argument("the validation set needs at least one image");
    const Rng root(spec.seed);
    cfg_.data.seed = root.fork(11).next_u32();
    train_ = make_shape_images(cfg_.data);
    ShapeImagesConfig vc = cfg_.data;
    vc.count = cfg_.val_count;
    vc.seed = root.fork(12).next_u32();
    val_ = make_shape_images(vc);
    // Evaluation runs in chunks of up to 64 images (eval mode: the result does not depend on the
    // chunk), so the buffers hold max(batch, 64) images.
    cfg_.model.in_channels = cfg_.data.channels;
    cfg_.model.image_size = cfg_.data.size;
    cfg_.model.num_classes = kShapeClasses;
    cfg_.model.max_batch = std::max<std::size_t>(cfg_.batch_size, 64);
    cfg_.model.seed = spec.seed;
    model_ = std::make_unique<Cnn<float>>(cfg_.model);
    trainer_ = std::make_unique<Trainer>(*model_, cfg_.train);
    source_ = std::make_unique<ShapeBatchSource>(train_, cfg_.batch_size, root.fork(13).next_u32());
}

void CnnJob::evaluate(Json& points) {
    const int step = static_cast<int>(loss_.size());
    const bool was_training = model_->training(), stats = model_->collect_stats();
    model_->set_training(false);
    model_->set_collect_stats(false);
    const std::size_t P = val_.channels * val_.size * val_.size, chunk = model_->max_batch_size();
    double loss = 0, correct = 0;
    for (std::size_t i = 0; i < val_.count; i += chunk) {
        Batch b;
        b.batch_size = std::min(chunk, val_.count - i);
        b.x = val_.images.data() + i * P;
        b.targets = val_.labels.data() + i;
        loss += static_cast<double>(model_->forward(b)) * static_cast<double>(b.batch_size);
        correct += model_->accuracy() * static_cast<double>(b.batch_size);
    }
    model_->set_training(was_training);
    model_->set_collect_stats(stats);
    const double n = static_cast<double>(val_.count);
    eval_step_.push_back(step);
    val_acc_.push_back(correct / n);
    val_loss_.push_back(loss / n);
    points["eval_step"].push_back(step);
    points["eval_samples"].push_back(static_cast<double>(step) * static_cast<double>(cfg_.batch_size));
    points["val_acc"].push_back(finite_or_null(val_acc_.back()));
    points["val_loss"].push_back({step, finite_or_null(val_loss_.back())});
}

double CnnJob::held_out_accuracy(std::size_t chunk, bool train_mode) {
    const bool was_training = model_->training(), stats = model_->collect_stats();
    model_->set_training(train_mode);
    model_->set_collect_stats(false);
    std::vector<std::vector<float>> saved;  // running statistics, which train-mode forwards update
    for (std::size_t i = 0; i < model_->num_blocks(); i++) {
        const auto& n = model_->block_norm(i);
        if (!n.running_mean) continue;
        saved.emplace_back(n.running_mean, n.running_mean + n.C);
        saved.back().insert(saved.back().end(), n.running_var, n.running_var + n.C);
    }
    const std::size_t P = val_.channels * val_.size * val_.size;
    double correct = 0;
    for (std::size_t i = 0; i < val_.count; i += chunk) {
        Batch b;
        b.batch_size = std::min(chunk, val_.count - i);
        b.x = val_.images.data() + i * P;
        b.targets = val_.labels.data() + i;
        model_->forward(b);
        correct += model_->accuracy() * static_cast<double>(b.batch_size);
    }
    std::size_t j = 0;
    for (std::size_t i = 0; i < model_->num_blocks(); i++) {
        const auto& n = model_->block_norm(i);
        if (!n.running_mean) continue;
        std::copy(saved[j].begin(), saved[j].begin() + static_cast<std::ptrdiff_t>(n.C), n.running_mean);
        std::copy(saved[j].begin() + static_cast<std::ptrdiff_t>(n.C), saved[j].end(), n.running_var);
        j++;
    }
    model_->set_training(was_training);
    model_->set_collect_stats(stats);
    return correct / static_cast<double>(val_.count);
}

void CnnJob::bn_evaluations() {
    acc_batch_stats_ = held_out_accuracy(cfg_.batch_size, true);
    model_->recompute_batchnorm_statistics(train_.images.data(), train_.count);
    acc_precise_ = held_out_accuracy(model_->max_batch_size(), false);
}

Json CnnJob::advance(int max_steps) {
    const Json empty = Json::array();
    Json points = {{"step", empty},      {"samples", empty},      {"train_loss", empty}, {"train_acc", empty},
                   {"eval_step", empty}, {"eval_samples", empty}, {"val_acc", empty},    {"val_loss", empty}};
    if (finished()) return points;
    if (loss_.empty() && eval_step_.empty()) evaluate(points);
    const int total = total_steps();
    for (int k = 0; k < max_steps && !finished(); k++) {
        const Batch batch = source_->next();
        if (loss_.empty()) {
            const std::size_t P = cfg_.data.channels * cfg_.data.size * cfg_.data.size;
            first_batch_fingerprint_ = fnv1a(batch.targets, batch.batch_size * sizeof(int),
                                             fnv1a(batch.x, batch.batch_size * P * sizeof(float)));
        }
        const StepMetrics& m = trainer_->step(batch);
        const int step = static_cast<int>(m.step);
        loss_.push_back(static_cast<double>(m.loss));
        acc_.push_back(m.diverged ? kNaN : model_->accuracy());
        step_ms_.push_back(m.step_ms);
        points["step"].push_back(step);
        points["samples"].push_back(static_cast<double>(step + 1) * static_cast<double>(cfg_.batch_size));
        points["train_loss"].push_back(finite_or_null(loss_.back()));
        points["train_acc"].push_back(finite_or_null(acc_.back()));
        const std::string why = divergence(m.diverged, loss_, cfg_.diverge_factor);
        if (!why.empty()) {
            diverged_reason_ = why;
            diverged_at_ = step;
            points["diverged_at"] = step;
            break;
        }
        const int done = step + 1;
        if (done % cfg_.eval_every == 0 || done == total) evaluate(points);
    }
    if (finished()) {
        add_final_points(points, extra_);
        const bool completed = diverged_at_ < 0 && !val_acc_.empty();
        points["final_val_acc"] = Json::array({completed ? finite_or_null(val_acc_.back()) : Json(nullptr)});
        if (completed && cfg_.bn_evaluations && cfg_.model.norm.kind == NormType::batch) {
            if (std::isnan(acc_precise_)) bn_evaluations();
            points["final_val_acc_batch_stats"] = Json::array({finite_or_null(acc_batch_stats_)});
            points["final_val_acc_precise"] = Json::array({finite_or_null(acc_precise_)});
        }
    }
    return points;
}

Json CnnJob::result() const {
    Json val = Json::array();
    for (std::size_t i = 0; i < eval_step_.size(); i++) val.push_back({eval_step_[i], finite_or_null(val_loss_[i])});
    Json metrics = extra_;
    metrics["batch_size"] = cfg_.batch_size;
    metrics["steps"] = cfg_.steps;
    metrics["train_acc"] = finite_or_null(acc_);
    metrics["eval_step"] = eval_step_;
    metrics["val_acc"] = finite_or_null(val_acc_);
    metrics["first_batch_fingerprint"] = first_batch_fingerprint_;
    metrics["median_step_ms"] = finite_or_null(median_step_ms(step_ms_));
    metrics["diverged_reason"] = diverged_at_ >= 0 ? Json(diverged_reason_) : Json(nullptr);
    const bool completed = diverged_at_ < 0 && !val_acc_.empty();
    metrics["final_val_acc"] = completed ? finite_or_null(val_acc_.back()) : Json(nullptr);
    if (!std::isnan(acc_precise_)) {
        metrics["final_val_acc_batch_stats"] = finite_or_null(acc_batch_stats_);
        metrics["final_val_acc_precise"] = finite_or_null(acc_precise_);
    }
    return {{"variant", spec_.variant},
            {"seed", spec_.seed},
            {"train_loss", finite_or_null(loss_)},
            {"val_loss", val},
            {"diverged_at", diverged_at_ >= 0 ? Json(diverged_at_) : Json(nullptr)},
            {"step_ms", step_ms_},
            {"metrics", metrics}};
}

// ---- char-LM settings -------------------------------------------------------------------------------

CharLmRunConfig char_lm_run_config(const Json& c, std::size_t n_layers, NormPlacement placement, NormType norm,
                                   double lr, std::size_t warmup_steps, std::uint64_t seed) {
    CharLmRunConfig r;
    r.model.d_model = c.at("d_model").get<std::size_t>();
    r.model.n_heads = c.at("n_heads").get<std::size_t>();
    r.model.context = c.at("context").get<std::size_t>();
    r.model.n_layers = n_layers;
    r.model.placement = placement;
    r.model.norm.kind = placement == NormPlacement::none ? NormType::none : norm;
    if (c.contains("init")) r.model.init_style = parse_char_lm_init(c.at("init").get<std::string>());
    r.batch_size = c.at("batch").get<std::size_t>();
    r.steps = c.at("steps").get<std::size_t>();
    r.val_batches = c.at("val_batches").get<std::size_t>();
    r.seed = seed;
    r.train.optimizer.kind = OptimizerKind::adam;
    r.train.optimizer.lr = static_cast<float>(lr);
    r.train.optimizer.weight_decay = 0.0f;
    r.train.clip_grad_norm = 0.0f;
    r.train.layer_metrics = true;
    if (warmup_steps > 0) {
        r.train.schedule.kind = ScheduleKind::linear_warmup;
        r.train.schedule.warmup_steps = warmup_steps;
    }
    return r;
}

void check_char_lm_settings(const Json& c, std::size_t n_layers) {
    CharLmRunConfig r = char_lm_run_config(c, n_layers, NormPlacement::pre, NormType::layer, 1e-3, 0, 1);
    if (r.model.d_model % r.model.n_heads != 0)
        throw SettingsError("headsDivide", {{"heads", r.model.n_heads}, {"d_model", r.model.d_model}},
                            "n_heads: " + std::to_string(r.model.n_heads) + " heads must divide d_model (" +
                                std::to_string(r.model.d_model) + ")");
    r.model.vocab_size = 256;  // the most a character vocabulary can have
    r.model.max_batch = r.batch_size;
    try {
        validate(r.model);
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(std::string(e.what()) + " (settings d_model, n_layers / depths, context, batch)");
    }
}

// ---- CNN settings ----------------------------------------------------------------------------------

CnnJobConfig cnn_job_config(const Json& c, NormType norm, double lr, std::size_t batch, std::size_t steps) {
    CnnJobConfig j;
    j.data.count = c.at("train_images").get<std::size_t>();
    j.data.channels = c.at("colour").get<bool>() ? 3 : 1;
    j.data.size = c.at("image_size").get<std::size_t>();
    j.data.noise = static_cast<float>(c.at("noise").get<double>());
    j.val_count = c.at("val_images").get<std::size_t>();
    j.model.channels.clear();
    j.model.strides.clear();
    for (const auto& ch : c.at("channels")) {
        j.model.channels.push_back(static_cast<std::size_t>(ch.get<double>()));
        j.model.strides.push_back(j.model.strides.empty() ? 1 : 2);
    }
    j.model.norm.kind = norm;
    if (c.contains("groups")) j.model.norm.groups = c.at("groups").get<std::size_t>();
    j.train.optimizer.kind = OptimizerKind::sgd;
    j.train.optimizer.lr = static_cast<float>(lr);
    j.train.optimizer.momentum = static_cast<float>(c.at("momentum").get<double>());
    j.train.layer_metrics = false;
    j.batch_size = batch;
    j.steps = steps;
    j.eval_every = c.value("eval_every", 1);
    j.diverge_factor = c.value("diverge_factor", 0.0);
    j.data.brightness = static_cast<float>(c.value("brightness", 0.0));
    j.data.contrast = static_cast<float>(c.value("contrast", 0.0));
    return j;
}

void check_cnn_settings(const Json& c, std::size_t max_batch, std::size_t groups) {
    check_whole_numbers(c, "channels");
    if (c["channels"].size() > 8) throw SettingsError("atMostBlocks", {{"max", 8}}, "channels: at most 8 conv blocks");
    for (const auto& ch : c["channels"]) {
        const double v = ch.get<double>();
        if (v < 1)
            throw SettingsError("channelsAtLeastOne", Json::object(), "channels: every block needs at least 1 channel");
        if (groups && static_cast<std::size_t>(v) % groups != 0)
            throw SettingsError("groupsDivide", {{"groups", groups}, {"channels", v}},
                                "groups: " + std::to_string(groups) + " groups must divide every block's channels (" +
                                    format3(v) + " does not divide)");
    }
    CnnJobConfig j = cnn_job_config(c, groups ? NormType::group : NormType::batch, 0.1, max_batch, 1);
    j.model.in_channels = j.data.channels;
    j.model.image_size = j.data.size;
    j.model.num_classes = kShapeClasses;
    j.model.max_batch = std::max<std::size_t>(max_batch, 64);
    try {
        validate(j.model);
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(std::string(e.what()) + " (settings channels, image_size, batch)");
    }
    // the image sets: train + val images of C x H x W floats
    const double bytes = 4.0 * static_cast<double>(j.data.count + j.val_count) * static_cast<double>(j.data.channels) *
        static_cast<double>(j.data.size * j.data.size);
    if (bytes > 256.0 * (1 << 20))
        throw SettingsError("imagesMemory", {{"mib", bytes / (1 << 20)}, {"max", 256}},
                            "train_images, val_images: the images would take " + format3(bytes / (1 << 20)) +
                                " MiB, more than 256 MiB; use fewer or smaller images");
}

// ---- statistics -----------------------------------------------------------------------------------

AccuracyGrid final_accuracy_grid(const std::vector<Json>& results, const std::string& key,
                                 const std::vector<double>& grid, double chance) {
    AccuracyGrid g;
    std::map<std::string, std::vector<int>> runs;
    for (const auto& r : results) {
        const std::string variant = r["variant"];
        const std::string norm = variant.substr(0, variant.find(' '));
        const double value = r["metrics"][key].get<double>();
        const auto i = static_cast<std::size_t>(std::find(grid.begin(), grid.end(), value) - grid.begin());
        if (i >= grid.size()) continue;
        g.mean_acc[norm].resize(grid.size(), 0.0);
        g.diverged[norm].resize(grid.size(), 0);
        runs[norm].resize(grid.size(), 0);
        const Json& a = r["metrics"]["final_val_acc"];
        g.mean_acc[norm][i] += a.is_number() ? a.get<double>() : chance;
        runs[norm][i]++;
        g.diverged[norm][i] += r["diverged_at"].is_null() ? 0 : 1;
    }
    for (auto& [norm, acc] : g.mean_acc)
        for (std::size_t i = 0; i < grid.size(); i++) acc[i] = runs[norm][i] ? acc[i] / runs[norm][i] : NAN;
    return g;
}

namespace {

// Calls f(t, ratio) for steps t in [begin, end), t >= 5, with ratio = loss_t / median(previous
// min(window, t) losses); stops at the first non-finite loss.
template <typename F>
void for_each_relative_loss(const std::vector<double>& loss, std::size_t begin, std::size_t end, std::size_t window,
                            F&& f) {
    end = std::min(end, loss.size());
    const std::size_t w = std::max<std::size_t>(window, 1);
    for (std::size_t t = std::max<std::size_t>(begin, 5); t < end; t++) {
        if (!std::isfinite(loss[t])) return;
        const std::size_t from = t > w ? t - w : 0;
        const double med = median_of(std::vector<double>(loss.begin() + static_cast<std::ptrdiff_t>(from),
                                                         loss.begin() + static_cast<std::ptrdiff_t>(t)));
        if (std::isfinite(med) && med > 0) f(t, loss[t] / med);
    }
}

}  // namespace

int count_loss_spikes(const std::vector<double>& loss, std::size_t begin, std::size_t end, std::size_t window,
                      double threshold) {
    int spikes = 0;
    for_each_relative_loss(loss, begin, end, window, [&](std::size_t, double r) { spikes += r > 1.0 + threshold; });
    return spikes;
}

double upward_jump_sum(const std::vector<double>& loss, std::size_t begin, std::size_t end) {
    double sum = 0;
    end = std::min(end, loss.size());
    for (std::size_t t = std::max<std::size_t>(begin, 1); t < end; t++) {
        if (!std::isfinite(loss[t]) || !std::isfinite(loss[t - 1])) break;
        if (loss[t - 1] > 0) sum += std::max(0.0, loss[t] / loss[t - 1] - 1.0);
    }
    return sum;
}

std::vector<double> loss_values(const Json& result) {
    std::vector<double> v;
    for (const auto& x : result.value("train_loss", Json::array())) v.push_back(x.is_number() ? x.get<double>() : kNaN);
    return v;
}

double last_val_loss(const Json& result) {
    const Json& val = result.value("val_loss", Json::array());
    if (val.empty() || !val.back()[1].is_number()) return kNaN;
    return val.back()[1].get<double>();
}

double first_val_loss(const Json& result) {
    const Json& val = result.value("val_loss", Json::array());
    if (val.empty() || !val.front()[1].is_number()) return kNaN;
    return val.front()[1].get<double>();
}

void check_unique(const Json& config, const std::string& key) {
    const Json& list = config.at(key);
    for (std::size_t i = 0; i < list.size(); i++)
        for (std::size_t j = 0; j < i; j++)
            if (list[i] == list[j])
                throw SettingsError("listedTwice", {{"key", key}, {"value", list[i].dump()}},
                                    key + ": " + list[i].dump() + " is listed twice");
}

void check_whole_numbers(const Json& config, const std::string& key) {
    for (const auto& item : config.at(key)) {
        const double v = item.get<double>();
        if (std::floor(v) != v)
            throw SettingsError("wholeItems", {{"key", key}, {"got", v}},
                                key + ": every item must be a whole number (got " + format3(v) + ")");
    }
}

}  // namespace normlab
