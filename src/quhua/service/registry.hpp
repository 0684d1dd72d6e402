// service: the division registry's jobs, one function each (request in, result out): create a
// registry, import official editions, seed units, record events and approved plans, query history,
// diff editions, build crosswalks and check drift. Front ends (CLI, server) call only these;
// tables for output are built in registry_tables.hpp.
#pragma once

#include "quhua/algorithms/registry/coverage.hpp"
#include "quhua/algorithms/registry/crosswalk.hpp"
#include "quhua/algorithms/registry/drift.hpp"
#include "quhua/algorithms/registry/plan_events.hpp"
#include "quhua/algorithms/registry/registry_types.hpp"
#include "quhua/algorithms/registry/snapshot_diff.hpp"
#include "quhua/storage/registry_store.hpp"
#include "quhua/util/findings.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace quhua::service {

/// Which registry and who is writing (the audit log records `actor` and `command`).
struct RegistryDb {
  std::string path = "quhua.sqlite";
  std::string actor;    ///< empty: $QUHUA_USER, else $USER, else "unknown"
  std::string command;  ///< the command line, for the audit log
};

/// Opens an existing registry: `existing` for writers, `read_only` for commands that only read (the
/// file is never written, not even switched to WAL). Throws InputError(input_missing) when the file
/// does not exist (so a mistyped --db never creates an empty registry), InputError(input_format) when
/// it is not a registry (a GeoPackage, a key-town store ...).
std::unique_ptr<storage::RegistryStore> open_registry(const RegistryDb& db, storage::OpenMode mode);

// ---- init ---------------------------------------------------------------------------------------

struct RegistryInitResult {
  std::string path;
  bool created = false;  ///< false: it existed and was migrated (or already current)
  storage::RegistryCounts counts;
};
/// Creates (or migrates) the registry database. Idempotent.
RegistryInitResult registry_init(const RegistryDb& db);

// ---- import-nbs and seed ------------------------------------------------------------------------

struct ImportSnapshotRequest {
  RegistryDb db;
  std::filesystem::path source;         ///< edition folder (provinces/cities/areas/streets.csv) or a table
  std::string name;                     ///< e.g. "2019"
  std::optional<registry::Date> as_of;  ///< default: the NBS cut-off of a known edition name
  bool replace = false;                 ///< overwrite a snapshot of the same name
  bool seed = false;                    ///< also open registry units from it (an empty registry's baseline)
  std::string seed_within;              ///< seed only inside this code (12 digits; empty: everything)
};
struct ImportSnapshotResult {
  registry::SnapshotInfo snapshot;
  std::map<model::UnitLevel, std::size_t> units_by_level;
  std::size_t seeded_units = 0;
  double read_s = 0;   ///< reading the files
  double write_s = 0;  ///< the store transaction (snapshot and seed together)
};
ImportSnapshotResult registry_import_snapshot(const ImportSnapshotRequest& request);

struct SeedRequest {
  RegistryDb db;
  std::string snapshot;                      ///< imported snapshot name, or a folder/table
  std::string within;                        ///< 12-digit code; empty: all units
  std::optional<registry::Date> valid_from;  ///< default: the snapshot's date
};
struct SeedResult {
  std::size_t seeded_units = 0;
  registry::Date valid_from;
};
/// Opens a first version of every unit of the snapshot (inside `within`, with its ancestors).
SeedResult registry_seed(const SeedRequest& request);

// ---- recording events ---------------------------------------------------------------------------

struct RecordResult {
  bool accepted = false;  ///< false: refused, nothing written (see findings)
  Findings findings;
  std::vector<registry::EventDraft> events;  ///< as validated: codes allocated, links computed
  std::vector<std::int64_t> event_ids;       ///< when accepted and not a dry run
};
/// Completes (allocates empty township codes, fills parents, computes links from figures and
/// polygons), validates and records a batch of events in one transaction. Refusals are findings.
RecordResult registry_record(const RegistryDb& db, std::vector<registry::EventDraft> events, bool dry_run = false);

struct ApplyPlanRequest {
  RegistryDb db;
  std::filesystem::path plan;   ///< plan.csv: code,region,seat_code
  std::filesystem::path units;  ///< optional unit list: code[,name][,population][,area_km2]
  std::filesystem::path names;  ///< optional: region,name[,type] for the merged units
  registry::Date effective;
  std::string document;  ///< 批文号
  std::string note;
  bool dry_run = false;
};
struct ApplyPlanResult {
  RecordResult record;
  std::vector<registry::PlanRegionOutcome> regions;
};
/// An approved plan becomes events (plan_events.hpp), then as registry_record.
ApplyPlanResult registry_apply_plan(const ApplyPlanRequest& request);

