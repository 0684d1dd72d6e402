// The registry's results as ReportTables (bilingual headers, stable column keys) for
// io::write_tables and io::render_text. Codes are written in their short official form (9 digits
// for a township), as in the NBS tables.
#pragma once

#include "quhua/service/registry.hpp"
#include "quhua/util/report_table.hpp"

#include <vector>

namespace quhua::service {

/// Table "diff" has exactly the columns event,old_code,old_name,new_code,new_name,confidence;
/// then "diff_by_province" (township-level counts) and "diff_form_changes".
std::vector<util::ReportTable> diff_tables(const DiffResponse& response);
/// "crosswalk" (weights and bases per old -> new pair), "new_units" (no predecessor), and with a
/// conversion "converted" and "conversion_totals".
std::vector<util::ReportTable> crosswalk_tables(const CrosswalkResult& result);
std::vector<util::ReportTable> drift_tables(const DriftResponse& response);
std::vector<util::ReportTable> tree_tables(const TreeResult& result);
std::vector<util::ReportTable> events_tables(const EventsResult& result);
std::vector<util::ReportTable> history_tables(const HistoryResult& result);
std::vector<util::ReportTable> show_tables(const ShowResult& result);
/// "regions" (what the plan does per region), "events" (as they were or would be recorded) and
/// "findings" (refusals and warnings).
std::vector<util::ReportTable> apply_plan_tables(const ApplyPlanResult& result);
std::vector<util::ReportTable> record_tables(const RecordResult& result);
std::vector<util::ReportTable> import_tables(const ImportSnapshotResult& result);
std::vector<util::ReportTable> snapshot_list_tables(const std::vector<registry::SnapshotInfo>& snapshots);
std::vector<util::ReportTable> audit_tables(const std::vector<registry::AuditEntry>& entries);
util::ReportTable findings_table(const Findings& findings);

}  // namespace quhua::service
