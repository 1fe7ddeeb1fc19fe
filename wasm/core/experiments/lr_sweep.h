// The mechanics of the "lr-sweep" experiment (experiments/lr_sweep.cpp), apart so tests can check
// them on hand-made curves: learning-rate sensitivity in the manner of Wortsman et al. (2023,
// "Small-scale proxies for large-scale Transformer training instabilities", Fig. 1, §2.2).
//
//   a run stops early when its loss is non-finite, or above ℓ0 for `patience` consecutive steps,
//   ℓ0 = max(ln V, the first step's loss) (ln V: the loss of a uniform guess over the V characters;
//   a large initialisation starts above it); it is then scored ln V;
//   a run that finishes is scored the mean of its last `window` losses, clipped at ln V;
//   LR sensitivity of a variant = mean over the grid of min(ℓ(η), ℓ0) − min over the grid (ℓ*);
//   a run is stable when it finished (no early stop) and its score is below the unigram entropy H1
//   of the text (a model that does not beat the character frequencies has learned nothing from
//   the context); a variant's largest stable LR is the largest grid LR with a stable run.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace normlab {

// The early stop: feed each step's loss; true from the step at which the run must stop.
struct SweepStop {
    double ceiling = 0;  // ℓ0 = ln V
    int patience = 20;   // consecutive steps above the ceiling
    int above = 0;       // the current run of steps above the ceiling
    bool stopped = false;
    bool update(double loss);
};

// A run's score: `ceiling` if it stopped early, else the mean of the last min(window, size) losses
// clipped at `ceiling` (a non-finite loss among them scores `ceiling`). Empty: `ceiling`.
double sweep_score(const std::vector<double>& loss, std::size_t window, double ceiling, bool stopped_early);

// Wortsman's LR sensitivity over a grid of scores: mean of min(score, ceiling) minus their minimum.
// NaN for an empty grid.
double lr_sensitivity(const std::vector<double>& scores, double ceiling);

// The index of the largest LR whose run is stable (`stable` in the grid's ascending LR order),
// -1 when none is.
int largest_stable_index(const std::vector<bool>& stable);

// Entropy (nats) of the character frequencies of `text` (of its bytes): the loss of the best model
// that ignores the context.
double unigram_entropy(const std::string& text);

}  // namespace normlab
