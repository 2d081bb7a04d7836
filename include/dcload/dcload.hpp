#pragma once
/// \file dcload.hpp
/// Everything a library user needs: units, errors, sites, weather and psychrometrics, runs.
#include "dcload/capacity.hpp"
#include "dcload/error.hpp"
#include "dcload/flex.hpp"
#include "dcload/interconnect.hpp"
#include "dcload/optimize.hpp"
#include "dcload/sweep.hpp"
#include "dcload/swing.hpp"
#include "dcload/output.hpp"
#include "dcload/report.hpp"
#include "dcload/resilience.hpp"
#include "dcload/run.hpp"
#include "dcload/site.hpp"
#include "dcload/units.hpp"
#include "dcload/version.hpp"
#include "dcload/weather.hpp"
