// `normlab norm`: one JSON request in, one JSON response out.
//
// Request (a JSON object; only the fields that apply to the kind are accepted):
//   {"kind": "batch"|"layer"|"rms"|"group"|"instance"|"dyt"|"layer_eps_outside",
//    "shape": [..], "x": [flat row-major numbers],
//    "gamma": [..]|null, "beta": [..]|null, "eps": number, "groups": int, "alpha": number,
//    "training": bool, "running_mean": [..], "running_var": [..], "momentum": number,
//    "dy": [..] (optional: also run the backward of L = sum(dy * y))}
// Response:
//   {"y", "dx", "dgamma", "dbeta", "dalpha", "mean", "rstd", "running_mean", "running_var"}
//   with the fields that do not apply omitted (gradients only when dy is given).
// Defaults follow PyTorch: eps 1e-5, momentum 0.1, gamma = 1, beta = 0, running_mean 0,
// running_var 1, training true, alpha 0.5, groups 1. gamma/beta absent means "ones/zeros"
// and their gradients are still reported, except for instance, whose PyTorch default is
// affine = false: there an absent gamma/beta means no affine and no dgamma/dbeta.
// Numbers go out as float32 (shortest form that round-trips); a non-finite value (the
// deliberate eps-outside bug produces NaN gradients) is written as null, since JSON has
// no NaN.
#pragma once

#include <stdexcept>
#include <string>

namespace normlab {

// A bad request: the message is one line that names the problem.
class RequestError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Runs one request (JSON text) and returns the response JSON text (one line, no newline).
// Throws RequestError for anything wrong with the request.
std::string run_norm_request(const std::string& json_text);

}  // namespace normlab
