// Chiller performance models. Sources beside each coefficient; checks in tests/test_cooling.cpp.
#include "cooling/chiller.hpp"

#include <algorithm>

namespace dcload::detail {

double chiller_cop_lm(double t_cond_in_c, double plr) {
  // COP = 16.798751 + 0.008840 t² − 8.528931 L² + 9.885294 L − 0.760621 t + 0.084615 L t
  // (Lei & Masanet 2020; tool nuoaleon/Data-center-PUE-prediction-tool@11663ab7). Checks
  // (datacenter-models.md b.7): 5.8 at L = 1, t = 30 °C; 8.2 at L = 1, t = 20 °C.
  const double t = t_cond_in_c, l = plr;
  return 16.798751 + 0.008840 * t * t - 8.528931 * l * l + 9.885294 * l - 0.760621 * t +
         0.084615 * l * t;
}

double chiller_eirfplr(double plr) {
  // DOE-2.1E reference centrifugal chiller EIRFPLR = 0.222903 + 0.313387·plr + 0.46371·plr²
  // (EnergyPlus Input-Output Reference example Chiller:Electric:EIR curve set, as quoted in
  // /work/shared/reference/datacenter-models.md b.2); sum of coefficients = 1.000000.
  return 0.222903 + 0.313387 * plr + 0.46371 * plr * plr;
}

double chiller_cop_carnot(double evap_leaving_c, double cond_leaving_c, double plr) {
  constexpr double kMinLiftK = 5.0;  // assumption, see chiller.hpp
  const double lift = std::max(cond_leaving_c - evap_leaving_c, kMinLiftK);
  const double cop_full = kCarnotEfficiency * (evap_leaving_c + 273.15) / lift;
  // Below 5 % load the unit cycles: minimum PLR 0.05 (EnergyPlus Chiller:Electric example
  // quoted in datacenter-models.md, HPE Green-DCC).
  const double p = std::clamp(plr, 0.05, 1.0);
  return cop_full * p / chiller_eirfplr(p);
}

}  // namespace dcload::detail
