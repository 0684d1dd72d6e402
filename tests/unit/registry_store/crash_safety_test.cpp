// Crash safety for real: a child process opens the registry, starts a large batch of events and is
// SIGKILLed in the middle of the transaction (after uncommitted pages reached the WAL file). The
// database must come back consistent: integrity_check ok, the registry's own invariants hold, and
// not one event, unit version or audit entry of the killed batch is visible.
#include "support/registry_fixture.hpp"
#include "support/test_support.hpp"

#include "quhua/storage/registry_store.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <sys/wait.h>
#include <unistd.h>

namespace quhua::storage {
namespace {

using test::day;
const registry::WriteContext k_who{"crash-test", "crash test"};

// 2,000 towns under one county, numbered 100..199 in 20 counties.
std::vector<registry::UnitDraft> many_units() {
  std::vector<registry::UnitDraft> out{test::draft("51", "四川省", model::UnitType::province),
                                       test::draft("5101", "成都市", model::UnitType::prefecture)};
  for (int county = 1; county <= 20; ++county) {
    const std::string c = "5101" + std::string(county < 10 ? "0" : "") + std::to_string(county);
    out.push_back(test::draft(c, "区" + std::to_string(county), model::UnitType::district));
    for (int t = 100; t < 200; ++t) {
      out.push_back(test::draft(c + std::to_string(t), "镇" + std::to_string(county) + "-" + std::to_string(t),
                                model::UnitType::town));
    }
  }
  return out;
}

// Renames every town, once per round: a batch of rounds * 2,000 events.
std::vector<registry::EventDraft> renames(int rounds) {
  std::vector<registry::EventDraft> out;
  for (int r = 1; r <= rounds; ++r) {
    for (const auto& u : many_units()) {
      if (u.type != model::UnitType::town) continue;
      registry::EventDraft e;
      e.type = registry::EventType::renamed;
      e.effective = day(("2020-0" + std::to_string(r) + "-01").c_str());
      e.document = "批文 " + std::to_string(r);
      e.before = {u.code};
      auto after = u;
      after.name = u.name + "(" + std::to_string(r) + ")";
      e.after = {after};
      e.links = {registry::LinkDraft{}};
      out.push_back(std::move(e));
    }
  }
  return out;
}

struct HookState {
  int pipe_fd = -1;
  std::size_t signal_at = 0;
};

void hook(std::size_t written, void* context) {
  auto* state = static_cast<HookState*>(context);
  if (written != state->signal_at) return;
  const char byte = 'k';
  (void)!::write(state->pipe_fd, &byte, 1);
  ::pause();  // wait for the kill inside the open transaction
}

class CrashSafetyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path = (dir / "crash.sqlite").string();
    auto store = open_sqlite_registry(path);
    store->seed(many_units(), day("2019-01-01"), k_who);
    baseline = store->counts();
  }

  // Forks a writer that commits `committed_rounds` rounds of renames in one batch, then starts a
  // batch of `killed_rounds` more and is killed after `kill_after` events of it. Returns the WAL
  // size seen just before the kill.
  std::uintmax_t kill_writer(int committed_rounds, int killed_rounds, std::size_t kill_after) {
    int fds[2];
    EXPECT_EQ(::pipe(fds), 0);
    const pid_t child = ::fork();
    if (child == 0) {
      ::close(fds[0]);
      try {
        auto store = open_sqlite_registry(path);
        auto all = renames(committed_rounds + killed_rounds);
        const std::size_t per_round = all.size() / static_cast<std::size_t>(committed_rounds + killed_rounds);
        std::vector<registry::EventDraft> done(all.begin(),
                                               all.begin() + static_cast<std::ptrdiff_t>(per_round * committed_rounds));
        std::vector<registry::EventDraft> killed(
            all.begin() + static_cast<std::ptrdiff_t>(per_round * committed_rounds), all.end());
        if (!done.empty()) store->record_events(done, k_who);
        HookState state{fds[1], kill_after};
        store->record_events(killed, k_who, &hook, &state);
      } catch (...) {
      }
      ::_exit(3);  // only reached when the kill did not come
    }
    ::close(fds[1]);
    char byte = 0;
    EXPECT_EQ(::read(fds[0], &byte, 1), 1) << "the writer did not reach the kill point";
    std::error_code ec;
    const auto wal = std::filesystem::file_size(path + "-wal", ec);
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    ::close(fds[0]);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    return ec ? 0 : wal;
  }

  test::TempDir dir;
  std::string path;
  RegistryCounts baseline;
};

TEST_F(CrashSafetyTest, KilledFirstBatchLeavesNoTrace) {
  const auto wal_bytes = kill_writer(0, 4, 7000);
  // SQLite spilled uncommitted pages of the open transaction to the WAL before the kill.
  EXPECT_GT(wal_bytes, 0u);
  auto store = open_sqlite_registry(path);
  EXPECT_EQ(store->check_integrity(), std::vector<std::string>{});
  const auto after = store->counts();
  EXPECT_EQ(after.events, 0);
  EXPECT_EQ(after.unit_versions, baseline.unit_versions);
  EXPECT_EQ(after.audit_entries, baseline.audit_entries);
  EXPECT_EQ(after.units_in_force, baseline.units_in_force);
  // Still writable.
  auto batch = renames(1);
  batch.resize(1);
  EXPECT_EQ(store->record_events(batch, k_who).size(), 1u);
  EXPECT_EQ(store->check_integrity(), std::vector<std::string>{});
}

TEST_F(CrashSafetyTest, KillKeepsCommittedBatchesWhole) {
  kill_writer(1, 1, 1999);
  auto store = open_sqlite_registry(path);
  EXPECT_EQ(store->check_integrity(), std::vector<std::string>{});
  const auto after = store->counts();
  EXPECT_EQ(after.events, 2000);  // the committed round, none of the killed one
  EXPECT_EQ(after.unit_versions, baseline.unit_versions + 2000);
  EXPECT_EQ(after.audit_entries, baseline.audit_entries + 2000);
  EXPECT_EQ(after.units_in_force, baseline.units_in_force);
  // Every event is whole: one unit before, one after, one link.
  for (const auto& e : store->events_between(day("2019-12-31"), day("2099-12-31"))) {
    ASSERT_EQ(e.before_units.size(), 1u);
    ASSERT_EQ(e.after_units.size(), 1u);
    ASSERT_EQ(e.links.size(), 1u);
  }
}

}  // namespace
}  // namespace quhua::storage
