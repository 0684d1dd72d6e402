#include "quhua/service/registry_tables.hpp"

#include "quhua/service/registry_detail.hpp"
#include "quhua/util/strings.hpp"

namespace quhua::service {
namespace {

using util::Cell;
using util::Column;
using util::ReportTable;

Cell text(std::string s) { return Cell{std::move(s)}; }
Cell text(std::string_view s) { return Cell{std::string(s)}; }
Cell text(const char* s) { return Cell{std::string(s)}; }
Cell integer(std::int64_t v) { return Cell{v}; }
Cell code_cell(const std::string& code12) { return code12.empty() ? Cell{} : text(registry::display_code(code12)); }
Cell date_cell(const std::optional<registry::Date>& d) { return d ? text(d->text()) : Cell{}; }

ReportTable make(std::string name, std::string zh, std::string en, std::vector<Column> columns) {
  ReportTable t;
  t.name = std::move(name);
  t.title_zh = std::move(zh);
  t.title_en = std::move(en);
  t.columns = std::move(columns);
  return t;
}

std::string unit_label(const std::map<std::int64_t, registry::UnitVersion>& units, std::int64_t id) {
  const auto it = units.find(id);
  if (it == units.end()) return "#" + std::to_string(id);
  return registry::display_code(it->second.code) + " " + it->second.name;
}

std::string join_units(const std::map<std::int64_t, registry::UnitVersion>& units,
                       const std::vector<std::int64_t>& ids) {
  std::vector<std::string> parts;
  for (auto id : ids) parts.push_back(unit_label(units, id));
  return util::join(parts, "; ");
}

ReportTable versions_table(const std::vector<registry::UnitVersion>& versions, const std::string& name) {
  auto t = make(name, "代码各版本", "Versions of the code",
                {{"id", "版本号", "Version id"},
                 {"code", "代码", "Code"},
                 {"name", "名称", "Name"},
                 {"type", "类型", "Type"},
                 {"parent_code", "上级代码", "Parent code"},
                 {"valid_from", "起始日期", "Valid from"},
                 {"valid_to", "终止日期", "Valid to"},
                 {"created_by", "设立事件", "Opened by event"},
                 {"ended_by", "终止事件", "Closed by event"},
                 {"population", "人口", "Population", 0},
                 {"area_km2", "面积(平方公里)", "Area (km²)", 2},
                 {"seat", "驻地", "Seat"}});
  for (const auto& v : versions) {
    t.add_row({integer(v.id), code_cell(v.code), text(v.name), text(model::type_name_zh(v.type)),
               code_cell(v.parent_code), text(v.valid_from.text()), date_cell(v.valid_to),
               v.created_by ? integer(*v.created_by) : Cell{}, v.ended_by ? integer(*v.ended_by) : Cell{},
               util::number_cell(v.population), util::number_cell(v.area_km2), text(v.seat)});
  }
  return t;
}

ReportTable event_table(const std::vector<registry::Event>& events,
                        const std::map<std::int64_t, registry::UnitVersion>& units,
                        const std::string& name = "events") {
  auto t = make(name, "变更事件", "Change events",
                {{"id", "事件号", "Event id"},
                 {"effective", "生效日期", "Effective"},
                 {"type", "类型", "Type"},
                 {"type_zh", "类型(中文)", "Type (Chinese)"},
                 {"document", "批准文号", "Approving document"},
                 {"before", "变更前", "Before"},
                 {"after", "变更后", "After"},
                 {"note", "备注", "Note"},
                 {"source", "来源", "Source"},
                 {"confidence", "置信度", "Confidence", 2},
                 {"recorded_by", "记录人", "Recorded by"},
                 {"recorded_at", "记录时间", "Recorded at"}});
  for (const auto& e : events) {
    t.add_row({integer(e.id), text(e.effective.text()), text(registry::event_type_name(e.type)),
               text(registry::event_type_name_zh(e.type)), text(e.document), text(join_units(units, e.before_units)),
               text(join_units(units, e.after_units)), text(e.note), text(registry::event_source_name(e.source)),
               util::number_cell(e.confidence), text(e.recorded_by), text(e.recorded_at)});
  }
  return t;
}

ReportTable draft_table(const std::vector<registry::EventDraft>& events) {
  auto t = make("events", "变更事件", "Change events",
                {{"effective", "生效日期", "Effective"},
                 {"type", "类型", "Type"},
                 {"document", "批准文号", "Approving document"},
                 {"before", "变更前代码", "Codes before"},
                 {"after_code", "变更后代码", "Code after"},
                 {"after_name", "变更后名称", "Name after"},
                 {"after_type", "变更后类型", "Type after"},
                 {"population", "人口", "Population", 0},
                 {"note", "备注", "Note"}});
  for (const auto& e : events) {
    std::vector<std::string> before;
    for (const auto& c : e.before) before.push_back(registry::display_code(c));
    std::vector<std::string> codes, names, types;
    std::optional<double> population = 0.0;
    for (const auto& a : e.after) {
      codes.push_back(a.code.empty() ? "?" : registry::display_code(a.code));
      names.push_back(a.name);
      types.push_back(std::string(model::type_name_zh(a.type)));
      population = population && a.population ? std::optional(*population + *a.population) : std::nullopt;
    }
    t.add_row({text(e.effective.text()), text(registry::event_type_name(e.type)), text(e.document),
               text(util::join(before, "; ")), text(util::join(codes, "; ")), text(util::join(names, "; ")),
               text(util::join(types, "; ")), e.after.empty() ? Cell{} : util::number_cell(population), text(e.note)});
  }
  return t;
}

}  // namespace

util::ReportTable findings_table(const Findings& findings) {
  auto t = make("findings", "检查结果", "Findings",
                {{"severity", "级别", "Severity"},
                 {"kind", "规则", "Rule"},
                 {"where", "位置", "Where"},
                 {"message", "说明", "Message"}});
  for (const auto& f : findings.items()) {
    t.add_row({text(severity_name(f.severity)), text(f.kind), text(f.where.describe()), text(f.message)});
  }
  return t;
}

std::vector<ReportTable> diff_tables(const DiffResponse& r) {
  auto rows = make("diff", "区划变更推断(" + r.before_name + " → " + r.after_name + ")",
                   "Inferred changes (" + r.before_name + " -> " + r.after_name + ")",
                   {{"event", "事件", "Event"},
                    {"old_code", "原代码", "Old code"},
                    {"old_name", "原名称", "Old name"},
                    {"new_code", "新代码", "New code"},
                    {"new_name", "新名称", "New name"},
                    {"confidence", "置信度", "Confidence", 2}});
  for (const auto& row : r.diff.rows) {
    rows.add_row({text(registry::diff_event_name(row.event)), code_cell(row.old_code), text(row.old_name),
                  code_cell(row.new_code), text(row.new_name), Cell{row.confidence}});
  }
  auto rules = make("diff_rules", "推断依据", "Inference rules",
                    {{"old_code", "原代码", "Old code"},
                     {"new_code", "新代码", "New code"},
                     {"level", "层级", "Level"},
                     {"rule", "规则", "Rule"},
                     {"review", "需复核", "For review"}});
  for (const auto& row : r.diff.rows) {
    rules.add_row({code_cell(row.old_code), code_cell(row.new_code), text(model::level_name(row.level)), text(row.rule),
                   text(row.confidence < r.review_below ? "yes" : "")});
  }
  auto by_province = make("diff_by_province", "乡级变更分省统计", "Township-level changes by province",
                          {{"province", "省级代码", "Province"},
                           {"province_name", "省级名称", "Province name"},
                           {"units_before", "原乡级单位数", "Units before"},
                           {"units_after", "新乡级单位数", "Units after"},
                           {"abolished", "撤销", "Abolished"},
                           {"established", "新设", "Established"},
                           {"renamed", "更名", "Renamed"},
                           {"moved", "改码/划转", "Moved"},
                           {"merged", "并入", "Merged"},
                           {"form_only", "仅写法变化", "Form-only"},
                           {"review", "需复核", "For review"}});
  auto add = [&by_province](const std::string& code, const std::string& name, const registry::DiffCounts& c) {
    by_province.add_row(
        {text(code), text(name), integer(static_cast<std::int64_t>(c.units_before)),
         integer(static_cast<std::int64_t>(c.units_after)), integer(static_cast<std::int64_t>(c.abolished)),
         integer(static_cast<std::int64_t>(c.established)), integer(static_cast<std::int64_t>(c.renamed)),
         integer(static_cast<std::int64_t>(c.moved)), integer(static_cast<std::int64_t>(c.merged)),
         integer(static_cast<std::int64_t>(c.form_only)), integer(static_cast<std::int64_t>(c.review))});
  };
  registry::DiffCounts sum;
  for (const auto& [code, c] : r.diff.township_counts_by_province) {
    const auto name = r.province_names.find(code);
    add(code, name == r.province_names.end() ? std::string() : name->second, c);
    sum.units_before += c.units_before;
    sum.units_after += c.units_after;
    sum.abolished += c.abolished;
    sum.established += c.established;
    sum.renamed += c.renamed;
    sum.moved += c.moved;
    sum.merged += c.merged;
    sum.form_only += c.form_only;
    sum.review += c.review;
  }
  add("", "合计 total", sum);
  auto forms = make("diff_form_changes", "仅写法变化的名称(不计为事件)", "Names changed in form only (not events)",
                    {{"code", "代码", "Code"}, {"old_name", "原名称", "Old name"}, {"new_name", "新名称", "New name"}});
  for (const auto& f : r.diff.form_changes) forms.add_row({code_cell(f.code), text(f.old_name), text(f.new_name)});
  return {rows, by_province, rules, forms};
}

std::vector<ReportTable> crosswalk_tables(const CrosswalkResult& r) {
  const auto& cw = r.crosswalk;
  auto t = make("crosswalk", "新旧区划对照表(" + cw.from.text() + " → " + cw.to.text() + ")",
                "Crosswalk (" + cw.from.text() + " -> " + cw.to.text() + ")",
                {{"old_code", "原代码", "Old code"},
                 {"old_name", "原名称", "Old name"},
                 {"new_code", "新代码", "New code"},
                 {"new_name", "新名称", "New name"},
                 {"population_weight", "人口权重", "Population weight", 6},
                 {"area_weight", "面积权重", "Area weight", 6},
                 {"population_basis", "人口权重依据", "Population weight basis"},
                 {"area_basis", "面积权重依据", "Area weight basis"},
                 {"events", "经历事件数", "Events crossed"}});
  for (const auto& row : cw.rows) {
    t.add_row({code_cell(row.old_code), text(row.old_name), code_cell(row.new_code), text(row.new_name),
               Cell{row.population_weight}, Cell{row.area_weight},
               text(registry::weight_basis_name(row.population_basis)),
               text(registry::weight_basis_name(row.area_basis)), integer(row.events)});
  }
  std::vector<ReportTable> out{t};
  auto fresh = make("new_units", "无前身的新单位", "New units without predecessor",
                    {{"code", "代码", "Code"}, {"name", "名称", "Name"}, {"valid_from", "起始日期", "Valid from"}});
  for (const auto& u : cw.new_without_predecessor)
    fresh.add_row({code_cell(u.code), text(u.name), text(u.valid_from.text())});
  out.push_back(fresh);
  if (r.conversion) {
    auto conv =
        make("converted", "换算结果(" + r.value_column + ")", "Converted values (" + r.value_column + ")",
             {{"new_code", "新代码", "New code"}, {"new_name", "新名称", "New name"}, {"value", "换算值", "Value"}});
    for (const auto& v : r.conversion->values) {
      conv.add_row({v.new_code.empty() ? text("") : code_cell(v.new_code),
                    v.new_code.empty() ? text("(无后继单位 unallocated)") : text(v.new_name), Cell{v.value}});
    }
    auto totals = make("conversion_totals", "换算总量核对", "Conversion totals",
                       {{"source_total", "原总量", "Source total"},
                        {"converted_total", "换算后总量", "Converted total"},
                        {"unallocated", "未分配", "Unallocated"},
                        {"sources_without_value", "缺值的原单位数", "Old units without a value"},
                        {"values_not_in_crosswalk", "不在对照表中的代码数", "Codes not in the crosswalk"}});
    totals.add_row({Cell{r.conversion->source_total}, Cell{r.conversion->converted_total},
                    Cell{r.conversion->unallocated},
                    integer(static_cast<std::int64_t>(r.conversion->sources_without_value.size())),
                    integer(static_cast<std::int64_t>(r.conversion->values_not_in_crosswalk.size()))});
    out.push_back(conv);
    out.push_back(totals);
  }
  if (!cw.findings.empty()) out.push_back(findings_table(cw.findings));
  return out;
}

std::vector<ReportTable> drift_tables(const DriftResponse& r) {
  auto t = make("drift", "代码库与官方表核对(" + r.snapshot + ", " + r.as_of.text() + ")",
                "Registry against the official table (" + r.snapshot + ", " + r.as_of.text() + ")",
                {{"kind", "差异", "Difference"},
                 {"kind_zh", "差异(中文)", "Difference (Chinese)"},
                 {"registry_code", "代码库代码", "Registry code"},
                 {"registry_name", "代码库名称", "Registry name"},
                 {"official_code", "官方代码", "Official code"},
                 {"official_name", "官方名称", "Official name"},
                 {"likely_event", "可能的未记录事件", "Likely unrecorded event"},
                 {"confidence", "置信度", "Confidence", 2},
                 {"rule", "规则", "Rule"}});
  for (const auto& row : r.drift.rows) {
    t.add_row({text(registry::drift_kind_name(row.kind)), text(registry::drift_kind_name_zh(row.kind)),
               code_cell(row.registry_code), text(row.registry_name), code_cell(row.official_code),
               text(row.official_name), text(registry::diff_event_name(row.likely_event)), Cell{row.confidence},
               text(row.rule)});
  }
  auto summary = make("drift_summary", "核对概要", "Summary",
                      {{"registry_units", "代码库单位数", "Registry units"},
                       {"official_units", "官方单位数", "Official units"},
                       {"differences", "差异数", "Differences"}});
  summary.add_row({integer(static_cast<std::int64_t>(r.drift.registry_units)),
                   integer(static_cast<std::int64_t>(r.drift.official_units)),
                   integer(static_cast<std::int64_t>(r.drift.differences))});
  return {t, summary};
}

std::vector<ReportTable> tree_tables(const TreeResult& r) {
  auto t = make("tree", "区划树(" + r.as_of.text() + ")", "Division tree (" + r.as_of.text() + ")",
                {{"code", "代码", "Code"},
                 {"name", "名称", "Name"},
                 {"type", "类型", "Type"},
                 {"depth", "层次", "Depth"},
                 {"parent_code", "上级代码", "Parent code"},
                 {"valid_from", "起始日期", "Valid from"}});
  for (std::size_t i = 0; i < r.units.size(); ++i) {
    const auto& u = r.units[i];
    std::string indented(static_cast<std::size_t>(r.depth[i]) * 2, ' ');
    t.add_row({code_cell(u.code), text(indented + u.name), text(model::type_name_zh(u.type)), integer(r.depth[i]),
               code_cell(u.parent_code), text(u.valid_from.text())});
  }
  return {t};
}

std::vector<ReportTable> events_tables(const EventsResult& r) { return {event_table(r.events, r.units)}; }

namespace {
ReportTable status_table(const std::string& code, const std::optional<registry::CodeStatus>& status) {
  auto t = make("code", "代码状态", "Code status",
                {{"code", "代码", "Code"},
                 {"first_valid_from", "首次启用", "First in force"},
                 {"retired_on", "停用日期", "Retired on"},
                 {"retired_by", "停用事件", "Retired by event"}});
  t.add_row({code_cell(code), status ? text(status->first_valid_from.text()) : Cell{},
             status ? date_cell(status->retired_on) : Cell{},
             status && status->retired_by ? integer(*status->retired_by) : Cell{}});
  return t;
}

ReportTable lineage_table(const storage::Lineage& lineage, const std::string& name, const std::string& zh,
                          const std::string& en) {
  auto t = make(name, zh, en,
                {{"depth", "相隔事件数", "Events away"},
                 {"code", "代码", "Code"},
                 {"name", "名称", "Name"},
                 {"valid_from", "起始日期", "Valid from"},
                 {"valid_to", "终止日期", "Valid to"}});
  for (const auto& step : lineage.units) {
    if (step.depth == 0) continue;
    t.add_row({integer(step.depth), code_cell(step.unit.code), text(step.unit.name), text(step.unit.valid_from.text()),
               date_cell(step.unit.valid_to)});
  }
  return t;
}
}  // namespace

std::vector<ReportTable> history_tables(const HistoryResult& r) {
  return {status_table(r.code, r.status), versions_table(r.versions, "versions"),
          event_table(r.events.events, r.events.units)};
}

std::vector<ReportTable> show_tables(const ShowResult& r) {
  std::vector<ReportTable> out{
      status_table(r.code, r.status), versions_table(r.versions, "versions"),
      lineage_table(r.predecessors, "predecessors", "前身(经任意事件链)", "Predecessors (any chain)"),
      lineage_table(r.successors, "successors", "后继(经任意事件链)", "Successors (any chain)")};
  std::map<std::int64_t, registry::UnitVersion> units;
  for (const auto* lineage : {&r.predecessors, &r.successors}) {
    for (const auto& s : lineage->units) units.emplace(s.unit.id, s.unit);
  }
  std::vector<registry::Event> events = r.predecessors.events;
  events.insert(events.end(), r.successors.events.begin(), r.successors.events.end());
  out.push_back(event_table(events, units));
  auto kids = make("children", "下级单位(现行)", "Units under it (in force)",
                   {{"code", "代码", "Code"}, {"name", "名称", "Name"}, {"type", "类型", "Type"}});
  for (const auto& c : r.children) kids.add_row({code_cell(c.code), text(c.name), text(model::type_name_zh(c.type))});
  out.push_back(kids);
  return out;
}

std::vector<ReportTable> record_tables(const RecordResult& r) {
  return {draft_table(r.events), findings_table(r.findings)};
}

std::vector<ReportTable> apply_plan_tables(const ApplyPlanResult& r) {
  auto t = make("regions", "方案各片区", "Plan regions",
                {{"region", "片区", "Region"},
                 {"action", "处理", "Action"},
                 {"seat_code", "驻地乡镇代码", "Seat township"},
                 {"members", "组成乡镇", "Townships"},
                 {"result_code", "调整后代码", "Code after"},
                 {"result_name", "调整后名称", "Name after"}});
  for (const auto& region : r.regions) {
    std::vector<std::string> members;
    for (const auto& m : region.members) members.push_back(registry::display_code(m));
    std::string code, name;
    if (region.event_index && *region.event_index < r.record.events.size()) {
      const auto& after = r.record.events[*region.event_index].after;
      if (!after.empty()) {
        code = after.front().code.empty() ? "?" : registry::display_code(after.front().code);
        name = after.front().name;
      }
    }
    t.add_row({text(region.region), text(region.action), code_cell(region.seat_code), text(util::join(members, "; ")),
               text(code), text(name)});
  }
  return {t, draft_table(r.record.events), findings_table(r.record.findings)};
}

std::vector<ReportTable> import_tables(const ImportSnapshotResult& r) {
  auto t = make("import", "导入概要", "Import summary",
                {{"snapshot", "版本名", "Snapshot"},
                 {"as_of", "截止日期", "As of"},
                 {"provinces", "省级", "Provinces"},
                 {"prefectures", "地级", "Prefectures"},
                 {"counties", "县级", "Counties"},
                 {"townships", "乡级", "Townships"},
                 {"seeded_units", "建库单位数", "Units seeded"},
                 {"read_s", "读取耗时(秒)", "Read (s)", 3},
                 {"write_s", "写入耗时(秒)", "Write (s)", 3}});
  auto n = [&r](model::UnitLevel level) {
    const auto it = r.units_by_level.find(level);
    return integer(static_cast<std::int64_t>(it == r.units_by_level.end() ? 0 : it->second));
  };
  t.add_row({text(r.snapshot.name), text(r.snapshot.as_of.text()), n(model::UnitLevel::province),
             n(model::UnitLevel::prefecture), n(model::UnitLevel::county), n(model::UnitLevel::township),
             integer(static_cast<std::int64_t>(r.seeded_units)), Cell{r.read_s}, Cell{r.write_s}});
  return {t};
}

std::vector<ReportTable> snapshot_list_tables(const std::vector<registry::SnapshotInfo>& snapshots) {
  auto t = make("snapshots", "已导入的官方版本", "Imported official editions",
                {{"name", "版本名", "Name"},
                 {"as_of", "截止日期", "As of"},
                 {"units", "单位数", "Units"},
                 {"source", "来源", "Source"},
                 {"imported_at", "导入时间", "Imported at"}});
  for (const auto& s : snapshots) {
    t.add_row({text(s.name), text(s.as_of.text()), integer(s.unit_count), text(s.source), text(s.imported_at)});
  }
  return {t};
}

std::vector<ReportTable> audit_tables(const std::vector<registry::AuditEntry>& entries) {
  auto t = make("audit", "操作日志", "Audit log",
                {{"id", "序号", "Id"},
                 {"at", "时间(UTC)", "At (UTC)"},
                 {"actor", "操作人", "Who"},
                 {"action", "操作", "Action"},
                 {"subject", "对象", "Subject"},
                 {"detail", "详情", "Detail"}});
  for (const auto& e : entries) {
    t.add_row({integer(e.id), text(e.at), text(e.actor), text(e.action), text(e.subject), text(e.detail)});
  }
  return {t};
}

}  // namespace quhua::service
