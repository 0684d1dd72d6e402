// The SQLite backend of RegistryStore (registry_store.hpp). Schema in registry_schema.cpp. All SQL of
// the registry lives here; every write is one BEGIN IMMEDIATE transaction holding its audit entries.
#include "quhua/storage/database.hpp"
#include "quhua/storage/geometry_codec.hpp"
#include "quhua/storage/registry_schema.hpp"
#include "quhua/storage/registry_store.hpp"
#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <utility>

namespace quhua::storage {
namespace {

using registry::Date;
using registry::Event;
using registry::UnitVersion;

constexpr const char* k_unit_columns =
    "id, code, name, level, type, parent_code, valid_from, valid_to, population, area_km2, seat, seat_x, seat_y, "
    "geometry, created_by, ended_by";

// [low, high) of 12-digit codes whose significant digits start like `within`'s.
std::pair<std::string, std::string> code_range(std::string_view within) {
  if (within.empty()) return {"", "~"};
  const auto level = model::level_of_code(within);
  std::string prefix = level == model::UnitLevel::unknown ? std::string(within) : model::short_code(within, level);
  std::string high = prefix;
  int i = static_cast<int>(high.size()) - 1;
  while (i >= 0 && high[static_cast<std::size_t>(i)] == '9') high[static_cast<std::size_t>(i--)] = '0';
  if (i < 0) return {prefix, "~"};
  ++high[static_cast<std::size_t>(i)];
  return {prefix, high};
}

std::optional<std::int64_t> optional_int(const Statement& s, int column) {
  if (s.is_null(column)) return std::nullopt;
  return s.column_int(column);
}

UnitVersion read_unit(const Statement& s) {
  UnitVersion u;
  u.id = s.column_int(0);
  u.code = s.column_text(1);
  u.name = s.column_text(2);
  u.level = static_cast<model::UnitLevel>(s.column_int(3));
  u.type = model::parse_type(s.column_text(4)).value_or(model::UnitType::other);
  u.parent_code = s.column_text(5);
  u.valid_from = Date::parse(s.column_text(6));
  if (!s.is_null(7)) u.valid_to = Date::parse(s.column_text(7));
  u.population = s.column_optional_double(8);
  u.area_km2 = s.column_optional_double(9);
  u.seat = s.column_text(10);
  if (!s.is_null(11) && !s.is_null(12)) u.seat_point = model::Point{s.column_double(11), s.column_double(12)};
  if (!s.is_null(13)) u.geometry = from_wkb_hex(s.column_text(13));
  u.created_by = optional_int(s, 14);
  u.ended_by = optional_int(s, 15);
  return u;
}

// The statements every event write runs, prepared once per store (an edition's import or a year of
// inferred events runs them tens of thousands of times).
struct WriteStatements {
  explicit WriteStatements(Database& db)
      : open(db, std::string("SELECT ") + k_unit_columns + " FROM registry_unit WHERE code = ? AND valid_to IS NULL"),
        insert_event(db,
                     "INSERT INTO registry_event(type, effective, document, note, source, confidence, recorded_by)"
                     " VALUES (?, ?, ?, ?, ?, ?, ?)"),
        close(db, "UPDATE registry_unit SET valid_to = ?, ended_by = ? WHERE id = ? AND valid_to IS NULL"),
        member(db, "INSERT INTO registry_event_unit(event_id, unit_id, role, position) VALUES (?, ?, ?, ?)"),
        code_state(db, "SELECT retired_on FROM registry_code WHERE code = ?"),
        new_code(db, "INSERT INTO registry_code(code, first_from) VALUES (?, ?)"),
        link(db,
             "INSERT INTO registry_event_link(event_id, from_unit, to_unit, population_share, population_basis,"
             " area_share, area_basis) VALUES (?, ?, ?, ?, ?, ?, ?)"),
        retire(db, "UPDATE registry_code SET retired_on = ?, retired_by = ? WHERE code = ?"),
        insert_unit(db,
                    "INSERT INTO registry_unit(code, name, level, type, parent_code, valid_from, population, area_km2,"
                    " seat, seat_x, seat_y, geometry, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        audit(db, "INSERT INTO registry_audit(actor, action, subject, detail) VALUES (?, ?, ?, ?)") {}
  Statement open, insert_event, close, member, code_state, new_code, link, retire, insert_unit, audit;
};

class SqliteRegistryStore final : public RegistryStore {
 public:
  SqliteRegistryStore(const std::string& path, OpenMode mode) : m_db(path, mode) {
    m_db.migrate("registry", registry_migrations());
  }

