// KeytownStore: the key towns' register, targets, reported figures and the full assessment history in
// SQLite (schema module "keytowns"). History is append-only (triggers refuse UPDATE and DELETE on
// assessments, their target checks, and the audit log); every write names its actor and gets a UTC
// timestamp from SQLite; every public write is atomic (a SAVEPOINT, so it also nests inside a caller's
// Transaction, which is how service::assess_keytowns makes one assessment a single commit).
#pragma once

#include "quhua/algorithms/keytowns/assessment.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace quhua::storage {

class Database;

struct KeyTown {
  std::string code;
  std::string name;
  std::string parent_code;
  int designated_year = 0;    ///< year the town became a key town (0: unknown)
  keytowns::TownState state;  ///< status, deadline, warning count (code repeated)
  std::optional<int> last_assessed_year;
};

struct AssessmentRun {
  std::int64_t id = 0;
  int year = 0;
  std::string assessed_at;  ///< UTC, ISO 8601
  std::string assessed_by;
  std::string note;
  std::string rules;  ///< the rules used, as the caller serialised them (JSON)
};

struct AssessmentRecord {
  std::int64_t run_id = 0;
  std::string name;  ///< the town's name
  std::string assessed_at;
  std::string assessed_by;
  keytowns::AssessmentOutcome outcome;  ///< with its target checks
};

struct AuditEntry {
  std::int64_t id = 0;
  std::string at;
  std::string actor;
  std::string action;  ///< towns_registered, town_updated, target_set, target_changed, actual_recorded,
                       ///< actual_changed, assessed
  std::string detail;
};

class KeytownStore {
 public:
  static constexpr const char* k_module = "keytowns";

  /// Applies the module's migrations (idempotent). On a database opened OpenMode::read_only (history,
  /// fund) it only checks that the key-town schema is there and current, and writes nothing.
  explicit KeytownStore(Database& db);

  // ---- writes: atomic, audited ----
  /// Registers new towns (status on_track) and updates the name, parent and designation year of
  /// existing ones; a town's status changes only through assessments.
  void upsert_towns(const std::vector<KeyTown>& towns, const std::string& actor);
  /// Sets targets; a changed value is audited with the old one. Unknown town codes throw InputError.
  void upsert_targets(const std::vector<keytowns::Target>& targets, const std::string& actor);
  /// Records reported figures; a changed figure is audited with the old one. Unknown towns throw.
  void record_actuals(const std::vector<keytowns::Actual>& actuals, const std::string& actor);
  /// Records one year's assessment: the run, each outcome with its target checks, and each town's new
  /// state. Throws InputError when the year was already assessed (history is never overwritten) or a
  /// town was already assessed for this or a later year.
  std::int64_t record_assessment(int year, const std::string& rules, const std::string& note,
                                 const std::vector<keytowns::AssessmentOutcome>& outcomes, const std::string& actor);

  // ---- reads ----
  std::vector<KeyTown> towns() const;  ///< by code
  std::optional<KeyTown> town(const std::string& code) const;
  std::vector<keytowns::Target> targets(int year) const;  ///< by code, indicator
  std::vector<keytowns::Actual> actuals(int year) const;  ///< by code, indicator
  std::optional<AssessmentRun> run_for_year(int year) const;
  /// Every assessment, by year then code; only `code`'s when given.
  std::vector<AssessmentRecord> history(const std::string& code = "") const;
  std::vector<AuditEntry> audit() const;  ///< oldest first

 private:
  /// Throws InputError naming `code` (and `field`) when it is not a registered key town.
  void require_registered(const std::string& code, const std::string& field, const char* what) const;
  void log_audit(const std::string& actor, const std::string& action, const std::string& detail);
  Database& m_db;
};

}  // namespace quhua::storage
