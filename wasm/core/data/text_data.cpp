#include "data/text_data.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace normlab {

CharTokenizer::CharTokenizer(const std::string& text) {
    if (text.empty()) throw std::invalid_argument("CharTokenizer: the text is empty");
    std::array<bool, 256> seen{};
    for (char ch : text) seen[static_cast<unsigned char>(ch)] = true;
    id_of_.fill(-1);
    for (int byte = 0; byte < 256; byte++) {
        if (!seen[static_cast<std::size_t>(byte)]) continue;
        id_of_[static_cast<std::size_t>(byte)] = static_cast<std::int32_t>(vocab_.size());
        vocab_.push_back(static_cast<unsigned char>(byte));
    }
}

std::vector<std::int32_t> CharTokenizer::encode(const std::string& text) const {
    std::vector<std::int32_t> ids(text.size());
    for (std::size_t i = 0; i < text.size(); i++) {
        const std::int32_t id = id_of_[static_cast<unsigned char>(text[i])];
        if (id < 0)
            throw std::invalid_argument("CharTokenizer::encode: byte " +
                                        std::to_string(static_cast<unsigned char>(text[i])) + " at offset " +
                                        std::to_string(i) + " is not in the vocabulary");
        ids[i] = id;
    }
    return ids;
}

std::string CharTokenizer::decode(const std::vector<std::int32_t>& ids) const {
    std::string text(ids.size(), '\0');
    for (std::size_t i = 0; i < ids.size(); i++) {
        if (ids[i] < 0 || static_cast<std::size_t>(ids[i]) >= vocab_.size())
            throw std::invalid_argument("CharTokenizer::decode: id " + std::to_string(ids[i]) +
                                        " is outside the vocabulary of " + std::to_string(vocab_.size()));
        text[i] = static_cast<char>(vocab_[static_cast<std::size_t>(ids[i])]);
    }
    return text;
}

CharDataset::CharDataset(const std::string& text) {
    if (text.size() < 20)
        throw std::invalid_argument("CharDataset: the text has " + std::to_string(text.size()) +
                                    " bytes; at least 20 are needed for a 90/10 split");
    tok_ = CharTokenizer(text);
    const std::vector<std::int32_t> all = tok_.encode(text);
    const std::size_t n_train = all.size() * 9 / 10;  // first 90%
    train_.assign(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n_train));
    val_.assign(all.begin() + static_cast<std::ptrdiff_t>(n_train), all.end());
}

void CharDataset::check_context(std::size_t context, Split s) const {
    if (context == 0) throw std::invalid_argument("context length must be at least 1");
    const std::size_t n = tokens(s).size();
    if (context + 1 > n)
        throw std::invalid_argument("context length " + std::to_string(context) + " needs windows of " +
                                    std::to_string(context + 1) + " tokens, but the " +
                                    (s == Split::Train ? "training" : "validation") + " split has only " +
                                    std::to_string(n) + " tokens");
}

void CharDataset::sample_batch(std::int32_t* inputs, std::int32_t* targets, Rng& rng, Split s, std::size_t B,
                               std::size_t context) const {
    check_context(context, s);
    const std::vector<std::int32_t>& src = tokens(s);
    const std::size_t n_starts = src.size() - context;  // starts 0 .. n - (context + 1)
    for (std::size_t b = 0; b < B; b++) {
        const std::size_t start = rng.below(static_cast<std::uint32_t>(n_starts));
        const std::int32_t* w = src.data() + start;
        for (std::size_t t = 0; t < context; t++) {
            inputs[b * context + t] = w[t];
            targets[b * context + t] = w[t + 1];
        }
    }
}

CharBatchSource::CharBatchSource(const CharDataset& data, Split split, std::size_t B, std::size_t context,
                                 std::uint64_t seed)
    : data_(data), split_(split), B_(B), T_(context), rng_(seed), x_(B * context), y_(B * context) {
    if (B == 0) throw std::invalid_argument("batch size must be at least 1");
    data_.check_context(context, split);
}

Batch CharBatchSource::next() {
    data_.sample_batch(x_.data(), y_.data(), rng_, split_, B_, T_);
    Batch b;
    b.tokens = x_.data();
    b.targets = y_.data();
    b.batch_size = B_;
    b.seq_len = T_;
    return b;
}

std::string read_text_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open text file '" + path + "'");
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace normlab
