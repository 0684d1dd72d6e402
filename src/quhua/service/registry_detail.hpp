// Internals shared by the registry service files: a RegistryView over the store, the writer's name,
// polygon overlaps. Not part of the service's interface.
#pragma once

#include "quhua/algorithms/registry/code_rules.hpp"
#include "quhua/algorithms/registry/snapshot_diff.hpp"
#include "quhua/service/registry.hpp"
#include "quhua/util/csv.hpp"

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace quhua::service::detail {

/// "510104001" for "510104001000": codes as users write them.
/// The index of column `name` of a table read from `file`; InputError naming the file and the header
/// when it is missing.
std::size_t require_column(const util::CsvTable& table, const std::string& file, const std::string& name);

/// The WriteContext of a request: actor from the request, $QUHUA_USER, $USER, or "unknown".
registry::WriteContext writer(const RegistryDb& db);

/// A 12-digit code from user text (2/4/6/9/12 digits); throws InputError(input_value) naming `what`.
std::string code_from_user(const std::string& text, const std::string& what);

/// The registry as validation sees it: units in force now (open-ended versions), answered from the
/// store and cached for one batch.
class StoreView final : public registry::RegistryView {
 public:
  explicit StoreView(storage::RegistryStore& store) : m_store(store) {}
  std::optional<registry::UnitVersion> in_force(const std::string& code) const override;
  std::vector<registry::UnitVersion> children(const std::string& parent_code) const override;
  std::optional<registry::CodeStatus> code(const std::string& code) const override;
  std::set<std::string> codes_within(const std::string& county_code) const override;

 private:
  storage::RegistryStore& m_store;
  mutable std::map<std::string, std::vector<registry::UnitVersion>> m_children;
};

/// Units (the registry's state on a day) as a snapshot named "registry", for diff and drift.
registry::Snapshot as_snapshot(const std::vector<registry::UnitVersion>& units, const registry::Date& as_of);

/// An official edition and the registry's state on its date, for drift and sync.
struct Comparison {
  registry::Snapshot official;     ///< the whole edition
  registry::Snapshot expected;     ///< the registry's units in force on official.as_of
  std::vector<std::string> scope;  ///< the registry's recorded scope (may be empty)
};
/// Resolves `spec` (folder, table or imported name), dates it (`as_of`, else its own date; refuses
/// an unknown date) and reads the registry's state on that date (refuses an empty one).
Comparison compare_with_official(storage::RegistryStore& store, const std::string& spec,
                                 const std::optional<registry::Date>& as_of);

/// The diff's overlap function from the editions' polygons (same level only); empty when either
/// edition has none.
registry::OverlapFn polygon_overlaps(const registry::Snapshot& before, const registry::Snapshot& after);

/// Share of `a`'s area inside `b` (polygons in one projected CRS); nullopt when either is empty.
std::optional<double> overlap_share(const model::MultiPolygon& a, const model::MultiPolygon& b);

}  // namespace quhua::service::detail
