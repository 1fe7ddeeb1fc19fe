// Flat buffers for models, in the manner of llm.c: every model keeps its parameters, their
// gradients and its activations as named pointers into ONE allocation each.
//
// A short tour.
//
//   struct LinearParams { float* w; float* dw; float* b; float* db; };   // in the model
//
//   ParameterSet ps;                                   // declaration phase: names, shapes, slots
//   ps.add("fc1.weight", {OC, C}, /*layer=*/0, /*decay=*/true, &lin.w, &lin.dw);   // (OC, C)
//   ps.add("fc1.bias",   {OC},    /*layer=*/0, /*decay=*/true, &lin.b, &lin.db);   // (OC)
//   ps.allocate();                                     // one buffer for values, one for grads;
//                                                      // every slot now points into them
//
//   for (i < ps.size()) p[i] -= lr * g[i];             // an optimizer is one flat loop over
//                                                      // ps.values() / ps.grads()
//
// `tensors()` is the size table (name, shape, offset, size, layer, decay) that optimizers,
// clipping and per-layer metrics iterate over; `layer` groups tensors for per-layer metrics
// (-1: not part of a metric layer, e.g. an embedding the model reports separately).
//
// Activations use `Arena`: the same declare-then-allocate pattern without gradients
// (a model declares forward activations and their gradients as separate arena entries).
// Nothing here allocates after `allocate()`; a training step never allocates.
//
// Both are templated on the scalar type so that gradchecks can run whole models in double;
// the engine itself uses the float aliases `ParameterSet` and `ActivationArena`.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace normlab {

// Number of elements of a shape (product of the extents; 1 for a scalar {}).
inline std::size_t shape_numel(const std::vector<std::size_t>& shape) {
    std::size_t n = 1;
    for (std::size_t e : shape) n *= e;
    return n;
}

template <typename T>
class TensorSet {
  public:
    struct Tensor {
        std::string name;
        std::vector<std::size_t> shape;
        std::size_t offset = 0;  // into values() and grads()
        std::size_t size = 0;    // number of elements
        int layer = -1;          // metric layer this tensor belongs to (-1: none)
        bool decay = true;       // whether weight decay applies (PyTorch default: every tensor)
    };

    TensorSet() = default;
    TensorSet(const TensorSet&) = delete;  // slots point into our storage: no copies
    TensorSet& operator=(const TensorSet&) = delete;

    // Declares a tensor; `value_slot` / `grad_slot` (either may be nullptr) receive pointers
    // into the buffers at allocate(). The slots must stay valid until then. Returns its index.
    std::size_t add(std::string name, std::vector<std::size_t> shape, int layer, bool decay, T** value_slot,
                    T** grad_slot) {
        if (allocated_) throw std::logic_error("TensorSet::add after allocate: " + name);
        const std::size_t n = shape_numel(shape);
        if (n == 0) throw std::invalid_argument("tensor " + name + " has a zero extent");
        Tensor t;
        t.name = std::move(name);
        t.shape = std::move(shape);
        t.offset = total_;
        t.size = n;
        t.layer = layer;
        t.decay = decay;
        total_ += n;
        tensors_.push_back(std::move(t));
        slots_.push_back({value_slot, grad_slot});
        if (layer + 1 > num_layers_) num_layers_ = layer + 1;
        return tensors_.size() - 1;
    }

    // One allocation for the values, one for the gradients, both zeroed; fills every slot.
    void allocate() {
        if (allocated_) throw std::logic_error("TensorSet::allocate called twice");
        values_.assign(total_, T(0));
        grads_.assign(total_, T(0));
        for (std::size_t i = 0; i < tensors_.size(); i++) {
            if (slots_[i].first) *slots_[i].first = values_.data() + tensors_[i].offset;
            if (slots_[i].second) *slots_[i].second = grads_.data() + tensors_[i].offset;
        }
        slots_.clear();
        allocated_ = true;
    }

    bool allocated() const { return allocated_; }
    std::size_t size() const { return total_; }  // total number of scalars
    std::size_t num_tensors() const { return tensors_.size(); }
    int num_layers() const { return num_layers_; }  // 1 + highest layer index declared
    const std::vector<Tensor>& tensors() const { return tensors_; }
    const Tensor& tensor(std::size_t i) const { return tensors_[i]; }

    T* values() { return values_.data(); }
    const T* values() const { return values_.data(); }
    T* grads() { return grads_.data(); }
    const T* grads() const { return grads_.data(); }
    T* value(std::size_t i) { return values_.data() + tensors_[i].offset; }
    T* grad(std::size_t i) { return grads_.data() + tensors_[i].offset; }

    // Index of the tensor called `name`; throws if absent.
    std::size_t find(const std::string& name) const {
        for (std::size_t i = 0; i < tensors_.size(); i++)
            if (tensors_[i].name == name) return i;
        throw std::invalid_argument("no tensor named " + name);
    }

    void zero_grad() {
        for (std::size_t i = 0; i < total_; i++) grads_[i] = T(0);
    }

  private:
    std::vector<Tensor> tensors_;
    std::vector<std::pair<T**, T**>> slots_;
    std::vector<T> values_, grads_;
    std::size_t total_ = 0;
    int num_layers_ = 0;
    bool allocated_ = false;
};

// Activations (and their gradients): named entries in one allocation.
template <typename T>
class Arena {
  public:
    struct Entry {
        std::string name;
        std::size_t offset = 0, size = 0;
    };

    Arena() = default;
    Arena(const Arena&) = delete;
    Arena& operator=(const Arena&) = delete;

    // Declares `n` scalars; `slot` receives the pointer at allocate(). n may be 0 (slot = nullptr).
    void add(std::string name, std::size_t n, T** slot) {
        if (allocated_) throw std::logic_error("Arena::add after allocate: " + name);
        entries_.push_back({std::move(name), total_, n});
        slots_.push_back(slot);
        total_ += n;
    }

    void allocate() {
        if (allocated_) throw std::logic_error("Arena::allocate called twice");
        storage_.assign(total_, T(0));
        for (std::size_t i = 0; i < entries_.size(); i++)
            if (slots_[i]) *slots_[i] = entries_[i].size ? storage_.data() + entries_[i].offset : nullptr;
        slots_.clear();
        allocated_ = true;
    }

    std::size_t size() const { return total_; }
    const std::vector<Entry>& entries() const { return entries_; }

  private:
    std::vector<Entry> entries_;
    std::vector<T**> slots_;
    std::vector<T> storage_;
    std::size_t total_ = 0;
    bool allocated_ = false;
};

using ParameterSet = TensorSet<float>;
using ActivationArena = Arena<float>;

}  // namespace normlab
