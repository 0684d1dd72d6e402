// The SQLite schema of the division registry (module "registry" in schema_version), as migrations.
#pragma once

#include "quhua/storage/database.hpp"

#include <vector>

namespace quhua::storage {

/// Migrations of module "registry", oldest first. Applied by open_sqlite_registry.
const std::vector<Migration>& registry_migrations();

}  // namespace quhua::storage
