// Character-level language-model data: a byte tokenizer and random training windows.
//
// The vocabulary is the sorted set of distinct bytes of the text (TinyShakespeare: 65 symbols), so
// encode/decode are a table look-up each way and any text round-trips exactly. The token stream is
// split once: the first 90% trains, the last 10% validates (no shuffling across the boundary, so
// validation text is text the model never saw). A batch is B windows of context + 1 consecutive
// tokens at uniformly random starts: inputs are the first `context`, targets the last `context`.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/model.h"
#include "engine/rng.h"

namespace normlab {

class CharTokenizer {
  public:
    CharTokenizer() = default;
    // Builds the vocabulary from `text`; throws std::invalid_argument if the text is empty.
    explicit CharTokenizer(const std::string& text);

    std::size_t vocab_size() const { return vocab_.size(); }
    const std::vector<unsigned char>& vocab() const { return vocab_; }  // sorted
    // Throws std::invalid_argument for a byte outside the vocabulary.
    std::vector<std::int32_t> encode(const std::string& text) const;
    // Throws std::invalid_argument for an id outside [0, vocab_size).
    std::string decode(const std::vector<std::int32_t>& ids) const;

  private:
    std::vector<unsigned char> vocab_;
    std::array<std::int32_t, 256> id_of_{};  // -1 for bytes not in the vocabulary
};

enum class Split { Train, Val };

class CharDataset {
  public:
    // Tokenizes `text` and splits it 90/10. Throws std::invalid_argument if the text has fewer
    // than 20 bytes (both splits need at least two tokens to make a window of one).
    explicit CharDataset(const std::string& text);

    const CharTokenizer& tokenizer() const { return tok_; }
    std::size_t vocab_size() const { return tok_.vocab_size(); }
    std::size_t train_size() const { return train_.size(); }
    std::size_t val_size() const { return val_.size(); }
    const std::vector<std::int32_t>& tokens(Split s) const { return s == Split::Train ? train_ : val_; }

    // Throws std::invalid_argument, naming both lengths, if a window of context + 1 tokens does not
    // fit in the given split (or context is 0).
    void check_context(std::size_t context, Split s) const;

    // inputs, targets: (B, context). targets[b, t] = inputs[b, t + 1] within one window.
    // Draws B window starts from `rng` (one rng.below per window). Calls check_context first.
    void sample_batch(std::int32_t* inputs, std::int32_t* targets, Rng& rng, Split s, std::size_t B,
                      std::size_t context) const;

  private:
    CharTokenizer tok_;
    std::vector<std::int32_t> train_, val_;
};

// Batches for the Trainer: B random windows of `context` tokens from one split, drawn from
// Rng(seed). The dataset must outlive the source; next() does not allocate.
class CharBatchSource : public BatchSource {
  public:
    // Throws std::invalid_argument if B is 0 or the context does not fit the split.
    CharBatchSource(const CharDataset& data, Split split, std::size_t B, std::size_t context, std::uint64_t seed);
    Batch next() override;
    // Restarts the batch stream as if built with `seed` (e.g. the same validation batches again).
    void reset(std::uint64_t seed) { rng_.reseed(seed); }

  private:
    const CharDataset& data_;
    Split split_;
    std::size_t B_, T_;
    Rng rng_;
    std::vector<int> x_, y_;  // (B, T)
};

// Reads a whole file into a string; throws std::runtime_error naming the path if it cannot.
// (Native only in practice: the WASM build has no file system and receives the text from JS.)
std::string read_text_file(const std::string& path);

}  // namespace normlab