  // ---- snapshots ----------------------------------------------------------------------------

  void save_snapshot(const registry::Snapshot& snapshot, bool replace, const registry::WriteContext& who) override {
    Transaction tx(m_db);
    write_snapshot(snapshot, replace, who);
    tx.commit();
  }

  void seed(const std::vector<registry::UnitDraft>& units, const Date& valid_from, const registry::WriteContext& who,
            const std::optional<std::string>& scope) override {
    Transaction tx(m_db);
    write_seed(units, valid_from, who, scope);
    tx.commit();
  }

  void save_snapshot_and_seed(const registry::Snapshot& snapshot, bool replace,
                              const std::vector<registry::UnitDraft>& units, const Date& valid_from,
                              const registry::WriteContext& who, const std::optional<std::string>& scope) override {
    Transaction tx(m_db);
    write_seed(units, valid_from, who, scope);
    write_snapshot(snapshot, replace, who);
    tx.commit();
  }

  std::optional<registry::Snapshot> load_snapshot(std::string_view name) override {
    auto head = m_db.prepare("SELECT id, name, as_of, source FROM registry_snapshot WHERE name = ?");
    head.bind(1, name);
    if (!head.step()) return std::nullopt;
    registry::Snapshot out;
    out.name = head.column_text(1);
    out.as_of = Date::parse(head.column_text(2));
    out.source = head.column_text(3);
    auto rows = m_db.prepare(
        "SELECT code, name, level, parent_code, population, area_km2, geometry FROM registry_snapshot_unit "
        "WHERE snapshot_id = ? ORDER BY code");
    rows.bind(1, head.column_int(0));
    while (rows.step()) {
      registry::SnapshotUnit u;
      u.code = rows.column_text(0);
      u.name = rows.column_text(1);
      u.level = static_cast<model::UnitLevel>(rows.column_int(2));
      u.parent_code = rows.column_text(3);
      u.population = rows.column_optional_double(4);
      u.area_km2 = rows.column_optional_double(5);
      if (!rows.is_null(6)) u.geometry = from_wkb_hex(rows.column_text(6));
      out.units.push_back(std::move(u));
    }
    return out;
  }

  std::vector<registry::SnapshotInfo> snapshots() override {
    std::vector<registry::SnapshotInfo> out;
    auto rows =
        m_db.prepare("SELECT name, as_of, source, unit_count, imported_at FROM registry_snapshot ORDER BY as_of, name");
    while (rows.step()) {
      out.push_back({rows.column_text(0), Date::parse(rows.column_text(1)), rows.column_text(2), rows.column_int(3),
                     rows.column_text(4)});
    }
    return out;
  }

  // ---- units and events ---------------------------------------------------------------------

  std::vector<std::int64_t> record_events(const std::vector<registry::EventDraft>& events,
                                          const registry::WriteContext& who, RecordHook hook,
                                          void* hook_context) override {
    Transaction tx(m_db);
    std::vector<std::int64_t> ids;
    ids.reserve(events.size());
    for (const auto& draft : events) {
      ids.push_back(write_event(draft, who));
      if (hook) hook(ids.size(), hook_context);
    }
    tx.commit();
    return ids;
  }

