#include "quhua/storage/database.hpp"

#include "support/test_support.hpp"

#include "quhua/util/error.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace quhua::storage {

const std::vector<Migration> k_migrations{
    {1, "create t", "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"},
    {2, "add v", "ALTER TABLE t ADD COLUMN v REAL"},
};

TEST(Database, MigratesOnceAndRecordsVersion) {
  test::TempDir dir;
  const auto path = (dir / "q.sqlite").string();
  {
    Database db(path);
    db.migrate("demo", k_migrations);
    EXPECT_EQ(db.schema_version("demo"), 2);
    db.migrate("demo", k_migrations);  // idempotent
    EXPECT_EQ(db.schema_version("demo"), 2);
    EXPECT_EQ(db.schema_version("other"), 0);
  }
  Database again(path);
  EXPECT_EQ(again.schema_version("demo"), 2);
}

TEST(Database, RefusesSchemaNewerThanKnown) {
  Database db(":memory:");
  db.migrate("demo", k_migrations);
  EXPECT_THROW(db.migrate("demo", {k_migrations[0]}), StorageError);
}

TEST(Database, TransactionRollsBackUnlessCommitted) {
  Database db(":memory:");
  db.migrate("demo", k_migrations);
  {
    Transaction tx(db);
    db.prepare("INSERT INTO t(name) VALUES ('kept')").run();
    tx.commit();
  }
  {
    Transaction tx(db);
    db.prepare("INSERT INTO t(name) VALUES ('lost')").run();
  }
  auto count = db.prepare("SELECT COUNT(*), MIN(name) FROM t");
  ASSERT_TRUE(count.step());
  EXPECT_EQ(count.column_int(0), 1);
  EXPECT_EQ(count.column_text(1), "kept");
}

TEST(Database, ErrorsCarrySqliteMessage) {
  Database db(":memory:");
  try {
    db.execute("INSERT INTO missing VALUES (1)");
    FAIL();
  } catch (const StorageError& e) {
    EXPECT_NE(std::string(e.what()).find("no such table"), std::string::npos);
  }
  EXPECT_THROW(Database("/nonexistent-dir/x/y.sqlite"), StorageError);
}

TEST(Database, BindsOptionalsAsNull) {
  Database db(":memory:");
  db.migrate("demo", k_migrations);
  auto insert = db.prepare("INSERT INTO t(name, v) VALUES (?, ?)");
  insert.bind(1, "a").bind(2, std::optional<double>{}).run();
  auto read = db.prepare("SELECT v FROM t");
  ASSERT_TRUE(read.step());
  EXPECT_FALSE(read.column_optional_double(0));
}

namespace fs = std::filesystem;

// A demo database with one row, closed cleanly (its -wal and -shm files gone).
void write_demo(const std::string& path) {
  Database db(path);
  db.migrate("demo", k_migrations);
  db.prepare("INSERT INTO t(name) VALUES ('kept')").run();
}

std::int64_t rows_of_t(Database& db) {
  auto count = db.prepare("SELECT COUNT(*) FROM t");
  count.step();
  return count.column_int(0);
}

// Runs `body` where the folder's permissions hold: as root (who ignores them) in a child process
// that drops to user nobody. The child's exit status: 0 passed, 1 failed, 77 could not drop.
int run_unprivileged(const std::function<bool()>& body) {
  if (::geteuid() != 0) return body() ? 0 : 1;
  const pid_t pid = ::fork();
  if (pid == 0) {
    if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(77);
    bool ok = false;
    try {
      ok = body();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "%s\n", e.what());
    }
    ::_exit(ok ? 0 : 1);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

// A folder "ro" inside `dir` that user nobody can reach (the temporary folder is made searchable).
fs::path folder_for_nobody(const test::TempDir& dir) {
  fs::permissions(dir.path(), fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                  fs::perms::others_read | fs::perms::others_exec);
  const auto folder = dir / "ro";
  fs::create_directory(folder);
  return folder;
}

// Runs `body` unprivileged with `folder` read-only (restored afterwards); see run_unprivileged.
int run_in_read_only_folder(const fs::path& folder, const std::function<bool()>& body) {
  ::chmod(folder.c_str(), 0555);
  const int status = run_unprivileged(body);
  ::chmod(folder.c_str(), 0755);
  return status;
}

TEST(DatabaseReadOnly, RefusesAMissingFileWithoutCreatingIt) {
  test::TempDir dir;
  const auto path = (dir / "typo.sqlite").string();
  try {
    Database db(path, OpenMode::read_only);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::input_missing);
    EXPECT_EQ(e.context().file, path);
  }
  EXPECT_FALSE(fs::exists(path));
  EXPECT_THROW(Database(path, OpenMode::existing), InputError);
  EXPECT_FALSE(fs::exists(path));
}

