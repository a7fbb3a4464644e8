// version.hpp: the extension's version, reported by ords_security_version().
#pragma once
#define ORDS_SECURITY_VERSION "0.1.0"
