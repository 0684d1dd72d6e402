// service::rank_keytowns: indicators table -> decision matrix -> weights -> scores -> ranks ->
// constrained top-K -> optional Monte Carlo robustness.
#include "quhua/io/spreadsheet_reader.hpp"
#include "quhua/service/keytowns.hpp"
#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

#include <algorithm>

namespace quhua::service {

RankMethod parse_rank_method(const std::string& text) {
  const std::string t = util::to_lower_ascii(util::trim(text));
  const auto dash = t.rfind('-');
  RankMethod method;
  bool ok = dash != std::string::npos;
  if (ok) {
    const std::string weights = t.substr(0, dash), ranker = t.substr(dash + 1);
    if (weights == "entropy") {
      method.weights = WeightSource::entropy;
    } else if (weights == "ahp") {
      method.weights = WeightSource::ahp;
    } else if (weights == "weights" || weights == "given") {
      method.weights = WeightSource::given;
    } else if (weights == "combined") {
      method.weights = WeightSource::combined;
    } else {
      ok = false;
    }
    if (ranker == "topsis") {
      method.ranker = Ranker::topsis;
    } else if (ranker == "wsm" || ranker == "saw") {
      method.ranker = Ranker::weighted_sum;
    } else {
      ok = false;
    }
  }
  if (!ok) {
    throw UsageError("unknown method '" + text +
                     "' (use entropy-topsis, ahp-topsis, weights-topsis, combined-topsis, or the -wsm variants)");
  }
  return method;
}

std::string rank_method_name(const RankMethod& method) {
  std::string weights;
  switch (method.weights) {
    case WeightSource::entropy:
      weights = "entropy";
      break;
    case WeightSource::ahp:
      weights = "ahp";
      break;
    case WeightSource::given:
      weights = "weights";
      break;
    case WeightSource::combined:
      weights = "combined";
      break;
  }
  return weights + (method.ranker == Ranker::topsis ? "-topsis" : "-wsm");
}

namespace {

/// AHP weights in the matrix's indicator order: the pairwise matrix's labels must be exactly the
/// indicators (any order).
std::vector<double> ahp_weights_for(const mcda::DecisionMatrix& matrix, const mcda::PairwiseMatrix& pairwise,
                                    const mcda::AhpResult& ahp) {
  std::vector<double> out(matrix.cols(), 0.0);
  std::vector<bool> seen(matrix.cols(), false);
  for (std::size_t k = 0; k < pairwise.size(); ++k) {
    const auto j = matrix.indicator_index(pairwise.labels[k]);
    if (!j) {
      throw InputError(ErrorCode::input_value,
                       "AHP label '" + pairwise.labels[k] + "' is not an indicator of " + matrix.source,
                       ErrorContext{pairwise.name, "", "", pairwise.labels[k]});
    }
    out[*j] = ahp.weights[k];
    seen[*j] = true;
  }
  for (std::size_t j = 0; j < matrix.cols(); ++j) {
    if (!seen[j]) {
      throw InputError(ErrorCode::input_missing,
                       "the AHP matrix has no row for indicator '" + matrix.indicators[j].name + "'",
                       ErrorContext{pairwise.name, "", "", matrix.indicators[j].name});
    }
  }
  return out;
}

// The candidates of a unit layer: its units of the requested types, with resident population, area and
// the layer's own indicators (or those named). A unit lacking a value is an input error naming it.
mcda::DecisionMatrix matrix_from_units(const RankRequest& request, Findings& findings) {
  auto imported = import_units(*request.units);
  findings.append(imported.findings);
  auto& all = imported.units;
  model::UnitTable candidates;
  std::vector<std::size_t> columns;
  for (const auto& name : all.indicator_names()) columns.push_back(candidates.add_indicator(name));
  for (model::UnitId id = 0; id < all.size(); ++id) {
    auto& unit = all[id];
    const bool wanted = request.unit_types.empty() ||
                        std::any_of(request.unit_types.begin(), request.unit_types.end(), [&](const auto& label) {
                          return model::type_matches(label, unit.type, unit.type_label);
                        });
    if (!wanted) continue;
    unit.geometry = {};  // ranking needs the figures, not the shapes (and the table is ours to strip)
    const auto to = candidates.add(std::move(unit));
    for (std::size_t c = 0; c < columns.size(); ++c) candidates.set_indicator(columns[c], to, all.indicator(c, id));
  }
  if (candidates.empty()) {
    throw UsageError("--units " + request.units->units_path + ": no unit of the types given (--types)");
  }
  auto indicators = request.columns.indicators;
  if (indicators.empty()) {
    indicators = {"resident_population", "area_km2"};
    for (const auto& name : all.indicator_names()) {
      // area_km2 read from the layer is the same figure as the unit's area.
      if (name != "area_km2") indicators.push_back(name);
    }
  }
  for (const auto& name : indicators) {
    const bool known = name == "resident_population" || name == "registered_population" || name == "area_km2" ||
                       candidates.indicator_index(name);
    if (!known) {
      throw InputError(ErrorCode::input_missing, "no indicator '" + name + "' in the units",
                       ErrorContext{request.units->units_path, "", "", name});
    }
  }
  return mcda::decision_matrix_from_units(candidates, indicators, request.columns.directions,
                                         request.units->units_path);
}

}  // namespace

RankResult rank_keytowns(const RankRequest& request, const RunControl& control) {
  RankResult out;
  out.request = request;
  const RankMethod method = request.method;
  if (request.units) {
    out.matrix = matrix_from_units(request, out.findings);
  } else {
    if (request.indicators_path.empty()) throw UsageError("give --indicators FILE or --units FILE");
    io::TableReadOptions read;
    read.sheet = request.sheet;
    out.matrix = mcda::decision_matrix_from_table(io::read_table(request.indicators_path, read), request.columns,
                                                  request.indicators_path);
  }
  const auto& matrix = out.matrix;

  if (method.ranker == Ranker::weighted_sum) {
    if (request.normalization && *request.normalization != mcda::Normalization::min_max) {
      throw UsageError("the weighted sum uses min-max normalisation (scores on one 0..1 scale); drop --normalization");
    }
    out.normalization = mcda::Normalization::min_max;
  } else {
    out.normalization = request.normalization.value_or(mcda::Normalization::vector);
  }

  // Weights.
  const bool wants_entropy = method.weights == WeightSource::entropy || method.weights == WeightSource::combined;
  const bool wants_ahp =
      method.weights == WeightSource::ahp || (method.weights == WeightSource::combined && !request.ahp_path.empty());
  const bool wants_given =
      method.weights == WeightSource::given || (method.weights == WeightSource::combined && request.ahp_path.empty());
  if (wants_ahp && request.ahp_path.empty())
    throw UsageError("method " + rank_method_name(method) + " needs --ahp FILE");
  if (method.weights == WeightSource::combined && !request.ahp_path.empty() && !request.weights.empty()) {
    throw UsageError("combined weights take one subjective vector: --ahp FILE or --weights, not both");
  }
  if (wants_given && request.weights.empty()) {
    throw UsageError("method " + rank_method_name(method) + " needs --weights NAME=W,..." +
                     (method.weights == WeightSource::combined ? " or --ahp FILE" : ""));
  }
  if (!wants_given && !request.weights.empty()) {
    throw UsageError("--weights is only used by weights-* and combined-* methods");
  }
  if (!wants_ahp && !request.ahp_path.empty()) throw UsageError("--ahp is only used by ahp-* and combined-* methods");

  std::vector<double> subjective;
  if (wants_entropy) out.entropy = mcda::entropy_weights(matrix, request.entropy_basis);
  if (wants_ahp) {
    out.ahp_matrix = mcda::pairwise_from_table(io::read_table(request.ahp_path), request.ahp_path);
    out.ahp = mcda::ahp_priorities(*out.ahp_matrix, request.ahp);
    mcda::require_consistent(*out.ahp_matrix, *out.ahp, request.ahp);
    subjective = ahp_weights_for(matrix, *out.ahp_matrix, *out.ahp);
  }
  if (wants_given) {
    out.given = mcda::given_weights(matrix, request.weights);
    subjective = out.given;
  }
  switch (method.weights) {
    case WeightSource::entropy:
      out.weights = out.entropy->weights;
      break;
    case WeightSource::ahp:
    case WeightSource::given:
      out.weights = subjective;
      break;
    case WeightSource::combined:
      out.weights = request.combination == Combination::linear
                        ? mcda::combine_linear(subjective, out.entropy->weights, request.alpha)
                        : mcda::combine_multiplicative(subjective, out.entropy->weights);
      break;
  }

  // Scores on one normalised matrix (the robustness draws reuse it).
  const mcda::NormalizedMatrix normalized = mcda::normalize(matrix, out.normalization);
  mcda::ScoreFunction score;
  if (method.ranker == Ranker::topsis) {
    score = [&matrix, normalized](const std::vector<double>& w) {
      return mcda::topsis(matrix, normalized, w).closeness;
    };
    out.topsis = mcda::topsis(matrix, normalized, out.weights);
    out.scores = out.topsis->closeness;
  } else {
    score = [normalized](const std::vector<double>& w) { return mcda::weighted_sum(normalized, w); };
    out.scores = score(out.weights);
  }
  out.ranks = mcda::ranks_from_scores(out.scores);
  out.order = mcda::order_by_score(out.scores, matrix.codes);
  out.selection = mcda::select_top_k(request.selection, matrix.codes, matrix.parents, out.scores, out.order);
  out.findings.append(out.selection.findings);
  if (request.selection.max_per_parent > 0) {
    const auto without_parent = std::count(matrix.parents.begin(), matrix.parents.end(), std::string());
    if (without_parent > 0) {
      out.findings.add(
          Severity::warning, "no_parent",
          std::to_string(without_parent) +
              " units have no parent code, so --max-per-parent does not limit them (give a parent column)");
    }
  }
  if (request.robustness_samples > 0) {
    mcda::RobustnessOptions options = request.robustness;
    options.samples = request.robustness_samples;
    out.robustness =
        mcda::weight_robustness(score, out.weights, matrix.codes, matrix.parents, request.selection, options, control);
    out.findings.append(out.robustness->findings);
  }
  return out;
}

}  // namespace quhua::service
