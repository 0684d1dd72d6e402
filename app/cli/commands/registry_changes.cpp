// `quhua registry apply-plan|record`: recording change events (an approved plan, or one event).
#include "registry_common.hpp"

#include "quhua/service/registry_tables.hpp"
#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

#include <CLI/CLI.hpp>

#include <array>
#include <iostream>
#include <memory>
#include <vector>

namespace quhua::cli::registry_cli {
namespace {

// "name[:type[:code]]" -> a successor draft.
registry::UnitDraft after_spec(const std::string& spec, const std::string& parent, const std::string& seat) {
  const auto parts = util::split(spec, ':');
  registry::UnitDraft d;
  d.name = std::string(util::trim(parts[0]));
  if (parts.size() > 1 && !util::trim(parts[1]).empty()) {
    const auto type = model::parse_type(parts[1]);
    if (!type) throw UsageError("--after " + spec + ": '" + parts[1] + "' is not a unit type (镇, 乡, 街道, town ...)");
    d.type = *type;
  }
  if (parts.size() > 2 && !util::trim(parts[2]).empty()) d.code = model::pad_code(parts[2]);
  if (parts.size() > 3) throw UsageError("--after " + spec + ": expected NAME[:TYPE[:CODE]]");
  if (!parent.empty()) d.parent_code = model::pad_code(parent);
  d.seat = seat;
  return d;
}

// Prints what was (or would be) recorded and turns a refusal into an input error (exit 3).
void finish(const std::vector<util::ReportTable>& tables, const service::RecordResult& record, bool dry_run,
            const CommonFlags& flags) {
  // On the terminal the findings are printed once, summarised (print_findings): a table of them would
  // repeat every one, a row per repeated plan row. Files and JSON keep the table in full.
  std::vector<util::ReportTable> shown = tables;
  if (flags.out.empty() && flags.format == "text") {
    std::erase_if(shown, [](const util::ReportTable& t) { return t.name == "findings"; });
  }
  emit(shown, flags);
  const std::size_t errors = print_findings(record.findings);
  if (!record.accepted) {
    throw InputError(
        ErrorCode::input_value,
        "refused: " + std::to_string(errors) + " rule(s) broken (see above); nothing was written / 未通过校验，未写入");
  }
  if (dry_run) {
    std::cerr << "dry run: " << record.events.size() << " event(s) pass every rule; nothing was written\n";
  } else {
    std::cerr << "recorded " << record.event_ids.size() << " event(s)\n";
  }
}

}  // namespace

void add_change_commands(CLI::App* registry, CommonFlags& flags) {
  {
    auto* cmd = registry->add_subcommand("apply-plan", "record an approved merger plan as change events / 方案入库");
    auto request = std::make_shared<service::ApplyPlanRequest>();
    auto paths = std::make_shared<std::array<std::string, 3>>();
    auto effective = std::make_shared<std::string>();
    cmd->add_option("--plan", (*paths)[0], "plan.csv from the planner: code,region,seat_code")->required();
    cmd->add_option("--units", (*paths)[1], "unit list: code[,name][,population][,area_km2]");
    cmd->add_option("--names", (*paths)[2], "names of the merged units: region,name[,type]");
    cmd->add_option("--effective", *effective, "effective date YYYY-MM-DD / 生效日期")->required();
    cmd->add_option("--document", request->document, "approving document 批文号")->required();
    cmd->add_option("--note", request->note, "free note / 备注");
    cmd->add_flag("--dry-run", request->dry_run, "validate only; write nothing");
    add_db_flags(cmd, flags);
    add_output_flags(cmd, flags);
    cmd->callback([cmd, &flags, request, paths, effective] {
      request->db = registry_db(cmd, flags);
      request->plan = (*paths)[0];
      request->units = (*paths)[1];
      request->names = (*paths)[2];
      request->effective = registry::Date::parse(*effective);
      const auto r = service::registry_apply_plan(*request);
      finish(service::apply_plan_tables(r), r.record, request->dry_run, flags);
    });
  }
  {
    auto* cmd = registry->add_subcommand(
        "sync", "record what an official edition changed, as inferred events / 按官方版本更新代码库");
    auto request = std::make_shared<service::SyncRequest>();
    auto date = std::make_shared<std::string>();
    cmd->add_option("--snapshot", request->snapshot, "imported snapshot name or edition folder")->required();
    cmd->add_option("--date", *date, "the edition's date when it is not a known NBS edition");
    cmd->add_option("--min-confidence", request->min_confidence, "leave out inferences below this (they stay as drift)")
        ->capture_default_str();
    cmd->add_flag("--all", request->whole_table, "the whole table, not only the registry's counties");
    cmd->add_option("--within", request->within, "only inside this code (e.g. 51: what a partial edition covers)");
    cmd->add_option("--max-abolish-share", request->max_abolish_share,
                    "refuse when abolitions would end more than this share of the townships compared")
        ->capture_default_str();
    cmd->add_flag("--dry-run", request->dry_run, "infer and validate only; write nothing");
    add_db_flags(cmd, flags);
    add_output_flags(cmd, flags);
    cmd->callback([cmd, &flags, request, date] {
      request->db = registry_db(cmd, flags);
      if (!date->empty()) request->as_of = registry::Date::parse(*date);
      const auto r = service::registry_sync(*request);
      emit(service::record_tables(r.record), flags);
      print_findings(r.record.findings);
      std::cerr << r.snapshot << " (" << r.as_of.text() << "): " << r.coverage.official_townships
                << " townships against " << r.coverage.registry_townships << " in the registry, " << r.diff_rows
                << " inferred changes, " << r.record.events.size() << " event(s) "
                << (request->dry_run ? "would be recorded" : "recorded") << " (" << r.abolished_townships
                << " townships abolished), " << r.skipped.size() << " skipped by the rules, " << r.below_confidence
                << " below --min-confidence\n";
    });
  }
  {
    auto* cmd = registry->add_subcommand("record", "record one change event / 记录一项变更");
    struct Flags {
      std::string type, effective, document, note, parent, seat;
      std::vector<std::string> before, after;
      bool dry_run = false;
    };
    auto f = std::make_shared<Flags>();
    cmd->add_option("--type", f->type,
                    "abolished, established, renamed, merged, split, transferred, upgraded, seat_moved, code_changed")
        ->required();
    cmd->add_option("--effective", f->effective, "effective date YYYY-MM-DD / 生效日期")->required();
    cmd->add_option("--document", f->document, "approving document 批文号");
    cmd->add_option("--note", f->note, "free note / 备注");
    cmd->add_option("--before", f->before, "code of a unit before the event (repeat)");
    cmd->add_option("--after", f->after, "a unit after the event: NAME[:TYPE[:CODE]] (repeat; empty CODE: allocate)");
    cmd->add_option("--parent", f->parent, "parent of the units after (transfers, establishments)");
    cmd->add_option("--seat", f->seat, "seat (驻地) of the units after");
    cmd->add_flag("--dry-run", f->dry_run, "validate only; write nothing");
    add_db_flags(cmd, flags);
    add_output_flags(cmd, flags);
    cmd->callback([cmd, &flags, f] {
      registry::EventDraft e;
      const auto type = registry::parse_event_type(f->type);
      if (!type) throw UsageError("--type " + f->type + " is not an event type");
      e.type = *type;
      e.effective = registry::Date::parse(f->effective);
      e.document = f->document;
      e.note = f->note;
      for (const auto& code : f->before) e.before.push_back(model::pad_code(code));
      for (const auto& spec : f->after) e.after.push_back(after_spec(spec, f->parent, f->seat));
      if (e.type == registry::EventType::seat_moved && e.after.empty())
        e.after.push_back(after_spec("", f->parent, f->seat));
      const auto r = service::registry_record(registry_db(cmd, flags), {std::move(e)}, f->dry_run);
      finish(service::record_tables(r), r, f->dry_run, flags);
    });
  }
}

}  // namespace quhua::cli::registry_cli