  std::vector<UnitVersion> units_as_of(const Date& day, const UnitFilter& filter) override {
    const auto [low, high] = code_range(filter.within);
    std::string sql = std::string("SELECT ") + k_unit_columns +
                      " FROM registry_unit WHERE valid_from <= ?1 AND (valid_to IS NULL OR valid_to > ?1)"
                      " AND code >= ?2 AND code < ?3";
    if (filter.level) sql += " AND level = ?4";
    sql += " ORDER BY code";
    auto rows = m_db.prepare(sql);
    rows.bind(1, day.text()).bind(2, low).bind(3, high);
    if (filter.level) rows.bind(4, static_cast<int>(*filter.level));
    std::vector<UnitVersion> out;
    while (rows.step()) out.push_back(read_unit(rows));
    return out;
  }

  std::vector<UnitVersion> versions_of_code(std::string_view code) override {
    auto rows = m_db.prepare(std::string("SELECT ") + k_unit_columns +
                             " FROM registry_unit WHERE code = ? ORDER BY valid_from, id");
    rows.bind(1, code);
    std::vector<UnitVersion> out;
    while (rows.step()) out.push_back(read_unit(rows));
    return out;
  }

  std::optional<UnitVersion> version(std::int64_t id) override {
    auto rows = m_db.prepare(std::string("SELECT ") + k_unit_columns + " FROM registry_unit WHERE id = ?");
    rows.bind(1, id);
    if (!rows.step()) return std::nullopt;
    return read_unit(rows);
  }

  std::optional<registry::CodeStatus> code_status(std::string_view code) override {
    auto rows = m_db.prepare("SELECT code, first_from, retired_on, retired_by FROM registry_code WHERE code = ?");
    rows.bind(1, code);
    if (!rows.step()) return std::nullopt;
    return read_code(rows);
  }

  std::vector<registry::CodeStatus> codes_within(std::string_view within) override {
    const auto [low, high] = code_range(within);
    auto rows = m_db.prepare(
        "SELECT code, first_from, retired_on, retired_by FROM registry_code WHERE code >= ? AND code < ? ORDER BY "
        "code");
    rows.bind(1, low).bind(2, high);
    std::vector<registry::CodeStatus> out;
    while (rows.step()) out.push_back(read_code(rows));
    return out;
  }

  std::vector<std::string> scopes() override {
    std::vector<std::string> out;
    auto rows = m_db.prepare("SELECT code FROM registry_scope ORDER BY code");
    while (rows.step()) out.push_back(rows.column_text(0));
    return out;
  }

  bool empty() override {
    auto rows = m_db.prepare("SELECT EXISTS (SELECT 1 FROM registry_unit)");
    rows.step();
    return rows.column_int(0) == 0;
  }

  std::vector<Event> events(const EventFilter& filter) override {
    const auto [low, high] = code_range(filter.within);
    return load_events(
        "e.id IN (SELECT eu.event_id FROM registry_event_unit eu JOIN registry_unit u ON u.id = eu.unit_id"
        " WHERE u.code >= ?1 AND u.code < ?2) AND e.effective >= ?3 AND e.effective <= ?4",
        {low, high, filter.from ? filter.from->text() : std::string("0000"),
         filter.to ? filter.to->text() : std::string("9999")});
  }

  std::vector<Event> events_between(const Date& after, const Date& up_to) override {
    return load_events("e.effective > ?1 AND e.effective <= ?2", {after.text(), up_to.text()});
  }

  std::optional<Event> event(std::int64_t id) override {
    auto found = load_events("e.id = ?1", {std::to_string(id)});
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
  }

