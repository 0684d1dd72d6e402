#include "quhua/storage/database.hpp"

#include "quhua/util/error.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <filesystem>

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

namespace {

bool in_memory(const std::string& path) { return path.empty() || path == ":memory:"; }

// A "file:" URI for SQLITE_OPEN_URI: '%', '?', '#' and control bytes escaped; an absolute path gets an
// empty authority so that "//x" stays a path.
std::string file_uri(const std::string& path, std::string_view query) {
  static const char* const k_hex = "0123456789ABCDEF";
  std::string out = !path.empty() && path.front() == '/' ? "file://" : "file:";
  for (const unsigned char c : path) {
    if (c == '%' || c == '?' || c == '#' || c < 0x20) {
      out += '%';
      out += k_hex[c >> 4];
      out += k_hex[c & 0xF];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "?" + std::string(query);
}

// Bytes waiting in a rollback journal or write-ahead log beside `path` (0 when there is none).
std::uintmax_t pending_log_bytes(const std::string& path) {
  std::uintmax_t total = 0;
  for (const char* suffix : {"-wal", "-journal"}) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path + suffix, ec);
    if (!ec) total += size;
  }
  return total;
}

}  // namespace

Database::Database(const std::string& path, OpenMode mode) : m_path(path), m_mode(mode) {
  try {
    open_checked();
  } catch (...) {
    sqlite3_close(m_db);  // the destructor does not run for a constructor that throws
    m_db = nullptr;
    throw;
  }
}

void Database::open_checked() {
  const std::string& path = m_path;
  const OpenMode mode = m_mode;
  const ErrorContext where{path, "", "", ""};
  const bool memory = in_memory(path);
  if (mode != OpenMode::create && !memory) {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (!std::filesystem::exists(status)) throw InputError(ErrorCode::input_missing, "no database file here", where);
    if (std::filesystem::is_directory(status)) {
      throw InputError(ErrorCode::input_format, "a folder, not a database file", where);
    }
  }
  if (mode == OpenMode::read_only && !memory) {
    open_read_only();
  } else {
    open(path, SQLITE_OPEN_READWRITE | (mode == OpenMode::create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_FULLMUTEX);
  }
  if (mode != OpenMode::create) {
    const int rc = probe() & 0xFF;
    if (rc == SQLITE_NOTADB) {
      throw InputError(ErrorCode::input_format, "not a SQLite database (is it the right file?)", where);
    }
    if (rc == SQLITE_CANTOPEN || rc == SQLITE_READONLY) {
      throw StorageError(std::string("cannot open the database for writing: ") + sqlite3_errmsg(m_db) +
                             " (is the file or its folder read-only?)",
                         where);
    }
    if (!has_table("schema_version")) {
      throw InputError(ErrorCode::input_format,
                       "not a quhua database: it has no schema_version table (another program's SQLite file, such "
                       "as a GeoPackage?)",
                       where);
    }
  }
  execute("PRAGMA foreign_keys = ON");
  if (mode == OpenMode::read_only) return;
  if (!memory) {
    execute("PRAGMA journal_mode = WAL");
    execute("PRAGMA synchronous = NORMAL");
  }
  execute(
      "CREATE TABLE IF NOT EXISTS schema_version ("
      " module TEXT NOT NULL, version INTEGER NOT NULL, description TEXT NOT NULL,"
      " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),"
      " PRIMARY KEY (module, version))");
}

void Database::open(const std::string& filename, int flags) {
  sqlite3_close(m_db);
  m_db = nullptr;
  if (sqlite3_open_v2(filename.c_str(), &m_db, flags, nullptr) != SQLITE_OK) {
    std::string message = m_db ? sqlite3_errmsg(m_db) : "out of memory";
    sqlite3_close(m_db);
    m_db = nullptr;
    throw StorageError("cannot open database: " + message, ErrorContext{m_path, "", "", ""});
  }
  sqlite3_busy_timeout(m_db, 5000);
}

int Database::probe() { return sqlite3_exec(m_db, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr); }

// SQLite's read-only mode still needs the -shm file of a WAL database, which it cannot create in a
// read-only folder. There, with no log pending, the file alone is the whole database and is opened
// immutable; a pending log cannot be read without write access, and is refused rather than ignored.
void Database::open_read_only() {
  const int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_FULLMUTEX;
  open(file_uri(m_path, "mode=ro"), flags);
  const int rc = probe() & 0xFF;
  if (rc != SQLITE_CANTOPEN && rc != SQLITE_READONLY) return;  // read, or an error the checks below report
  const std::string message = sqlite3_errmsg(m_db);
  if (pending_log_bytes(m_path) > 0) {
    throw StorageError("cannot read the database: its journal (" + m_path +
                           "-wal or -journal) holds changes that SQLite can only apply with write access to the "
                           "folder (" +
                           message + "); open it once where the folder is writable, or copy it with that file",
                       ErrorContext{m_path, "", "", ""});
  }
  open(file_uri(m_path, "immutable=1"), flags);
  const int again = probe() & 0xFF;
  if (again != SQLITE_OK && again != SQLITE_NOTADB) fail("cannot read the database");
}

bool Database::has_table(std::string_view name) {
  auto s = prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
  s.bind(1, name);
  return s.step();
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
  if (!has_table("schema_version")) return 0;
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
  if (m_mode != OpenMode::create && current == 0) {
    throw InputError(ErrorCode::input_format,
                     "this quhua database holds no '" + std::string(module) + "' data (is it the right file?)",
                     ErrorContext{m_path, "", "", ""});
  }
  if (m_mode == OpenMode::read_only && current < newest_known) {
    throw StorageError("database schema for '" + std::string(module) + "' is version " + std::to_string(current) +
                           " and needs an upgrade to " + std::to_string(newest_known) +
                           ", which a command that only reads does not write; run a writing command first",
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
