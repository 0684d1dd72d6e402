#include "quhua/storage/keytown_store.hpp"

#include "quhua/storage/database.hpp"
#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

#include <map>
#include <set>

namespace quhua::storage {

namespace {

#define QUHUA_NOW "(strftime('%Y-%m-%dT%H:%M:%fZ','now'))"

const std::vector<Migration> k_migrations{
    {1, "key towns: register, targets, actuals, assessment runs and history, audit log",
     "CREATE TABLE keytown_towns ("
     " code TEXT PRIMARY KEY, name TEXT NOT NULL DEFAULT '', parent_code TEXT NOT NULL DEFAULT '',"
     " designated_year INTEGER NOT NULL DEFAULT 0,"
     " status TEXT NOT NULL DEFAULT 'on_track'"
     "  CHECK (status IN ('on_track','warning','rectification','disqualified')),"
     " deadline_year INTEGER, warning_count INTEGER NOT NULL DEFAULT 0, last_assessed_year INTEGER,"
     " created_at TEXT NOT NULL DEFAULT " QUHUA_NOW ", updated_at TEXT NOT NULL DEFAULT " QUHUA_NOW ");"
     "CREATE TABLE keytown_targets ("
     " code TEXT NOT NULL REFERENCES keytown_towns(code), indicator TEXT NOT NULL, year INTEGER NOT NULL,"
     " value REAL NOT NULL, comparison TEXT NOT NULL CHECK (comparison IN ('>=','<=')),"
     " unit TEXT NOT NULL DEFAULT '', updated_at TEXT NOT NULL DEFAULT " QUHUA_NOW ", updated_by TEXT NOT NULL,"
     " PRIMARY KEY (code, indicator, year));"
     "CREATE TABLE keytown_actuals ("
     " code TEXT NOT NULL REFERENCES keytown_towns(code), indicator TEXT NOT NULL, year INTEGER NOT NULL,"
     " value REAL NOT NULL, recorded_at TEXT NOT NULL DEFAULT " QUHUA_NOW ", recorded_by TEXT NOT NULL,"
     " PRIMARY KEY (code, indicator, year));"
     "CREATE TABLE keytown_runs ("
     " id INTEGER PRIMARY KEY, year INTEGER NOT NULL UNIQUE,"
     " assessed_at TEXT NOT NULL DEFAULT " QUHUA_NOW ", assessed_by TEXT NOT NULL,"
     " note TEXT NOT NULL DEFAULT '', rules TEXT NOT NULL);"
     "CREATE TABLE keytown_assessments ("
     " run_id INTEGER NOT NULL REFERENCES keytown_runs(id), code TEXT NOT NULL REFERENCES keytown_towns(code),"
     " year INTEGER NOT NULL, from_status TEXT NOT NULL, to_status TEXT NOT NULL, event TEXT NOT NULL,"
     " deadline_year INTEGER, warning_count INTEGER NOT NULL, attainment REAL NOT NULL,"
     " PRIMARY KEY (code, year));"
     "CREATE TABLE keytown_checks ("
     " code TEXT NOT NULL, year INTEGER NOT NULL, indicator TEXT NOT NULL, target REAL NOT NULL,"
     " comparison TEXT NOT NULL, actual REAL, attainment REAL NOT NULL, met INTEGER NOT NULL,"
     " PRIMARY KEY (code, year, indicator), FOREIGN KEY (code, year) REFERENCES keytown_assessments(code, year));"
     "CREATE TABLE keytown_audit ("
     " id INTEGER PRIMARY KEY, at TEXT NOT NULL DEFAULT " QUHUA_NOW ", actor TEXT NOT NULL,"
     " action TEXT NOT NULL, detail TEXT NOT NULL);"
     "CREATE TRIGGER keytown_runs_frozen BEFORE UPDATE ON keytown_runs"
     " BEGIN SELECT RAISE(ABORT, 'key-town assessment history is append-only'); END;"
     "CREATE TRIGGER keytown_runs_kept BEFORE DELETE ON keytown_runs"
     " BEGIN SELECT RAISE(ABORT, 'key-town assessment history is append-only'); END;"
     "CREATE TRIGGER keytown_assessments_frozen BEFORE UPDATE ON keytown_assessments"
     " BEGIN SELECT RAISE(ABORT, 'key-town assessment history is append-only'); END;"
     "CREATE TRIGGER keytown_assessments_kept BEFORE DELETE ON keytown_assessments"
     " BEGIN SELECT RAISE(ABORT, 'key-town assessment history is append-only'); END;"
     "CREATE TRIGGER keytown_checks_frozen BEFORE UPDATE ON keytown_checks"
     " BEGIN SELECT RAISE(ABORT, 'key-town assessment history is append-only'); END;"
     "CREATE TRIGGER keytown_checks_kept BEFORE DELETE ON keytown_checks"
     " BEGIN SELECT RAISE(ABORT, 'key-town assessment history is append-only'); END;"
     "CREATE TRIGGER keytown_audit_frozen BEFORE UPDATE ON keytown_audit"
     " BEGIN SELECT RAISE(ABORT, 'the key-town audit log is append-only'); END;"
     "CREATE TRIGGER keytown_audit_kept BEFORE DELETE ON keytown_audit"
     " BEGIN SELECT RAISE(ABORT, 'the key-town audit log is append-only'); END;"},
};

#undef QUHUA_NOW

/// SAVEPOINT guard: atomic on its own, and nests inside a caller's transaction.
class Savepoint {
 public:
  explicit Savepoint(Database& db) : m_db(db) { m_db.execute("SAVEPOINT keytown_write"); }
  ~Savepoint() {
    if (m_done) return;
    try {
      m_db.execute("ROLLBACK TO keytown_write");
      m_db.execute("RELEASE keytown_write");
    } catch (...) {
      // Never throw from a destructor; SQLite rolls back an unfinished transaction on close.
    }
  }
  Savepoint(const Savepoint&) = delete;
  Savepoint& operator=(const Savepoint&) = delete;
  void release() {
    m_db.execute("RELEASE keytown_write");
    m_done = true;
  }

