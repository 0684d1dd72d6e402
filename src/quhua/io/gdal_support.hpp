// Internal to io/: GDAL set-up and RAII owners of GDAL/OGR handles, and a scope that collects GDAL's
// messages instead of letting GDAL print them. Nothing outside io/ includes this header.
#pragma once

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <memory>
#include <string>
#include <vector>

namespace quhua::io::detail {

/// Registers GDAL's drivers once per process (thread-safe).
void register_gdal();

/// True when GDAL can stat the path (real files and /vsimem/, /vsizip/ ... paths alike).
bool path_exists(const std::string& path);

struct DatasetCloser {
  void operator()(void* ds) const { GDALClose(ds); }
};
using DatasetPtr = std::unique_ptr<void, DatasetCloser>;

struct FeatureDeleter {
  void operator()(OGRFeatureH f) const { OGR_F_Destroy(f); }
};
using FeaturePtr = std::unique_ptr<std::remove_pointer_t<OGRFeatureH>, FeatureDeleter>;

struct OgrGeometryDeleter {
  void operator()(OGRGeometryH g) const { OGR_G_DestroyGeometry(g); }
};
using OgrGeometryPtr = std::unique_ptr<std::remove_pointer_t<OGRGeometryH>, OgrGeometryDeleter>;

struct SpatialReferenceDeleter {
  void operator()(OGRSpatialReferenceH srs) const { OSRRelease(srs); }
};
using SpatialReferencePtr = std::unique_ptr<std::remove_pointer_t<OGRSpatialReferenceH>, SpatialReferenceDeleter>;

/// While alive, GDAL's warnings and errors raised on this thread are collected here instead of being
/// printed to stderr (GDAL's default). Wrappers turn them into findings or exceptions with context.
class GdalMessages {
 public:
  GdalMessages();
  ~GdalMessages();
  GdalMessages(const GdalMessages&) = delete;
  GdalMessages& operator=(const GdalMessages&) = delete;

  const std::vector<std::string>& warnings() const noexcept { return m_warnings; }
  const std::vector<std::string>& errors() const noexcept { return m_errors; }
  /// The last error message, or GDAL's own last error message, or `fallback`.
  std::string last_error(const std::string& fallback = "unknown GDAL error") const;
  void clear();

 private:
  static void handler(CPLErr level, CPLErrorNum number, const char* message);
  std::vector<std::string> m_warnings;
  std::vector<std::string> m_errors;
};

/// A CRS definition for PROJ from a GDAL spatial reference: "EPSG:4490" when GDAL knows the
/// authority code of the whole CRS, else WKT2. Empty for a null reference.
std::string crs_definition(OGRSpatialReferenceH srs);

}  // namespace quhua::io::detail