  Lineage lineage(std::int64_t unit_id, LineageDirection direction) override {
    Lineage out;
    auto start = version(unit_id);
    if (!start) return out;
    out.units.push_back({std::move(*start), 0});
    const bool forward = direction == LineageDirection::successors;
    // From a unit, the events it takes part in on the near side, and the units on the far side.
    auto next =
        m_db.prepare(forward ? "SELECT far.unit_id, far.event_id FROM registry_event_unit near"
                               " JOIN registry_event_unit far ON far.event_id = near.event_id AND far.role = 'after'"
                               " WHERE near.unit_id = ? AND near.role = 'before' ORDER BY far.event_id, far.position"
                             : "SELECT far.unit_id, far.event_id FROM registry_event_unit near"
                               " JOIN registry_event_unit far ON far.event_id = near.event_id AND far.role = 'before'"
                               " WHERE near.unit_id = ? AND near.role = 'after' ORDER BY far.event_id, far.position");
    // Events that end (successors) or start (predecessors) at a unit even with nothing on the far side
    // (an abolition) belong to the lineage too.
    auto edge_events = m_db.prepare("SELECT event_id FROM registry_event_unit WHERE unit_id = ? AND role = ?");
    std::set<std::int64_t> seen{unit_id};
    std::set<std::int64_t> event_ids;
    for (std::size_t i = 0; i < out.units.size(); ++i) {
      const std::int64_t current = out.units[i].unit.id;
      const int depth = out.units[i].depth;
      edge_events.reset();
      edge_events.bind(1, current).bind(2, forward ? "before" : "after");
      while (edge_events.step()) event_ids.insert(edge_events.column_int(0));
      next.reset();
      next.bind(1, current);
      std::vector<std::int64_t> found;
      while (next.step()) found.push_back(next.column_int(0));
      for (auto id : found) {
        if (!seen.insert(id).second) continue;
        if (auto v = version(id)) out.units.push_back({std::move(*v), depth + 1});
      }
    }
    for (auto id : event_ids) {
      if (auto e = event(id)) out.events.push_back(std::move(*e));
    }
    std::sort(out.events.begin(), out.events.end(), [](const Event& a, const Event& b) {
      return a.effective != b.effective ? a.effective < b.effective : a.id < b.id;
    });
    return out;
  }

  // ---- audit and health ---------------------------------------------------------------------

  std::vector<registry::AuditEntry> audit_log(std::size_t limit) override {
    auto rows =
        m_db.prepare("SELECT id, at, actor, action, subject, detail FROM registry_audit ORDER BY id DESC LIMIT ?");
    rows.bind(1, static_cast<std::int64_t>(limit));
    std::vector<registry::AuditEntry> out;
    while (rows.step()) {
      out.push_back({rows.column_int(0), rows.column_text(1), rows.column_text(2), rows.column_text(3),
                     rows.column_text(4), rows.column_text(5)});
    }
    return out;
  }

  RegistryCounts counts() override {
    RegistryCounts c;
    c.unit_versions = scalar("SELECT COUNT(*) FROM registry_unit");
    c.units_in_force = scalar("SELECT COUNT(*) FROM registry_unit WHERE valid_to IS NULL");
    c.events = scalar("SELECT COUNT(*) FROM registry_event");
    c.codes = scalar("SELECT COUNT(*) FROM registry_code");
    c.retired_codes = scalar("SELECT COUNT(*) FROM registry_code WHERE retired_on IS NOT NULL");
    c.snapshots = scalar("SELECT COUNT(*) FROM registry_snapshot");
    c.audit_entries = scalar("SELECT COUNT(*) FROM registry_audit");
    return c;
  }

