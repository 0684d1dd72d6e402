#include "quhua/storage/geometry_codec.hpp"

#include "quhua/util/error.hpp"

#include <bit>
#include <cstdint>
#include <cstring>

namespace quhua::storage {
namespace {

constexpr char k_hex[] = "0123456789ABCDEF";
constexpr std::uint32_t k_wkb_polygon = 3;
constexpr std::uint32_t k_wkb_multipolygon = 6;

class Writer {
 public:
  void byte(std::uint8_t b) {
    m_out.push_back(k_hex[b >> 4]);
    m_out.push_back(k_hex[b & 0xF]);
  }
  void u32(std::uint32_t v) {
    for (int i = 0; i < 4; ++i) byte(static_cast<std::uint8_t>(v >> (8 * i)));
  }
  void f64(double v) {
    const auto bits = std::bit_cast<std::uint64_t>(v);
    for (int i = 0; i < 8; ++i) byte(static_cast<std::uint8_t>(bits >> (8 * i)));
  }
  std::string take() { return std::move(m_out); }

 private:
  std::string m_out;
};

class Reader {
 public:
  explicit Reader(std::string_view hex) : m_hex(hex) {
    if (hex.size() % 2 != 0) fail("odd number of hex digits");
  }
  std::uint8_t byte() {
    if (m_pos + 2 > m_hex.size()) fail("truncated");
    const int hi = nibble(m_hex[m_pos]), lo = nibble(m_hex[m_pos + 1]);
    m_pos += 2;
    return static_cast<std::uint8_t>(hi << 4 | lo);
  }
  std::uint32_t u32(bool little) {
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      const std::uint32_t b = byte();
      v |= little ? b << (8 * i) : b << (8 * (3 - i));
    }
    return v;
  }
  double f64(bool little) {
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) {
      const std::uint64_t b = byte();
      v |= little ? b << (8 * i) : b << (8 * (7 - i));
    }
    return std::bit_cast<double>(v);
  }
  bool done() const { return m_pos == m_hex.size(); }
  [[noreturn]] static void fail(const std::string& what) {
    throw StorageError("stored geometry is not valid WKB: " + what);
  }

 private:
  static int nibble(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    fail("not a hex digit");
  }
  std::string_view m_hex;
  std::size_t m_pos = 0;
};

void write_polygon(Writer& w, const model::Polygon& polygon) {
  w.byte(1);
  w.u32(k_wkb_polygon);
  w.u32(static_cast<std::uint32_t>(1 + polygon.holes.size()));
  auto ring = [&w](const model::Ring& r) {
    w.u32(static_cast<std::uint32_t>(r.size()));
    for (const auto& p : r) {
      w.f64(p.x);
      w.f64(p.y);
    }
  };
  ring(polygon.outer);
  for (const auto& hole : polygon.holes) ring(hole);
}

model::Polygon read_polygon_body(Reader& r, bool little) {
  model::Polygon polygon;
  const std::uint32_t rings = r.u32(little);
  if (rings > 1'000'000) Reader::fail("implausible ring count");
  for (std::uint32_t i = 0; i < rings; ++i) {
    const std::uint32_t points = r.u32(little);
    if (points > 100'000'000) Reader::fail("implausible point count");
    model::Ring ring;
    ring.reserve(points);
    for (std::uint32_t k = 0; k < points; ++k) {
      const double x = r.f64(little);
      const double y = r.f64(little);
      ring.push_back({x, y});
    }
    if (i == 0) {
      polygon.outer = std::move(ring);
    } else {
      polygon.holes.push_back(std::move(ring));
    }
  }
  return polygon;
}

}  // namespace

std::string to_wkb_hex(const model::MultiPolygon& shape) {
  if (shape.empty()) return {};
  Writer w;
  w.byte(1);
  w.u32(k_wkb_multipolygon);
  w.u32(static_cast<std::uint32_t>(shape.size()));
  for (const auto& polygon : shape) write_polygon(w, polygon);
  return w.take();
}

model::MultiPolygon from_wkb_hex(std::string_view hex) {
  model::MultiPolygon out;
  if (hex.empty()) return out;
  Reader r(hex);
  const bool little = r.byte() == 1;
  const std::uint32_t type = r.u32(little);
  if (type == k_wkb_polygon) {
    out.push_back(read_polygon_body(r, little));
  } else if (type == k_wkb_multipolygon) {
    const std::uint32_t n = r.u32(little);
    if (n > 10'000'000) Reader::fail("implausible polygon count");
    for (std::uint32_t i = 0; i < n; ++i) {
      const bool part_little = r.byte() == 1;
      if (r.u32(part_little) != k_wkb_polygon) Reader::fail("a MultiPolygon part is not a Polygon");
      out.push_back(read_polygon_body(r, part_little));
    }
  } else {
    Reader::fail("geometry type " + std::to_string(type) + " is not a polygon");
  }
  if (!r.done()) Reader::fail("trailing bytes");
  return out;
}

}  // namespace quhua::storage
