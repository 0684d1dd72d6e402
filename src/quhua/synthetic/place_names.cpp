#include "quhua/synthetic/place_names.hpp"

#include <array>
#include <string_view>

namespace quhua::synthetic::detail {
namespace {

// Two-character roots common in township names across Sichuan and the upper Yangtze (many occur in
// several provinces; none is meant to name a real place here).
constexpr std::array<std::string_view, 122> k_township_roots{
    "石桥", "青龙", "白马", "太平", "永兴", "龙泉", "金龙", "双河", "三合", "复兴", "新场", "观音", "马鞍", "高坪",
    "柏林", "凤凰", "黄桷", "万安", "东岳", "福田", "玉龙", "桂花", "兴隆", "大兴", "仁和", "回龙", "新店", "石龙",
    "天池", "中和", "金山", "宝林", "长滩", "云龙", "清水", "白果", "龙凤", "元坝", "水口", "石板", "大佛", "金鸡",
    "文昌", "广福", "永安", "太和", "三星", "新民", "红光", "东林", "西山", "南山", "北坝", "石佛", "龙门", "高桥",
    "白鹤", "双凤", "五龙", "九龙", "七里", "安仁", "长乐", "永乐", "天宝", "金华", "龙台", "凤鸣", "青石", "白沙",
    "黄土", "红岩", "平安", "桃园", "柳溪", "竹林", "梅溪", "松林", "槐树", "杨柳", "茶坪", "花桥", "玉泉", "宝山",
    "古城", "德胜", "胜利", "光明", "金马", "银山", "铁佛", "铜鼓", "锦屏", "龙滩", "石门", "双龙", "合兴", "大石",
    "小河", "中坝", "盐井", "瓦店", "仙女", "碑垭", "土门", "板桥", "丰乐", "合江", "赵家", "李渡", "周场", "黄家",
    "陈家", "刘营", "罗渡", "何场", "高庙", "长岭", "乐安", "马井", "龙洞", "石鼓",
};

// Transliterated roots of the kind Yi and Tibetan ethnic townships in Sichuan carry.
constexpr std::array<std::string_view, 14> k_ethnic_roots{
    "则拉", "阿尔", "拉吉", "依洛", "俄尔", "木古", "觉莫", "扎西", "达维", "格桑", "德西", "沙尔", "日底", "瓦岗",
};

constexpr std::array<std::string_view, 8> k_subdistrict_directions{"城东", "城北", "城西", "城南", "东城", "北城", "西城", "南城"};
constexpr std::array<std::string_view, 12> k_subdistrict_roots{
    "锦城", "文庙", "凤台", "玉带", "龙华", "学府", "滨江", "新城", "书院", "江源", "鹤鸣", "金城",
};

constexpr std::array<std::string_view, 44> k_community_roots{
    "东街", "西街", "南街", "北街", "滨河", "新华", "人民", "建设", "解放", "红星", "朝阳", "向阳", "和平", "育才", "文化",
    "民主", "幸福", "锦绣", "花园", "江湾", "桥南", "桥北", "东门", "西门", "南门", "北门", "沿江", "新桥", "东风", "红旗",
    "前进", "团结", "紫薇", "书香", "府前", "体育", "车站", "银杏", "广场", "公园", "长征", "五一", "中山", "迎宾",
};

// First morphemes of village names: colours, animals, plants, numbers, directions, good wishes.
constexpr std::array<std::string_view, 84> k_village_heads{
    "石", "青", "白", "黄", "红", "金", "银", "龙", "凤", "马", "牛", "鹤", "松", "柏", "桃", "李", "竹", "梅", "柳", "杨", "双",
    "三", "五", "七", "九", "大", "小", "高", "新", "老", "东", "西", "南", "北", "中", "上", "下", "前", "后", "长", "永", "太",
    "兴", "安", "和", "平", "福", "寿", "万", "天", "云", "清", "玉", "宝", "古", "观", "仁", "义", "德", "胜", "光", "明", "狮",
    "象", "鹿", "鱼", "莲", "花", "桂", "茶", "枣", "杏", "槐", "铁", "铜", "碧", "翠", "丰", "顺", "吉", "祥", "瑞", "乐", "鸡",
};
constexpr std::array<std::string_view, 8> k_river_tails{"河", "滩", "湾", "坝", "渡", "口", "溪", "洲"};
constexpr std::array<std::string_view, 9> k_mountain_tails{"山", "岭", "岩", "垭", "坪", "沟", "峰", "坡", "梁"};
constexpr std::array<std::string_view, 14> k_plain_tails{"桥", "田", "塘", "林", "庙", "寺", "店", "铺", "场", "院", "堰", "井", "岗", "园"};

template <std::size_t N>
std::string_view pick(const std::array<std::string_view, N>& list, Rng& rng) {
  return list[rng.below(N)];
}

}  // namespace

std::string chinese_number(int n) {
  static constexpr std::array<std::string_view, 10> k_digits{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  if (n < 1 || n > 99) return std::to_string(n);
  if (n < 10) return std::string(k_digits[static_cast<std::size_t>(n)]);
  const int tens = n / 10, ones = n % 10;
  return std::string(tens == 1 ? "" : k_digits[static_cast<std::size_t>(tens)]) + "十" + std::string(k_digits[static_cast<std::size_t>(ones)]);
}

NameBook::NameBook(Rng rng) : m_rng(rng) {
  for (const auto root : k_township_roots) m_township_roots.emplace_back(root);
  m_rng.shuffle(m_township_roots.begin(), m_township_roots.end());
}

bool NameBook::reserve(const std::string& name) { return m_used.insert(name).second; }

std::string NameBook::numbered(const std::string& root, const std::string& suffix) {
  for (int k = 2;; ++k) {
    const std::string name = root + chinese_number(k) + suffix;
    if (reserve(name)) return name;
  }
}

std::string NameBook::township_name(const std::string& suffix) {
  // A root whose township, village and community forms are all free, so that the seat village can
  // carry the township's name (石桥镇 -> 石桥社区, 青龙乡 -> 青龙村) without a clash.
  const auto free_root = [&](const std::string& root) {
    return !used(root + "镇") && !used(root + "乡") && !used(root + "村") && !used(root + "社区") && !used(root + "街道");
  };
  while (m_next_root < m_township_roots.size()) {
    const std::string root = m_township_roots[m_next_root++];
    if (!free_root(root)) continue;
    reserve(root + suffix);
    return root;
  }
  for (int attempt = 0; attempt < 200; ++attempt) {
    const std::string root = std::string(pick(k_village_heads, m_rng)) + std::string(pick(k_plain_tails, m_rng));
    if (!free_root(root)) continue;
    reserve(root + suffix);
    return root;
  }
  const std::string base = std::string(pick(k_township_roots, m_rng));
  for (int k = 2;; ++k) {
    const std::string root = base + chinese_number(k);
    if (!free_root(root)) continue;
    reserve(root + suffix);
    return root;
  }
}

std::string NameBook::ethnic_township_name(const std::string& suffix) {
  for (std::size_t i = 0; i < k_ethnic_roots.size(); ++i) {
    const std::string root(k_ethnic_roots[(i + m_rng.below(k_ethnic_roots.size())) % k_ethnic_roots.size()]);
    if (!used(root + "村") && reserve(root + suffix)) return root;
  }
  return township_name(suffix);
}

std::string NameBook::subdistrict_name(int direction) {
  const std::size_t d = static_cast<std::size_t>(((direction % 4) + 4) % 4);
  for (const std::size_t i : {d, d + 4}) {
    const std::string name = std::string(k_subdistrict_directions[i]) + "街道";
    if (reserve(name)) return name;
  }
  for (std::size_t i = 0; i < k_subdistrict_roots.size(); ++i) {
    const std::string name = std::string(k_subdistrict_roots[(i + m_rng.below(k_subdistrict_roots.size())) % k_subdistrict_roots.size()]) + "街道";
    if (reserve(name)) return name;
  }
  return numbered(std::string(k_subdistrict_roots[0]), "街道");
}

std::string NameBook::community_name() {
  for (int attempt = 0; attempt < 60; ++attempt) {
    const std::string name = std::string(pick(k_community_roots, m_rng)) + "社区";
    if (reserve(name)) return name;
  }
  return numbered(std::string(pick(k_community_roots, m_rng)), "社区");
}

std::string NameBook::village_name(Landform landform) {
  const auto tail = [&]() -> std::string_view {
    // Mostly the landform's endings, sometimes any: names outlive the landscape that gave them.
    const Landform form = m_rng.uniform() < 0.8 ? landform : static_cast<Landform>(m_rng.below(3));
    switch (form) {
      case Landform::river: return pick(k_river_tails, m_rng);
      case Landform::mountain: return pick(k_mountain_tails, m_rng);
      case Landform::plain: break;
    }
    return pick(k_plain_tails, m_rng);
  };
  for (int attempt = 0; attempt < 40; ++attempt) {
    const std::string name = std::string(pick(k_village_heads, m_rng)) + std::string(tail()) + "村";
    if (reserve(name)) return name;
  }
  for (int attempt = 0; attempt < 40; ++attempt) {
    const std::string name = std::string(pick(k_village_heads, m_rng)) + std::string(pick(k_village_heads, m_rng)) + std::string(tail()) + "村";
    if (reserve(name)) return name;
  }
  return numbered(std::string(pick(k_village_heads, m_rng)) + std::string(tail()), "村");
}

}  // namespace quhua::synthetic::detail