  std::vector<std::string> check_integrity() override {
    std::vector<std::string> problems;
    auto check = m_db.prepare("PRAGMA integrity_check");
    while (check.step()) {
      const std::string line = check.column_text(0);
      if (line != "ok") problems.push_back("integrity_check: " + line);
    }
    auto fk = m_db.prepare("PRAGMA foreign_key_check");
    while (fk.step()) problems.push_back("foreign key broken in table " + fk.column_text(0));
    // Invariants the schema cannot state alone.
    const std::vector<std::pair<const char*, const char*>> k_invariants{
        {"events without any unit",
         "SELECT COUNT(*) FROM registry_event e WHERE NOT EXISTS"
         " (SELECT 1 FROM registry_event_unit eu WHERE eu.event_id = e.id)"},
        {"events without their audit entry",
         "SELECT COUNT(*) FROM registry_event e WHERE NOT EXISTS (SELECT 1 FROM registry_audit a"
         " WHERE a.action = 'record_event' AND a.subject = 'event ' || e.id)"},
        {"unit versions opened by an event that does not list them",
         "SELECT COUNT(*) FROM registry_unit u WHERE u.created_by IS NOT NULL AND NOT EXISTS (SELECT 1 FROM"
         " registry_event_unit eu WHERE eu.event_id = u.created_by AND eu.unit_id = u.id AND eu.role = 'after')"},
        {"unit versions closed by an event that does not list them",
         "SELECT COUNT(*) FROM registry_unit u WHERE u.ended_by IS NOT NULL AND NOT EXISTS (SELECT 1 FROM"
         " registry_event_unit eu WHERE eu.event_id = u.ended_by AND eu.unit_id = u.id AND eu.role = 'before')"},
        {"predecessors still in force",
         "SELECT COUNT(*) FROM registry_event_unit eu JOIN registry_unit u ON"
         " u.id = eu.unit_id WHERE eu.role = 'before' AND u.valid_to IS NULL"},
        {"retired codes in force",
         "SELECT COUNT(*) FROM registry_code c JOIN registry_unit u ON u.code = c.code"
         " WHERE c.retired_on IS NOT NULL AND u.valid_to IS NULL"},
        {"unit versions whose code is not registered",
         "SELECT COUNT(*) FROM registry_unit u WHERE NOT EXISTS (SELECT 1 FROM registry_code c WHERE c.code = u.code)"},
        {"codes registered but never used",
         "SELECT COUNT(*) FROM registry_code c WHERE NOT EXISTS (SELECT 1 FROM registry_unit u WHERE u.code = c.code)"},
        {"snapshots whose unit count is wrong",
         "SELECT COUNT(*) FROM registry_snapshot s WHERE s.unit_count <>"
         " (SELECT COUNT(*) FROM registry_snapshot_unit su WHERE su.snapshot_id = s.id)"},
    };
    for (const auto& [what, sql] : k_invariants) {
      if (const auto n = scalar(sql)) problems.push_back(std::to_string(n) + " " + what);
    }
    return problems;
  }

 private:
  // Inside the caller's transaction.
  void write_snapshot(const registry::Snapshot& snapshot, bool replace, const registry::WriteContext& who) {
    auto existing = m_db.prepare("SELECT id FROM registry_snapshot WHERE name = ?");
    existing.bind(1, snapshot.name);
    const std::optional<std::int64_t> existing_id =
        existing.step() ? std::optional(existing.column_int(0)) : std::nullopt;
    existing.reset();
    if (existing_id) {
      if (!replace) {
        throw InputError(
            ErrorCode::input_duplicate,
            "snapshot '" + snapshot.name + "' is already in the registry (import with --replace to overwrite)");
      }
      auto drop = m_db.prepare("DELETE FROM registry_snapshot WHERE id = ?");
      drop.bind(1, *existing_id).run();
    }
    auto head = m_db.prepare("INSERT INTO registry_snapshot(name, as_of, source, unit_count) VALUES (?, ?, ?, ?)");
    head.bind(1, snapshot.name).bind(2, snapshot.as_of.text()).bind(3, snapshot.source);
    head.bind(4, static_cast<std::int64_t>(snapshot.units.size())).run();
    const std::int64_t id = m_db.last_insert_id();
    auto insert = m_db.prepare(
        "INSERT INTO registry_snapshot_unit(snapshot_id, code, name, level, parent_code, population, area_km2, "
        "geometry) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    for (const auto& u : snapshot.units) {
      require_one_line_name(u.code, u.name);
      insert.reset();
      insert.bind(1, id).bind(2, u.code).bind(3, u.name).bind(4, static_cast<int>(u.level)).bind(5, u.parent_code);
      insert.bind(6, u.population).bind(7, u.area_km2);
      if (u.geometry.empty()) {
        insert.bind_null(8);
      } else {
        insert.bind(8, to_wkb_hex(u.geometry));
      }
      insert.run();
    }
    audit(who, "import_snapshot", snapshot.name,
          nlohmann::json{{"as_of", snapshot.as_of.text()},
                         {"source", snapshot.source},
                         {"units", snapshot.units.size()},
                         {"replaced", replace},
                         {"command", who.command}});
  }