TEST(DatabaseReadOnly, RefusesAFileWithoutQuhuasSchemaAndLeavesItAsItWas) {
  test::TempDir dir;
  // Another program's SQLite file (as a GeoPackage is): empty here, which SQLite reads as a database.
  const auto foreign = (dir / "county.gpkg").string();
  test::write_file(foreign, "");
  for (const auto mode : {OpenMode::read_only, OpenMode::existing}) {
    try {
      Database db(foreign, mode);
      FAIL();
    } catch (const InputError& e) {
      EXPECT_EQ(e.code(), ErrorCode::input_format);
      EXPECT_EQ(e.context().file, foreign);
      EXPECT_NE(std::string(e.what()).find("not a quhua database"), std::string::npos) << e.what();
    }
  }
  EXPECT_EQ(fs::file_size(foreign), 0u);
  EXPECT_FALSE(fs::exists(foreign + "-wal"));
  // Text that is no database at all.
  const auto text = (dir / "notes.txt").string();
  test::write_file(text, "not a database, just some text that is long enough to have a header......");
  try {
    Database db(text, OpenMode::read_only);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::input_format);
  }
  // A quhua database without the module asked for.
  const auto other = (dir / "other.sqlite").string();
  write_demo(other);
  Database db(other, OpenMode::read_only);
  EXPECT_THROW(db.migrate("registry", {k_migrations[0]}), InputError);
}

TEST(DatabaseReadOnly, ReadsWithoutWritingAndRefusesToMigrate) {
  test::TempDir dir;
  const auto path = (dir / "q.sqlite").string();
  {
    Database db(path);
    db.migrate("demo", {k_migrations[0]});
    db.prepare("INSERT INTO t(name) VALUES ('kept')").run();
  }
  Database db(path, OpenMode::read_only);
  EXPECT_THROW(db.migrate("demo", k_migrations), StorageError);  // version 2 would have to be written
  db.migrate("demo", {k_migrations[0]});                         // current: only checked
  EXPECT_EQ(rows_of_t(db), 1);
  EXPECT_THROW(db.execute("INSERT INTO t(name) VALUES ('no')"), StorageError);
}

TEST(DatabaseReadOnly, ReadsARegistryInAReadOnlyFolder) {
  test::TempDir dir;
  const auto folder = folder_for_nobody(dir);
  const auto path = (folder / "q.sqlite").string();
  write_demo(path);
  ASSERT_FALSE(fs::exists(path + "-wal"));
  ::chmod(path.c_str(), 0444);
  const int status = run_in_read_only_folder(folder, [&] {
    Database db(path, OpenMode::read_only);
    db.migrate("demo", k_migrations);
    return rows_of_t(db) == 1 && !fs::exists(path + "-shm");
  });
  if (status == 77) GTEST_SKIP() << "cannot drop root to user nobody for a read-only folder";
  EXPECT_EQ(status, 0);
}

TEST(DatabaseReadOnly, RefusesAPendingLogItCannotReadWithAClearMessage) {
  test::TempDir dir;
  const auto folder = folder_for_nobody(dir);
  const auto path = (folder / "q.sqlite").string();
  {
    // Copied while a writer holds it open: the last row is only in the -wal file.
    const auto live = (dir / "live.sqlite").string();
    Database db(live);
    db.migrate("demo", k_migrations);
    db.prepare("INSERT INTO t(name) VALUES ('in the log')").run();
    fs::copy_file(live, path);
    fs::copy_file(live + "-wal", path + "-wal");
  }
  const int status = run_in_read_only_folder(folder, [&] {
    try {
      Database db(path, OpenMode::read_only);
      return false;
    } catch (const StorageError& e) {
      const std::string what = e.what();
      return what.find(path) != std::string::npos && what.find("-wal") != std::string::npos;
    }
  });
  if (status == 77) GTEST_SKIP() << "cannot drop root to user nobody for a read-only folder";
  EXPECT_EQ(status, 0);
}

}  // namespace quhua::storage
