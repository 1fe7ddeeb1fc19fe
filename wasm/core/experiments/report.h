// What every experiment's summary uses to turn measurements into text and numbers: the one
// number formatter of the core's claims and observations, and robust averages over runs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace normlab {

// A number for a claim's observed text: 3 significant digits ("0.0123", "1.5e+03").
// Non-finite values are spelled out, never hidden: "NaN", "inf", "-inf".
std::string format3(double v);

// The median of the finite values of v (NaN if there are none); the mean of the middle two for
// an even count.
double median_of(std::vector<double> v);

// Mean of the finite values in v[begin, end) (NaN if none).
double mean_of(const std::vector<double>& v, std::size_t begin, std::size_t end);

// ---- verdicts ------------------------------------------------------------------------------
// An empirical claim is decided from its effect in each paired seed (variants of one seed share
// initialisation and batches), signed so that a positive effect is what the claim predicts.
//   fewer than 3 seeds: "indicative" (one or two runs are anecdotes; the page offers more seeds);
//   3 or more: "holds" if the effect is positive in every seed, "does not hold" if negative in
//   every seed, "inconclusive" otherwise. An effect within `negligible` of zero counts as neither
//   sign, so a difference smaller than the noise never decides a verdict.
// Claims that follow from maths (exact β at batch 1, ε-outside blow-up, fp16 overflow) are exact
// booleans instead: verdict "holds" / "does not hold", kind "exact".
extern const char* const kSeedVerdictRule;
constexpr int kMinSeedsForVerdict = 3;

struct SeedVerdict {
    std::string verdict;                  // "holds" | "does not hold" | "inconclusive" | "indicative"
    double effect = 0;                    // mean of the finite per-seed effects (NaN if none)
    double spread_lo = 0, spread_hi = 0;  // min and max of the per-seed effects
    int seeds = 0;                        // seeds with a finite effect
};
SeedVerdict decide_by_seeds(const std::vector<double>& per_seed_effect, double negligible = 0.0);

// A claim decided by seeds, as summary.json carries it: claim, observed, verdict, effect,
// spread [lo, hi], seeds, rule, kind "empirical", and holds (true / false, null when
// inconclusive or indicative) for readers of the older boolean.
nlohmann::json empirical_claim(const std::string& text, const std::string& observed,
                               const std::vector<double>& per_seed_effect, double negligible = 0.0);

// ---- claims as data ------------------------------------------------------------------------
// Besides its English text, a claim can carry a stable `id` ("<experiment>.<claim>", listed in the
// experiment's ExperimentDef::claim_ids) and the `params` its two sentences are built from, so the
// site writes the claim and the observation in the page's language from its own catalogue
// ("claim.<id>.claim" / ".observed"); the CLI prints the English. A param is a number (null when
// not finite), a string, a bool, an object (its own sentence, message "claim.<id>.<name>" or
// "claim.<experiment>.<name>") or a list of objects (one sentence each, joined).
nlohmann::json empirical_claim(const std::string& id, const std::string& text, const std::string& observed,
                               const std::vector<double>& per_seed_effect, double negligible, nlohmann::json params);

// A number as a claim parameter: the value, or null when it is not finite (as the core's JSON writes it).
nlohmann::json finite_or_null(double v);
// A list of numbers as a claim parameter, each times `scale` (100: a fraction as a percentage).
nlohmann::json finite_or_null(const std::vector<double>& v, double scale = 1.0);

// Results (as jobs return them, each with "seed" and "variant") grouped by seed, then variant:
// the paired units a per-seed effect compares. Pointers into `results`.
using ResultsBySeed = std::map<std::uint64_t, std::map<std::string, const nlohmann::json*>>;
ResultsBySeed results_by_seed(const std::vector<nlohmann::json>& results);

// ---- noise levels and predictions that claims use -------------------------------------------
// The quartiles of the finite values of v (NaN if none; linear interpolation between order
// statistics, as numpy's default): q1, median, q3. iqr = q3 - q1.
struct Quartiles {
    double q1 = 0, median = 0, q3 = 0;
    double iqr() const { return q3 - q1; }
};
Quartiles quartiles_of(std::vector<double> v);

// Two standard errors of the difference of two accuracies p1, p2 each measured on n independent
// examples (binomial: sqrt(p(1-p)/n) each). A difference smaller than this is within the
// sampling noise of the evaluation set. NaN if n is 0 or an accuracy is not finite.
double accuracy_difference_noise(double p1, double p2, std::size_t n);

// Amdahl's law: a part taking the fraction f of a step, made s times faster, speeds the whole step
// up by 1 / (1 - f + f/s); the step time saved is the fraction 1 - (1 - f + f/s) = f (1 - 1/s).
// f is clamped to [0, 1]; s must be > 0 (NaN otherwise).
double amdahl_speedup(double f, double s);
double amdahl_saving(double f, double s);

}  // namespace normlab