  // Inside the caller's transaction.
  void write_seed(const std::vector<registry::UnitDraft>& units, const Date& valid_from,
                  const registry::WriteContext& who, const std::optional<std::string>& scope) {
    if (scope) {
      auto add = m_db.prepare("INSERT OR IGNORE INTO registry_scope(code) VALUES (?)");
      add.bind(1, *scope).run();
    }
    auto& known = statements().code_state;
    auto& insert_code = statements().new_code;
    for (const auto& u : units) {
      known.reset();
      known.bind(1, u.code);
      const bool exists = known.step();
      known.reset();
      if (exists) {
        throw InputError(ErrorCode::input_duplicate, "code " + registry::display_code(u.code) + " (" + u.name +
                                                         ") is already in the registry; seed only new units");
      }
      insert_version(u, valid_from, std::nullopt);
      insert_code.reset();
      insert_code.bind(1, u.code).bind(2, valid_from.text()).run();
    }
    audit(who, "seed", std::to_string(units.size()) + " units",
          nlohmann::json{{"valid_from", valid_from.text()},
                         {"units", units.size()},
                         {"scope", scope ? nlohmann::json(registry::display_code(*scope)) : nlohmann::json()},
                         {"command", who.command}});
  }

  std::int64_t scalar(const std::string& sql) {
    auto s = m_db.prepare(sql);
    s.step();
    return s.column_int(0);
  }

  static registry::CodeStatus read_code(const Statement& s) {
    registry::CodeStatus c;
    c.code = s.column_text(0);
    c.first_valid_from = Date::parse(s.column_text(1));
    if (!s.is_null(2)) c.retired_on = Date::parse(s.column_text(2));
    c.retired_by = optional_int(s, 3);
    return c;
  }

  WriteStatements& statements() {
    if (!m_statements) m_statements = std::make_unique<WriteStatements>(m_db);
    return *m_statements;
  }

  std::int64_t insert_version(const registry::UnitDraft& u, const Date& valid_from, std::optional<std::int64_t> event) {
    require_one_line_name(u.code, u.name);
    auto& insert = statements().insert_unit;
    insert.reset();
    insert.bind(1, u.code).bind(2, u.name).bind(3, static_cast<int>(model::level_of_code(u.code)));
    insert.bind(4, model::type_name(u.type)).bind(5, u.parent_code).bind(6, valid_from.text());
    insert.bind(7, u.population).bind(8, u.area_km2).bind(9, u.seat);
    insert.bind(10, u.seat_point ? std::optional<double>(u.seat_point->x) : std::nullopt);
    insert.bind(11, u.seat_point ? std::optional<double>(u.seat_point->y) : std::nullopt);
    if (u.geometry.empty()) {
      insert.bind_null(12);
    } else {
      insert.bind(12, to_wkb_hex(u.geometry));
    }
    if (event) {
      insert.bind(13, *event);
    } else {
      insert.bind_null(13);
    }
    insert.run();
    return m_db.last_insert_id();
  }

  [[noreturn]] static void refuse(const std::string& message) { throw InputError(ErrorCode::input_value, message); }

  // Names are printed one per line, in tables and CSV: a control character (a newline ...) is refused.
  static void require_one_line_name(const std::string& code, const std::string& name) {
    if (const auto control = util::first_control_character(name); !control.empty()) {
      refuse("the name of code " + registry::display_code(code) + " holds a control character (" + control +
             "); a division name is one line of text");
    }
  }

