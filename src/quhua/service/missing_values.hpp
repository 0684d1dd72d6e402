// What a job does with units that lack a value it needs (population, for now). Missing population is
// kept as missing by the importer; a rule or objective that weighs population must not read it as 0.
// By default such a job refuses, naming the units; --missing-population zero is the user saying
// "plan them as 0", and is reported as a finding. docs/planner.md describes the flag.
#pragma once

#include "quhua/model/unit.hpp"
#include "quhua/util/findings.hpp"

#include <string>
#include <vector>

namespace quhua::service {

/// --missing-population: refuse (default) or zero.
enum class MissingPopulation { refuse, zero };

/// Parses "refuse" or "zero" (or 拒绝, 零). Throws UsageError naming --missing-population.
MissingPopulation parse_missing_population(const std::string& text);

/// Units with neither a resident nor a registered population.
std::vector<model::UnitId> units_without_population(const model::UnitTable& units);

/// For a job that needs every unit's population (`needed_by` says what needs it, e.g. "--min-pop"):
/// with `refuse`, throws InputError(input_missing, exit 3) naming the first few units lacking one, how
/// many there are, the field and the ways out; with `zero`, adds a `population_taken_as_zero` warning
/// naming them to `findings` (the caller then reads them as 0: Unit::population(), or
/// fill_missing_population). Does nothing when every unit has one.
void require_population(const model::UnitTable& units, MissingPopulation policy, const std::string& needed_by,
                        const std::string& file, Findings& findings);

/// Sets the resident population of every unit without any population to 0 (after require_population
/// with MissingPopulation::zero).
void fill_missing_population(model::UnitTable& units);

}  // namespace quhua::service
