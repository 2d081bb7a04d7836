#include "cli/args.hpp"

#include <fstream>

#include "dcload/error.hpp"
#include "dcload/output.hpp"

namespace dcload::cli {

const std::vector<std::string>& Args::all(const std::string& o) const {
  static const std::vector<std::string> none;
  auto it = options.find(o);
  return it == options.end() ? none : it->second;
}

std::string Args::value(const std::string& o, const std::string& fallback) const {
  const auto& v = all(o);
  return v.empty() ? fallback : v.back();
}

Args parse_args(int argc, char** argv, int first, const std::set<std::string>& flag_names,
                const std::set<std::string>& option_names) {
  Args a;
  for (int i = first; i < argc; ++i) {
    std::string s = argv[i];
    if (s.size() > 2 && s.rfind("--", 0) == 0) {
      std::string name = s, value;
      bool has_value = false;
      const auto eq = s.find('=');
      if (eq != std::string::npos) {
        name = s.substr(0, eq);
        value = s.substr(eq + 1);
        has_value = true;
      }
      if (flag_names.count(name)) {
        if (has_value) throw UsageError(name + " takes no value");
        a.flags.insert(name);
      } else if (option_names.count(name)) {
        if (!has_value) {
          if (i + 1 >= argc) throw UsageError(name + " needs a value");
          value = argv[++i];
        }
        a.options[name].push_back(value);
      } else {
        throw UsageError("unknown option " + name);
      }
    } else if (s == "-h") {
      a.flags.insert("--help");
    } else {
      a.positional.push_back(s);
    }
  }
  return a;
}

std::string command_line(int argc, char** argv) {
  std::string o = "dcload";
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    o += ' ';
    if (arg.find_first_of(" \t\"'") == std::string::npos) {
      o += arg;
    } else {
      o += '"';
      for (char c : arg) {
        if (c == '"' || c == '\\') o += '\\';
        o += c;
      }
      o += '"';
    }
  }
  return o;
}

void write_text(const OutputFolder& folder, const std::string& name, const std::string& text) {
  std::ofstream f(folder.path(name), std::ios::binary | std::ios::trunc);
  f << text;
  f.flush();
  if (!f) throw ConfigError(folder.path(name).string(), 0, 0, "", "writing failed (disk full?)");
}

}  // namespace dcload::cli