  // Writes one event inside the caller's transaction (see record_events for the rules).
  std::int64_t write_event(const registry::EventDraft& draft, const registry::WriteContext& who) {
    if (draft.effective.empty()) refuse("an event needs an effective date");
    if (draft.before.empty() && draft.after.empty()) refuse("an event needs units before or after");
    const std::string label =
        std::string(registry::event_type_name(draft.type)) + " effective " + draft.effective.text();

    // Predecessors: in force, opened before the effective date.
    WriteStatements& st = statements();
    std::vector<UnitVersion> before;
    auto& open = st.open;
    for (const auto& code : draft.before) {
      open.reset();
      open.bind(1, code);
      if (!open.step()) refuse(label + ": no unit with code " + registry::display_code(code) + " is in force");
      before.push_back(read_unit(open));
      open.reset();
      if (!(before.back().valid_from < draft.effective)) {
        refuse(label + ": unit " + registry::display_code(code) + " (" + before.back().name +
               ") is in force only from " + before.back().valid_from.text() + "; an event must come after it");
      }
    }
    std::set<std::string> before_codes(draft.before.begin(), draft.before.end());
    if (before_codes.size() != draft.before.size()) refuse(label + ": a unit is listed twice before the event");

    auto& ins = st.insert_event;
    ins.reset();
    ins.bind(1, registry::event_type_name(draft.type)).bind(2, draft.effective.text()).bind(3, draft.document);
    ins.bind(4, draft.note).bind(5, registry::event_source_name(draft.source)).bind(6, draft.confidence);
    ins.bind(7, who.actor).run();
    const std::int64_t event_id = m_db.last_insert_id();

    auto& close = st.close;
    auto& member = st.member;
    for (std::size_t i = 0; i < before.size(); ++i) {
      close.reset();
      close.bind(1, draft.effective.text()).bind(2, event_id).bind(3, before[i].id).run();
      if (m_db.changes() != 1)
        refuse(label + ": unit " + registry::display_code(before[i].code) + " was closed meanwhile");
      member.reset();
      member.bind(1, event_id).bind(2, before[i].id).bind(3, "before").bind(4, static_cast<std::int64_t>(i)).run();
    }

    // Successors: a code is new, or carried on from a predecessor of this very event.
    auto& status = st.code_state;
    auto& new_code = st.new_code;
    std::vector<std::int64_t> after_ids;
    std::set<std::string> after_codes;
    for (std::size_t i = 0; i < draft.after.size(); ++i) {
      const auto& u = draft.after[i];
      if (model::level_of_code(u.code) == model::UnitLevel::unknown) {
        refuse(label + ": '" + u.code + "' is not a complete 12-digit division code");
      }
      if (!after_codes.insert(u.code).second)
        refuse(label + ": code " + registry::display_code(u.code) + " is given twice");
      status.reset();
      status.bind(1, u.code);
      const bool known = status.step();
      const std::optional<std::string> retired_on = known ? status.column_optional_text(0) : std::nullopt;
      status.reset();
      if (known) {
        if (retired_on) {
          refuse(label + ": code " + registry::display_code(u.code) + " was retired on " + *retired_on +
                 " and is never used again");
        }
        if (!before_codes.count(u.code)) {
          refuse(label + ": code " + registry::display_code(u.code) + " belongs to another unit in force");
        }
      } else {
        new_code.reset();
        new_code.bind(1, u.code).bind(2, draft.effective.text()).run();
      }
      after_ids.push_back(insert_version(u, draft.effective, event_id));
      member.reset();
      member.bind(1, event_id).bind(2, after_ids.back()).bind(3, "after").bind(4, static_cast<std::int64_t>(i)).run();
    }

    auto& link = st.link;
    for (const auto& l : draft.links) {
      if (l.before_index >= before.size() || l.after_index >= after_ids.size()) {
        refuse(label + ": a link names a unit the event does not have");
      }
      link.reset();
      link.bind(1, event_id).bind(2, before[l.before_index].id).bind(3, after_ids[l.after_index]);
      link.bind(4, l.population_share).bind(5, registry::weight_basis_name(l.population_basis));
      link.bind(6, l.area_share).bind(7, registry::weight_basis_name(l.area_basis)).run();
    }

    // Codes that do not carry on are retired for good.
    auto& retire = st.retire;
    nlohmann::json retired = nlohmann::json::array();
    for (const auto& code : draft.before) {
      if (after_codes.count(code)) continue;
      retire.reset();
      retire.bind(1, draft.effective.text()).bind(2, event_id).bind(3, code).run();
      retired.push_back(registry::display_code(code));
    }

    nlohmann::json before_json = nlohmann::json::array(), after_json = nlohmann::json::array();
    for (const auto& b : before) before_json.push_back({{"code", registry::display_code(b.code)}, {"name", b.name}});
    for (const auto& a : draft.after)
      after_json.push_back({{"code", registry::display_code(a.code)}, {"name", a.name}});
    audit(who, "record_event", "event " + std::to_string(event_id),
          nlohmann::json{{"type", registry::event_type_name(draft.type)},
                         {"effective", draft.effective.text()},
                         {"document", draft.document},
                         {"source", registry::event_source_name(draft.source)},
                         {"before", before_json},
                         {"after", after_json},
                         {"retired_codes", retired},
                         {"command", who.command}});
    return event_id;
  }

