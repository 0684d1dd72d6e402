// The code rules of township-level units (乡级区划代码规则) and the validation of a batch of events
// against them: a new township code lies inside its county's range and in the NBS digit band of its
// type (001-099 街道, 100-199 镇, 200-399 乡/民族乡/苏木, 400-999 other township-level units); a
// retired code is never used again; names are unique among the units in force under one parent.
// A refusal is a Finding of severity error with a stable kind and the reason.
#pragma once

#include "quhua/algorithms/registry/registry_types.hpp"
#include "quhua/util/findings.hpp"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace quhua::registry {

/// What validation and allocation need to know of the registry (the service answers from the store).
class RegistryView {
 public:
  virtual ~RegistryView() = default;
  /// The version of `code` in force now (open-ended), if any.
  virtual std::optional<UnitVersion> in_force(const std::string& code) const = 0;
  /// Units in force now whose parent is `parent_code`.
  virtual std::vector<UnitVersion> children(const std::string& parent_code) const = 0;
  /// The life of a code, if the registry has ever used it.
  virtual std::optional<CodeStatus> code(const std::string& code) const = 0;
  /// Every code ever used inside `county_code`'s range (for allocation).
  virtual std::set<std::string> codes_within(const std::string& county_code) const = 0;
};

/// NBS digits 7-9 allowed for a township-level type: [low, high]. nullopt for other levels.
struct CodeBand {
  int low = 0;
  int high = 0;
};
std::optional<CodeBand> township_band(model::UnitType type);
/// "001-099 街道" for messages.
std::string describe_band(model::UnitType type);

/// Rank of township-level types for upgrades: 乡、民族乡、苏木 1 < 镇 2 < 街道 3; 0 otherwise.
int township_type_rank(model::UnitType type);

/// The type of a unit known only by code and name (an official table): provinces and prefectures
/// by level; counties by name (区, 县级市, 旗, else 县); townships by the code band, the name telling
/// 民族乡 and 苏木 from 乡.
model::UnitType unit_type_of(const std::string& code12, std::string_view name);

/// The draft of a unit of an official snapshot (its type from code and name, as unit_type_of).
UnitDraft draft_of(const SnapshotUnit& unit);

/// The smallest code in `type`'s band inside `county_code` (12 digits) that appears neither in
/// `used` (every code the registry ever held there) nor in `taken` (allocated earlier in the batch).
/// nullopt when the band is full.
std::optional<std::string> allocate_township_code(const std::string& county_code, model::UnitType type,
                                                  const std::set<std::string>& used,
                                                  const std::set<std::string>& taken);

/// Checks a batch as it would be recorded, in order: each event's shape for its type, predecessors
/// in force, effective dates, codes (complete, inside the parent's range, in the type's band, not
/// retired, not held by another unit), names (not empty, unique under the parent after the batch),
/// approving documents, given shares, and that no unit in force is left under a closed parent.
/// Codes must be filled in (allocate first). Returns one error per broken rule (kinds listed in
/// docs/registry.md); warnings for suspicious but legal things (a name whose suffix fits another type).
/// `refused`, when given, receives the indices of the events with at least one error (the
/// orphaned_children check at the end names the events that closed the parent).
Findings validate_events(const std::vector<EventDraft>& events, const RegistryView& view,
                         std::vector<std::size_t>* refused = nullptr);

}  // namespace quhua::registry
