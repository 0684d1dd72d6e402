// The `quhua` command: parse flags into a request, call the service, print. See app/cli/cli.cpp.
#include "cli.hpp"

int main(int argc, char** argv) { return quhua::cli::run(argc, argv); }
