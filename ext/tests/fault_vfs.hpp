// fault_vfs.hpp: a test VFS that fails the Nth file operation (issue 13, I/O faults).
//
// fault::install() registers the VFS "ords_fault" (not the default) on top of the default unix
// VFS. Every file it opens forwards to the real one, except that xRead, xWrite, xSync and
// xTruncate count themselves while the shim is armed; the op that brings the count to `fail_at`
// fails with the error of its kind (SQLITE_IOERR_READ / _WRITE / _FSYNC / _TRUNCATE) or with
// SQLITE_FULL, and, when `sticky`, so does every counted op after it until disarm() (a disk
// that stays broken or full); otherwise only that one op fails (a transient error). SQLite's own
// tests (test_vfs.c, "ioerr") do the same; this one lives in the unit-test binary only.
//
//   fault::arm(n, mode, sticky)   from now, the nth counted op fails (n >= 1)
//   fault::disarm()               stop failing and counting; returns true if a fault fired
//   fault::state().ops            how many counted ops ran since arm()
//
// Only connections opened with the VFS name "ords_fault" are affected (open_v2's last argument).
#pragma once
#include <sqlite3.h>

#include <cstring>

namespace fault {

// Which ops count, and what they fail with.
enum class Mode {
  AnyIoErr,   // read, write, sync, truncate all count; each fails with its own SQLITE_IOERR_*
  WriteFull,  // writes and truncates count; they fail with SQLITE_FULL (a full disk)
};

struct State {
  bool armed = false;
  bool sticky = false;
  bool fired = false;
  Mode mode = Mode::AnyIoErr;
  long fail_at = 0;
  long ops = 0;
  long faults = 0;  // total faults injected since the program started (for the figures)
};

inline State& state() {
  static State s;
  return s;
}

inline void arm(long n, Mode mode, bool sticky) {
  State& s = state();
  s.armed = true;
  s.sticky = sticky;
  s.fired = false;
  s.mode = mode;
  s.fail_at = n;
  s.ops = 0;
}

inline bool disarm() {
  State& s = state();
  s.armed = false;
  return s.fired;
}

namespace detail {

enum class Op { Read, Write, Sync, Truncate };

// SQLITE_OK to go on, or the error to return.
inline int check(Op op) {
  State& s = state();
  if (!s.armed) return SQLITE_OK;
  if (s.mode == Mode::WriteFull && op != Op::Write && op != Op::Truncate) return SQLITE_OK;
  if (s.fired && s.sticky) {
    s.faults++;
    goto fail;
  }
  if (s.fired) return SQLITE_OK;
  if (++s.ops < s.fail_at) return SQLITE_OK;
  s.fired = true;
  s.faults++;
fail:
  if (s.mode == Mode::WriteFull) return SQLITE_FULL;
  switch (op) {
    case Op::Read: return SQLITE_IOERR_READ;
    case Op::Write: return SQLITE_IOERR_WRITE;
    case Op::Sync: return SQLITE_IOERR_FSYNC;
    case Op::Truncate: return SQLITE_IOERR_TRUNCATE;
  }
  return SQLITE_IOERR;
}

struct File {
  sqlite3_file base;
  sqlite3_file* real;  // allocated right after this struct
};

inline sqlite3_file* real(sqlite3_file* f) { return reinterpret_cast<File*>(f)->real; }

inline int xClose(sqlite3_file* f) {
  sqlite3_file* r = real(f);
  int rc = r->pMethods ? r->pMethods->xClose(r) : SQLITE_OK;
  return rc;
}
inline int xRead(sqlite3_file* f, void* p, int n, sqlite3_int64 off) {
  if (int e = check(Op::Read)) return e;
  return real(f)->pMethods->xRead(real(f), p, n, off);
}
inline int xWrite(sqlite3_file* f, const void* p, int n, sqlite3_int64 off) {
  if (int e = check(Op::Write)) return e;
  return real(f)->pMethods->xWrite(real(f), p, n, off);
}
inline int xTruncate(sqlite3_file* f, sqlite3_int64 size) {
  if (int e = check(Op::Truncate)) return e;
  return real(f)->pMethods->xTruncate(real(f), size);
}
inline int xSync(sqlite3_file* f, int flags) {
  if (int e = check(Op::Sync)) return e;
  return real(f)->pMethods->xSync(real(f), flags);
}
inline int xFileSize(sqlite3_file* f, sqlite3_int64* size) { return real(f)->pMethods->xFileSize(real(f), size); }
inline int xLock(sqlite3_file* f, int l) { return real(f)->pMethods->xLock(real(f), l); }
inline int xUnlock(sqlite3_file* f, int l) { return real(f)->pMethods->xUnlock(real(f), l); }
inline int xCheckReservedLock(sqlite3_file* f, int* out) {
  return real(f)->pMethods->xCheckReservedLock(real(f), out);
}
inline int xFileControl(sqlite3_file* f, int op, void* arg) {
  return real(f)->pMethods->xFileControl(real(f), op, arg);
}
inline int xSectorSize(sqlite3_file* f) { return real(f)->pMethods->xSectorSize(real(f)); }
inline int xDeviceCharacteristics(sqlite3_file* f) { return real(f)->pMethods->xDeviceCharacteristics(real(f)); }
inline int xShmMap(sqlite3_file* f, int pg, int sz, int extend, void volatile** p) {
  return real(f)->pMethods->xShmMap(real(f), pg, sz, extend, p);
}
inline int xShmLock(sqlite3_file* f, int off, int n, int flags) {
  return real(f)->pMethods->xShmLock(real(f), off, n, flags);
}
inline void xShmBarrier(sqlite3_file* f) { real(f)->pMethods->xShmBarrier(real(f)); }
inline int xShmUnmap(sqlite3_file* f, int del) { return real(f)->pMethods->xShmUnmap(real(f), del); }
inline int xFetch(sqlite3_file* f, sqlite3_int64 off, int n, void** p) {
  *p = nullptr;  // no memory-mapped reads: every read goes through xRead and is counted
  return SQLITE_OK;
}
inline int xUnfetch(sqlite3_file* f, sqlite3_int64 off, void* p) { return SQLITE_OK; }

inline const sqlite3_io_methods* methods() {
  static const sqlite3_io_methods m = {
      3,          xClose,     xRead,        xWrite,     xTruncate, xSync,       xFileSize, xLock,
      xUnlock,    xCheckReservedLock,       xFileControl, xSectorSize, xDeviceCharacteristics,
      xShmMap,    xShmLock,   xShmBarrier,  xShmUnmap,  xFetch,    xUnfetch,
  };
  return &m;
}

inline sqlite3_vfs*& base_vfs() {
  static sqlite3_vfs* v = nullptr;
  return v;
}

inline int xOpen(sqlite3_vfs* vfs, const char* name, sqlite3_file* f, int flags, int* out_flags) {
  File* ff = reinterpret_cast<File*>(f);
  ff->real = reinterpret_cast<sqlite3_file*>(ff + 1);
  std::memset(ff->real, 0, static_cast<size_t>(base_vfs()->szOsFile));
  int rc = base_vfs()->xOpen(base_vfs(), name, ff->real, flags, out_flags);
  // SQLite calls xClose whenever pMethods is set, even after a failed open.
  f->pMethods = ff->real->pMethods ? methods() : nullptr;
  return rc;
}
inline int xDelete(sqlite3_vfs*, const char* name, int sync) { return base_vfs()->xDelete(base_vfs(), name, sync); }
inline int xAccess(sqlite3_vfs*, const char* name, int flags, int* out) {
  return base_vfs()->xAccess(base_vfs(), name, flags, out);
}
inline int xFullPathname(sqlite3_vfs*, const char* name, int n, char* out) {
  return base_vfs()->xFullPathname(base_vfs(), name, n, out);
}
inline void* xDlOpen(sqlite3_vfs*, const char* name) { return base_vfs()->xDlOpen(base_vfs(), name); }
inline void xDlError(sqlite3_vfs*, int n, char* out) { base_vfs()->xDlError(base_vfs(), n, out); }
inline void (*xDlSym(sqlite3_vfs*, void* h, const char* sym))(void) { return base_vfs()->xDlSym(base_vfs(), h, sym); }
inline void xDlClose(sqlite3_vfs*, void* h) { base_vfs()->xDlClose(base_vfs(), h); }
inline int xRandomness(sqlite3_vfs*, int n, char* out) { return base_vfs()->xRandomness(base_vfs(), n, out); }
inline int xSleep(sqlite3_vfs*, int us) { return base_vfs()->xSleep(base_vfs(), us); }
inline int xCurrentTime(sqlite3_vfs*, double* t) { return base_vfs()->xCurrentTime(base_vfs(), t); }
inline int xGetLastError(sqlite3_vfs*, int n, char* out) { return base_vfs()->xGetLastError(base_vfs(), n, out); }
inline int xCurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* t) {
  return base_vfs()->xCurrentTimeInt64(base_vfs(), t);
}

}  // namespace detail

