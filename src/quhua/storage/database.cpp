#include "quhua/storage/database.hpp"

#include <sqlite3.h>

#include <algorithm>

#include "quhua/util/error.hpp"

namespace quhua::storage {

// ---- Statement ---------------------------------------------------------------------------------

Statement::Statement(Database& db, std::string_view sql) : m_db(&db), m_sql(sql) {
  if (sqlite3_prepare_v2(db.handle(), m_sql.c_str(), static_cast<int>(m_sql.size()), &m_stmt, nullptr) != SQLITE_OK) {
    db.fail("cannot prepare: " + m_sql);
  }
}

Statement::~Statement() { sqlite3_finalize(m_stmt); }

Statement::Statement(Statement&& other) noexcept
    : m_db(other.m_db), m_stmt(other.m_stmt), m_sql(std::move(other.m_sql)) {
  other.m_stmt = nullptr;
}

Statement& Statement::bind(int index, std::int64_t value) {
  if (sqlite3_bind_int64(m_stmt, index, value) != SQLITE_OK) m_db->fail("bind");
  return *this;
}

Statement& Statement::bind(int index, double value) {
  if (sqlite3_bind_double(m_stmt, index, value) != SQLITE_OK) m_db->fail("bind");
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  if (sqlite3_bind_text(m_stmt, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT) != SQLITE_OK) {
    m_db->fail("bind");
  }
  return *this;
}

Statement& Statement::bind_null(int index) {
  if (sqlite3_bind_null(m_stmt, index) != SQLITE_OK) m_db->fail("bind");
  return *this;
}

Statement& Statement::bind(int index, const std::optional<double>& value) {
  return value ? bind(index, *value) : bind_null(index);
}

Statement& Statement::bind(int index, const std::optional<std::string>& value) {
  return value ? bind(index, std::string_view(*value)) : bind_null(index);
}

bool Statement::step() {
  const int rc = sqlite3_step(m_stmt);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  m_db->fail("step: " + m_sql);
}

void Statement::run() {
  while (step()) {
  }
}

void Statement::reset() {
  sqlite3_reset(m_stmt);
  sqlite3_clear_bindings(m_stmt);
}

int Statement::column_count() const { return sqlite3_column_count(m_stmt); }
bool Statement::is_null(int column) const { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }
std::int64_t Statement::column_int(int column) const { return sqlite3_column_int64(m_stmt, column); }
double Statement::column_double(int column) const { return sqlite3_column_double(m_stmt, column); }

std::string Statement::column_text(int column) const {
  const auto* text = sqlite3_column_text(m_stmt, column);
  if (!text) return {};
  return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column)));
}

std::optional<double> Statement::column_optional_double(int column) const {
  if (is_null(column)) return std::nullopt;
  return column_double(column);
}

std::optional<std::string> Statement::column_optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return column_text(column);
}

// ---- Database ----------------------------------------------------------------------------------

Database::Database(const std::string& path) : m_path(path) {
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX;
  if (sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr) != SQLITE_OK) {
    std::string message = m_db ? sqlite3_errmsg(m_db) : "out of memory";
    sqlite3_close(m_db);
    m_db = nullptr;
    throw StorageError("cannot open database: " + message, ErrorContext{path, "", "", ""});
  }
  sqlite3_busy_timeout(m_db, 5000);
  execute("PRAGMA foreign_keys = ON");
  if (path != ":memory:" && !path.empty()) {
    execute("PRAGMA journal_mode = WAL");
    execute("PRAGMA synchronous = NORMAL");
  }
  execute(
      "CREATE TABLE IF NOT EXISTS schema_version ("
      " module TEXT NOT NULL, version INTEGER NOT NULL, description TEXT NOT NULL,"
      " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),"
      " PRIMARY KEY (module, version))");
}

Database::~Database() { sqlite3_close(m_db); }

void Database::execute(std::string_view sql) {
  char* error = nullptr;
  const std::string text(sql);
  if (sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    throw StorageError(message + " (in: " + text.substr(0, 120) + ")", ErrorContext{m_path, "", "", ""});
  }
}

int Database::schema_version(std::string_view module) {
  auto stmt = prepare("SELECT COALESCE(MAX(version), 0) FROM schema_version WHERE module = ?");
  stmt.bind(1, module);
  stmt.step();
  return static_cast<int>(stmt.column_int(0));
}

void Database::migrate(std::string_view module, const std::vector<Migration>& migrations) {
  const int current = schema_version(module);
  int newest_known = 0;
  for (const auto& m : migrations) newest_known = std::max(newest_known, m.version);
  if (current > newest_known) {
    throw StorageError("database schema for '" + std::string(module) + "' is version " + std::to_string(current) +
                           ", newer than this quhua knows (" + std::to_string(newest_known) + "); upgrade quhua",
                       ErrorContext{m_path, "", "", ""});
  }
  for (const auto& m : migrations) {
    if (m.version <= current) continue;
    Transaction tx(*this);
    execute(m.sql);
    auto record = prepare("INSERT INTO schema_version(module, version, description) VALUES (?, ?, ?)");
    record.bind(1, module).bind(2, m.version).bind(3, m.description);
    record.run();
    tx.commit();
  }
}

std::int64_t Database::last_insert_id() const { return sqlite3_last_insert_rowid(m_db); }
int Database::changes() const { return sqlite3_changes(m_db); }

void Database::fail(std::string_view what) const {
  throw StorageError(std::string(what) + ": " + sqlite3_errmsg(m_db), ErrorContext{m_path, "", "", ""});
}

// ---- Transaction -------------------------------------------------------------------------------

Transaction::Transaction(Database& db) : m_db(db) { m_db.execute("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
  if (!m_done) {
    try {
      m_db.execute("ROLLBACK");
    } catch (...) {
      // A failed rollback leaves SQLite to roll back when the connection closes; never throw here.
    }
  }
}

void Transaction::commit() {
  m_db.execute("COMMIT");
  m_done = true;
}

}  // namespace quhua::storage
