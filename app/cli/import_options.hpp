// The flags every command that reads units offers (--units, --layer, --fields, --mapping, --attributes,
// --seats, --encoding, --crs, --keep-going ...), and the printing of import findings, so that `units`,
// `diagnose`, `graph`, `plan` ... read units the same way.
#pragma once

#include <cstddef>
#include <iosfwd>

#include "quhua/service/import_units.hpp"
#include "quhua/util/findings.hpp"
#include "quhua/util/report_table.hpp"

namespace CLI {
class App;
}

namespace quhua::cli {

/// Adds the import flags to `command`, filling `request` when parsed. --units is required unless the
/// command has a default (e.g. `diagnose` runs on the synthetic county).
void add_import_options(CLI::App* command, service::ImportRequest& request, bool units_required = true);

/// Prints findings, errors first, in `language`: at most `per_kind` of each kind, then how many more.
void print_findings(const Findings& findings, util::Language language, std::ostream& out, std::size_t per_kind = 20);

/// service::import_units, printing the findings to stderr. A failed import propagates as ImportFailed;
/// cli::run prints all of its findings and exits 3.
service::ImportResult import_units_verbose(const service::ImportRequest& request, util::Language language);

}  // namespace quhua::cli