constexpr const char* kVfsName = "ords_fault";

// Registers the VFS once (idempotent); true when it is there.
inline bool install() {
  if (sqlite3_vfs_find(kVfsName)) return true;
  sqlite3_vfs* base = sqlite3_vfs_find(nullptr);
  if (!base) return false;
  detail::base_vfs() = base;
  static sqlite3_vfs v;
  std::memset(&v, 0, sizeof v);
  v.iVersion = 2;
  v.szOsFile = static_cast<int>(sizeof(detail::File)) + base->szOsFile;
  v.mxPathname = base->mxPathname;
  v.zName = kVfsName;
  v.xOpen = detail::xOpen;
  v.xDelete = detail::xDelete;
  v.xAccess = detail::xAccess;
  v.xFullPathname = detail::xFullPathname;
  v.xDlOpen = detail::xDlOpen;
  v.xDlError = detail::xDlError;
  v.xDlSym = detail::xDlSym;
  v.xDlClose = detail::xDlClose;
  v.xRandomness = detail::xRandomness;
  v.xSleep = detail::xSleep;
  v.xCurrentTime = detail::xCurrentTime;
  v.xGetLastError = detail::xGetLastError;
  v.xCurrentTimeInt64 = detail::xCurrentTimeInt64;
  return sqlite3_vfs_register(&v, 0) == SQLITE_OK;
}

}  // namespace fault
