#include "quhua/model/road_network.hpp"

namespace quhua::model {

double RoadNetwork::total_length_m() const {
  double total = 0;
  for (const auto& piece : pieces) total += piece.length_m;
  return total;
}

}  // namespace quhua::model
