// Sampling designs and the statistics of a sweep: unit-cube designs (Monte Carlo, Latin
// hypercube, Sobol' with Saltelli's radial layout), marginal quantile functions, and the
// Sobol' sensitivity estimators with bootstrap intervals. No sites here: the same code is
// checked on analytic test functions (tests/test_sweep.cpp: Ishigami, Sobol' g-function).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "dcload/sweep.hpp"

namespace dcload::detail {

/// Points in the unit cube, row-major: rows × dims values in (0, 1).
struct Design {
  std::size_t rows = 0, dims = 0;
  std::vector<double> u;
  double at(std::size_t row, std::size_t dim) const { return u[row * dims + dim]; }
};

/// n independent uniform points (std::mt19937_64, fully specified by the C++ standard, so a
/// seed gives the same points on every platform).
Design random_design(std::size_t n, std::size_t dims, std::uint64_t seed);

/// Latin hypercube (McKay, Beckman & Conover, Technometrics 21 (1979) 239–245): each dimension's
/// n points fall one in each stratum [k/n, (k+1)/n), the strata in random order, the point
/// uniform within its stratum.
Design lhs_design(std::size_t n, std::size_t dims, std::uint64_t seed);

/// The first n points of the Sobol' sequence (Boost.Random `sobol`, Joe & Kuo direction
/// numbers) in `dims` dimensions, randomized by a digital shift (each coordinate's bits XORed
/// with a random word per dimension, drawn from `seed`): the shift keeps the (t,m,s)-net
/// structure, removes the all-zero first point and gives each seed its own sequence.
Design sobol_design(std::size_t n, std::size_t dims, std::uint64_t seed);

/// Saltelli's layout (Saltelli et al., "Variance based sensitivity analysis of model output",
/// Comput. Phys. Commun. 181 (2010) 259–270, §3; the layout of SALib's saltelli.sample without
/// second order): from one Sobol' design of 2·d dimensions, matrices A (first d) and B (last
/// d); for each base point j the rows A_j, AB_j^1 … AB_j^d (A_j with column i from B_j), B_j:
/// n·(d + 2) rows.
Design saltelli_design(std::size_t n, std::size_t d, std::uint64_t seed);

/// A factor's quantile function: u in (0, 1) → a value in the factor's unit, or (kValues,
/// kDiscrete) the index of a value.
double quantile(const SweepFactor& factor, double u);

/// First-order and total Sobol' indices of one output from model values in Saltelli's layout
/// (saltelli_design order, n·(d + 2) values; NaN marks a failed run and drops its base point):
///   V   = variance of all f(A) and f(B),
///   S1_i = mean(f(B)·(f(AB^i) − f(A))) / V           (Saltelli et al. 2010, Table 2 (b)),
///   ST_i = mean((f(A) − f(AB^i))²) / (2 V)           (Jansen 1999; Saltelli 2010, Table 2 (f)).
/// on outputs centred by their mean (same expectations, far smaller estimator variance when the
/// mean dwarfs the spread). Intervals: percentile bootstrap over the base points (`resamples`,
/// at `confidence`).
struct SobolEstimate {
  std::vector<double> s1, s1_low, s1_high, st, st_low, st_high;
  std::size_t used = 0;  ///< base points without a failed run
};
SobolEstimate sobol_indices(std::span<const double> f, std::size_t n, std::size_t d,
                            std::size_t resamples, double confidence, std::uint64_t seed);

/// Quantile p of sorted values, linear between order statistics (Hyndman & Fan type 7, the
/// default of R and NumPy).
double sorted_quantile(std::span<const double> sorted, double p);

/// A stream seed for one purpose derived from the user's seed (SplitMix64, Steele et al.,
/// OOPSLA 2014), so designs, bootstraps and sites do not share random numbers.
std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t purpose);

}  // namespace dcload::detail
