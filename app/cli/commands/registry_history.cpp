// `quhua registry show|tree|events|history`: querying the registry's history.
#include "registry_common.hpp"

#include "quhua/service/registry_tables.hpp"

#include <CLI/CLI.hpp>

#include <memory>

namespace quhua::cli::registry_cli {

void add_history_commands(CLI::App* registry, CommonFlags& flags) {
  {
    auto* cmd = registry->add_subcommand("show", "a code: versions, predecessors, successors / 查看代码");
    auto code = std::make_shared<std::string>();
    cmd->add_option("code", *code, "division code (6, 9 or 12 digits)")->required();
    add_db_flags(cmd, flags);
    add_output_flags(cmd, flags);
    cmd->callback([cmd, &flags, code] {
      emit(service::show_tables(service::registry_show(registry_db(cmd, flags), *code)), flags);
    });
  }
  {
    auto* cmd = registry->add_subcommand("tree", "the divisions in force on a date / 某日的区划树");
    auto as_of = std::make_shared<std::string>();
    auto within = std::make_shared<std::string>();
    cmd->add_option("--as-of", *as_of, "date YYYY-MM-DD")->required();
    cmd->add_option("--within", *within, "only under this code (e.g. 510104)");
    add_db_flags(cmd, flags);
    add_output_flags(cmd, flags);
    cmd->callback([cmd, &flags, as_of, within] {
      emit(
          service::tree_tables(service::registry_tree(registry_db(cmd, flags), registry::Date::parse(*as_of), *within)),
          flags);
    });
  }
  {
    auto* cmd = registry->add_subcommand("events", "events of a county in a period / 某县某时期的变更");
    auto county = std::make_shared<std::string>();
    auto from = std::make_shared<std::string>();
    auto to = std::make_shared<std::string>();
    cmd->add_option("--county", *county, "county code (any code: events touching units inside it)");
    cmd->add_option("--from", *from, "first effective date YYYY-MM-DD");
    cmd->add_option("--to", *to, "last effective date YYYY-MM-DD");
    add_db_flags(cmd, flags);
    add_output_flags(cmd, flags);
    cmd->callback([cmd, &flags, county, from, to] {
      storage::EventFilter filter;
      filter.within = *county;
      if (!from->empty()) filter.from = registry::Date::parse(*from);
      if (!to->empty()) filter.to = registry::Date::parse(*to);
      emit(service::events_tables(service::registry_events(registry_db(cmd, flags), filter)), flags);
    });
  }
  {
    auto* cmd = registry->add_subcommand("history", "every version of a code and the events between / 代码沿革");
    auto code = std::make_shared<std::string>();
    cmd->add_option("code", *code, "division code")->required();
    add_db_flags(cmd, flags);
    add_output_flags(cmd, flags);
    cmd->callback([cmd, &flags, code] {
      emit(service::history_tables(service::registry_history(registry_db(cmd, flags), *code)), flags);
    });
  }
}

}  // namespace quhua::cli::registry_cli
