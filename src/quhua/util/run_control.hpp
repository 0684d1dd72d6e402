// RunControl: what the caller of a long computation owns -- a deadline, a cancel flag and a progress
// callback. Algorithms poll it; they never read a clock or a global on their own.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <string_view>

namespace quhua {

class RunControl {
 public:
  using Clock = std::chrono::steady_clock;
  /// Called with a fraction in [0, 1] and a short stage label.
  using ProgressFn = std::function<void(double fraction, std::string_view stage)>;

  RunControl() = default;

  /// Stop once `seconds` have passed from now (<= 0: no limit).
  void set_time_limit(double seconds) {
    if (seconds > 0) {
      m_deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    } else {
      m_deadline.reset();
    }
  }
  void set_progress(ProgressFn fn) { m_progress = std::move(fn); }
  void cancel() { m_cancelled.store(true, std::memory_order_relaxed); }

  bool cancelled() const { return m_cancelled.load(std::memory_order_relaxed); }
  bool expired() const { return m_deadline && Clock::now() >= *m_deadline; }
  /// True when work should stop now (cancelled or past the deadline).
  bool should_stop() const { return cancelled() || expired(); }
  /// Seconds left before the deadline, or a large number when there is none.
  double seconds_left() const {
    if (!m_deadline) return 1e18;
    return std::chrono::duration<double>(*m_deadline - Clock::now()).count();
  }

  void report(double fraction, std::string_view stage) const {
    if (m_progress) m_progress(fraction, stage);
  }

 private:
  std::optional<Clock::time_point> m_deadline;
  std::atomic<bool> m_cancelled{false};
  ProgressFn m_progress;
};

}  // namespace quhua