struct SyncRequest {
  RegistryDb db;
  std::string snapshot;                 ///< imported snapshot name or a folder/table
  std::optional<registry::Date> as_of;  ///< default: the snapshot's date
  /// Rows of the diff below this are not recorded (they stay as drift). DEFAULT 0.7, the diff's review
  /// threshold: an abolition whose absorber the tables do not name (0.5) is not recorded unless asked.
  double min_confidence = 0.7;
  bool whole_table = false;  ///< not only the registry's counties
  bool dry_run = false;
  std::string within;  ///< only inside this code (with the units above it); empty: the registry's scope
  /// Refused when the township abolitions to record exceed this share of the registry's townships
  /// compared (an incomplete edition reads as abolitions); raise it to confirm a real wave of them.
  double max_abolish_share = 0.1;
};
struct SyncResult {
  std::string snapshot;
  registry::Date as_of;
  registry::Coverage coverage;          ///< of the compared registry state by the edition (no gap: else refused)
  std::size_t abolished_townships = 0;  ///< townships the recorded abolitions end
  std::size_t diff_rows = 0;
  RecordResult record;  ///< the events recorded (accepted even when some were skipped)
  std::vector<registry::EventDraft>
      skipped;                       ///< refused by the rules, with their reasons in record.findings (warnings)
  std::size_t below_confidence = 0;  ///< diff rows left out by min_confidence
};
/// Records the changes an official edition shows against the registry as `nbs_inferred` events
/// (diff_events.hpp), effective on the edition's date, in one transaction. Events the rules refuse
/// (a code the NBS reused, a name twice in a county ...) are skipped with their reasons, with the
/// events that depend on them; they stay visible to `drift`. Refuses (InputError, nothing written,
/// also in a dry run) an edition with no township in an area where the registry holds some
/// (coverage.hpp: name the covered part with `within`), and abolitions beyond `max_abolish_share`.
SyncResult registry_sync(const SyncRequest& request);

// ---- queries ------------------------------------------------------------------------------------

struct ShowResult {
  std::string code;
  std::optional<registry::CodeStatus> status;
  std::vector<registry::UnitVersion> versions;  ///< oldest first
  storage::Lineage predecessors;                ///< of the oldest version
  storage::Lineage successors;                  ///< of the newest version
  std::vector<registry::UnitVersion> children;  ///< in force under the newest version (if in force)
};
/// Everything about one code. Throws InputError(input_missing) for a code never used.
ShowResult registry_show(const RegistryDb& db, const std::string& code);

struct TreeResult {
  registry::Date as_of;
  std::vector<registry::UnitVersion> units;  ///< ordered for a depth-first listing (parents first)
  std::vector<int> depth;                    ///< per unit, 0 for the top
};
TreeResult registry_tree(const RegistryDb& db, const registry::Date& as_of, const std::string& within);

struct EventsResult {
  std::vector<registry::Event> events;
  std::map<std::int64_t, registry::UnitVersion> units;  ///< every unit the events name
};
EventsResult registry_events(const RegistryDb& db, const storage::EventFilter& filter);

struct HistoryResult {
  std::string code;
  std::optional<registry::CodeStatus> status;
  std::vector<registry::UnitVersion> versions;
  EventsResult events;  ///< every event that opened or closed a version of the code
};
HistoryResult registry_history(const RegistryDb& db, const std::string& code);

std::vector<registry::SnapshotInfo> registry_snapshots(const RegistryDb& db);
/// The newest `limit` audit entries, newest first.
std::vector<registry::AuditEntry> registry_audit(const RegistryDb& db, std::size_t limit);

// ---- comparing ----------------------------------------------------------------------------------

/// A snapshot given on the command line: an edition folder or table, else an imported name.
registry::Snapshot resolve_snapshot(const std::string& spec, storage::RegistryStore* store);
/// A date given as YYYY-MM-DD, an imported snapshot's name or a known NBS edition ("2020").
registry::Date resolve_date(const std::string& spec, storage::RegistryStore* store);

struct DiffRequest {
  std::string before;  ///< folder, table or imported snapshot name
  std::string after;
  std::optional<std::string> db_path;  ///< needed only for imported names
  double review_below = 0.7;
};
struct DiffResponse {
  std::string before_name, after_name;
  registry::DiffResult diff;
  std::map<std::string, std::string> province_names;  ///< 2-digit code -> name (either edition)
  double review_below = 0.7;
  double seconds = 0;  ///< the comparison alone (reading excluded)
};
DiffResponse registry_diff(const DiffRequest& request);

struct CrosswalkRequest {
  RegistryDb db;
  std::string from;  ///< date or snapshot name
  std::string to;
  std::string within;                                                  ///< 12-digit code; empty: everything
  std::optional<model::UnitLevel> level = model::UnitLevel::township;  ///< nullopt: every level
  std::filesystem::path values;  ///< optional table of code + value column to convert
  std::string value_column;      ///< default: the first numeric column after `code`
  registry::ConvertBy by = registry::ConvertBy::population;
};
struct CrosswalkResult {
  registry::Crosswalk crosswalk;
  std::optional<registry::Conversion> conversion;
  std::string value_column;
};
CrosswalkResult registry_crosswalk(const CrosswalkRequest& request);

struct DriftRequest {
  RegistryDb db;
  std::string against;                  ///< imported snapshot name or a folder/table
  std::optional<registry::Date> as_of;  ///< default: the snapshot's date (known NBS editions)
  bool whole_table = false;             ///< compare every official unit, not only the registry's counties
};
struct DriftResponse {
  std::string snapshot;
  registry::Date as_of;
  registry::DriftResult drift;
};
DriftResponse registry_drift(const DriftRequest& request);

}  // namespace quhua::service