 private:
  Database& m_db;
  bool m_done = false;
};

std::optional<int> optional_int(const Statement& s, int column) {
  if (s.is_null(column)) return std::nullopt;
  return static_cast<int>(s.column_int(column));
}

Statement& bind_optional_int(Statement& s, int index, const std::optional<int>& value) {
  return value ? s.bind(index, *value) : s.bind_null(index);
}

keytowns::TownStatus status_from(const std::string& text) {
  const auto status = keytowns::parse_status(text);
  if (!status) throw StorageError("unknown key-town status '" + text + "' in the database");
  return *status;
}

keytowns::Comparison comparison_from(const std::string& text) {
  return text == "<=" ? keytowns::Comparison::at_most : keytowns::Comparison::at_least;
}

std::string number_text(double value) { return util::fixed(value, 4); }

}  // namespace

KeytownStore::KeytownStore(Database& db) : m_db(db) { m_db.migrate(k_module, k_migrations); }

void KeytownStore::log_audit(const std::string& actor, const std::string& action, const std::string& detail) {
  auto s = m_db.prepare("INSERT INTO keytown_audit(actor, action, detail) VALUES (?, ?, ?)");
  s.bind(1, actor).bind(2, action).bind(3, detail).run();
}

void KeytownStore::require_registered(const std::string& code, const std::string& field, const char* what) const {
  if (!town(code)) {
    throw InputError(ErrorCode::input_missing, std::string(what) + " for a town that is not a registered key town",
                     ErrorContext{m_db.path(), "", code, field});
  }
}

void KeytownStore::upsert_towns(const std::vector<KeyTown>& towns, const std::string& actor) {
  Savepoint sp(m_db);
  std::size_t added = 0;
  for (const auto& town : towns) {
    const auto existing = this->town(town.code);
    if (!existing) {
      auto s = m_db.prepare("INSERT INTO keytown_towns(code, name, parent_code, designated_year) VALUES (?, ?, ?, ?)");
      s.bind(1, town.code).bind(2, town.name).bind(3, town.parent_code).bind(4, town.designated_year).run();
      ++added;
    } else if (existing->name != town.name || existing->parent_code != town.parent_code ||
               existing->designated_year != town.designated_year) {
      auto s = m_db.prepare(
          "UPDATE keytown_towns SET name = ?, parent_code = ?, designated_year = ?,"
          " updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE code = ?");
      s.bind(1, town.name).bind(2, town.parent_code).bind(3, town.designated_year).bind(4, town.code).run();
      log_audit(actor, "town_updated",
                town.code + ": name '" + existing->name + "' -> '" + town.name + "', parent '" + existing->parent_code +
                    "' -> '" + town.parent_code + "', designated " + std::to_string(existing->designated_year) +
                    " -> " + std::to_string(town.designated_year));
    }
  }
  if (added > 0) log_audit(actor, "towns_registered", std::to_string(added) + " key towns registered");
  sp.release();
}

void KeytownStore::upsert_targets(const std::vector<keytowns::Target>& targets, const std::string& actor) {
  Savepoint sp(m_db);
  std::size_t set = 0;
  for (const auto& t : targets) {
    require_registered(t.code, t.indicator, "target");
    auto old =
        m_db.prepare("SELECT value, comparison FROM keytown_targets WHERE code = ? AND indicator = ? AND year = ?");
    old.bind(1, t.code).bind(2, t.indicator).bind(3, t.year);
    const std::string comparison(keytowns::comparison_symbol(t.comparison));
    if (old.step()) {
      if (old.column_double(0) == t.value && old.column_text(1) == comparison) continue;
      log_audit(actor, "target_changed",
                t.code + " " + t.indicator + " " + std::to_string(t.year) + ": " + old.column_text(1) + " " +
                    number_text(old.column_double(0)) + " -> " + comparison + " " + number_text(t.value));
    } else {
      ++set;
    }
    auto s = m_db.prepare(
        "INSERT INTO keytown_targets(code, indicator, year, value, comparison, unit, updated_by) VALUES (?,?,?,?,?,?,?)"
        " ON CONFLICT(code, indicator, year) DO UPDATE SET value = excluded.value, comparison = excluded.comparison,"
        " unit = excluded.unit, updated_by = excluded.updated_by, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')");
    s.bind(1, t.code).bind(2, t.indicator).bind(3, t.year).bind(4, t.value).bind(5, comparison).bind(6, t.unit);
    s.bind(7, actor).run();
  }
  if (set > 0) log_audit(actor, "target_set", std::to_string(set) + " targets set");
  sp.release();
}

void KeytownStore::record_actuals(const std::vector<keytowns::Actual>& actuals, const std::string& actor) {
  Savepoint sp(m_db);
  std::set<int> years;
  std::size_t recorded = 0;
  for (const auto& a : actuals) {
    require_registered(a.code, a.indicator, "figure reported");
    auto old = m_db.prepare("SELECT value FROM keytown_actuals WHERE code = ? AND indicator = ? AND year = ?");
    old.bind(1, a.code).bind(2, a.indicator).bind(3, a.year);
    if (old.step()) {
      if (old.column_double(0) == a.value) continue;
      log_audit(actor, "actual_changed",
                a.code + " " + a.indicator + " " + std::to_string(a.year) + ": " + number_text(old.column_double(0)) +
                    " -> " + number_text(a.value));
    } else {
      ++recorded;
      years.insert(a.year);
    }
    auto s = m_db.prepare(
        "INSERT INTO keytown_actuals(code, indicator, year, value, recorded_by) VALUES (?,?,?,?,?)"
        " ON CONFLICT(code, indicator, year) DO UPDATE SET value = excluded.value, recorded_by = excluded.recorded_by,"
        " recorded_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')");
    s.bind(1, a.code).bind(2, a.indicator).bind(3, a.year).bind(4, a.value).bind(5, actor).run();
  }
  if (recorded > 0) {
    std::vector<std::string> year_list;
    for (int y : years) year_list.push_back(std::to_string(y));
    log_audit(actor, "actual_recorded", std::to_string(recorded) + " figures for " + util::join(year_list, ", "));
  }
  sp.release();
}

std::int64_t KeytownStore::record_assessment(int year, const std::string& rules, const std::string& note,
                                             const std::vector<keytowns::AssessmentOutcome>& outcomes,
                                             const std::string& actor) {
  if (const auto run = run_for_year(year)) {
    throw InputError(ErrorCode::input_duplicate,
                     std::to_string(year) + " was already assessed on " + run->assessed_at + " by " + run->assessed_by +
                         " (run " + std::to_string(run->id) + "); assessment history is kept, never overwritten",
                     ErrorContext{m_db.path(), "", "", ""});
  }
  Savepoint sp(m_db);
  auto run = m_db.prepare("INSERT INTO keytown_runs(year, assessed_by, note, rules) VALUES (?, ?, ?, ?)");
  run.bind(1, year).bind(2, actor).bind(3, note).bind(4, rules).run();
  const std::int64_t run_id = m_db.last_insert_id();
  std::map<std::string, std::size_t> events;
  for (const auto& o : outcomes) {
    const auto existing = town(o.code);
    if (!existing) {
      throw InputError(ErrorCode::input_missing, "assessment of a town that is not a registered key town",
                       ErrorContext{m_db.path(), "", o.code, ""});
    }
    if (existing->last_assessed_year && *existing->last_assessed_year >= year) {
      throw InputError(
          ErrorCode::input_value,
          "already assessed for " + std::to_string(*existing->last_assessed_year) + "; years are assessed in order",
          ErrorContext{m_db.path(), "", o.code, ""});
    }
    auto a = m_db.prepare(
        "INSERT INTO keytown_assessments(run_id, code, year, from_status, to_status, event, deadline_year,"
        " warning_count, attainment) VALUES (?,?,?,?,?,?,?,?,?)");
    a.bind(1, run_id).bind(2, o.code).bind(3, year).bind(4, keytowns::status_name(o.from));
    a.bind(5, keytowns::status_name(o.to)).bind(6, keytowns::event_name(o.event));
    bind_optional_int(a, 7, o.deadline_year).bind(8, o.warning_count).bind(9, o.attainment).run();
    for (const auto& c : o.checks) {
      auto s = m_db.prepare(
          "INSERT INTO keytown_checks(code, year, indicator, target, comparison, actual, attainment, met)"
          " VALUES (?,?,?,?,?,?,?,?)");
      s.bind(1, o.code).bind(2, year).bind(3, c.indicator).bind(4, c.target);
      s.bind(5, keytowns::comparison_symbol(c.comparison)).bind(6, c.actual).bind(7, c.attainment);
      s.bind(8, c.met ? 1 : 0).run();
    }
    auto t = m_db.prepare(
        "UPDATE keytown_towns SET status = ?, deadline_year = ?, warning_count = ?, last_assessed_year = ?,"
        " updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE code = ?");
    t.bind(1, keytowns::status_name(o.to));
    bind_optional_int(t, 2, o.deadline_year).bind(3, o.warning_count).bind(4, year).bind(5, o.code).run();
    ++events[std::string(keytowns::event_name(o.event))];
  }
  std::vector<std::string> counts;
  for (const auto& [event, count] : events) counts.push_back(event + " " + std::to_string(count));
  log_audit(actor, "assessed",
            std::to_string(year) + " (run " + std::to_string(run_id) + "): " + std::to_string(outcomes.size()) +
                " towns; " + util::join(counts, ", "));
  sp.release();
  return run_id;
}

namespace {

constexpr const char* k_town_columns =
    "SELECT code, name, parent_code, designated_year, status, deadline_year, warning_count, last_assessed_year"
    " FROM keytown_towns";

KeyTown read_town(const Statement& s) {
  KeyTown t;
  t.code = s.column_text(0);
  t.name = s.column_text(1);
  t.parent_code = s.column_text(2);
  t.designated_year = static_cast<int>(s.column_int(3));
  t.state.code = t.code;
  t.state.status = status_from(s.column_text(4));
  t.state.deadline_year = optional_int(s, 5);
  t.state.warning_count = static_cast<int>(s.column_int(6));
  t.last_assessed_year = optional_int(s, 7);
  return t;
}

}  // namespace

std::vector<KeyTown> KeytownStore::towns() const {
  auto s = m_db.prepare(std::string(k_town_columns) + " ORDER BY code");
  std::vector<KeyTown> out;
  while (s.step()) out.push_back(read_town(s));
  return out;
}

std::optional<KeyTown> KeytownStore::town(const std::string& code) const {
  auto s = m_db.prepare(std::string(k_town_columns) + " WHERE code = ?");
  s.bind(1, code);
  if (!s.step()) return std::nullopt;
  return read_town(s);
}

std::vector<keytowns::Target> KeytownStore::targets(int year) const {
  auto s = m_db.prepare(
      "SELECT code, indicator, year, value, comparison, unit FROM keytown_targets WHERE year = ?"
      " ORDER BY code, indicator");
  s.bind(1, year);
  std::vector<keytowns::Target> out;
  while (s.step()) {
    out.push_back({s.column_text(0), s.column_text(1), static_cast<int>(s.column_int(2)), s.column_double(3),
                   comparison_from(s.column_text(4)), s.column_text(5)});
  }
  return out;
}

std::vector<keytowns::Actual> KeytownStore::actuals(int year) const {
  auto s =
      m_db.prepare("SELECT code, indicator, year, value FROM keytown_actuals WHERE year = ? ORDER BY code, indicator");
  s.bind(1, year);
  std::vector<keytowns::Actual> out;
  while (s.step()) {
    out.push_back({s.column_text(0), s.column_text(1), static_cast<int>(s.column_int(2)), s.column_double(3)});
  }
  return out;
}

std::optional<AssessmentRun> KeytownStore::run_for_year(int year) const {
  auto s = m_db.prepare("SELECT id, year, assessed_at, assessed_by, note, rules FROM keytown_runs WHERE year = ?");
  s.bind(1, year);
  if (!s.step()) return std::nullopt;
  return AssessmentRun{s.column_int(0),  static_cast<int>(s.column_int(1)),
                       s.column_text(2), s.column_text(3),
                       s.column_text(4), s.column_text(5)};
}

std::vector<AssessmentRecord> KeytownStore::history(const std::string& code) const {
  auto s = m_db.prepare(
      "SELECT a.run_id, a.code, t.name, a.year, a.from_status, a.to_status, a.event, a.deadline_year,"
      " a.warning_count, a.attainment, r.assessed_at, r.assessed_by"
      " FROM keytown_assessments a JOIN keytown_runs r ON r.id = a.run_id JOIN keytown_towns t ON t.code = a.code"
      " WHERE ? = '' OR a.code = ? ORDER BY a.year, a.code");
  s.bind(1, code).bind(2, code);
  std::vector<AssessmentRecord> out;
  while (s.step()) {
    AssessmentRecord r;
    r.run_id = s.column_int(0);
    r.outcome.code = s.column_text(1);
    r.name = s.column_text(2);
    r.outcome.year = static_cast<int>(s.column_int(3));
    r.outcome.from = status_from(s.column_text(4));
    r.outcome.to = status_from(s.column_text(5));
    const auto event = keytowns::parse_event(s.column_text(6));
    if (!event) throw StorageError("unknown key-town event '" + s.column_text(6) + "' in the database");
    r.outcome.event = *event;
    r.outcome.deadline_year = optional_int(s, 7);
    r.outcome.warning_count = static_cast<int>(s.column_int(8));
    r.outcome.attainment = s.column_double(9);
    r.assessed_at = s.column_text(10);
    r.assessed_by = s.column_text(11);
    auto c = m_db.prepare(
        "SELECT indicator, target, comparison, actual, attainment, met FROM keytown_checks"
        " WHERE code = ? AND year = ? ORDER BY indicator");
    c.bind(1, r.outcome.code).bind(2, r.outcome.year);
    while (c.step()) {
      r.outcome.checks.push_back({c.column_text(0), c.column_double(1), comparison_from(c.column_text(2)),
                                  c.column_optional_double(3), c.column_double(4), c.column_int(5) != 0});
    }
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<AuditEntry> KeytownStore::audit() const {
  auto s = m_db.prepare("SELECT id, at, actor, action, detail FROM keytown_audit ORDER BY id");
  std::vector<AuditEntry> out;
  while (s.step())
    out.push_back({s.column_int(0), s.column_text(1), s.column_text(2), s.column_text(3), s.column_text(4)});
  return out;
}

}  // namespace quhua::storage
