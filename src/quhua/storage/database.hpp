// Database: the one home of sqlite3.h. RAII owners for the connection and statements, a transaction
// guard that rolls back unless committed, and per-module schema migrations recorded in a version table.
// Other storage/ files (registry, key towns, plans) build on this; nothing outside storage/ sees SQLite.
// A command that only reads opens with OpenMode::read_only: the file is never written (no WAL switch,
// no schema), and a missing file or one that is not quhua's is refused naming the file.
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

/// How a database file is opened.
enum class OpenMode {
  create,    ///< read-write, created when absent (init, and writers that start a store)
  existing,  ///< read-write; the file must exist and already be a quhua database (schema_version table)
  /// Never written: SQLite's read-only mode, or `immutable` when the folder is read-only and no
  /// write-ahead log is pending. The file must exist and be a quhua database; migrate() only checks
  /// that the module's schema is there and current.
  read_only,
};

class Database {
 public:
  /// Opens a database file, or ":memory:". Writable modes turn on WAL (for files); every mode sets
  /// foreign keys and a busy timeout. Throws InputError(input_missing) naming the file when `existing`
  /// or `read_only` finds no file, InputError(input_format) when the file is not a quhua database, and
  /// StorageError naming the file when SQLite cannot open or read it.
  explicit Database(const std::string& path, OpenMode mode = OpenMode::create);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  /// Runs one or more statements without results. Throws StorageError with SQLite's message.
  void execute(std::string_view sql);
  Statement prepare(std::string_view sql) { return Statement(*this, sql); }

  /// Applies the migrations of `module` newer than its recorded version, each in its own
  /// transaction, recording each in schema_version. Idempotent. Refuses a database whose module
  /// version is newer than this program knows (opened by a newer quhua). Opened `existing` or
  /// `read_only`, refuses (InputError input_format) a database without the module; `read_only` also
  /// refuses (StorageError) one that needs a migration, since it cannot write it.
  void migrate(std::string_view module, const std::vector<Migration>& migrations);
  /// The module's schema version, 0 when never migrated.
  int schema_version(std::string_view module);

  std::int64_t last_insert_id() const;
  int changes() const;
  const std::string& path() const noexcept { return m_path; }
  OpenMode mode() const noexcept { return m_mode; }
  sqlite3* handle() const noexcept { return m_db; }
  /// Throws StorageError with the connection's last error message and `what`.
  [[noreturn]] void fail(std::string_view what) const;

 private:
  /// The constructor's work: opens m_path in m_mode and checks what the mode requires.
  void open_checked();
  void open(const std::string& filename, int flags);
  void open_read_only();
  /// Reads the schema; SQLite's result code (SQLITE_OK when the file is a readable database).
  int probe();
  bool has_table(std::string_view name);

  sqlite3* m_db = nullptr;
  std::string m_path;
  OpenMode m_mode = OpenMode::create;
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