  void audit(const registry::WriteContext& who, const std::string& action, const std::string& subject,
             const nlohmann::json& detail) {
    auto& insert = statements().audit;
    insert.reset();
    insert.bind(1, who.actor.empty() ? std::string("unknown") : who.actor).bind(2, action).bind(3, subject);
    insert.bind(4, detail.dump()).run();
  }

  // Loads events matching `condition` (on alias e, text parameters ?1, ?2 ...) with units and links.
  std::vector<Event> load_events(const std::string& condition, const std::vector<std::string>& params) {
    auto bind_all = [&params](Statement& s) {
      for (std::size_t i = 0; i < params.size(); ++i) s.bind(static_cast<int>(i + 1), params[i]);
    };
    std::vector<Event> out;
    std::unordered_map<std::int64_t, std::size_t> index;
    auto heads = m_db.prepare(
        "SELECT e.id, e.type, e.effective, e.document, e.note, e.source, e.confidence, e.recorded_at, e.recorded_by"
        " FROM registry_event e WHERE " +
        condition + " ORDER BY e.effective, e.id");
    bind_all(heads);
    while (heads.step()) {
      Event e;
      e.id = heads.column_int(0);
      e.type = registry::parse_event_type(heads.column_text(1)).value_or(registry::EventType::renamed);
      e.effective = Date::parse(heads.column_text(2));
      e.document = heads.column_text(3);
      e.note = heads.column_text(4);
      e.source = registry::parse_event_source(heads.column_text(5)).value_or(registry::EventSource::manual);
      e.confidence = heads.column_optional_double(6);
      e.recorded_at = heads.column_text(7);
      e.recorded_by = heads.column_text(8);
      index.emplace(e.id, out.size());
      out.push_back(std::move(e));
    }
    if (out.empty()) return out;
    auto members = m_db.prepare(
        "SELECT eu.event_id, eu.unit_id, eu.role FROM registry_event_unit eu JOIN registry_event e ON e.id = "
        "eu.event_id"
        " WHERE " +
        condition + " ORDER BY eu.event_id, eu.role, eu.position");
    bind_all(members);
    while (members.step()) {
      auto& e = out[index.at(members.column_int(0))];
      (members.column_text(2) == "before" ? e.before_units : e.after_units).push_back(members.column_int(1));
    }
    auto links = m_db.prepare(
        "SELECT l.event_id, l.from_unit, l.to_unit, l.population_share, l.population_basis, l.area_share, l.area_basis"
        " FROM registry_event_link l JOIN registry_event e ON e.id = l.event_id WHERE " +
        condition + " ORDER BY l.event_id, l.from_unit, l.to_unit");
    bind_all(links);
    while (links.step()) {
      registry::EventLink l;
      l.from_unit = links.column_int(1);
      l.to_unit = links.column_int(2);
      l.population_share = links.column_double(3);
      l.population_basis = registry::parse_weight_basis(links.column_text(4)).value_or(registry::WeightBasis::equal);
      l.area_share = links.column_double(5);
      l.area_basis = registry::parse_weight_basis(links.column_text(6)).value_or(registry::WeightBasis::equal);
      out[index.at(links.column_int(0))].links.push_back(l);
    }
    return out;
  }

  Database m_db;
  std::unique_ptr<WriteStatements> m_statements;  // after m_db: finalized before the connection closes
};

}  // namespace

std::unique_ptr<RegistryStore> open_sqlite_registry(const std::string& path, OpenMode mode) {
  return std::make_unique<SqliteRegistryStore>(path, mode);
}

}  // namespace quhua::storage
