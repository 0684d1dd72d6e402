// Database: the one home of sqlite3.h. RAII owners for the connection and statements, a transaction
// guard that rolls back unless committed, and per-module schema migrations recorded in a version table.
// Other storage/ files (registry, key towns, plans) build on this; nothing outside storage/ sees SQLite.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace quhua::storage {

class Database;

/// A prepared statement. Bind parameters are 1-based as in SQLite.
class Statement {
 public:
  Statement(Database& db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
  Statement& bind_null(int index);
  /// Binds value or NULL.
  Statement& bind(int index, const std::optional<double>& value);
  Statement& bind(int index, const std::optional<std::string>& value);

  /// Advances; true while a row is available.
  bool step();
  /// Runs to completion (for INSERT/UPDATE/DELETE).
  void run();
  void reset();

  int column_count() const;
  bool is_null(int column) const;
  std::int64_t column_int(int column) const;
  double column_double(int column) const;
  std::string column_text(int column) const;
  std::optional<double> column_optional_double(int column) const;
  std::optional<std::string> column_optional_text(int column) const;

 private:
  Database* m_db;
  sqlite3_stmt* m_stmt = nullptr;
  std::string m_sql;
};

/// One schema change of one module: applied once, in order of `version`, inside a transaction.
struct Migration {
  int version;
  std::string description;
  std::string sql;  ///< one or more statements
};

class Database {
 public:
  /// Opens (creating when absent) a database file, or ":memory:". Turns on WAL (for files), foreign
  /// keys and a busy timeout. Throws StorageError naming the file when it cannot be opened.
  explicit Database(const std::string& path);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  /// Runs one or more statements without results. Throws StorageError with SQLite's message.
  void execute(std::string_view sql);
  Statement prepare(std::string_view sql) { return Statement(*this, sql); }

  /// Applies the migrations of `module` newer than its recorded version, each in its own
  /// transaction, recording each in schema_version. Idempotent. Refuses a database whose module
  /// version is newer than this program knows (opened by a newer quhua).
  void migrate(std::string_view module, const std::vector<Migration>& migrations);
  /// The module's schema version, 0 when never migrated.
  int schema_version(std::string_view module);

  std::int64_t last_insert_id() const;
  int changes() const;
  const std::string& path() const noexcept { return m_path; }
  sqlite3* handle() const noexcept { return m_db; }
  /// Throws StorageError with the connection's last error message and `what`.
  [[noreturn]] void fail(std::string_view what) const;

 private:
  sqlite3* m_db = nullptr;
  std::string m_path;
};

/// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless commit() was called.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& m_db;
  bool m_done = false;
};

}  // namespace quhua::storage
