// write_group.hpp: group commit for the gateway's OAuth calls. oauth_token and its siblings take
// SQLite's write lock, so they run one at a time whoever calls them, and in WAL mode the commit
// costs several times the call's own work (docs/benchmarks.md). So one thread of the gateway,
// the writer, makes them all: a worker queues its call and waits; the writer takes every call
// queued (up to kMaxBatch) and runs them together on its own connection inside one
// BEGIN IMMEDIATE ... COMMIT, each call in its own savepoint (the extension's, as for any call
// inside a caller's transaction), so one call's failure changes nothing of the others. Nobody is
// answered before the COMMIT: an answer never carries a token that is not in the database.
// While the writer runs one group the next one queues, so the busier the gateway the larger the
// groups; an idle gateway runs each call alone, as soon as it comes. (Running a call on its own
// worker's thread when nothing else is queued saves two thread switches but made fewer and
// smaller groups: it measured slower at 8 connections, so it is not done.)
//
// WriteGroup knows nothing of SQL: the Runner (WorkerDb::run_group, worker_db.cpp) does the work.
#pragma once
#include <chrono>
#include <cstdint>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace gw {

class WriteGroup {
 public:
  static constexpr size_t kMaxBatch = 32;

  // One call waiting for a group: what to call (the runner's business), and its outcome.
  struct Job {
    int fn = 0;
    const std::vector<std::pair<const char*, std::optional<std::string>>>* fields = nullptr;
    std::string json;          // the call's answer, set by the runner
    std::exception_ptr error;  // or what it threw
    bool taken = false, done = false;  // under the group's mutex
    std::condition_variable cv;  // the writer tells this job's worker, and no other, it is done
  };
  // Runs a group on the writer thread: sets json or error of each job.
  using Runner = std::function<void(std::vector<Job*>&)>;

  ~WriteGroup();  // stops the writer thread after the group it is running, if any

  // Starts the writer thread with `run`, once (later calls do nothing).
  void start(Runner run);
  // Queues `job` for the writer (started) and returns once it is done: true. False, with the job
  // taken out of the queue, when the writer had not taken it into a group before `deadline`
  // (it spent that long on others or on another process's lock).
  bool submit(Job& job, std::chrono::steady_clock::time_point deadline);

  // How many calls the writer has run, in how many groups (logged when the gateway stops).
  std::pair<uint64_t, uint64_t> calls_and_groups();

 private:
  void writer_loop();
  void run_group(std::vector<Job*>& group);  // run_, made to answer every job whatever it throws

  std::mutex m_;
  std::condition_variable work_;  // the writer waits here for calls
  std::deque<Job*> queue_;
  Runner run_;
  std::thread writer_;
  bool stopping_ = false;
  uint64_t calls_ = 0, groups_ = 0;
};

}  // namespace gw
