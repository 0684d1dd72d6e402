// Plausible Chinese place names for the synthetic county, drawn from lists of common place-name
// morphemes (石桥, 青龙, 白马 ...; …坝, …湾, …垭 by landform) and kept unique within the county.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "quhua/util/random.hpp"

namespace quhua::synthetic::detail {

/// Landform a village sits on; picks the name endings (河/滩/湾 by rivers, 垭/岭/坪 in the mountains).
enum class Landform { river, mountain, plain };

class NameBook {
 public:
  explicit NameBook(Rng rng);

  /// Marks a full name as used; false when it already was.
  bool reserve(const std::string& name);
  bool used(const std::string& name) const { return m_used.count(name) > 0; }

  /// A two-character root for a town or township (石桥, 太平 ...) such that root + 镇, 乡, 村 and
  /// 社区 are all still free. Reserves root + `suffix`.
  std::string township_name(const std::string& suffix);
  /// A root for an ethnic township (则拉, 扎西 ...), reserved with `suffix` (彝族乡, 藏族乡).
  std::string ethnic_township_name(const std::string& suffix);
  /// A subdistrict name: 城东街道 ... by `direction` (0 east, 1 north, 2 west, 3 south) when free, else
  /// another urban name.
  std::string subdistrict_name(int direction);
  /// An urban neighbourhood: 新华社区, 滨河社区 ...
  std::string community_name();
  /// A village: 白马村, 黄桷湾村, 青石垭村 ...
  std::string village_name(Landform landform);

 private:
  std::string numbered(const std::string& root, const std::string& suffix);

  Rng m_rng;
  std::set<std::string> m_used;
  std::vector<std::string> m_township_roots;
  std::size_t m_next_root = 0;
};

/// Chinese numeral for 1..99 (一, 十二, 九十九); decimal digits beyond.
std::string chinese_number(int n);

}  // namespace quhua::synthetic::detail
