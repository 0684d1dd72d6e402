#include "quhua/storage/database.hpp"

#include <gtest/gtest.h>

#include "quhua/util/error.hpp"
#include "support/test_support.hpp"

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

}  // namespace quhua::storage
