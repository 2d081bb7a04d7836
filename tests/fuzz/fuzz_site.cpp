// Harness "site": the input is the text of a site file, read by dcload::load_site_from_string
// as if it were <scratch>/site/input.toml (so `extends = "ulsan.toml"` and "../ulsan.toml"
// resolve, see fuzz_support.hpp). A ConfigError is the expected answer to bad input; any
// other exception, a crash, a leak or undefined behaviour is a finding.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "dcload/site.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string name = (dcload::fuzz::scratch_dir() / "site" / "input.toml").string();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  dcload::fuzz::guarded([&] {
    const dcload::Site site = dcload::load_site_from_string(text, name);
    (void)site.design_it_power();
  });
  return 0;
}
