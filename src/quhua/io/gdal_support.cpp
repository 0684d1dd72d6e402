#include "quhua/io/gdal_support.hpp"

#include <cpl_conv.h>
#include <ogr_srs_api.h>

#include <mutex>

namespace quhua::io::detail {

void register_gdal() {
  static std::once_flag once;
  std::call_once(once, [] { GDALAllRegister(); });
}

bool path_exists(const std::string& path) {
  VSIStatBufL stat{};
  return VSIStatL(path.c_str(), &stat) == 0;
}

GdalMessages::GdalMessages() { CPLPushErrorHandlerEx(&GdalMessages::handler, this); }

GdalMessages::~GdalMessages() { CPLPopErrorHandler(); }

void GdalMessages::handler(CPLErr level, CPLErrorNum, const char* message) {
  auto* self = static_cast<GdalMessages*>(CPLGetErrorHandlerUserData());
  if (!self) return;
  const std::string text = message ? message : "";
  if (level == CE_Warning) {
    self->m_warnings.push_back(text);
  } else if (level == CE_Failure || level == CE_Fatal) {
    self->m_errors.push_back(text);
  }
}

std::string GdalMessages::last_error(const std::string& fallback) const {
  if (!m_errors.empty()) return m_errors.back();
  const char* gdal = CPLGetLastErrorMsg();
  if (gdal && *gdal) return gdal;
  return fallback;
}

void GdalMessages::clear() {
  m_warnings.clear();
  m_errors.clear();
}

std::string crs_definition(OGRSpatialReferenceH srs) {
  if (!srs) return {};
  const char* authority = OSRGetAuthorityName(srs, nullptr);
  const char* code = OSRGetAuthorityCode(srs, nullptr);
  if (authority && code) return std::string(authority) + ":" + code;
  char* wkt = nullptr;
  const char* options[] = {"FORMAT=WKT2_2019", nullptr};
  std::string out;
  if (OSRExportToWktEx(srs, &wkt, options) == OGRERR_NONE && wkt) out = wkt;
  CPLFree(wkt);
  return out;
}

}  // namespace quhua::io::detail
