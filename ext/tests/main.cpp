// main.cpp: the Catch2 runner of the unit tests (build/unit_tests).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
