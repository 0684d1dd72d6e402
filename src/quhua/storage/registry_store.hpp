// RegistryStore: the storage interface of the division registry -- unit versions with validity
// intervals, change events, code life cycles, official snapshots and the append-only audit log.
// Backends implement it (SQLite now: sqlite_registry_store.hpp; PostgreSQL can follow behind the same
// interface); the service never sees SQL. Every write runs in one transaction together with its
// audit entries, so a crash leaves either all of it or none.
#pragma once

#include "quhua/algorithms/registry/registry_types.hpp"
#include "quhua/storage/database.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quhua::storage {

/// Which units: those in force on `as_of`, inside `within` (a code; its significant digits are the
/// prefix, so "510104000000" selects 510104 and its townships), optionally of one level.
struct UnitFilter {
  std::string within;  ///< 12-digit code or empty for all
  std::optional<model::UnitLevel> level;
};

/// Which events: touching a unit inside `within` (as in UnitFilter), effective in [from, to].
struct EventFilter {
  std::string within;
  std::optional<registry::Date> from;
  std::optional<registry::Date> to;
};

enum class LineageDirection { predecessors, successors };

/// A unit version's ancestors or descendants through any chain of events.
struct Lineage {
  struct Step {
    registry::UnitVersion unit;
    int depth = 0;  ///< number of events between the start and this version (start: 0)
  };
  std::vector<Step> units;              ///< the start first, then by depth and id
  std::vector<registry::Event> events;  ///< the events crossed, by effective date and id
};

struct RegistryCounts {
  std::int64_t unit_versions = 0;
  std::int64_t units_in_force = 0;  ///< versions with no end
  std::int64_t events = 0;
  std::int64_t codes = 0;
  std::int64_t retired_codes = 0;
  std::int64_t snapshots = 0;
  std::int64_t audit_entries = 0;
};

/// Called by record_events after each event is written inside the open transaction (progress, and
/// the crash tests' hook for killing a writer mid-transaction).
using RecordHook = void (*)(std::size_t events_written, void* context);

class RegistryStore {
 public:
  virtual ~RegistryStore() = default;

  // ---- official snapshots -----------------------------------------------------------------
  /// Stores an edition under its name. Refuses (InputError input_duplicate) an existing name
  /// unless `replace`. One transaction.
  virtual void save_snapshot(const registry::Snapshot& snapshot, bool replace, const registry::WriteContext& who) = 0;
  virtual std::optional<registry::Snapshot> load_snapshot(std::string_view name) = 0;
  virtual std::vector<registry::SnapshotInfo> snapshots() = 0;

  // ---- units and events ---------------------------------------------------------------------
  /// Opens a first version (no creating event) for each unit, in force from `valid_from`. Refuses
  /// (InputError input_duplicate) a code the registry already knows. Codes must be complete.
  /// `scope`, when given, is recorded as covered (a 12-digit code, or "" for the whole country).
  virtual void seed(const std::vector<registry::UnitDraft>& units, const registry::Date& valid_from,
                    const registry::WriteContext& who, const std::optional<std::string>& scope = std::nullopt) = 0;
  /// save_snapshot and seed in one transaction (import-nbs --seed): a crash or a refusal leaves
  /// neither the snapshot nor the units.
  virtual void save_snapshot_and_seed(const registry::Snapshot& snapshot, bool replace,
                                      const std::vector<registry::UnitDraft>& units, const registry::Date& valid_from,
                                      const registry::WriteContext& who, const std::optional<std::string>& scope) = 0;
  /// The codes the registry was seeded within ("" = the whole country); empty when never recorded.
  virtual std::vector<std::string> scopes() = 0;
  /// Records a batch of events, all or nothing, in order: closes the `before` versions on the
  /// effective date, opens the `after` versions, stores the links, retires every code that does not
  /// carry on, and appends one audit entry per event. Enforces the store's invariants whatever the
  /// caller checked: a `before` code must be in force and opened before the effective date; an
  /// `after` code must be new or carried on from a `before` unit of the same event; a retired code
  /// is never used again (InputError input_value naming the code). Returns the new event ids.
  virtual std::vector<std::int64_t> record_events(const std::vector<registry::EventDraft>& events,
                                                  const registry::WriteContext& who, RecordHook hook = nullptr,
                                                  void* hook_context = nullptr) = 0;

  virtual std::vector<registry::UnitVersion> units_as_of(const registry::Date& day, const UnitFilter& filter) = 0;
  /// Every version that ever held `code`, oldest first.
  virtual std::vector<registry::UnitVersion> versions_of_code(std::string_view code) = 0;
  virtual std::optional<registry::UnitVersion> version(std::int64_t id) = 0;
  virtual std::optional<registry::CodeStatus> code_status(std::string_view code) = 0;
  /// Every code ever used that starts with the significant digits of `within` (see UnitFilter).
  virtual std::vector<registry::CodeStatus> codes_within(std::string_view within) = 0;
  /// True when the registry holds no unit version at all.
  virtual bool empty() = 0;

  virtual std::vector<registry::Event> events(const EventFilter& filter) = 0;
  /// Events effective in (after, up_to], with their links, by effective date and id (crosswalks).
  virtual std::vector<registry::Event> events_between(const registry::Date& after, const registry::Date& up_to) = 0;
  virtual std::optional<registry::Event> event(std::int64_t id) = 0;
  virtual Lineage lineage(std::int64_t unit_id, LineageDirection direction) = 0;

  // ---- audit and health ----------------------------------------------------------------------
  /// The newest `limit` audit entries, newest first.
  virtual std::vector<registry::AuditEntry> audit_log(std::size_t limit) = 0;
  virtual RegistryCounts counts() = 0;
  /// Problems found by the backend's own check and by checking the registry's invariants (every
  /// event has its units, no code both retired and in force, intervals well formed); empty when sound.
  virtual std::vector<std::string> check_integrity() = 0;
};

/// Opens the SQLite registry at `path` (":memory:" for tests): `create` creates and migrates it when
/// needed; `existing` refuses a missing file or one that is not a registry, and migrates an older one;
/// `read_only` never writes it (commands that only read) and refuses what `existing` refuses.
std::unique_ptr<RegistryStore> open_sqlite_registry(const std::string& path, OpenMode mode = OpenMode::create);

}  // namespace quhua::storage
